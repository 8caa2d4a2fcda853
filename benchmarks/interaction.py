"""Time a calculator's input → updated result against a bare slider rerun, in Chromium.

Both apps run side by side; interactions alternate between them in one run. Each interaction
changes one input and waits until the result metric shows the new value:
  bare slider   press ArrowRight on a slider whose value drives a metric (a full rerun)
  lab training  type a new model size into the What-if lab's training calculator (its
                st.fragment reruns alone)

    uv run python benchmarks/interaction.py [--runs 20]

Prints medians (ms) and the ratio lab / bare.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from atlas.calc.usecases import training_time  # noqa: E402
from atlas.calcui import fmt_result  # noqa: E402
from tests.e2e.conftest import ARGS, CHROMIUM, start_app, stop_app  # noqa: E402

LAB = "/lab?lang=en&calc=training&params_b=3&tokens_b=60&pflops=300&mfu=0.4"


def bare_step(page, n: int) -> float:
    slider = page.get_by_role("slider")
    start = time.perf_counter()
    slider.press("ArrowRight")
    expect(page.get_by_test_id("stMetricValue")).to_have_text(str((10 + n) * 2))
    return (time.perf_counter() - start) * 1000


def lab_step(page, n: int) -> float:
    params_b = 3 + n
    days = training_time(params_b, 60, 300, 0.4).days
    box = page.get_by_role("spinbutton", name="Model size (billion parameters)")
    start = time.perf_counter()
    box.fill(str(params_b))
    box.press("Enter")
    expect(page.get_by_test_id("stMetric").filter(has_text="Time (days)").get_by_test_id("stMetricValue")) \
        .to_have_text(f"{fmt_result(days, 3)} d", timeout=30_000)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    servers = {"bare": start_app(script="benchmarks/bare_slider.py"), "lab": start_app()}
    times: dict[str, list[float]] = {"bare slider": [], "lab training": []}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            bare, lab = browser.new_page(), browser.new_page()
            bare.goto(servers["bare"][1])
            bare.get_by_test_id("stMetricValue").wait_for()
            bare.get_by_role("slider").focus()
            lab.goto(servers["lab"][1] + LAB)
            lab.get_by_role("spinbutton", name="Model size (billion parameters)").wait_for()
            for n in range(1, args.runs + 1):
                times["bare slider"].append(bare_step(bare, n))
                times["lab training"].append(lab_step(lab, n))
            browser.close()
    finally:
        for proc, _ in servers.values():
            stop_app(proc)
    for name, values in times.items():
        print(f"{name:14s} median {statistics.median(values):6.0f} ms  (min {min(values):5.0f}, max {max(values):5.0f})")
    ratio = statistics.median(times["lab training"]) / statistics.median(times["bare slider"])
    print(f"ratio lab / bare: {ratio:.2f}, {args.runs} interactions each")


if __name__ == "__main__":
    main()
