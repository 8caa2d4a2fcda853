"""Playwright fixtures: the real app on a free port, driven by Debian's Chromium, offline.

pytest-playwright cannot point at a system browser by option, so the launch fixture is
overridden; every request to a host other than the app's own is aborted and recorded, so a
test fails if a page needs the internet.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from scripts.appserver import ARGS, CHROMIUM, REPO, start_app, stop_app  # noqa: F401 - REPO, CHROMIUM: tests use them

expect.set_options(timeout=20_000)


def pytest_collection_modifyitems(config, items):
    """Every test under tests/e2e/ is an e2e test, so the fast tier (-m "not e2e and not
    slow") leaves it out whether or not its module says so.

    The scale-out test (minutes, one test) goes first: with pytest-xdist its worker starts it
    at once and the other workers run the rest meanwhile, instead of it starting last."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)
    items.sort(key=lambda item: item.path != here / "test_scaleout.py")  # stable: the rest keep their order


@pytest.fixture(scope="session")
def app_server():
    proc, url = start_app()
    yield url
    stop_app(proc)


@pytest.fixture(scope="session")
def base_url(app_server):
    return app_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1600, "height": 900}}


class Watch:
    """What a page did that a test should see: outside requests and console errors."""

    def __init__(self):
        self.blocked: list[str] = []
        self.console_errors: list[str] = []


@pytest.fixture
def watched(page, base_url):
    """The page with outside hosts blocked and console errors recorded."""
    return watching(page)


def watching(page):
    """`page` with outside hosts blocked and console errors recorded (`page.watch`)."""
    watch = Watch()
    local = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")

    def route(r):
        if r.request.url.startswith(local):
            r.continue_()
        else:
            watch.blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)  # the page's own: pages may share a context (test_chart_exports)
    def console(msg):
        # Benign: Streamlit probes /<page>/_stcore/* before /_stcore/* on deep links (404).
        if msg.type == "error" and "/_stcore/" not in (msg.location or {}).get("url", ""):
            watch.console_errors.append(msg.text)

    page.on("console", console)
    page.watch = watch
    return page


def fitted(page) -> None:
    """Wait until every map and presenter chart is drawn for its measured size: the browser's
    size report reruns the page and redraws them (atlas/ui/fit.py)."""
    expect(page.locator('[class*="_measuring"]')).to_have_count(0, timeout=60_000)
