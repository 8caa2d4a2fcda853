"""Test the named queries: each runs on the shipped data, and gives exact rows on a fixture."""

import pandas as pd
import pytest

from atlas.build import kpis
from atlas.data.store import (
    Store,
    TableUnavailable,
    query_names,
    query_params,
    query_text,
)
from benchmarks.queries import PARAMS  # a value for every parameter: the benchmark runs them too
from tests.fixtures import src, write_data_dir


@pytest.fixture(scope="module")
def shipped():
    store = Store()
    assert store.catalog.errors == {}
    return store


@pytest.mark.parametrize("name", query_names())
def test_every_query_runs_on_the_shipped_data(shipped, name):
    params = {p: PARAMS[p] for p in query_params(query_text(name))}
    frame = shipped.run(name, **params)
    assert not frame.empty


def test_query_refuses_missing_or_extra_parameters(shipped):
    with pytest.raises(TypeError, match=r"takes \['metric'\], got \[\]"):
        shipped.run("national_latest")
    with pytest.raises(TypeError, match=r"got \['metric', 'x'\]"):
        shipped.run("national_latest", metric="avg_pue", x=1)


def test_parameters_are_bound_not_formatted(shipped):
    assert shipped.run("center_card", center_id="x' or '1'='1").empty


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    write_data_dir(folder, {
        "sources": [src("s-a"), src("s-b", "B"), src("article", "B")],
        "provinces": [{"id": p, "adcode": a, "lat": 30, "lon": 110, "source_id": "s-a"}
                      for p, a in (("gansu", 620000), ("shanghai", 310000), ("shaanxi", 610000))],
        "hubs": [
            {"id": "gansu", "name_zh": "甘肃枢纽", "name_en": "Gansu", "provinces": "gansu", "region": "west",
             "fallback_province_id": "gansu", "pue_target": 1.2, "pue_target_qualifier": "<", "source_id": "s-a"},
            {"id": "yrd", "name_zh": "长三角枢纽", "name_en": "YRD", "provinces": "shanghai", "region": "east",
             "fallback_province_id": "shanghai", "source_id": "s-a"}],
        "clusters": [{"id": "qingyang", "hub_id": "gansu", "name_zh": "庆阳集群", "name_en": "Qingyang cluster",
                      "province_id": "gansu", "source_id": "s-a"}],
        "centers": [
            {"id": "west-a", "province_id": "gansu", "status": "operating", "hub_id": "gansu", "source_id": "s-a",
             "as_of": "2025-03"},
            {"id": "east-b", "province_id": "shanghai", "status": "planned", "hub_id": "yrd", "source_id": "s-b",
             "as_of": "2024"},
            {"id": "none-c", "province_id": "shaanxi", "status": "operating", "source_id": "s-a", "as_of": "2021"}],
        "claims": [
            {"id": "claim-01", "num": 1, "check": "confirmed", "source_id": "article", "as_of": "2025"},
            {"id": "claim-02", "num": 2, "check": "partly", "source_id": "article", "as_of": "2025"}],
        "center_capacity": [
            {"id": "a1", "center_id": "west-a", "kind": "operating", "metric": "pflops", "value": 100,
             "precision": "FP16", "as_of": "2024", "source_id": "s-a"},
            {"id": "a2", "center_id": "west-a", "kind": "operating", "metric": "pflops", "value": 200,
             "qualifier": ">", "precision": "FP16", "as_of": "2025-06", "source_id": "s-b"},
            {"id": "b1", "center_id": "east-b", "kind": "planned", "metric": "pflops", "value": 300,
             "precision": "n.s.", "scope_en": "phase 1", "part": "phase", "as_of": "2024-05", "source_id": "s-b"},
            {"id": "b2", "center_id": "east-b", "kind": "planned", "metric": "pflops", "value": 1000,
             "precision": "n.s.", "scope_en": "whole", "as_of": "2024-05", "source_id": "s-b"},
            {"id": "b3", "center_id": "east-b", "kind": "operating", "metric": "accelerator_cards", "value": 5000,
             "precision": "n.s.", "as_of": "2025", "source_id": "s-b"},
            {"id": "c1", "center_id": "none-c", "kind": "operating", "metric": "pflops", "value": 50,
             "precision": "FP16", "as_of": "2025", "source_id": "article", "claim_id": "claim-01"},
            {"id": "c2", "center_id": "none-c", "kind": "planned", "metric": "pflops", "value": 9999,
             "precision": "FP16", "as_of": "2025", "source_id": "article", "claim_id": "claim-02"}],
        "hub_metrics": [
            {"id": "m1", "hub_id": "gansu", "cluster_id": "qingyang", "metric": "compute_pflops", "value": 5000,
             "as_of": "2023-12-31", "source_id": "s-a"},
            {"id": "m2", "hub_id": "gansu", "cluster_id": "qingyang", "metric": "compute_pflops", "value": 66000,
             "qualifier": ">", "as_of": "2025-08", "source_id": "s-b"},
            {"id": "m3", "hub_id": "gansu", "metric": "compute_pflops", "value": 300000, "is_target": "true",
             "as_of": "2026-12-31", "source_id": "s-b"}],
        "national_series": [
            {"id": "p1", "metric": "avg_pue", "basis": "caict-pue", "as_of": "2024-06", "value": 1.47, "source_id": "s-a"},
            {"id": "p2", "metric": "avg_pue", "basis": "caict-pue", "as_of": "2025-06-30", "value": 1.42, "source_id": "s-a"},
            {"id": "p3", "metric": "avg_pue", "basis": "caict-pue", "as_of": "2021", "value": 1.49, "source_id": "s-b"}],
    })
    store = Store(folder)
    assert store.catalog.errors == {}
    return store


def rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    return [tuple(None if pd.isna(v) else v for v in r) for r in frame[columns].itertuples(index=False)]


def test_center_capacity_latest_exact_rows(fixture_store):
    latest = fixture_store.run("center_capacity_latest")
    assert rows(latest, ["center_id", "kind", "pflops", "qualifier", "precision", "as_of", "source_id", "region"]) == [
        ("east-b", "planned", 1000.0, None, "n.s.", "2024-05", "s-b", "east"),  # whole project beats phase 1
        ("none-c", "operating", 50.0, None, "FP16", "2025", "article", None),  # confirmed claim counts
        ("west-a", "operating", 200.0, ">", "FP16", "2025-06", "s-b", "west"),  # newest figure wins
    ]  # cards are not PFLOPS; the partly-confirmed claim does not count


PLANNED_CASES = [  # (case, rows of one center as (id, kind, value, part, as_of, as_of_kind, superseded_by), expected)
    ("a plan's target date is not a report date (Qingyang domestic 10k)",
     [("t", "planned", 10000, "whole", "2024-06", "as_of", None), ("p1", "planned", 2500, "phase", "2024-10", "plan", None),
      ("p2", "planned", 7500, "phase", "2024-06", "as_of", None)], {"planned": 10000}),
    ("dates compare by their granularity: 2025-06 is not after 2025 (Poyang Lake)",
     [("t", "planned", 2500, "whole", "2025", "published", None), ("x", "planned", 300, "phase", "2025-06", "plan", None),
      ("o", "operating", 80, "whole", "2024-12-31", "as_of", None)], {"planned": 2500, "operating": 80}),
    ("the whole project beats a newer phase (Delingha)",
     [("t", "planned", 20000, "whole", "2024-08-15", "as_of", None), ("p", "planned", 5000, "phase", "2025-08", "as_of", None)],
     {"planned": 20000}),
    ("a superseded plan does not count (Shenyang 100 P, then 300 P built)",
     [("old", "planned", 100, "whole", "2021", "as_of", "o"), ("o", "operating", 300, "whole", "2023-07-06", "published", None)],
     {"operating": 300}),
    ("a plan already built does not count (Xi'an phase 1)",
     [("p", "planned", 300, "phase", "2021-09", "as_of", "o"), ("o", "operating", 300, "whole", "2025", "published", None)],
     {"operating": 300}),
    ("operating: the newest year wins, then the whole center over a phase in that year",
     [("a", "operating", 400, "whole", "2024", "as_of", None), ("b", "operating", 450, "whole", "2025", "as_of", None),
      ("c", "operating", 100, "phase", "2025-06", "as_of", None)], {"operating": 450}),
]


