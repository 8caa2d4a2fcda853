"""Streamlit's side of the query layer: one cached Store per process, cached query results."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.datasets import data_dir
from atlas.store import Store


@st.cache_resource(show_spinner=False)
def _store(folder: str) -> Store:
    return Store(folder)


def get_store() -> Store:
    """The Store of the current data folder ($ATLAS_DATA_DIR or the shipped data)."""
    return _store(str(data_dir()))


@st.cache_data(show_spinner=False, max_entries=512)
def _run(folder: str, name: str, params: tuple) -> pd.DataFrame:
    return _store(folder).run(name, **dict(params))


def run_query(name: str, **params) -> pd.DataFrame:
    """Run a named query from queries/ with its parameters; results are cached by arguments."""
    return _run(str(data_dir()), name, tuple(sorted(params.items()))).copy()
