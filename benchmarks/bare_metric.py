"""The baseline for benchmarks/pages.py: a bare Streamlit page with one metric."""

import streamlit as st

st.metric("Baseline", "42")
