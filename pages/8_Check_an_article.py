"""Check an article: paste or upload any article and see which of its sentences make a claim already checked."""

import streamlit as st

from ui.check import render
from ui.frame import page_setup

v, filters = page_setup("check")
st.title("Check an article")
render(v)
