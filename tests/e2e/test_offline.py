"""Every page and every story step draws with no internet: each URL is opened once in a page
that may reach only the app itself, and its charts, maps and KPI sets must be drawn, with no
error shown, no console error and no request to another host."""

import io
import re
import time
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from atlas import pages

pytestmark = pytest.mark.e2e

LOCALES = Path(__file__).resolve().parents[2] / "atlas" / "locales"
PAGES = [page.url_path for page in pages.PAGES]
# What a URL must show at least (beyond that, whatever it shows must be drawn): a Plotly
# chart, a deck.gl map or a KPI set (3 or more st.metric). Story steps: see atlas/ui/story.py.
PAGE_SHOWS = {"": "chart", "map": "map", "east-west": "chart", "energy": "chart", "story": "map"}
STEP_SHOWS = {1: "map", 2: "chart", 3: "chart", 4: "chart", 5: "chart", 6: "kpis", 7: "kpis", 8: "chart", 9: "map"}

CASES = (
    [pytest.param(f"/{p}?lang=en", PAGE_SHOWS.get(p), id=p or "overview") for p in PAGES]
    + [pytest.param(f"/story?step={n}&lang=en", shows, id=f"story-{n}") for n, shows in STEP_SHOWS.items()]
    + [pytest.param(f"/story?step={n}&present=1&lang=zh-Hans", STEP_SHOWS[n], id=f"story-{n}-present-zh")
       for n in (1, 4)]
)


def footer_prefix(lang: str) -> str:
    """The start of the footer line, the last thing every page run draws."""
    texts = tomllib.loads((LOCALES / f"{lang}.toml").read_text(encoding="utf-8"))
    return texts["frame"]["footer"].split("{")[0]


def settle(page: Page, url: str, lang: str) -> None:
    """Wait until the script run has sent the whole page (the footer comes after the page) and
    every element has loaded its code (charts and maps show a skeleton until then)."""
    main = page.get_by_test_id("stMain")
    expect(main.locator("h1").first, f"{url}: no title").to_be_visible(timeout=30_000)
    expect(main.get_by_test_id("stPageLink").filter(has_text=footer_prefix(lang)),
           f"{url}: the run did not reach the footer").to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stApp"), f"{url}: still running").to_have_attribute(
        "data-test-script-state", "notRunning")
    expect(page.get_by_test_id("stSkeleton"), f"{url}: elements still loading").to_have_count(0)
    expect(page.locator('[data-testid="stElementContainer"][data-stale="true"]'),
           f"{url}: stale elements left").to_have_count(0)


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


@pytest.mark.parametrize(("url", "shows"), CASES)
def test_draws_offline(watched, url, shows):
    lang = "zh-Hans" if "lang=zh-Hans" in url else "en"
    watched.goto(url)
    settle(watched, url, lang)
    main = watched.get_by_test_id("stMain")
    assert watched.get_by_test_id("stException").count() == 0, (
        f"{url}: exception shown: {watched.get_by_test_id('stException').first.inner_text()[:500]}")
    errors = watched.get_by_test_id("stAlertContentError")
    assert errors.count() == 0, f"{url}: error shown: {errors.first.inner_text()[:500]}"
    assert "Traceback" not in main.inner_text(), f"{url}: a traceback is shown"
    if lang == "zh-Hans":
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
