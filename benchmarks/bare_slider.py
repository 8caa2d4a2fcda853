"""The baseline for benchmarks/interaction.py: a bare page whose slider drives one metric."""

import streamlit as st

value = st.slider("Value", 0, 100, 10, key="value")
st.metric("Result", f"{value * 2}")
