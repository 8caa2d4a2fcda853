"""The first reader after a start against a warm reader, page by page.

For each page and run: start the server fresh (new process, nothing cached), wait for its health
check (and, for serve.py, for /ready: the shared data built), then time the first reader's page
load in a new browser context, then a second reader's (warm). Also prints process start →
health, and → /ready. Load time: navigation start until the page is fully drawn
(benchmarks/pages.py DRAWN).

    uv run python benchmarks/cold_start.py [--runs 3] [--script serve.py|app.py] [--pages overview map]
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
from benchmarks.pages import DRAWN, PAGES  # noqa: E402
from scripts.appserver import ARGS, CHROMIUM, start_app, stop_app, wait_ok  # noqa: E402


def load(browser, url: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(DRAWN, arg=True, timeout=120_000, polling=50)
    elapsed = (time.perf_counter() - start) * 1000
    context.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--script", default="serve.py")
    parser.add_argument("--pages", nargs="*", default=["overview", "map", "energy", "lab"], choices=list(PAGES))
    args = parser.parse_args()
    health, ready, first, warm = [], [], {p: [] for p in args.pages}, {p: [] for p in args.pages}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(args.runs):
            for name in args.pages:
                start = time.perf_counter()
                proc, url = start_app(script=args.script)  # returns once /_stcore/health answers "ok"
                try:
                    health.append((time.perf_counter() - start) * 1000)
                    if args.script == "serve.py":
                        if not wait_ok(url, "/ready", every=0.05):  # finely: it is timed
                            raise RuntimeError("/ready did not answer ok")
                        ready.append((time.perf_counter() - start) * 1000)
                    path = url + PAGES[name][0]  # e.g. /map?lang=en
                    first[name].append(load(browser, path))
                    warm[name].append(load(browser, path))
                finally:
                    stop_app(proc)
        browser.close()
    print(f"machine: {platform.node()} {platform.machine()}, python {platform.python_version()}; "
          f"{args.script}, {args.runs} runs per page, a fresh server each")
    print(f"process start → health  median {statistics.median(health):6.0f} ms")
    if ready:
        print(f"process start → ready   median {statistics.median(ready):6.0f} ms")
    print(f"{'page':10s} {'first reader':>13s} {'warm reader':>12s} {'ratio':>6s}")
    for name in args.pages:
        f, w = statistics.median(first[name]), statistics.median(warm[name])
        print(f"{name:10s} {f:10.0f} ms {w:9.0f} ms {f / w:5.2f}×")


if __name__ == "__main__":
    main()
