"""Every URL, opened once in a page that may reach only the app itself: every page in English
and 简体 (and the first pages in 繁體), every page and story step in presenter mode. Each must
be drawn (its charts, maps and KPI sets), show no error, log no console error, request no other
host, and have no serious or critical axe-core violation.

axe-core comes from npm (pinned in tests/e2e/axe/package-lock.json, installed by
scripts/setup.sh) and runs axe's WCAG 2 A/AA and best-practice sets. A serious or critical
violation fails the test, and so do headings out of order, an empty heading or an empty table
header whatever their impact; each is listed with its rule, the elements it hit and the URL.
One page load serves both checks (the browser tests' time is mostly page loads). Every page in
English and two pages in 简体 are in the e2e default set; the rest of the 38 are slow."""

from __future__ import annotations

import io
import re
import time
import tomllib
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from atlas.i18n import LANGS
from atlas.pages import PAGES
from atlas.ui import story
from tests.e2e.conftest import fitted

pytestmark = pytest.mark.e2e

LOCALES = Path(__file__).resolve().parents[2] / "atlas" / "locales"
AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# Rules that fail at any impact: the heading order, empty heading and empty table header
# (axe rates them moderate or minor).
ALWAYS = ["heading-order", "empty-heading", "empty-table-header", "page-has-heading-one"]
# Nothing is excluded: every rule runs on every element.
RUN = """async ([tags, always]) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical' || always.includes(v.id)).map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.map(n => n.target.join(' ') + (n.failureSummary ? ' :: ' + n.failureSummary.split('\\n').slice(1, 2).join('') : ''))}));
}"""
# What a URL must show at least (beyond that, whatever it shows must be drawn): a Plotly
# chart, a deck.gl map or a KPI set (3 or more st.metric). Story steps: see atlas/ui/story.py.
PAGE_SHOWS = {"": "chart", "map": "map", "east-west": "chart", "energy": "chart", "story": "map"}
STEP_SHOWS = {1: "map", 2: "chart", 3: "chart", 4: "chart", 5: "chart", 6: "kpis", 7: "kpis", 8: "chart", 9: "map"}
HANT = {"overview", "map", "story"}
QUICK = {"/?lang=zh-Hans", "/east-west?lang=zh-Hans"} | {f"{p.link}?lang=en" for p in PAGES}


def cases():
    """(url, what it shows, id) for every page in English and 简体 (繁體: the pages a decision
    maker or a presenter opens first), every page in presenter mode, and the story's steps 2-9
    (step 1 is the story page) in 简体 in presenter mode. 繁體 is made from 简体 by a
    converter (scripts/make_zh_hant.py) and lays out the same; every page runs in it in AppTest
    (tests/app/test_pages.py)."""
    for lang in LANGS:
        for page in PAGES:
            if lang != "zh-Hant" or page.key in HANT:
                yield f"{page.link}?lang={lang}", PAGE_SHOWS.get(page.url_path), f"{page.key}-{lang}"
    for page in PAGES:
        yield f"{page.link}?lang=zh-Hans&present=1", PAGE_SHOWS.get(page.url_path), f"{page.key}-present"
    for n in range(2, len(story.STEPS) + 1):  # in English on a projector: tests/e2e/test_screens.py
        yield f"/story?step={n}&lang=zh-Hans&present=1", STEP_SHOWS[n], f"story-{n}-present-zh-Hans"


CASES = [pytest.param(url, shows, id=name, marks=() if url in QUICK else pytest.mark.slow)
         for url, shows, name in cases()]


def footer_prefix(lang: str) -> str:
    """The start of the footer line, the last thing every page run draws."""
    texts = tomllib.loads((LOCALES / f"{lang}.toml").read_text(encoding="utf-8"))
    return texts["frame"]["footer"].split("{")[0]


DRAWN_MARKS = """el => Array.from(el.querySelectorAll('.cartesianlayer .trace path')).filter(p => {
    if ((p.getAttribute('d') || '').length < 5) return false;
    const box = p.getBBox();
    return box.width > 0 || box.height > 0;
}).length"""


def check_charts(page: Page, url: str) -> int:
    charts = page.get_by_test_id("stPlotlyChart")
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        plot = chart.locator(".js-plotly-plot")
        expect(plot.locator(".main-svg").first, f"{url}: chart {i + 1} has no plot").to_be_visible()
        try:  # plotly draws the traces after it has laid out the axes
            page.wait_for_function(f"el => ({DRAWN_MARKS})(el) > 0", arg=plot.element_handle(), timeout=20_000)
        except PlaywrightTimeoutError:
            pass  # reported below, with the counts
        traces = plot.locator(".cartesianlayer .trace").count()
        marks = plot.evaluate(DRAWN_MARKS)
        assert traces > 0 and marks > 0, f"{url}: chart {i + 1} drew {traces} traces, {marks} marks"
    return charts.count()