@pytest.mark.parametrize("case, figures, expected", PLANNED_CASES, ids=[c[0] for c in PLANNED_CASES])
def test_center_capacity_latest_rule(tmp_path, case, figures, expected):
    folder = write_data_dir(tmp_path, {
        "sources": [src("s-a")],
        "provinces": [{"id": "gansu", "adcode": 620000, "lat": 30, "lon": 110, "source_id": "s-a"}],
        "centers": [{"id": "c", "province_id": "gansu", "status": "operating", "source_id": "s-a"}],
        "center_capacity": [
            {"id": fid, "center_id": "c", "kind": kind, "metric": "pflops", "value": value, "precision": "n.s.",
             "part": part, "as_of": as_of, "as_of_kind": as_of_kind, "superseded_by": sup or "", "source_id": "s-a"}
            for fid, kind, value, part, as_of, as_of_kind, sup in figures]})
    store = Store(folder)
    assert store.catalog.errors == {}
    latest = store.run("center_capacity_latest")
    assert dict(zip(latest["kind"], latest["pflops"])) == expected


def test_shipped_planned_totals_count_whole_projects_only(shipped):
    latest = shipped.run("center_capacity_latest")
    planned = dict(zip(latest.loc[latest["kind"] == "planned", "center_id"], latest.loc[latest["kind"] == "planned", "pflops"]))
    assert planned["ctel-poyang-lake"] == 2500 and planned["delingha-tianfang"] == 20000
    assert planned["qingyang-domestic-10k"] == 10000
    assert "shenyang-ai" not in planned and "xian-future-ai" not in planned


def test_capacity_kpis_on_fixture(fixture_store):
    latest = fixture_store.run("center_capacity_latest")
    operating = kpis.capacity_total(latest, "operating")
    assert operating == kpis.CapacityTotal(250.0, 2, {"FP16": 250.0}, "2025-06", ("article", "s-b"))
    assert kpis.west_share(latest) == pytest.approx(200 / 250)
    assert kpis.capacity_total(latest.iloc[0:0], "planned") == kpis.CapacityTotal(None, 0, {}, None, ())


def test_centers_by_status_exact_rows(fixture_store):
    frame = fixture_store.run("centers_by_status")
    assert rows(frame, ["status", "centers", "as_of"]) == [("operating", 2, "2025-03"), ("planned", 1, "2024")]
    assert list(frame["source_ids"].iloc[0]) == ["s-a", "s-b"]


def test_national_latest_newest_first(fixture_store):
    frame = fixture_store.run("national_latest", metric="avg_pue")
    assert rows(frame, ["as_of", "value"]) == [("2025-06-30", 1.42), ("2024-06", 1.47), ("2021", 1.49)]


def test_hubs_overview_exact_rows(fixture_store):
    frame = fixture_store.run("hubs_overview")
    assert rows(frame, ["id", "region", "clusters_en", "pue_target", "centers", "figure_pflops",
                        "figure_qualifier", "figure_as_of"]) == [
        ("yrd", "east", None, None, 1, None, None, None),
        ("gansu", "west", "Qingyang cluster", "<1.2", 1, 66000.0, ">", "2025-08"),  # targets never count
    ]


def test_data_as_of_ignores_targets_and_plans(fixture_store):
    assert fixture_store.run("data_as_of").iloc[0]["latest_as_of"] == "2025-08"


def test_query_on_a_broken_table_names_the_fault(tmp_path):
    folder = write_data_dir(tmp_path, {"sources": [src("s-a")]})
    (folder / "hubs.csv").write_text("id\n", encoding="utf-8")
    store = Store(folder)
    with pytest.raises(TableUnavailable) as exc:
        store.run("hubs_overview")
    assert exc.value.table == "hubs"
    assert "hubs.csv, line 1, column 'name_zh': required column is missing from the header" in exc.value.detail
    assert store.run("source_list").shape[0] == 1  # queries on sound tables still run
