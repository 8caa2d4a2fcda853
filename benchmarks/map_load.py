"""Time the map page's first render against a bare pydeck page with the same number of layers.

Both apps run side by side and are loaded alternately in Debian's Chromium; each load is a new
session, in a warm browser (one context per app: cached scripts, as a returning visitor).
A load counts from navigation start until the deck has drawn: its canvas is in the page and
the browser has run two animation frames since (deck.gl draws on animation frames, and a
frame runs only once the main thread has finished building the layers). Times come from the
page's own clock (performance.now, relative to navigation start).

    uv run python benchmarks/map_load.py [--runs 10]

Prints medians (ms) and the ratio map / bare. Target: <= 1.2.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.conftest import ARGS, CHROMIUM, start_app, stop_app  # noqa: E402

APPS = {"bare pydeck (6 layers)": ("benchmarks/bare_pydeck.py", "/"), "map page": ("app.py", "/map")}


DRAWN = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))"


def load(context, url: str) -> float:
    page = context.new_page()
    page.goto(url)
    page.get_by_test_id("stDeckGlJsonChart").locator("canvas").first.wait_for(timeout=60_000)
    elapsed = page.evaluate(DRAWN)
    page.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    servers = {name: start_app(script=script) for name, (script, _) in APPS.items()}
    times: dict[str, list[float]] = {name: [] for name in APPS}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            contexts = {name: browser.new_context(viewport={"width": 1600, "height": 900}) for name in APPS}
            for run in range(args.runs + 1):  # round 0 warms caches and imports; not counted
                for name, (_, path) in APPS.items():
                    ms = load(contexts[name], servers[name][1] + path)
                    if run:
                        times[name].append(ms)
            browser.close()
    finally:
        for proc, _ in servers.values():
            stop_app(proc)
    for name, values in times.items():
        print(f"{name:24s} median {statistics.median(values):6.0f} ms  (min {min(values):5.0f}, max {max(values):5.0f})")
    names = list(APPS)
    ratio = statistics.median(times[names[1]]) / statistics.median(times[names[0]])
    print(f"ratio map / bare: {ratio:.2f} (target <= 1.20), {args.runs} loads each")


if __name__ == "__main__":
    main()
