"""Time a cold start: process start → health endpoint answers → first page rendered.

Starts `streamlit run app.py` fresh (new process: data loaded and validated, DuckDB built,
nothing cached), polls /_stcore/health, then opens the Overview in a new browser context and
waits until its KPIs and chart are drawn. Repeats --runs times.

    uv run python benchmarks/cold_start.py [--runs 3]
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
from benchmarks.pages import DRAWN  # noqa: E402
from scripts.appserver import ARGS, CHROMIUM, start_app, stop_app  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    health, first = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(args.runs):
            start = time.perf_counter()
            proc, url = start_app()  # returns once /_stcore/health answers "ok"
            health.append((time.perf_counter() - start) * 1000)
            try:
                context = browser.new_context()
                page = context.new_page()
                page.goto(url + "/?lang=en")
                page.wait_for_function(DRAWN, arg=True, timeout=120_000, polling=50)
                first.append((time.perf_counter() - start) * 1000)
                context.close()
            finally:
                stop_app(proc)
        browser.close()
    print(f"machine: {platform.node()} {platform.machine()}, python {platform.python_version()}; {args.runs} cold starts")
    for name, values in (("process start → health", health), ("process start → Overview drawn", first)):
        print(f"{name:32s} median {statistics.median(values):6.0f} ms  (min {min(values):.0f}, max {max(values):.0f})")


if __name__ == "__main__":
    main()
