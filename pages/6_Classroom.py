"""Classroom: a quiz where students rate claims before the answer, a presenter's story, and a printable handout."""

import streamlit as st

from ui.classroom import handout, present, quiz
from ui.frame import page_setup, url_value, view_picker

MODES = {"quiz": "Quiz", "present": "Presenter", "handout": "Handout"}
# The presenter opens with the sidebar closed: the slide gets the whole projector.
# The mode's value from the last run counts too: a control may have taken it out of the address.
presenting = url_value("mode") in ("present", MODES["present"]) or st.session_state.get("mode") == "present"
v, filters = page_setup("classroom", sidebar="collapsed" if presenting else "auto")
mode = view_picker("mode", MODES, "quiz", label="Mode")
if mode == "present":
    present(v)
elif mode == "quiz":
    quiz(v, filters)
else:
    handout(v, filters)
st.stop()
