"""Streamlit's side of the query layer: one cached Store per process, cached query results."""

from __future__ import annotations

import base64
import json

import pandas as pd
import streamlit as st

from atlas.datasets import DataError, data_dir, load_geo
from atlas.sandbox import Sandbox
from atlas.store import QUERY_DIR, Store


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


@st.cache_resource(show_spinner=False)
def _geo(folder: str) -> tuple[dict[str, str], list[str], list[DataError]]:
    shapes, errors = load_geo(folder)
    urls = {name: "data:application/geo+json;base64," + base64.b64encode(
        json.dumps(geo, separators=(",", ":")).encode()).decode() for name, geo in shapes.items()}
    ids = [f["properties"]["id"] for f in shapes.get("provinces", {}).get("features", [])]
    return urls, ids, errors


def get_geo() -> tuple[dict[str, str], list[str], list[DataError]]:
    """The boundary files of the current data folder as data URLs (the map fetches them from
    the page itself, offline), the province ids they hold, and their faults."""
    return _geo(str(data_dir()))


@st.cache_resource(show_spinner=False)
def _sandbox(folder: str) -> Sandbox:
    return Sandbox(_store(folder).catalog.tables)


def get_sandbox() -> Sandbox:
    """The read-only SQL sandbox over the current data folder's validated tables."""
    return _sandbox(str(data_dir()))


@st.cache_data(show_spinner=False)
def sql_examples() -> dict[str, tuple[str, str]]:
    """Example queries for the SQL explorer: file stem -> (title from the first line, SQL)."""
    examples = {}
    for path in sorted((QUERY_DIR / "examples").glob("*.sql")):
        text = path.read_text(encoding="utf-8")
        examples[path.stem] = (text.splitlines()[0].lstrip("- ").strip(), text)
    return examples
