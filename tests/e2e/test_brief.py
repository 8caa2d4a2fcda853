"""The "Brief (PDF)" download in a real browser: a calculator's deep link and the Overview, in
Simplified Chinese, each give one A4 page with the figures on screen, the formula, the link
that reopens the view, and Chinese text in a CJK font that copies out right (so never tofu)."""

import re

import pytest
from playwright.sync_api import expect

from atlas.build.export import PAGE_TIMEOUT_S
from tests.pdfcheck import a4, cjk_faces, flat, radicals, read

pytestmark = pytest.mark.e2e

BUTTON = "简报（PDF）"


def download(page) -> tuple[str, bytes]:
    button = page.get_by_role("button", name=BUTTON).first
    expect(button).to_be_enabled(timeout=60_000)
    # A denser second print may follow the first: two of the server's own time limit, and then some.
    with page.expect_download(timeout=(2 * PAGE_TIMEOUT_S + 30) * 1000) as info:
        button.click()
    return info.value.suggested_filename, open(info.value.path(), "rb").read()


def metric_values(page) -> list[str]:
    return [v.strip() for v in page.get_by_test_id("stMetricValue").all_inner_texts()]


def brief_of(page, kind: str, shown: list[str]) -> tuple[str, str]:
    """Download the page's brief and check what every brief must be: its file name, one A4
    page, every figure on screen as written there, Chinese in WenQuanYi Micro Hei that copies
    out as the ideographs (not radical forms). Returns its text and that text without spaces."""
    name, pdf = download(page)
    assert re.fullmatch(rf"compute-atlas-{kind}-brief-\d{{4}}-\d{{2}}-\d{{2}}\.pdf", name)
    reader, text = read(pdf)
    assert len(reader.pages) == 1 and a4(reader)
    got = flat(text)
    assert shown and all(flat(v) in got for v in shown), (shown, text)
    faces, wqy = cjk_faces(reader)
    assert wqy and faces - wqy <= {"DejaVuSans"}, faces
    assert radicals(text) == []
    return text, got


def test_calculator_brief_from_a_deep_link(watched):
    watched.goto("/lab?lang=zh-Hans&calc=training&params_b=7&tokens_b=140")
    expect(watched.get_by_test_id("stMetricValue").first).to_be_visible(timeout=60_000)
    text, got = brief_of(watched, "training", metric_values(watched))
    assert "训练时长" in text and flat("FLOPs = 6 · N · D") in got
    # the link that reopens it (the default language and calculator are left out of a link)
    assert re.search(r"/lab\?params_b=7&tokens_b=140(?!\d)", got)
    assert watched.watch.console_errors == [] and watched.watch.blocked == []


def test_overview_brief_has_the_six_headline_figures(watched):
    watched.goto("/?lang=zh-Hans")
    expect(watched.get_by_test_id("stMetricValue").nth(5)).to_be_visible(timeout=60_000)
    shown = metric_values(watched)[:6]  # the six KPIs come first on the page
    assert len(shown) == 6
    text, got = brief_of(watched, "overview", shown)
    assert "全国算力网络一览" in text and "全国平均 PUE" in text
    assert "截至" in got and "等级" in got  # the KPIs' as-of dates and grades
    assert watched.watch.console_errors == [] and watched.watch.blocked == []


def test_carbon_by_method_brief_has_the_three_methods(watched):
    watched.goto("/lab?lang=zh-Hans&calc=carbon&factor=sichuan-2023&basis=market")
    expect(watched.get_by_test_id("stMetricValue").nth(2)).to_be_visible(timeout=60_000)
    shown = metric_values(watched)
    assert len(shown) == 3
    text, got = brief_of(watched, "carbon", shown)
    assert "四川" in text and flat("0.1564") in got and "Green Algorithms" in text  # the factor chosen, each method
    assert re.search(r"factor=sichuan-2023", got)
