"""Methods and data: how the data were made, the scales, the data dictionary, downloads, citation and licences.

The page's prose is claimcheck/texts/methods.md; its tables and downloads are drawn by ui/methods.py.
"""

import streamlit as st

from ui.frame import page_setup
from ui.methods import render

v, filters = page_setup("methods")
st.title("Methods and data")
render(v)
