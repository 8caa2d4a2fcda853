"""Test the exports of a chart, a map and a table in a real browser: each file is what its
name says, opens offline, holds exactly the rows shown and cites its sources."""

import io
import re
import zipfile

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import expect

from atlas.build.export import PAGE_TIMEOUT_S
from atlas.data.store import Store
from tests.e2e.conftest import watching

pytestmark = pytest.mark.e2e


def menus(page):
    """The export menus (a KPI's sources are a popover too)."""
    return page.get_by_test_id("stPopover").filter(has_text=re.compile("Export|导出"))


def open_menu(page, index: int = 0):
    menus(page).nth(index).get_by_role("button").first.click()
    return page.get_by_test_id("stPopoverBody")


def download(page, label: str, index: int = 0) -> bytes:
    body = open_menu(page, index)
    with page.expect_download(timeout=60_000) as info:
        body.get_by_role("button", name=label, exact=True).click()
    content = open(info.value.path(), "rb").read()
    page.keyboard.press("Escape")
    return content


def make_images(page, button: str, index: int = 0) -> None:
    """Click the menu's image button and wait for the image downloads to appear."""
    body = open_menu(page, index)
    body.get_by_role("button", name=button).click()
    # The server's own time limit for a snapshot, and then some: on a loaded machine it can need all of it.
    expect(body.get_by_role("button", name="PNG", exact=True)).to_be_visible(timeout=(PAGE_TIMEOUT_S + 30) * 1000)
    page.keyboard.press("Escape")


def offline_opens(browser, html: bytes, selector: str):
    page = browser.new_page()
    blocked = []
    page.route("**/*", lambda r: (blocked.append(r.request.url), r.abort()) if r.request.url.startswith("http")
               else r.continue_())
    page.set_content(html.decode())
    expect(page.locator(selector).first).to_be_visible()
    page.close()
    return blocked


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


@pytest.fixture(scope="module")
def shared_context(browser, browser_context_args):
    """One context for the module: the tests of a view share its page (one page load each for
    the overview and the map, instead of one per test)."""
    context = browser.new_context(**browser_context_args)
    yield context
    context.close()


@pytest.fixture(scope="module")
def overview(shared_context):
    page = watching(shared_context.new_page())
    page.goto("/?lang=en")
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    return page


def test_chart_png_and_svg_are_made_on_request(overview):
    make_images(overview, "Make PNG and SVG")
    png = download(overview, "PNG")
    assert png_size(png)[0] >= 2 * 1400 - 2 and len(png) > 20_000  # 2× for slides
    svg = download(overview, "SVG")
    assert svg.lstrip().startswith(b"<svg") and b"EFLOPS" in svg


def test_chart_html_opens_offline(overview, browser):
    html = download(overview, "HTML")
    assert not re.search(rb"<script[^>]+src=[\"']https?://", html)  # plotly.js is embedded
    assert offline_opens(browser, html, ".js-plotly-plot .main-svg") == []


def test_chart_csv_xlsx_and_zip_hold_the_rows_shown_and_the_citation(overview):
    expected = Store().run("national_compute_series")
    data = pd.read_csv(io.BytesIO(download(overview, "CSV")), encoding="utf-8-sig")
    assert data["value"].tolist() == expected["value"].tolist()  # headers in English: value, source …
    assert "source" in data.columns and "as of" in data.columns
    book = openpyxl.load_workbook(io.BytesIO(download(overview, "XLSX")))
    assert [c.value for c in book["data"]["A"]][1:] == data.iloc[:, 0].tolist()
    assert "Exported" in book["citation"]["A3"].value
    archive = zipfile.ZipFile(io.BytesIO(download(overview, "This view (ZIP)")))
    assert {"chart.png", "chart.svg", "data.csv", "citation.txt"} <= set(archive.namelist())
    citation = archive.read("citation.txt").decode()
    assert "China's compute (EFLOPS)" in citation and "Exported" in citation and "lang=en" in citation
    assert re.search(r"- \[[ABC]\] ", citation)
    assert overview.watch.console_errors == []


def test_a_made_on_click_file_outlives_other_sessions_runs(overview, browser, base_url):
    """Streamlit drops a made-on-click file after two script runs of any session; under load
    they land before the browser's GET (a 404 in tests/e2e/test_scaleout.py). atlas.ui.downloads
    keeps the file for the session that asked for it."""
    body = open_menu(overview)
    with overview.expect_download(timeout=60_000) as info:
        body.get_by_role("button", name="CSV", exact=True).click()
    url = info.value.url
    other = browser.new_page()
    for path in ("/about?lang=en", "/energy?lang=en", "/about?lang=zh"):  # three runs of another session
        other.goto(base_url + path)
        expect(other.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning",
                                                                timeout=60_000)
    other.close()
    response = overview.request.get(url)
    assert response.status == 200 and b"value" in response.body()


def test_chart_exports_follow_the_language(watched):
    watched.goto("/?lang=zh-Hans")
    expect(watched.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    data = pd.read_csv(io.BytesIO(download(watched, "CSV")), encoding="utf-8-sig")
    assert "数值" in data.columns and "来源" in data.columns
    archive = zipfile.ZipFile(io.BytesIO(download(watched, "当前视图（ZIP）")))
    assert "导出自算力地图" in archive.read("citation.txt").decode()


@pytest.fixture(scope="module")
def planned_map(shared_context):
    page = watching(shared_context.new_page())
    page.goto("/map?lang=en&status=planned&layers=hubs,centers")
    expect(page.locator("canvas").first).to_be_visible(timeout=60_000)
    return page


def test_map_snapshot_and_html(planned_map, browser):
    make_images(planned_map, "Make PNG snapshot")
    png = download(planned_map, "PNG")
    width, height = png_size(png)
    assert (width, height) == (2800, 1800) and len(png) > 50_000
    html = download(planned_map, "HTML")
    assert b"<title>Compute map</title>" in html and b"status=planned" in html
    assert offline_opens(browser, html, "#map canvas") == []


def test_map_data_is_the_filtered_centers(planned_map):
    planned = Store().run("map_centers", statuses=("planned",), hubs=(), clusters=(), provinces=(),
                          precisions=(), min_pflops=0.0)
    data = pd.read_csv(io.BytesIO(download(planned_map, "CSV")), encoding="utf-8-sig")
    assert len(data) == len(planned) > 0
    assert set(data["Status"]) == {"planned"} and "Center" in data.columns
    archive = zipfile.ZipFile(io.BytesIO(download(planned_map, "This view (ZIP)")))
    assert {"map.png", "data.csv", "citation.txt"} <= set(archive.namelist())
    assert planned_map.watch.console_errors == []


def test_table_exports_the_rows_and_headers_shown(planned_map):
    """The centers table under the map: its own menu, the same rows as the table."""
    table_menu = menus(planned_map).count() - 1
    data = pd.read_csv(io.BytesIO(download(planned_map, "CSV", table_menu)), encoding="utf-8-sig")
    assert list(data.columns)[:3] == ["Center", "City", "Province"] and len(data) > 0
    book = openpyxl.load_workbook(io.BytesIO(download(planned_map, "XLSX", table_menu)))
    assert book["citation"]["A2"].value == "Centers in this view"
