"""Test the app shell in a real browser, offline: KPIs, languages, deep links, no console errors."""

import re

import pytest
from playwright.sync_api import expect

from scripts.appserver import start_app, stop_app

pytestmark = pytest.mark.e2e


def settle(page):
    """Wait until Streamlit has finished running the script."""
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=30_000)


def test_overview_shows_kpis_offline(watched):
    watched.goto("/")
    expect(watched.get_by_role("heading", name="算力地图 · 东数西算")).to_be_visible()
    expect(watched.get_by_test_id("stMetricValue")).to_have_count(9)  # six KPIs and the placement answer
    expect(watched.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    settle(watched)
    values = watched.get_by_test_id("stMetricValue").all_inner_texts()
    assert all(v.strip() and v.strip() != "无数据" for v in values), values
    assert watched.watch.blocked == []
    assert watched.watch.console_errors == []


@pytest.mark.parametrize(("lang", "title"), [
    ("en", "Compute Atlas · East Data, West Compute"),
    ("zh-Hant", "算力地圖 · 東數西算"),
    ("zh-Hans", "算力地图 · 东数西算"),
])
def test_language_comes_from_the_url(watched, lang, title):
    watched.goto(f"/?lang={lang}")
    expect(watched.get_by_role("heading", name=title)).to_be_visible()
    settle(watched)
    assert watched.watch.console_errors == []


def test_language_switch_updates_url_and_survives_navigation(watched):
    watched.goto("/")
    watched.get_by_test_id("stSidebar").get_by_text("English").click()
    expect(watched.get_by_role("heading", name="Compute Atlas · East Data, West Compute")).to_be_visible()
    expect(watched).to_have_url(re.compile(r"[?&]lang=en"))
    watched.get_by_test_id("stSidebarNav").get_by_text("Sources & method").click()
    expect(watched.get_by_role("heading", name="Sources & method", exact=True)).to_be_visible()
    expect(watched).to_have_url(re.compile(r"/about\?(.*&)?lang=en"))
    assert watched.watch.console_errors == []


def test_bad_language_value_falls_back_with_notice(watched):
    watched.goto("/?lang=xx")
    expect(watched.get_by_role("heading", name="算力地图 · 东数西算")).to_be_visible()
    expect(watched.get_by_test_id("stAlert").filter(has_text="lang=xx")).to_be_visible()


def test_first_request_after_start_is_a_deep_link(page):
    """A fresh server whose first request is /about opens it inside the frame, no modal."""
    proc, url = start_app()
    try:
        page.goto(f"{url}/about?lang=en")
        expect(page.get_by_role("heading", name="Sources & method", exact=True)).to_be_visible()
        expect(page.get_by_test_id("stSidebarNav")).to_be_visible()
        settle(page)
        expect(page.get_by_text("Page not found")).to_have_count(0)
        expect(page.get_by_role("dialog")).to_have_count(0)
    finally:
        stop_app(proc)


def test_served_warm_health_at_once_then_ready(app_server):
    """serve.py (what every browser test runs): the health check answers while the shared data
    is still being built, and /ready says "ok" once it is (503 "warming" before, never an error)."""
    import time
    import urllib.error
    import urllib.request

    def get(path):
        try:
            with urllib.request.urlopen(app_server + path, timeout=5) as resp:
                return resp.status, resp.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    assert get("/_stcore/health") == (200, "ok")
    seen, deadline = [], time.monotonic() + 60
    while time.monotonic() < deadline and (not seen or seen[-1] != (200, "ok")):
        seen.append(get("/ready"))
        time.sleep(0.1)
    assert seen[-1] == (200, "ok") and set(seen) <= {(503, "warming"), (200, "ok")}, seen
