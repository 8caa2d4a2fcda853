"""Test that every page runs in every language, and with junk URL values, without exception."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from atlas.i18n import LANGS

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = ["views/overview.py", "views/map.py", "views/east_west.py", "views/energy.py", "views/use_cases.py",
         "views/lab.py", "views/data.py", "views/story.py", "views/about.py"]
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
@pytest.mark.parametrize("page", PAGES)
def test_page_runs_in_every_language(page, lang):
    at = run(page, lang=lang)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGES)
def test_page_survives_junk_parameters(page):
    at = run(page, **JUNK)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert any("klingon" in w.value for w in at.warning)  # the bad language is announced


@pytest.mark.parametrize(("lang", "figure"), [("en", "36 → 28 months"), ("zh-Hans", "36 → 28 个月"),
                                              ("zh-Hant", "36 → 28 個月")])
def test_use_case_figures_carry_their_unit_in_the_readers_language(lang, figure):
    at = run("views/use_cases.py", lang=lang)
    assert figure in [m.value for m in at.metric]