def colours(png: bytes) -> tuple[float, int]:
    """Share of pixels that are not (near) white, and how many non-white colours cover ≥ 0.1 %
    of the picture each (every second pixel each way is enough, and four times as fast)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.resize((max(1, image.width // 2), max(1, image.height // 2)), Image.Resampling.NEAREST)
    total = image.width * image.height
    coarse = Counter((r >> 3, g >> 3, b >> 3) for r, g, b in image.get_flattened_data())
    inked = {rgb: n for rgb, n in coarse.items() if min(rgb) < 31}  # below 248 in some channel
    return sum(inked.values()) / total, sum(1 for n in inked.values() if n >= total / 1000)


def check_maps(page: Page, url: str) -> int:
    canvases = page.get_by_test_id("stDeckGlJsonChart").locator("canvas")
    for i in range(canvases.count()):
        canvas = canvases.nth(i)
        canvas.scroll_into_view_if_needed()
        expect(canvas, f"{url}: map {i + 1} has no canvas").to_be_visible()
        deadline = time.monotonic() + 20
        while True:  # deck.gl draws on later animation frames: look again until drawn
            inked, common = colours(canvas.screenshot())
            if (inked > 0.05 and common >= 3) or time.monotonic() > deadline:
                break
            page.wait_for_timeout(250)
        assert inked > 0.05 and common >= 3, (
            f"{url}: map {i + 1} looks blank: {inked:.1%} of pixels drawn, {common} non-white colours")
    return canvases.count()


def check_kpis(page: Page, url: str) -> int:
    metrics = page.get_by_test_id("stMetric")
    for i in range(metrics.count()):
        value = metrics.nth(i).get_by_test_id("stMetricValue").inner_text().strip()
        assert value, f"{url}: KPI {i + 1} has no value"
    return metrics.count()


def settle(page: Page, url: str, lang: str) -> None:
    """Wait until the run has reached the footer (the last thing it draws) and ended, maps and
    presenter charts are drawn for their measured size, no element is loading or stale, and
    every image has loaded."""
    main = page.get_by_test_id("stMain")
    expect(main.locator("h1").first, f"{url}: no title").to_be_visible(timeout=30_000)
    expect(main.get_by_test_id("stPageLink").filter(has_text=footer_prefix(lang)),
           f"{url}: the run did not reach the footer").to_be_visible(timeout=30_000)
    fitted(page)  # before the run's end: a map's or presenter chart's size report reruns the page
    expect(page.get_by_test_id("stApp"), f"{url}: still running").to_have_attribute(
        "data-test-script-state", "notRunning")
    expect(page.get_by_test_id("stSkeleton"), f"{url}: elements still loading").to_have_count(0)
    expect(page.locator('[data-testid="stElementContainer"][data-stale="true"]'),
           f"{url}: stale elements left").to_have_count(0)
    page.wait_for_function("Array.from(document.images).every(image => image.complete)")
    for chart in page.locator(".js-plotly-plot").all():
        expect(chart.locator(".main-svg").first).to_be_attached()
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def violations(page: Page, url: str) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(RUN, [TAGS, ALWAYS])
    return [f"{url}: {v['impact']} {v['id']} ({v['help']}) at {target}" for v in found for target in v["targets"]]


@pytest.fixture(scope="module", autouse=True)
def axe_installed():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run scripts/setup.sh (npm ci --prefix tests/e2e/axe)")


@pytest.mark.parametrize(("url", "shows"), CASES)
def test_drawn_offline_and_accessible(watched, url, shows):
    lang = parse_qs(urlsplit(url).query)["lang"][0]
    watched.goto(url)
    settle(watched, url, lang)
    found = violations(watched, url)  # before the checks below scroll the page
    assert found == [], "\n".join(found)

    main = watched.get_by_test_id("stMain")
    assert watched.get_by_test_id("stException").count() == 0, (
        f"{url}: exception shown: {watched.get_by_test_id('stException').first.inner_text()[:500]}")
    errors = watched.get_by_test_id("stAlertContentError")
    assert errors.count() == 0, f"{url}: error shown: {errors.first.inner_text()[:500]}"
    assert "Traceback" not in main.inner_text(), f"{url}: a traceback is shown"
    if lang != "en":
        assert re.search(r"[\u4e00-\u9fff]", main.locator("h1").first.inner_text()), f"{url}: title not in Chinese"
    if "present=1" in url:
        expect(watched.get_by_test_id("stSidebar"), f"{url}: sidebar shown in presenter mode").to_be_hidden()
        expect(watched.locator(".st-key-present_exit"), f"{url}: not in presenter mode").to_be_visible()

    drawn = {"chart": check_charts(watched, url), "map": check_maps(watched, url), "kpis": check_kpis(watched, url)}
    least = {"chart": 1, "map": 1, "kpis": 3}
    if shows:
        assert drawn[shows] >= least[shows], f"{url}: {drawn[shows]} {shows} shown, expected {least[shows]}+"

    assert watched.watch.blocked == [], f"{url}: requested other hosts: {watched.watch.blocked}"
    assert watched.watch.console_errors == [], f"{url}: console errors: {watched.watch.console_errors}"
