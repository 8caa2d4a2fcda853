"""Test the year rule (queries/center_years.sql), capacity as of a year
(queries/center_capacity_as_of.sql, the latest-capacity rule with a cut-off) and the figures
the map's year view derives from them (atlas.build.years)."""

import pandas as pd
import pytest

from atlas.build import years
from atlas.data.store import Store
from tests.fixtures import src, write_data_dir


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    write_data_dir(folder, {
        "sources": [src("s-a"), src("s-b", "B")],
        "provinces": [{"id": p, "adcode": a, "lat": 30, "lon": 110, "source_id": "s-a"}
                      for p, a in (("gansu", 620000), ("shanghai", 310000))],
        "hubs": [
            {"id": "gansu", "name_zh": "甘肃枢纽", "name_en": "Gansu", "provinces": "gansu", "region": "west",
             "fallback_province_id": "gansu", "source_id": "s-a"},
            {"id": "yrd", "name_zh": "长三角枢纽", "name_en": "YRD", "provinces": "shanghai", "region": "east",
             "fallback_province_id": "shanghai", "source_id": "s-a"}],
        "centers": [
            # opened 2022-09, though a source reported it earlier: the opening year is its year
            {"id": "opened", "province_id": "gansu", "status": "operating", "hub_id": "gansu", "source_id": "s-a",
             "opened": "2022-09", "as_of": "2025", "as_of_kind": "published"},
            # no opening date; first reported by a capacity figure of 2023 (its own row says 2024)
            {"id": "reported", "province_id": "shanghai", "status": "operating", "hub_id": "yrd", "source_id": "s-b",
             "as_of": "2024-05", "as_of_kind": "as_of"},
            # no opening date and no dated report: year unknown (its figure has only a plan's target date)
            {"id": "unknown", "province_id": "gansu", "status": "planned", "source_id": "s-a",
             "as_of": "", "as_of_kind": ""}],
        "center_capacity": [
            {"id": "o1", "center_id": "opened", "kind": "operating", "metric": "pflops", "value": 100,
             "precision": "FP16", "part": "whole", "as_of": "2022", "as_of_kind": "as_of", "source_id": "s-a"},
            {"id": "o2", "center_id": "opened", "kind": "operating", "metric": "pflops", "value": 300,
             "precision": "FP16", "part": "whole", "as_of": "2024-03", "as_of_kind": "as_of", "source_id": "s-b"},
            {"id": "r1", "center_id": "reported", "kind": "operating", "metric": "pflops", "value": 700,
             "precision": "n.s.", "part": "whole", "as_of": "2023", "as_of_kind": "published", "source_id": "s-b"},
            {"id": "u1", "center_id": "unknown", "kind": "planned", "metric": "pflops", "value": 5000,
             "precision": "FP16", "part": "whole", "as_of": "2027", "as_of_kind": "plan", "source_id": "s-a"}],
    })
    built = Store(folder)
    assert built.catalog.errors == {}
    return built


def test_a_centers_year_is_its_opening_else_its_first_report_else_unknown(store):
    found = store.run("center_years").set_index("id")
    assert (found.loc["opened", "year"], found.loc["opened", "year_kind"]) == (2022, "opened")
    assert (found.loc["reported", "year"], found.loc["reported", "year_kind"]) == (2023, "first_reported")
    assert found.loc["reported", "year_source_id"] == "s-b"
    assert pd.isna(found.loc["unknown", "year"]) and pd.isna(found.loc["unknown", "year_kind"])  # never guessed
    assert set(found["latest_year"]) == {2025}  # the opened center's own row, published 2025


@pytest.mark.parametrize(("year", "expected"), [
    (2021, {}),
    (2022, {("opened", "operating"): 100}),
    (2023, {("opened", "operating"): 100, ("reported", "operating"): 700}),
    (2024, {("opened", "operating"): 300, ("reported", "operating"): 700}),  # the newer figure wins
    (None, {("opened", "operating"): 300, ("reported", "operating"): 700, ("unknown", "planned"): 5000}),
])
def test_capacity_as_of_a_year_counts_the_figures_reported_by_then(store, year, expected):
    capacity = store.run("center_capacity_as_of", year=year)
    assert {(r.center_id, r.kind): r.pflops for r in capacity.itertuples()} == expected


def test_with_no_cut_off_the_rule_is_the_latest_capacity(store):
    cols = ["center_id", "kind", "pflops", "as_of", "source_id"]
    latest, full = store.run("center_capacity_latest"), store.run("center_capacity_as_of", year=None)
    assert latest[cols].equals(full[cols])


@pytest.mark.parametrize(("year", "shown", "pflops", "west"), [
    (2022, ["opened"], 100.0, 1.0),
    (2023, ["opened", "reported"], 800.0, 100 / 800),
    (2025, ["opened", "reported", "unknown"], 1000.0, 300 / 1000),  # the latest year: everything in the data
])
def test_year_figures_count_centers_pflops_and_the_western_share(store, year, shown, pflops, west):
    frame = store.run("center_years")
    capacity = store.run("center_capacity_as_of", year=None if year >= years.latest_year(frame) else year)
    figures = years.year_figures(frame, capacity, year)
    assert figures.centers == len(shown) and figures.unknown == 1
    assert figures.unknown_shown == ("unknown" in shown)
    assert figures.operating_pflops == pflops and figures.west_share == pytest.approx(west)
    assert sorted(frame.loc[years.on_map(frame, year), "id"]) == shown


def test_the_legend_says_how_centers_are_dated_and_counts_the_unknown_apart(store):
    frame = store.run("center_years")
    figures = years.year_figures(frame, store.run("center_capacity_as_of", year=2023), 2023)
    line = years.legend_line(figures, lang="en")
    assert "In 2023: 2 centers" in line and "1 dated by their opening, 1 by their first report" in line
    assert "1 with no known year are not shown (counted apart, never guessed)" in line


def test_the_map_in_a_year_shows_the_centers_of_that_year_with_their_capacity_then(store):
    filters = dict(statuses=(), hubs=(), clusters=(), provinces=(), precisions=(), min_pflops=0.0)
    found = store.run("map_centers_in_year", **filters, year=2023).set_index("id")
    assert sorted(found.index) == ["opened", "reported"]
    assert found.loc["opened", "pflops"] == 100 and found.loc["opened", "capacity_as_of"] == "2022"
    assert len(store.run("map_centers_in_year", **filters | {"min_pflops": 500.0}, year=2023)) == 1
