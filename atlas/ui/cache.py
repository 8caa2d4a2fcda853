"""Streamlit's side of the query layer: one cached Store per process, cached query results."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.build import decision
from atlas.data import geometry, release
from atlas.data.datasets import DataError, data_dir
from atlas.data.sandbox import Sandbox
from atlas.data.store import QUERY_DIR, Store


@st.cache_resource(show_spinner=False)
def _store(folder: str) -> Store:
    return Store(folder)


def get_store() -> Store:
    """The Store of the current data folder ($ATLAS_DATA_DIR or the shipped data)."""
    return _store(str(data_dir()))


# A resource, not cache_data: cache_data unpickles the frame on every read, a cost paid by
# every query of every run; a copy of an Arrow-backed frame shares its immutable buffers.
@st.cache_resource(show_spinner=False, max_entries=512)
def _run(folder: str, name: str, params: tuple) -> pd.DataFrame:
    return _store(folder).run(name, **dict(params))


def run_query(name: str, **params) -> pd.DataFrame:
    """Run a named query from queries/ with its parameters; results are cached by arguments,
    and each caller gets its own copy to change."""
    return _run(str(data_dir()), name, tuple(sorted(params.items()))).copy()


def energy_presets() -> pd.DataFrame:
    """`decision.presets` of the decision inputs: the energy calculator's East and West
    defaults, the same for every run on a data folder (worked out per run, ~3 % of a busy
    server's time). Callers only read it."""
    return _presets(str(data_dir()))


@st.cache_resource(show_spinner=False)
def _presets(folder: str) -> pd.DataFrame:
    return decision.presets(_run(folder, "decision_inputs", (("ab_only", False), ("article", False))))


def data_release() -> str | None:
    """The data folder's release version (shown in the footer, every citation and export)."""
    return _release(str(data_dir()))


@st.cache_resource(show_spinner=False)
def _release(folder: str) -> str | None:
    return release.version(folder)


def release_changes() -> list[release.Change]:
    """What changed in the current data release (the About page lists it)."""
    return _changes(str(data_dir()))


@st.cache_resource(show_spinner=False)
def _changes(folder: str) -> list[release.Change]:
    return release.read_changes(folder)


def cited_sources(ids: tuple[str, ...]) -> pd.DataFrame:
    """The rows of sources.csv with these ids, in the order given (unknown ids skipped).
    Cached: every chart, table and KPI of every run cites its sources twice (caption and
    export). Callers only read it."""
    return _cited(str(data_dir()), ids)


@st.cache_resource(show_spinner=False, max_entries=2048)
def _cited(folder: str, ids: tuple[str, ...]) -> pd.DataFrame:
    sources = _run(folder, "source_list", ()).set_index("id", drop=False)
    return sources.loc[[i for i in ids if i in sources.index]].reset_index(drop=True)


@st.cache_resource(show_spinner=False)
def _geo(folder: str) -> geometry.Served:
    return geometry.publish(folder)


def get_geo() -> tuple[dict[str, str], list[str], list[DataError]]:
    """URLs of the boundary files of the current data folder and of their borders as segments
    (served by the app itself: offline); the province ids they hold; their faults."""
    geo = _geo(str(data_dir()))
    return geo.urls, geo.province_ids, geo.errors


def get_extent() -> tuple[float, float, float, float] | None:
    """The lon/lat box of the served boundaries (the map's first view frames it), or None."""
    return _geo(str(data_dir())).extent


@st.cache_resource(show_spinner=False)
def _outlines(folder: str, colors: tuple[tuple[str, tuple[int, ...]], ...]) -> str | None:
    return geometry.outlines_url(_geo(folder), {pid: list(color) for pid, color in colors})


def get_outlines(colors: dict[str, list[int]]) -> str | None:
    """The URL of the given provinces' own boundary segments, each in its colour (the hubs'
    outlines), or None."""
    return _outlines(str(data_dir()), tuple(sorted((pid, tuple(color)) for pid, color in colors.items())))


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
