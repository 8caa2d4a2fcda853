"""Test the network year by year: the map's `year` and `compare` in the URL, bad values falling
back with a notice, the play button, and the story's build-out step. Expected figures are
derived here from the data's own tables, not copied from the app's output."""

import pandas as pd
import pytest

from atlas.build.numbers import fmt_number
from atlas.data.store import Store
from atlas.i18n import translate
from tests.app.pages import open_page

ALL = dict(statuses=(), hubs=(), clusters=(), provinces=(), precisions=(), min_pflops=0.0)


@pytest.fixture(scope="module")
def store():
    return Store()


@pytest.fixture(scope="module")
def center_year(store) -> dict[str, int | None]:
    """Each center's year from centers.csv and center_capacity.csv: opened, else the earliest
    dated report (as_of or published; a plan's target date is no report), else None."""
    centers, capacity = store.catalog.tables["centers"], store.catalog.tables["center_capacity"]
    reports = pd.concat([centers.rename(columns={"id": "center_id"}), capacity])
    reports = reports[reports["as_of_kind"].isin(["as_of", "published"]) & reports["as_of"].notna()]
    first = reports.groupby("center_id")["as_of"].agg(lambda dates: min(int(str(d)[:4]) for d in dates))
    return {c["id"]: int(str(c["opened"])[:4]) if pd.notna(c["opened"]) and c["opened"] else first.get(c["id"])
            for c in centers.to_dict("records")}


def latest(store, center_year) -> int:
    capacity = store.catalog.tables["center_capacity"]
    reported = capacity.loc[capacity["as_of_kind"].isin(["as_of", "published"]), "as_of"].dropna()
    return max([y for y in center_year.values() if y] + [int(str(d)[:4]) for d in reported])


def on_map(center_year, year: int) -> set[str]:
    return {c for c, y in center_year.items() if y is not None and y <= year}


def metric(at, label: str) -> list[str]:
    return [m.value for m in at.metric if m.label == label]


def test_map_in_2023_shows_the_centers_of_2023(store, center_year):
    at = open_page("views/map.py", year="2023")
    assert not at.exception and not at.error
    assert at.query_params["year"] == "2023" and at.slider(key="url_year").value == 2023
    shown = on_map(center_year, 2023)
    assert 0 < len(shown) < len(center_year)
    assert metric(at, translate("map.count", "en")) == [str(len(shown))]
    opened = sum(1 for c in shown if pd.notna(store.catalog.tables["centers"].set_index("id").loc[c, "opened"]))
    legend = translate("years.legend", "en", year=2023, n=len(shown), opened=opened, reported=len(shown) - opened)
    unknown = sum(1 for y in center_year.values() if y is None)
    hidden = translate("years.unknown_hidden", "en", n=unknown)
    assert unknown and any(legend in c.value and hidden in c.value for c in at.caption)


def test_map_with_no_year_is_the_map_as_before(center_year):
    at = open_page("views/map.py")
    assert not at.exception and "year" not in at.query_params
    assert metric(at, translate("map.count", "en")) == [str(len(center_year))]  # those with no year too


@pytest.mark.parametrize(("value", "reason"), [("2019", "from 2021 to {latest}"), ("soon", "expected a number"),
                                               ("2099", "from 2021 to {latest}")])
def test_a_bad_year_falls_back_to_the_latest_with_a_notice(store, center_year, value, reason):
    at = open_page("views/map.py", year=value)
    assert not at.exception
    reason = reason.format(latest=latest(store, center_year))
    assert [w.value for w in at.warning if "`year=" in w.value and reason in w.value]
    assert "year" not in at.query_params
    assert metric(at, translate("map.count", "en")) == [str(len(center_year))]


def test_compare_puts_two_years_side_by_side(store, center_year):
    at = open_page("views/map.py", year="2023", compare="2021")
    assert not at.exception and not at.error and at.query_params["compare"] == "2021"
    hubs = store.catalog.tables["hubs"].set_index("id")["region"]
    west_hubs = set(hubs[hubs == "west"].index)
    centers = store.catalog.tables["centers"].set_index("id")
    expected = {"centers": [], "pflops": [], "west": []}
    for year in (2021, 2023):
        shown = on_map(center_year, year)
        capacity = store.run("center_capacity_as_of", year=year)
        operating = capacity[(capacity["kind"] == "operating") & capacity["center_id"].isin(shown)]
        west = operating[operating["center_id"].map(centers["hub_id"]).isin(west_hubs)]["pflops"].sum()
        expected["centers"].append(str(len(shown)))
        expected["pflops"].append(f"{fmt_number(operating['pflops'].sum(), lang='en')} P")
        expected["west"].append(f"{west / operating['pflops'].sum():.0%}")
    assert metric(at, translate("years.m_centers", "en")) == expected["centers"]
    assert metric(at, translate("years.m_operating", "en")) == expected["pflops"]
    assert metric(at, translate("years.m_west", "en")) == expected["west"]
    assert expected["centers"][0] != expected["centers"][1]  # the network grew


def test_play_from_the_latest_year_starts_at_2021_and_stop_stops(store, center_year):
    at = open_page("views/map.py")
    at.button(key="map_play").click().run()
    assert not at.exception and at.query_params["year"] == "2021"
    assert metric(at, translate("map.count", "en")) == [str(len(on_map(center_year, 2021)))]
    assert at.button(key="map_play").label == translate("years.stop", "en")
    at.button(key="map_play").click().run()
    assert at.button(key="map_play").label == translate("years.play", "en") and at.query_params["year"] == "2021"


def test_the_story_plays_the_build_out_as_its_last_step(center_year):
    at = open_page("views/story.py", step="9", year="2022")
    assert not at.exception and not at.error
    assert at.get("deck_gl_json_chart") and at.button(key="story_play")
    assert at.title[0].value == translate("story.buildout.title", "en")
    shown = on_map(center_year, 2022)
    assert any(f"In 2022: {len(shown)} centers on the map" in m.value for m in at.markdown)


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant", "en"])
def test_no_comparison_is_said_in_the_readers_language(lang):
    """Test that the compare box with no year chosen says so in the page's language, not in
    Streamlit's own English placeholder ("Choose an option")."""
    at = open_page("views/map.py", lang=lang, year="2023")
    box = at.selectbox(key="url_compare")
    assert box.value is None and box.proto.placeholder == translate("years.no_compare", lang)
