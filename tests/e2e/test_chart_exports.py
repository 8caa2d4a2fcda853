"""Test a chart's exports in a real browser: each file is what it says, offline and cited."""

import io
import re
import zipfile

import pandas as pd
import pytest
from playwright.sync_api import expect

from atlas.store import Store

pytestmark = pytest.mark.e2e


def download(page, label: str) -> bytes:
    menu = page.get_by_test_id("stPopover").first
    menu.get_by_role("button").first.click()
    with page.expect_download(timeout=60_000) as info:
        page.get_by_test_id("stPopoverBody").get_by_role("button", name=label, exact=True).click()
    content = open(info.value.path(), "rb").read()
    page.keyboard.press("Escape")
    return content


@pytest.fixture
def overview(watched):
    watched.goto("/?lang=en")
    expect(watched.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    return watched


def test_png_and_svg(overview):
    png = download(overview, "PNG")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000
    width = int.from_bytes(png[16:20], "big")
    assert width >= 2 * 1400 - 2  # rendered at 2× for slides
    svg = download(overview, "SVG")
    assert svg.lstrip().startswith(b"<svg") and b"EFLOPS" in svg


def test_html_opens_offline(overview, browser):
    html = download(overview, "HTML")
    assert not re.search(rb"<script[^>]+src=[\"']https?://", html)  # plotly.js is embedded
    page = browser.new_page()
    page.route("**/*", lambda r: r.abort() if r.request.url.startswith("http") else r.continue_())
    page.set_content(html.decode())
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    page.close()


def test_csv_and_zip_hold_the_rows_shown_and_the_citation(overview):
    expected = Store().run("national_compute_series")
    data = pd.read_csv(io.BytesIO(download(overview, "CSV")), encoding="utf-8-sig")
    assert data["value"].tolist() == expected["value"].tolist()
    archive = zipfile.ZipFile(io.BytesIO(download(overview, "This view (ZIP)")))
    assert {"chart.png", "chart.svg", "data.csv", "citation.txt"} <= set(archive.namelist())
    citation = archive.read("citation.txt").decode()
    assert "China's compute (EFLOPS)" in citation and "Exported" in citation and "lang=en" in citation
    assert re.search(r"- \[[ABC]\] ", citation)
    assert overview.watch.console_errors == []
