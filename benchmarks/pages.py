"""Time every page's first render in Chromium against bare Streamlit pages, alternated in one run:
- the bare page of its kind: one element of the kind that dominates the page (a metric, a
  Plotly chart, a pydeck map, an interactive table);
- the matched bare page (`bare_mix.py`): as many metrics, charts, maps, tables, inputs, texts,
  formulas, headings, buttons, expanders and popovers as the page drew, counted in the browser on the uncounted first round,
  each with trivial content. Its ratio is what the page's own data, queries and layout cost.

Each load is a new Streamlit session in a browser context kept per app (warm: cached scripts,
as a returning visitor or a presenter's laptop; `--cold` uses a new context per load). The
time runs from navigation start until the page is fully drawn: the script run has ended, no
element is still loading, every Plotly chart has its SVG and every map and table its canvas (for the
app's pages also the footer, the last thing a run draws), and then the page has settled: the
time of the last slow frame (over 50 ms between two animation frames) when a full second of
smooth frames follows. A map's canvas appears before deck.gl has fetched its boundaries and
drawn them in software WebGL; only the frames show when that work ends, whichever thread
(main, or the GPU process's SwiftShader) did it.

    uv run python benchmarks/pages.py [--runs 7] [--cold] [--pages map story]

Prints per page the median (ms), each baseline's median and the ratios. Target: <= 1.2x.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from atlas import pages as atlas_pages  # noqa: E402
from scripts.appserver import ARGS, CHROMIUM, start_app, stop_app  # noqa: E402

BARE = {"metric": "benchmarks/bare_metric.py", "chart": "benchmarks/bare_plotly.py", "map": "benchmarks/bare_pydeck.py",
        "table": "benchmarks/bare_dataframe.py", "scatter": "benchmarks/bare_scatter.py"}
# Each page and the kind of element that dominates its first render.
KIND = {"overview": "chart", "map": "map", "east_west": "chart", "energy": "chart", "use_cases": "metric",
        "lab": "metric", "data": "table", "about": "chart"}
PAGES = {page.url_path or page.key: (f"{page.link}?lang=en", KIND[page.key]) for page in atlas_pages.PAGES
         if page.key != "story"}
PAGES |= {"story-1": ("/story?lang=en&step=1", "map"), "story-3": ("/story?lang=en&step=3", "chart")}
# Issue 18's bar for the map: a bare page with one scatter layer of as many points as centers.
SECOND = {"map": "scatter", "story-1": "scatter"}

# Every page notes, in its own clock, the end of its last slow frame.
FRAMES = """window.__slow = 0;
(function tick(previous) { requestAnimationFrame(now => { if (now - previous > 50) window.__slow = now; tick(now); }); })(0);"""
SETTLED = "(drawn) => performance.now() - Math.max(window.__slow, drawn) > 1000"

DRAWN = """(footer) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stSkeleton"], [data-stale="true"]')) return false;
    for (const c of document.querySelectorAll('[data-testid="stPlotlyChart"]'))
        if (!c.querySelector('.main-svg')) return false;
    for (const m of document.querySelectorAll('[data-testid="stDeckGlJsonChart"]'))
        if (!m.querySelector('canvas')) return false;
    // A table in a closed expander draws no canvas until it is opened
    for (const d of document.querySelectorAll('[data-testid="stDataFrame"]'))
        if (d.checkVisibility() && !d.querySelector('canvas')) return false;
    if (footer) return !!document.querySelector('.st-key-page_footer [data-testid="stPageLink"]');
    return !!document.querySelector('[data-testid="stMetricValue"], [data-testid="stPlotlyChart"] .main-svg, '
        + '[data-testid="stDeckGlJsonChart"] canvas, [data-testid="stDataFrame"] canvas');
}"""


# bare_mix.py's URL parameters: how many elements of each kind the page drew (a table in a
# closed expander is not drawn, so not counted)
COUNT = """() => {
    const n = (ids) => ids.map(id => [...document.querySelectorAll(`[data-testid="${id}"]`)]
        .filter(e => e.checkVisibility()).length).reduce((a, b) => a + b, 0);
    const latex = document.querySelectorAll('.katex-display').length;
    return {metrics: n(['stMetric']), charts: n(['stPlotlyChart']), maps: n(['stDeckGlJsonChart']),
            tables: n(['stDataFrame']), static: n(['stTable']), inputs: n(['stNumberInput']),
            selects: n(['stSelectbox', 'stMultiSelect']), areas: n(['stTextArea']),
            choices: n(['stRadio', 'stCheckbox']), buttons: n(['stButton', 'stDownloadButton']),
            // a caption and a formula are each drawn inside an stMarkdown of their own
            texts: n(['stMarkdown']) - n(['stCaptionContainer']) - latex, captions: n(['stCaptionContainer']),
            latex, headings: n(['stHeading']), alerts: n(['stAlert']), links: n(['stPageLink']),
            expanders: n(['stExpander']), popovers: n(['stPopover'])};
}"""


def load(context, url: str, footer: bool, count: bool = False):
    """ms until `url` is fully drawn; with `count`, also its elements (bare_mix.py's parameters)."""
    page = context.new_page()
    page.add_init_script(FRAMES)
    page.goto(url)
    page.wait_for_function(DRAWN, arg=footer, timeout=90_000, polling=50)
    drawn = page.evaluate("performance.now()")
    page.wait_for_function(SETTLED, arg=drawn, timeout=90_000, polling=100)
    elapsed = max(drawn, page.evaluate("window.__slow"))  # ms since navigation start
    counted = page.evaluate(COUNT) if count else None
    page.close()
    return (elapsed, counted) if count else elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cold", action="store_true", help="a new browser context (empty cache) per load")
    parser.add_argument("--pages", nargs="*", default=list(PAGES))
    args = parser.parse_args()
    servers = {"app": start_app(), "mix": start_app(script="benchmarks/bare_mix.py"),
               **{kind: start_app(script=script) for kind, script in BARE.items()}}
    times: dict[str, list[float]] = {}
    mixes: dict[str, str] = {}  # page: bare_mix.py's query string
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            contexts = {} if args.cold else {name: browser.new_context() for name in servers}

            def timed(app: str, url: str, footer: bool, count: bool = False):
                context = contexts.get(app) or browser.new_context()
                result = load(context, url, footer, count)
                if args.cold:
                    context.close()
                return result

            for name in args.pages:  # the first round warms imports and caches, and counts elements
                path, kind = PAGES[name]
                _, counted = timed("app", servers["app"][1] + path, True, count=True)
                mixes[name] = urlencode(counted)
                timed(kind, servers[kind][1] + "/", False)
                timed("mix", f"{servers['mix'][1]}/?{mixes[name]}", False)
                if name in SECOND:
                    timed(SECOND[name], servers[SECOND[name]][1] + "/", False)
            for _ in range(args.runs):
                for name in args.pages:
                    path, kind = PAGES[name]
                    second = [(SECOND[name], servers[SECOND[name]][1] + "/", False, f"bare {SECOND[name]}")
                              ] if name in SECOND else []
                    for app, url, footer, label in (
                            ("app", servers["app"][1] + path, True, name),
                            (kind, servers[kind][1] + "/", False, f"bare {kind}"),
                            ("mix", f"{servers['mix'][1]}/?{mixes[name]}", False, f"matched {name}"), *second):
                        times.setdefault(label, []).append(timed(app, url, footer))
            browser.close()
    finally:
        for proc, _ in servers.values():
            stop_app(proc)
    print(f"machine: {platform.node()} {platform.machine()}, python {platform.python_version()}; "
          f"{args.runs} loads per page, {'cold' if args.cold else 'warm'} browser")
    print(f"{'page':12s} {'median':>8s} {'bare of its kind':>17s} {'ratio':>6s} {'matched':>8s} {'ratio':>6s}   (min–max)")
    for name in args.pages:
        kind = PAGES[name][1]
        med, base = statistics.median(times[name]), statistics.median(times[f"bare {kind}"])
        matched = statistics.median(times[f"matched {name}"])
        print(f"{name:12s} {med:6.0f} ms {kind:>6s} {base:7.0f} ms {med / base:5.2f}x {matched:5.0f} ms "
              f"{med / matched:5.2f}x   ({min(times[name]):.0f}–{max(times[name]):.0f})")
    for name in (name for name in args.pages if name in SECOND):
        base = statistics.median(times[f"bare {SECOND[name]}"])
        print(f"{name:12s} against one {SECOND[name]} layer ({base:.0f} ms): "
              f"{statistics.median(times[name]) / base:.2f}x (target <= 1.5x)")
    print("matched bare pages (elements per kind):")
    for name in args.pages:
        print(f"  {name:12s} {mixes[name]}")
    print("target: every page <= 1.2x its bare page")


if __name__ == "__main__":
    main()
