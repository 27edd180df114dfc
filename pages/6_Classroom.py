"""Classroom: a quiz where students rate claims before the answer, a presenter's story, and a printable handout."""

import streamlit as st

from ui.classroom import MODES, handout, present, presenting, quiz
from ui.frame import page_setup, view_picker

# The presenter opens with the sidebar closed: the slide gets the whole projector.
v, filters = page_setup("classroom", sidebar="collapsed" if presenting() else "auto")
mode = view_picker("mode", MODES, "quiz", label="Mode")
if mode == "present":
    present(v)
elif mode == "quiz":
    quiz(v, filters)
else:
    handout(v, filters)
st.stop()
