"""Time each calculator's and each filter's input → updated result against a bare slider
rerun, alternated in one run, in Chromium.

Every interaction changes one input and waits until the run it starts (the whole page's, or
only a fragment's) has ended, nothing on the page is still loading, and the browser has drawn
the result (two frames painted, then its main thread idle). The time runs in the page's own
clock from the key press or click that commits the input:
  bare slider      ArrowRight on a slider whose value drives a metric (a full rerun)
  lab <calc>       +1 step in the first number input of each What-if lab calculator
  energy it_mw     the energy calculator's IT load (scenario A)
  placement load   the east-west placement calculator's load
  map min_pflops   the map's minimum capacity filter (map, counts and table rerun)
  map colour       colour centers by status ↔ hub
  map measure      shade provinces by capacity ↔ number of centers
  story next       → on the story (the next step's panel)
  about grades     the About page's source grade filter

    uv run python benchmarks/interaction.py [--runs 10] [--only map]

Prints per interaction the median (ms) and its ratio to the bare slider. Target: <= 1.5x.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from scripts.appserver import ARGS, CHROMIUM, start_app, stop_app  # noqa: E402

CALCS = ("training", "inference", "traffic", "protein", "rnd", "inspection", "multiplier")

# Counts the runs (full or fragment) that have ended: the app marks each on its root element.
# And notes when the input happened, in the page's own clock: a key (Enter in a number input,
# an arrow on a slider or the story) or a click, so that Playwright's own round trips to find
# and fill an input are not counted.
WATCH = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    window.__runsEnded = 0;
    new MutationObserver(() => {
        if (app.getAttribute('data-test-script-state') === 'notRunning') window.__runsEnded += 1;
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    for (const kind of ['keydown', 'click'])
        document.addEventListener(kind, () => { window.__inputAt = performance.now(); }, {capture: true});
}"""
# Ended: a run was counted, or the page's text changed (a very fast run may never show the
# "running" state at all); and the app is idle with nothing left loading.
ENDED = """([runs, text]) => (window.__runsEnded > runs
        || document.querySelector('[data-testid="stMain"]').innerText !== text)
    && document.querySelector('[data-testid="stApp"]').getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]')"""
