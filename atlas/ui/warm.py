"""What every session shares, built once when the server starts (serve.py), before the first
reader arrives: the validated data and its DuckDB, the query results every page's default view
reads, the served map geometry, the SQL sandbox and the heavy imports. Each is a process-wide
`st.cache_resource`, so a session later finds it built. The health check does not wait for it;
serve.py's /ready route says when it is done.
"""

from __future__ import annotations

import importlib
import logging
import time

from atlas.data.store import QUERY_DIR
from atlas.ui import cache
from atlas.ui.panels import ALL_CENTERS

log = logging.getLogger(__name__)

# The parametrised queries with the arguments the pages' default views pass (exactly, so the
# cache key is the same); every query without parameters is warmed as well.
DEFAULT_CALLS = (
    ("decision_inputs", dict(ab_only=False, article=False)),
    ("map_centers", ALL_CENTERS),
    ("national_latest", dict(metric="avg_pue")),
    ("national_latest", dict(metric="intelligent_compute_eflops")),
    ("center_capacity_as_of", dict(year=None)),
)
# Imported by the page scripts on their first run: plotly's figure classes and pydeck alone
# take about a second to import.
MODULES = ("plotly.graph_objects", "plotly.express", "pydeck", "atlas.build.charts", "atlas.build.maps",
           "atlas.ui.show", "atlas.ui.story", "atlas.ui.placement", "atlas.ui.carbon_methods",
           "atlas.ui.published_runs", "atlas.ui.briefs")


def plain_queries() -> list[str]:
    """The queries that take no parameters (their first line ends "Params: none")."""
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql") if "$" not in p.read_text(encoding="utf-8"))


def warm() -> dict[str, float]:
    """Build what sessions share; return the seconds each step took. A step that fails is
    logged and skipped: the page that needs it will say what is wrong, as without warming."""
    took = {}

    def step(name: str, build) -> None:
        start = time.perf_counter()
        try:
            build()
        except Exception:  # a broken table or file: the page reports it when a reader opens it
            log.exception("warm-up step %s failed", name)
        took[name] = time.perf_counter() - start

    step("imports", lambda: [importlib.import_module(m) for m in MODULES])
    step("store", cache.get_store)
    step("queries", lambda: [cache.run_query(q) for q in plain_queries()]
         + [cache.run_query(q, **params) for q, params in DEFAULT_CALLS])
    step("geometry", lambda: (cache.get_geo(), cache.get_extent()))
    step("release", lambda: (cache.data_release(), cache.release_changes()))
    step("sandbox", cache.get_sandbox)
    log.info("warm-up done in %.2f s: %s", sum(took.values()),
             ", ".join(f"{k} {v:.2f} s" for k, v in took.items()))
    return took
