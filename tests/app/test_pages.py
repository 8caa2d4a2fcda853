"""Test that every page runs in every language, and with junk URL values, without exception."""

import base64
from pathlib import Path

import numpy as np
import plotly.io as pio
import pytest
from streamlit.testing.v1 import AppTest

from atlas import pages
from atlas.i18n import LANGS, translate

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = [page.script for page in pages.PAGES]
JUNK = {"lang": "klingon", "present": "<b>x</b>", "center": "../../etc/passwd", "step": "1e309",
        "status": "operating,'; drop table centers;--", "min_pflops": "-1", "sql": "x" * 3000}


def run(page: str, **params) -> AppTest:
    """Open `page` with `params` in its URL, as a deep link does."""
    at = AppTest.from_file(APP, default_timeout=60)
    if page != PAGES[0]:
        at.run()
        at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", pages.PAGES, ids=lambda page: page.key)
def test_page_runs_in_every_language(page, lang):
    at = run(page.script, lang=lang)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    if page.heading:  # the registry's heading is the page's own (benchmarks wait for it)
        assert at.title[0].value == translate(page.heading, lang)


@pytest.mark.parametrize("page", PAGES)
def test_page_survives_junk_parameters(page):
    at = run(page, **JUNK)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert any("klingon" in w.value for w in at.warning)  # the bad language is announced


@pytest.mark.parametrize(("lang", "figure"), [("en", "36 → 28 months"), ("zh-Hans", "36 → 28个月"),
                                              ("zh-Hant", "36 → 28個月")])
def test_use_case_figures_carry_their_unit_in_the_readers_language(lang, figure):
    at = run("views/use_cases.py", lang=lang)
    assert figure in [m.value for m in at.metric]


@pytest.mark.parametrize("page", ["views/overview.py", "views/energy.py"])
def test_no_bar_stacks_two_figures_into_a_sum(page):
    """Two sources' figures for one year or place (data-center electricity use in 2020: ≈150 and
    >200 TWh) are two bars side by side; in one bar trace Plotly drew them as one bar of 350."""
    at = run(page, lang="en")
    bars = [trace for chart in at.get("plotly_chart") for trace in pio.from_json(chart.proto.spec).data
            if trace.type == "bar"]
    assert bars
    for trace in bars:
        categories = list(trace.y if trace.orientation == "h" else trace.x)
        assert len(set(categories)) == len(categories), (trace.name, categories)
    if page == "views/energy.py":
        twh_2020 = sorted(float(v) for trace in bars if trace.name == "China"
                          for x, v in zip(trace.x, values(trace.y)) if str(x) == "2020")
        assert twh_2020 == [150, 200]
        # the two share 2020's width and their labels stand upright; a lone year's bar keeps it all
        by_year = {str(x): (values(trace.width)[0], trace.textangle)
                   for trace in bars if trace.name == "China" for x in trace.x}
        assert by_year["2020"] == (0.375, -90) and by_year["2018"] == (0.75, 0)


def values(array) -> list:
    """A trace's numbers, decoded when Plotly sent them as a typed array (dtype + base64)."""
    if isinstance(array, dict):
        return list(np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]))
    return list(array)
