"""Playwright fixtures: the real app on a free port, driven by Debian's Chromium, offline.

pytest-playwright cannot point at a system browser by option, so the launch fixture is
overridden; every request to a host other than the app's own is aborted and recorded, so a
test fails if a page needs the internet.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium tries Google's hosts at every start.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(env: dict | None = None, script: str = "app.py"):
    """Start `streamlit run` on a free port; return (process, base URL) once it is healthy."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port)],
        cwd=REPO, env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read() == b"ok":
                    return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("streamlit did not become healthy within 60 s")


def stop_app(proc) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


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
    watch = Watch()
    local = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")

    def route(r):
        if r.request.url.startswith(local):
            r.continue_()
        else:
            watch.blocked.append(r.request.url)
            r.abort()

    page.context.route("**/*", route)
    def console(msg):
        # Benign: Streamlit probes /<page>/_stcore/* before /_stcore/* on deep links (404).
        if msg.type == "error" and "/_stcore/" not in (msg.location or {}).get("url", ""):
            watch.console_errors.append(msg.text)

    page.on("console", console)
    page.watch = watch
    return page
