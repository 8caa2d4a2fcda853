"""Time the Overview's first render against a bare one-metric Streamlit page, in Chromium.

Both apps run side by side; each load opens a new browser context (a new session, as a new
visitor gets) and the two pages are loaded alternately, so drift on the machine hits both.
A load counts from navigation start until the page's last element is drawn: for the bare
page its metric; for the Overview all six KPIs and the series chart.

    uv run python benchmarks/page_load.py [--runs 15]

Prints per-page medians (ms) and the ratio Overview / bare. Target: ratio <= 1.2.
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

PAGES = {
    "bare": ("benchmarks/bare_metric.py", "/", 1, False),
    "overview": ("app.py", "/", 6, True),
}


def load_once(browser, url: str, metrics: int, chart: bool) -> float:
    context = browser.new_context(viewport={"width": 1600, "height": 900})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.get_by_test_id("stMetricValue").nth(metrics - 1).wait_for(timeout=60_000)
    if chart:
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
    elapsed = (time.perf_counter() - start) * 1000
    context.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    servers = {name: start_app(script=spec[0]) for name, spec in PAGES.items()}
    times: dict[str, list[float]] = {name: [] for name in PAGES}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for name, (_, path, metrics, chart) in PAGES.items():  # warm-up: caches, imports
                load_once(browser, servers[name][1] + path, metrics, chart)
            for _ in range(args.runs):
                for name, (_, path, metrics, chart) in PAGES.items():
                    times[name].append(load_once(browser, servers[name][1] + path, metrics, chart))
            browser.close()
    finally:
        for proc, _ in servers.values():
            stop_app(proc)
    print(f"machine: {platform.node()} {platform.machine()}, python {platform.python_version()}, runs {args.runs}")
    for name, values in times.items():
        print(f"{name:9s} median {statistics.median(values):7.0f} ms   min {min(values):6.0f}   max {max(values):6.0f}")
    ratio = statistics.median(times["overview"]) / statistics.median(times["bare"])
    print(f"ratio overview/bare: {ratio:.2f} (target <= 1.20)")


if __name__ == "__main__":
    main()
