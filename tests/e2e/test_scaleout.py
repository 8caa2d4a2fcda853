"""Test the scale-out deployment (deploy/): two replicas behind nginx, started by
deploy/start.sh, serve 20 sessions at once: 4 in Chromium and 16 at the protocol level
(benchmarks/wsload.py: Streamlit's own WebSocket messages, every page and every action once,
each result checked against the app's own code). Every page draws, every click and every
download works, both replicas serve sessions, and each session stays on one replica: its
WebSocket, its page loads and the files of its (made-on-click) downloads.

Browsers are what only a browser shows (drawing, console errors, requests to outside hosts);
the protocol-level readers are the load. On two shared cores, 20 browsers were 250 s of the
suite's 14 minutes, most of it software WebGL.

The browsers are contexts of one Chromium, driven by Playwright's async API in a thread of its
own (pytest-playwright's sync API may already own this thread's event loop), on the same event
loop as the protocol-level readers."""

from __future__ import annotations

import asyncio
import io
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
from playwright.async_api import async_playwright, expect

from atlas.build.numbers import fmt_amount
from atlas.calc.energy import energy_cost_carbon
from atlas.data.store import Store
from benchmarks import wsload
from benchmarks.load import ACTIONS, LANGS, Truth
from scripts.appserver import ARGS, CHROMIUM, REPO, free_port

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx", "/sbin/nginx") if os.access(p, os.X_OK)), None)
REPLICAS = 2
SESSIONS = 4  # in Chromium
READERS = 16  # at the protocol level, alongside sessions 1-3
IN_FLIGHT = int(os.environ.get("ATLAS_SCALEOUT_IN_FLIGHT", "4"))  # browser sessions open at once (2 cores)
PROBES = 16  # random routes that fetch session 0's download: about half land on the other replica
VIEWPORT = {"width": 1600, "height": 900}
TIMEOUT = 90_000  # ms, per step: 20 sessions share two cores
ENERGY_URL = "/energy?lang=en&it_mw=10&pue=1.2&price=0.36&hours=8760&green=0.3&grid=0.5366"


def consecutive_free_ports(count: int) -> int:
    """The first of `count` consecutive free loopback ports."""
    for _ in range(200):
        first = free_port()
        socks = []
        try:
            for port in range(first, first + count):
                sock = socket.socket()
                socks.append(sock)
                sock.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for sock in socks:
                sock.close()
    raise RuntimeError(f"no {count} consecutive free ports")


@dataclass
class Deployment:
    url: str
    upstreams: set[str]
    run_dir: Path

    def access_log(self) -> list[dict]:
        """The proxy's access log: request, status, route (the affinity cookie) and upstream."""
        pattern = re.compile(r'"(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d+) \d+ '
                             r'route=(?P<route>\S+) upstream=(?P<upstream>\S+)')
        text = (self.run_dir / "logs" / "access.log").read_text()
        return [m.groupdict() for m in map(pattern.search, text.splitlines()) if m]


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    if NGINX is None:
        pytest.skip("nginx is not installed (apt-get install -y nginx; scripts/setup.sh installs it)")
    proxy, first = free_port(), consecutive_free_ports(REPLICAS)
    while proxy in range(first, first + REPLICAS):
        proxy = free_port()
    run_dir = tmp_path_factory.mktemp("scaleout")
    output = run_dir / "start.out"
    url = f"http://127.0.0.1:{proxy}"
    with open(output, "w") as out:
        proc = subprocess.Popen(
            ["bash", str(REPO / "deploy" / "start.sh"), str(REPLICAS), str(proxy), str(first)],
            cwd=REPO, env={**os.environ, "ATLAS_RUN_DIR": str(run_dir), "ATLAS_NGINX": NGINX},
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    deadline = time.monotonic() + 180
    try:
        while "Compute Atlas: http" not in output.read_text():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"deploy/start.sh did not start:\n{output.read_text()[-3000:]}")
            time.sleep(0.3)
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as resp:
            assert resp.read() == b"ok"  # the health check passes through the proxy
        yield Deployment(url, {f"127.0.0.1:{p}" for p in range(first, first + REPLICAS)}, run_dir)
    finally:
        proc.send_signal(signal.SIGTERM)  # start.sh's trap stops nginx and the replicas
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    assert [p for p in [proxy, *range(first, first + REPLICAS)] if _listens(p)] == [], "left running"


