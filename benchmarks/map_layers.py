"""Where the map page's drawing time goes: the map page's own deck drawn on a bare page
(`bare_layers.py`), with all its layers, and with each layer alone, against a bare page with one
scatter layer (`bare_scatter.py`), alternated in one run; timed as benchmarks/pages.py times a
page (navigation start until the canvas is drawn and a second of smooth frames follows).
With `--programs`, the scatter layer plus one tiny layer of each deck.gl type instead
(`bare_programs.py`): what each type's shader program costs to set up, whatever its data.

    uv run python benchmarks/map_layers.py [--runs 5] [--layers borders provinces,borders]
    uv run python benchmarks/map_layers.py --programs [scatter line path polygon text]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.pages import load  # noqa: E402
from scripts.appserver import ARGS, CHROMIUM, start_app, stop_app  # noqa: E402

LAYERS = ["", "provinces", "borders", "outlines", "maritime", "links", "clusters", "centers", "hub_labels"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--layers", nargs="*", default=LAYERS,
                        help="layer ids to draw alone, or comma-separated sets ('' = all)")
    parser.add_argument("--programs", nargs="*", help="layer types of bare_programs.py, one at a time")
    args = parser.parse_args()
    if args.programs is not None:
        servers = {"programs": start_app(script="benchmarks/bare_programs.py")}
        urls = {"one scatter layer": servers["programs"][1] + "/",
                **{f"+ one {name} layer": servers["programs"][1] + f"/?types={name}"
                   for name in args.programs or ["scatter", "line", "path", "polygon", "text"]}}
    else:
        servers = {"layers": start_app(script="benchmarks/bare_layers.py"),
                   "scatter": start_app(script="benchmarks/bare_scatter.py")}
        urls = {"one scatter layer": servers["scatter"][1] + "/",
                **{f"map deck: {layer or 'all layers'}": servers["layers"][1] + (f"/?layers={layer}" if layer else "/")
                   for layer in args.layers}}
    times: dict[str, list[float]] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            context = browser.new_context()
            for run in range(args.runs + 1):  # the first round warms caches and is not counted
                for label, url in urls.items():
                    elapsed = load(context, url, False)
                    if run:
                        times.setdefault(label, []).append(elapsed)
            browser.close()
    finally:
        for proc, _ in servers.values():
            stop_app(proc)
    base = statistics.median(times["one scatter layer"])
    for label, values in times.items():
        print(f"{label:32s} {statistics.median(values):6.0f} ms  {statistics.median(values) / base:5.2f}x")


if __name__ == "__main__":
    main()