# Drawn: the browser has painted twice since and its main thread has gone idle. Without this,
# what is drawn after the run ends (a map redrawn in software WebGL, a chart laid out) was
# counted in the next interaction, which then waited for the main thread to send its input.
IDLE = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(
    () => requestIdleCallback(() => done(performance.now() - (window.__inputAt ?? 0)), {timeout: 30000}))))"""


def settle(page) -> None:
    """Wait for the first run to end, then count the runs that follow."""
    page.wait_for_function("() => [...document.querySelectorAll('[data-testid=\"stPageLink\"]')]"
                           ".some(a => a.textContent.includes('Data as of') || a.closest('[data-testid=stMain]'))"
                           " || document.querySelector('[data-testid=\"stMetricValue\"]')", timeout=60_000)
    page.wait_for_function("() => document.querySelector('[data-testid=\"stApp\"]')"
                           ".getAttribute('data-test-script-state') === 'notRunning'", timeout=60_000)
    page.evaluate(IDLE)
    page.evaluate(WATCH)


def timed(page, act) -> float:
    """ms from the input until the run it starts has ended and the browser has drawn it."""
    before = page.evaluate("() => [window.__runsEnded, document.querySelector('[data-testid=\"stMain\"]').innerText]")
    act()
    page.wait_for_function(ENDED, arg=before, timeout=60_000, polling="raf")
    return page.evaluate(IDLE)


def typed(locate, values: tuple[str, str]):
    """An action typing values[0], then values[1], alternately into the input `locate` finds."""
    def act(page, n: int) -> None:
        box = locate(page)
        box.fill(values[n % 2])
        box.press("Enter")
    return act


def clicked(container: str, names: tuple[str, str]):
    """An action clicking the buttons `names[0]`, then `names[1]`, alternately in `container`."""
    return lambda page, n: page.locator(container).locator("button").filter(has_text=names[n % 2]).first.click()


def first_number(page):
    return page.get_by_role("spinbutton").first


# name: (URL path, action(page, n)); each action alternates between two valid values. Inputs
# with no default get a value in the URL, so that every change shows a new result.
INTERACTIONS = {
    "lab training": ("/lab?lang=en&calc=training", typed(first_number, ("4", "3"))),
    "lab inference": ("/lab?lang=en&calc=inference", typed(first_number, ("2000000", "1000000"))),
    "lab traffic": ("/lab?lang=en&calc=traffic&value_of_time=50&maintenance_cny=100000000", typed(first_number, ("4000", "3000"))),
    "lab protein": ("/lab?lang=en&calc=protein&complexes=1000&card_hours=2&cards=100&before_days=180", typed(first_number, ("2000", "1000"))),
    "lab rnd": ("/lab?lang=en&calc=rnd&monthly_cost=10000000", typed(first_number, ("40", "36"))),
    "lab inspection": ("/lab?lang=en&calc=inspection&events_per_day=100&minutes_before=10", typed(first_number, ("200", "100"))),
    "lab multiplier": ("/lab?lang=en&calc=multiplier", typed(first_number, ("20000000000", "12800000000"))),
    "energy it_mw": ("/energy?lang=en", typed(lambda page: page.locator(".st-key-url_it_mw input"), ("20", "10"))),
    "placement load": ("/east-west?lang=en",
                       typed(lambda page: page.locator(".st-key-url_load_mw input"), ("20", "10"))),
    "map min_pflops": ("/map?lang=en",
                       typed(lambda page: page.locator(".st-key-url_min_pflops input"), ("1000", "0"))),
    "map colour": ("/map?lang=en", clicked(".st-key-url_color", ("hub", "status"))),
    "map measure": ("/map?lang=en", clicked(".st-key-url_measure", ("number of centers", "capacity"))),
    "story next": ("/story?lang=en&step=2", lambda page, n: page.keyboard.press("ArrowRight" if n % 2 else "ArrowLeft")),
    "about grades": ("/about?lang=en", clicked(".st-key-about_grades", ("C", "C"))),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--only", default="", help="only the interactions whose name contains this")
    args = parser.parse_args()
    chosen = {k: v for k, v in INTERACTIONS.items() if args.only in k}
    servers = {"bare": start_app(script="benchmarks/bare_slider.py"), "app": start_app()}
    times: dict[str, list[float]] = {}
    stuck: list[str] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            bare = browser.new_page()
            bare.goto(servers["bare"][1])
            settle(bare)
            slider = bare.get_by_role("slider")
            for name, (path, act) in chosen.items():
                page = browser.new_page()
                page.goto(servers["app"][1] + path)
                settle(page)
                timed(page, lambda: act(page, 0))  # the first change loads what it needs: not counted
                for n in range(1, args.runs + 1):
                    times.setdefault("bare slider", []).append(
                        timed(bare, lambda: slider.press("ArrowRight" if n % 2 else "ArrowLeft")))
                    try:
                        times.setdefault(name, []).append(timed(page, lambda: act(page, n)))
                    except PlaywrightTimeout:  # reported, and the run goes on with the next one
                        stuck.append(name)
                        break
                page.close()
            browser.close()
    finally:
        for proc, _ in servers.values():
            stop_app(proc)
    base = statistics.median(times["bare slider"])
    print(f"machine: {platform.node()} {platform.machine()}, python {platform.python_version()}; "
          f"{args.runs} interactions each")
    for name, values in times.items():
        if not values:
            continue
        med = statistics.median(values)
        print(f"{name:16s} median {med:6.0f} ms  (min {min(values):5.0f}, max {max(values):5.0f})  "
              f"ratio {med / base:4.2f}x")
    if stuck:
        print(f"no result within 60 s (left out above): {', '.join(stuck)}")
    print("target: every interaction <= 1.5x the bare slider")


if __name__ == "__main__":
    main()
