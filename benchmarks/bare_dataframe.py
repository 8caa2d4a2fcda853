"""The baseline for benchmarks/pages.py: a bare Streamlit page with one interactive table."""

import pandas as pd
import streamlit as st

st.dataframe(pd.DataFrame({"name": [f"row {i}" for i in range(50)], "value": range(50)}), hide_index=True)
