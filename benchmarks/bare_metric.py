"""The baseline for benchmarks/page_load.py: a bare Streamlit page with one metric."""

import streamlit as st

st.metric("Baseline", "42")
