"""The baseline for benchmarks/pages.py: a bare page with one metric and one small Plotly chart."""

import plotly.graph_objects as go
import streamlit as st

st.metric("Baseline", "42")
st.plotly_chart(go.Figure(go.Scatter(x=[2021, 2022, 2023], y=[140, 180, 230])))