def _listens(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def fetch_status(url: str, route: str) -> int:
    """GET url with the given affinity cookie; the status."""
    request = urllib.request.Request(url, headers={"Cookie": f"atlas_route={route}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


@dataclass
class Session:
    number: int
    route: str | None = None
    done: list[str] = field(default_factory=list)  # the steps that passed, in order
    error: str | None = None
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    timings: list[float] = field(default_factory=list)  # seconds from the start to each step
    probes: list[tuple[str, int]] = field(default_factory=list)  # (route, status) for its download
    seconds: float = 0.0


MAP_EVERY = 2  # sessions 0 and 2 open the map; the others a calculator's deep link


def steps(number: int) -> list[str]:
    """A session's steps. The map (software WebGL: over half a session's time on two shared
    cores) is drawn by every other session; the others open the energy calculator's deep link,
    so every session still loads three pages on its replica."""
    return ["overview drew", "chart CSV", "map drew" if number % MAP_EVERY == 0 else "energy drew", "story Next"]


async def settled(page) -> None:
    """Wait until the script run has ended (widgets and menus are final)."""
    await expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning",
                                                                  timeout=TIMEOUT)


async def download_csv(page, menu: int = 0, session: Session | None = None) -> pd.DataFrame:
    """Open the `menu`-th export menu and download its CSV (made on click, by the replica)."""
    await settled(page)
    export_menus = page.get_by_test_id("stPopover").filter(has_text="Export")  # not a KPI's sources
    await export_menus.nth(menu).get_by_role("button").first.click()
    body = page.get_by_test_id("stPopoverBody")
    async with page.expect_download(timeout=TIMEOUT) as info:
        await body.get_by_role("button", name="CSV", exact=True).click()
    download = await info.value
    assert download.suggested_filename.endswith(".csv"), download.suggested_filename
    content = Path(await download.path()).read_bytes()
    if session is not None:  # the same file under other routes: kept only on the session's replica
        for route in [secrets.token_hex(16) for _ in range(PROBES)]:
            session.probes.append((route, await asyncio.to_thread(fetch_status, download.url, route)))
    await page.keyboard.press("Escape")
    return pd.read_csv(io.BytesIO(content), encoding="utf-8-sig")


async def one_session(browser, base: str, session: Session, expected: dict) -> None:
    started = time.monotonic()
    context = await browser.new_context(viewport=VIEWPORT, base_url=base)
    context.set_default_timeout(TIMEOUT)
    local = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")

    async def route(r):
        if r.request.url.startswith(local):
            await r.continue_()
        else:
            session.blocked.append(r.request.url)
            await r.abort()

    def console(msg):
        if msg.type == "error" and "/_stcore/" not in (msg.location or {}).get("url", ""):
            session.console_errors.append(msg.text)

    def passed(step: str) -> None:
        session.done.append(step)
        session.timings.append(round(time.monotonic() - started, 1))

    await context.route("**/*", route)
    page = await context.new_page()
    page.on("console", console)
    try:
        await page.goto("/?lang=en")
        await expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=TIMEOUT)
        await expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=TIMEOUT)
        passed("overview drew")
        series = await download_csv(page, session=session if session.number == 0 else None)
        assert series["value"].tolist() == expected["series"], "chart CSV rows"
        passed("chart CSV")

        if session.number % MAP_EVERY == 0:
            await page.goto("/map?lang=en&status=planned")
            await expect(page.locator("canvas").first).to_be_visible(timeout=TIMEOUT)
            # the map's size report reruns the page once (atlas/ui/fit.py)
            await expect(page.locator('[class*="_measuring"]')).to_have_count(0, timeout=TIMEOUT)
            await settled(page)
            # Found by its label and retried: while the page draws, "first metric" can be another one.
            shown = page.get_by_test_id("stMetric").filter(has_text="Centers shown")
            await expect(shown.get_by_test_id("stMetricValue")).to_have_text(str(expected["planned"]), timeout=TIMEOUT)
            passed("map drew")
        else:
            await page.goto(ENERGY_URL)
            cost = page.get_by_test_id("stMetric").filter(has_text="Annual electricity cost (CNY)").first
            await expect(cost.get_by_test_id("stMetricValue")).to_have_text(expected["cost"], timeout=TIMEOUT)
            passed("energy drew")

        await page.goto("/story?lang=en&step=3")
        await expect(page.get_by_role("heading", name="How much compute China has")).to_be_visible(timeout=TIMEOUT)
        await settled(page)
        await page.locator(".st-key-story_next button").first.click()  # a rerun on the session's replica
        await expect(page.get_by_role("heading", name="Green compute: PUE and targets")).to_be_visible(timeout=TIMEOUT)
        await expect(page).to_have_url(re.compile(r"step=4"), timeout=TIMEOUT)
        passed("story Next")
    except Exception as exc:  # noqa: BLE001 - recorded: one failure must not hide the others
        session.error = f"{type(exc).__name__}: {str(exc)[:600]}"
    finally:
        session.route = next((c["value"] for c in await context.cookies() if c["name"] == "atlas_route"), None)
        await context.close()
        session.seconds = time.monotonic() - started


async def run_sessions(base: str, expected: dict) -> tuple[list[Session], wsload.Bench]:
    sessions = [Session(n) for n in range(SESSIONS)]
    gate = asyncio.Semaphore(IN_FLIGHT)
    bench = wsload.Bench(base, Truth(), sampler=None, health=None, log=None, timeout=TIMEOUT / 1000,
                         think=(0, 0), server_known=False)
    readers = [wsload.Session(bench, n, random.Random(n), LANGS[n % 2]) for n in range(READERS)]

    async def gated(browser, session):
        async with gate:
            await one_session(browser, base, session, expected)

    async def read(reader):
        await reader.tour(actions=True)
        await reader.close()

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            # Session 0 alone first: its download is then the only copy of that file on either
            # replica (the file's id is a hash of its content, the same in every session).
            await gated(browser, sessions[0])
            await asyncio.gather(*(gated(browser, s) for s in sessions[1:]), *map(read, readers))
        finally:
            await browser.close()
    return sessions, bench


