"""Time the Overview's first render against bare Streamlit pages, in Debian's Chromium.

The apps run side by side and are loaded alternately, so drift on the machine hits all of
them. Each load is a new Streamlit session. Two browser states are measured:
  cold: a new browser context per load (empty HTTP cache, as a first-time visitor);
  warm: one context per app (cached scripts, as a returning visitor or a presenter's laptop).
Times run from navigation start until an element is drawn:
  bare          the metric of a bare one-metric page (the issue's baseline)
  bare+plotly   the chart of a bare page with one metric and one small Plotly chart
  overview kpis all six KPI values of the Overview
  overview all  the KPIs and the national series chart

    uv run python benchmarks/page_load.py [--runs 10]

Prints medians (ms) and ratios against the bare page. Target: Overview <= 1.2x bare.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.conftest import ARGS, CHROMIUM, start_app, stop_app  # noqa: E402

APPS = {"bare": "benchmarks/bare_metric.py", "bare+plotly": "benchmarks/bare_plotly.py", "overview": "app.py"}
METRICS = {"bare": 1, "bare+plotly": 1, "overview": 6}


def load(context, url: str, app: str) -> dict[str, float]:
    """Open `url` in a new page; return the ms until the KPIs and until the chart are drawn."""
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.get_by_test_id("stMetricValue").nth(METRICS[app] - 1).wait_for(timeout=60_000)
    marks = {"kpis": (time.perf_counter() - start) * 1000}
    if app != "bare":
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
        marks["all"] = (time.perf_counter() - start) * 1000
    page.close()
    return marks


def measure(browser, servers, runs: int, warm: bool) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {}
    contexts = {app: browser.new_context() for app in APPS} if warm else {}
    for run in range(runs + 1):  # the first round warms caches and imports; it is not counted
        for app, (_, url) in servers.items():
            context = contexts.get(app) or browser.new_context()
            marks = load(context, url, app)
            if not warm:
                context.close()
            if run:
                for mark, ms in marks.items():
                    times.setdefault(f"{app} {mark}", []).append(ms)
    for context in contexts.values():
        context.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    servers = {app: start_app(script=script) for app, script in APPS.items()}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            results = {mode: measure(browser, servers, args.runs, mode == "warm") for mode in ("cold", "warm")}
            browser.close()
    finally:
        for proc, _ in servers.values():
            stop_app(proc)
    print(f"machine: {platform.node()} {platform.machine()}, python {platform.python_version()}, "
          f"{args.runs} loads per page and mode")
    for mode, times in results.items():
        base = statistics.median(times["bare kpis"])
        print(f"\n{mode}:")
        for name, values in times.items():
            med = statistics.median(values)
            print(f"  {name:18s} median {med:6.0f} ms  (min {min(values):5.0f}, max {max(values):5.0f})"
                  f"  ratio to bare {med / base:4.2f}")
    print("\ntarget: overview <= 1.2x bare")


if __name__ == "__main__":
    main()
