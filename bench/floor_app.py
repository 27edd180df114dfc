"""The floor: one Streamlit page with one plotly chart, the least a dashboard page can cost."""

import plotly.graph_objects as go
import streamlit as st

st.title("Floor")
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[2, 1, 3], mode="markers")), key="floor")