def in_own_thread(coro):
    """Run a coroutine on a fresh event loop in another thread; return its result."""
    result = {}

    def target():
        try:
            result["value"] = asyncio.run(coro)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            result["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]


def test_twenty_sessions_through_nginx_each_on_one_replica(deployment):
    store = Store()
    planned = store.run("map_centers", statuses=("planned",), hubs=(), clusters=(), provinces=(),
                        precisions=(), min_pflops=0.0)
    expected = {"series": store.run("national_compute_series")["value"].tolist(), "planned": len(planned),
                "cost": fmt_amount(energy_cost_carbon(10, 1.2, 8760, 0.36, 0.3, 0.5366).cost_cny, "CNY", lang="en")}
    assert expected["planned"] > 0

    started = time.monotonic()
    sessions, bench = in_own_thread(run_sessions(deployment.url, expected))
    elapsed = time.monotonic() - started
    print(f"\n{SESSIONS} browser sessions, {IN_FLIGHT} at a time, and {READERS} protocol-level readers in {elapsed:.0f} s "
          f"(browsers each {min(s.seconds for s in sessions):.0f}-{max(s.seconds for s in sessions):.0f} s)")

    for s in sessions:
        print(f"session {s.number}: {s.seconds:.0f} s, steps at {s.timings}")
    failed = {s.number: (s.error, s.done) for s in sessions if s.done != steps(s.number)}
    assert failed == {}, f"sessions that did not finish: {failed}"
    assert [s.blocked for s in sessions if s.blocked] == []
    assert [s.console_errors for s in sessions if s.console_errors] == []
    # Every reader visited every page and did every action once, each with the app's own result.
    for reader in range(READERS):
        assert {r.kind for r in bench.records if r.session == reader} == {"open", *ACTIONS}, reader
    assert [(r.session, r.kind, r.where, r.errors) for r in bench.records if r.errors] == []

    # Affinity, from the proxy's log: each session's requests (the first one too, before it
    # had the cookie) went to one replica, and the route shows it used a WebSocket and media.
    routes = [s.route for s in sessions]

    def streams(entries) -> int:
        return sum(e["path"].endswith("/_stcore/stream") for e in entries)

    def by_route_when_logged() -> dict[str, list[dict]]:
        """The log by route, once every session's WebSockets are in it (nginx logs a WebSocket
        when it closes, a moment after its context has closed)."""
        deadline = time.monotonic() + 30
        while True:
            grouped = defaultdict(list)
            for entry in deployment.access_log():
                grouped[entry["route"]].append(entry)
            if all(streams(grouped[r]) >= 3 for r in routes) or time.monotonic() > deadline:
                return grouped
            time.sleep(0.1)

    by_route = by_route_when_logged()
    assert all(routes) and len(set(routes)) == SESSIONS, "one route cookie per session"
    served_by = {}
    for session in sessions:
        entries = by_route[session.route]
        upstreams = {e["upstream"] for e in entries}
        assert len(upstreams) == 1, f"session {session.number} went to {upstreams}"
        assert upstreams <= deployment.upstreams
        paths = [e["path"] for e in entries]
        assert streams(entries) >= 3, "a WebSocket per page load"
        assert any(p.startswith("/media/") for p in paths), "the download came through the proxy"
        # No proxy or app errors; 404s only from Streamlit's deep-link probes (/map/_stcore/...),
        # 499 (the browser left the page before a picture came) is the client's doing.
        bad = [e for e in entries if e["status"].startswith("5")
               or e["status"] == "404" and "/_stcore/" not in e["path"]]
        assert bad == [], bad
        served_by[session.number] = upstreams.pop()
    # The control: session 0's download under random routes. Its replica has the file (200),
    # the other replica has not (404): without affinity a download fails about half the time.
    by_probe = {route: entries[-1]["upstream"] for route, entries in by_route.items()}
    home = served_by[0]
    assert [(by_probe[route], status) for route, status in sessions[0].probes
            if status != (200 if by_probe[route] == home else 404)] == []
    assert {by_probe[route] for route, _ in sessions[0].probes} == deployment.upstreams, "both replicas probed"

    # Every session, the protocol-level readers' too (a new tab per deep link): one replica per
    # route, no proxy or app errors; and both replicas served some.
    sessions_by_route = {route: entries for route, entries in by_route.items() if streams(entries)}
    assert len(sessions_by_route) >= SESSIONS + READERS
    assert {route: {e["upstream"] for e in entries} for route, entries in sessions_by_route.items()
            if len({e["upstream"] for e in entries}) > 1} == {}
    assert [e for entries in by_route.values() for e in entries if e["status"].startswith("5")] == []
    homes = [entries[0]["upstream"] for entries in sessions_by_route.values()]
    counts = {u: homes.count(u) for u in deployment.upstreams}
    print(f"sessions per replica: {counts}")
    assert all(counts.values()), f"a replica served no session: {counts}"
