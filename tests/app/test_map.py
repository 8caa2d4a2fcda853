"""Test the map page through its URL: filters, selection, and junk values."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from atlas.data.store import Store
from atlas.i18n import translate
from tests.app.pages import open_page


def open_map(**params):
    return open_page("views/map.py", **params)


ALL = dict(statuses=(), hubs=(), clusters=(), provinces=(), precisions=(), min_pflops=0.0)


@pytest.fixture(scope="module")
def centers():
    return Store().run("map_centers", **ALL)


def shown_count(at: AppTest) -> int:
    return int(next(m.value for m in at.metric if m.label == "Centers shown"))


def test_no_filter_shows_every_center(centers):
    at = open_map()
    assert not at.exception and not at.error
    assert shown_count(at) == len(centers)


@pytest.mark.parametrize(("params", "expected"), [
    ({"status": "planned"}, lambda c: c["status"] == "planned"),
    ({"status": "planned,under_construction"}, lambda c: c["status"].isin(["planned", "under_construction"])),
    ({"hub": "gansu"}, lambda c: c["hub_id"] == "gansu"),
    ({"cluster": "wuhu"}, lambda c: c["cluster_id"] == "wuhu"),
    ({"province": "hubei"}, lambda c: c["province_id"] == "hubei"),
    ({"precision": "FP16"}, lambda c: c["precision"] == "FP16"),
    ({"min_pflops": "10000"}, lambda c: c["pflops"] >= 10000),
    ({"hub": "gansu", "status": "operating"}, lambda c: (c["hub_id"] == "gansu") & (c["status"] == "operating")),
])
def test_filter_from_url_changes_the_count(centers, params, expected):
    at = open_map(**params)
    assert not at.exception and not at.error
    assert 0 < shown_count(at) == int(expected(centers).sum()) < len(centers)
    assert all(at.query_params[k] == v for k, v in params.items())  # the URL keeps the view


def capacity(cell: str) -> float:
    """The number in a capacity cell such as '300 P' or '>1,000 P'."""
    return float(re.sub(r"[^0-9.]", "", cell.split(" ")[0]))


def test_center_in_url_opens_its_card():
    center = "xian-future-ai"
    tables = Store().catalog.tables
    row = tables["centers"].set_index("id").loc[center]
    at = open_map(center=center)
    assert not at.exception and not at.error
    assert row["name_en"] in [h.value for h in at.header]
    # Every capacity figure of the center, with its value (the article's 300 P among them) ...
    figures = tables["center_capacity"][tables["center_capacity"]["center_id"] == center]
    shown = at.table[0].value[translate("map.col_capacity", "en")]
    assert sorted(map(capacity, shown)) == sorted(figures["value"].astype(float))
    # ... and every article claim about it (directly or through a use case there), badged.
    cases = tables["use_cases"].loc[tables["use_cases"]["center_id"] == center, "id"]
    claims = tables["claims"][(tables["claims"]["center_id"] == center) | tables["claims"]["use_case_id"].isin(cases)]
    assert not claims.empty
    text = "\n".join(m.value for m in at.markdown)
    for num, check in zip(claims["num"], claims["check"]):
        assert f" #{num} {translate(f'check.{check}', 'en')}]" in text, num  # in its badge, after the icon


@pytest.mark.parametrize(("name", "value"), [
    ("status", "closed"), ("hub", "atlantis"), ("province", "<script>alert(1)</script>"),
    ("min_pflops", "-5"), ("min_pflops", "lots"), ("precision", "FP8"), ("center", "no-such-center"),
    ("color", "rainbow"), ("measure", "x"), ("layers", "satellite"), ("tiles", "maybe"),
])
def test_junk_value_falls_back_with_notice(centers, name, value):
    at = open_map(**{name: value})
    assert not at.exception and not at.error
    assert any(f"{name}=" in w.value for w in at.warning)
    assert name not in at.query_params
    assert shown_count(at) == len(centers)


def test_hub_legend_names_the_hubs_not_their_provinces():
    at = open_page("views/map.py", lang="zh-Hans", color="hub")
    legend = next(m.value for m in at.markdown if "贵州枢纽" in m.value)
    assert "贵州省" not in legend and "内蒙古枢纽" in legend

