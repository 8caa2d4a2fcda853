"""The warm-up serve.py runs at start: every step runs and fills the caches the pages read."""

import pandas as pd

from atlas.data.store import QUERY_DIR, Store
from atlas.ui import cache, warm


def test_plain_queries_are_those_without_parameters():
    names = warm.plain_queries()
    assert "hubs_overview" in names and "map_centers" not in names  # map_centers takes filters
    assert all("$" not in (QUERY_DIR / f"{n}.sql").read_text(encoding="utf-8") for n in names)


def test_every_step_runs_and_what_pages_read_is_then_cached(monkeypatch, caplog):
    took = warm.warm()
    assert set(took) == {"imports", "store", "queries", "geometry", "release", "sandbox"}
    assert not [r for r in caplog.records if "failed" in r.getMessage()]  # no step failed
    # the pages' default reads are now cache hits (same arguments, same key): DuckDB is not asked
    asked = []
    monkeypatch.setattr(Store, "run", lambda self, name, **params: asked.append(name) or pd.DataFrame())
    for name, params in warm.DEFAULT_CALLS:
        cache.run_query(name, **params)
    for name in warm.plain_queries():
        cache.run_query(name)
    assert asked == []
    cache.run_query("map_centers", **{**warm.DEFAULT_CALLS[1][1], "min_pflops": 1.0})  # not warmed
    assert asked == ["map_centers"]


def test_a_failing_step_is_logged_and_the_rest_still_run(monkeypatch, caplog):
    def broken():
        raise OSError("boom")

    monkeypatch.setattr(cache, "get_sandbox", broken)
    took = warm.warm()
    assert "sandbox" in took and "release" in took
    assert any("warm-up step sandbox failed" in r.getMessage() for r in caplog.records)
