"""Time every named query (queries/*.sql) on the shipped data and on a synthetic data folder
FACTOR times larger, and the Store's startup on both.

    uv run python benchmarks/queries.py [--runs 20] [--factor 100] [--scaled-dir DIR]

The scaled folder is written by benchmarks/scale_data.py into a temporary folder (deleted at
the end) unless --scaled-dir names one it wrote before. What is timed:

* startup: `Store(folder)`, i.e. read + validate every CSV (`load_catalog`, pure Python, row by
  row), copy the frames into an in-memory DuckDB and create the parameter-free views. This is
  the cold-start cost of a process (the app caches one Store per process with
  st.cache_resource). `load_catalog` alone is also shown; the rest is the DuckDB side.
* each query: `Store.run(name, **params)` exactly as the app calls it, so it includes the
  parameter check, the broken-table scan, a fresh cursor, DuckDB planning + execution AND the
  conversion of the result to a pandas DataFrame (`.df()`). Streamlit's `st.cache_data`
  (atlas/ui/cache.py `run_query`) is bypassed on purpose: this is the uncached cost, paid once per
  distinct argument tuple and after every cache eviction or restart. The parameters are those
  of tests/unit/test_queries.py (an empty list = no filter).
  One warm-up call per query and folder, then --runs timed calls, alternating shipped and
  scaled so drift on the machine hits both alike. Median and p95 (linear interpolation; with
  few runs p95 is close to the maximum) in milliseconds, rows returned, and growth = scaled
  median / shipped median.

Figures are printed, never asserted. Target (issue): <= 50 ms per query on the shipped data.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_data import scale  # noqa: E402

from atlas.data.datasets import DEFAULT_DATA_DIR, load_catalog  # noqa: E402
from atlas.data.store import Store, query_names, query_params, query_text  # noqa: E402

TARGET_MS = 50.0
# One value for every parameter a query takes (tests/unit/test_queries.py runs every query with
# them, so a new parameter cannot stop this benchmark).
PARAMS = {"metric": "avg_pue", "nums": (5, 18), "center_id": "xian-future-ai", "statuses": (),
          "hubs": (), "clusters": (), "provinces": (), "precisions": (), "min_pflops": 0.0, "year": 2023,
          "ab_only": False, "article": False}


def ms(seconds: float) -> float:
    return seconds * 1000.0


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = f"; load average {os.getloadavg()[0]:.1f} (1 min) at start" if hasattr(os, "getloadavg") else ""
    return [f"machine: {platform.platform()}; {cpu}; {os.cpu_count()} CPUs ({usable} usable){load}",
            f"python {platform.python_version()} ({platform.python_implementation()}), "
            f"duckdb {duckdb.__version__}, pandas {pd.__version__}"]


def startup(folder: Path, runs: int) -> tuple[list[float], list[float], Store]:
    """Times of load_catalog(folder) and of Store(folder); the last Store is returned for the queries."""
    loads, stores, store = [], [], None
    for _ in range(runs):
        gc.collect()
        loads.append(timed(lambda: load_catalog(folder))[0])
        store = None
        gc.collect()
        seconds, store = timed(lambda: Store(folder))
        stores.append(seconds)
    return loads, stores, store


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query and folder (default 20)")
    parser.add_argument("--factor", type=int, default=100, help="size of the scaled data (default 100)")
    parser.add_argument("--startup-runs", type=int, default=3, help="timed Store() startups per folder (default 3)")
    parser.add_argument("--scaled-dir", type=Path, help="an existing folder written by scale_data.py (skips generation)")
    args = parser.parse_args(argv)

    for line in machine():
        print(line)
    with tempfile.TemporaryDirectory(prefix="atlas-scaled-") as tmp:
        if args.scaled_dir:
            scaled_dir, gen_note = args.scaled_dir, f"existing folder {args.scaled_dir}"
        else:
            scaled_dir = Path(tmp)
            seconds, _ = timed(lambda: scale(scaled_dir, args.factor))
            gen_note = f"generated x{args.factor} in {seconds:.1f} s into a temporary folder"
        run(args, scaled_dir, gen_note)
    return 0


def run(args, scaled_dir: Path, gen_note: str) -> None:
    folders = {"shipped": DEFAULT_DATA_DIR, "scaled": scaled_dir}
    stores, rows_total = {}, {}
    startup_lines = []
    for label, folder in folders.items():
        loads, starts, store = startup(folder, args.startup_runs)
        if store.catalog.errors:
            raise SystemExit(f"{label} data has catalog errors: {sorted(store.catalog.errors)}")
        stores[label] = store
        rows_total[label] = sum(len(frame) for frame in store.catalog.tables.values())
        startup_lines.append((label, statistics.median(loads), statistics.median(starts)))

    con = getattr(stores["shipped"], "_con", None)
    threads = con.execute("select current_setting('threads')").fetchone()[0] if con else "?"
    kept = [n for n, f in stores["scaled"].catalog.tables.items()
            if len(f) == len(stores["shipped"].catalog.tables[n])]
    print(f"duckdb threads per Store: {threads}; Store.run includes .df() (result -> pandas); "
          f"st.cache_data bypassed (uncached cost)")
    print(f"data: shipped {DEFAULT_DATA_DIR} = {rows_total['shipped']} rows; scaled = "
          f"{rows_total['scaled']} rows (x{rows_total['scaled'] / rows_total['shipped']:.1f}; "
          f"{gen_note}; not scaled: {', '.join(kept) or 'none'})")
    print(f"runs: 1 warm-up + {args.runs} timed per query and folder, alternating; "
          f"startup: median of {args.startup_runs}")
    print()
    print("Startup (cold start of a process), median ms:")
    print(f"  {'data':8} {'load+validate':>14} {'Store() total':>14} {'DuckDB side':>12}")
    for label, load, start in startup_lines:
        print(f"  {label:8} {ms(load):14.1f} {ms(start):14.1f} {ms(start - load):12.1f}")
    growth = startup_lines[1][2] / startup_lines[0][2]
    print(f"  growth  {startup_lines[1][1] / startup_lines[0][1]:13.1f}x {growth:13.1f}x")
    print()

    results = []
    for name in query_names():
        sql = query_text(name)
        params = {p: PARAMS[p] for p in sorted(query_params(sql))}
        times = {"shipped": [], "scaled": []}
        rows = {}
        for label, store in stores.items():
            rows[label] = len(store.run(name, **params))  # warm-up
        gc.collect()
        for _ in range(args.runs):
            for label, store in stores.items():
                times[label].append(timed(lambda: store.run(name, **params))[0])
        results.append({
            "name": name, "params": ",".join(params) or "-",
            **{f"{label}_{k}": v for label in stores for k, v in (
                ("rows", rows[label]), ("med", ms(statistics.median(times[label]))),
                ("p95", ms(p95(times[label]))))}})

    header = (f"{'query':26} {'params':14} | {'rows':>5} {'med ms':>7} {'p95 ms':>7} {'<=50':>4} | "
              f"{'rows':>6} {'med ms':>7} {'p95 ms':>7} | {'growth':>6}")
    print(f"{'':26} {'':14} | {'shipped data':^26} | {'scaled x' + str(args.factor):^23} |")
    print(header)
    print("-" * len(header))
    for r in sorted(results, key=lambda r: r["name"]):
        params = r["params"] if len(r["params"]) <= 14 else r["params"][:13] + "…"
        ok = "yes" if r["shipped_med"] <= TARGET_MS else "NO"
        print(f"{r['name']:26} {params:14} | {r['shipped_rows']:5} {r['shipped_med']:7.2f} {r['shipped_p95']:7.2f} "
              f"{ok:>4} | {r['scaled_rows']:6} {r['scaled_med']:7.2f} {r['scaled_p95']:7.2f} | "
              f"{r['scaled_med'] / r['shipped_med']:5.1f}x")
    print()

    n = len(results)
    meet_med = sum(r["shipped_med"] <= TARGET_MS for r in results)
    meet_p95 = sum(r["shipped_p95"] <= TARGET_MS for r in results)
    slow = max(results, key=lambda r: r["shipped_med"])
    slow_scaled = max(results, key=lambda r: r["scaled_med"])
    growths = [r["scaled_med"] / r["shipped_med"] for r in results]
    print(f"Summary: {meet_med}/{n} queries meet <= {TARGET_MS:.0f} ms on the shipped data by median "
          f"({meet_p95}/{n} by p95); slowest shipped: {slow['name']} {slow['shipped_med']:.2f} ms "
          f"(p95 {slow['shipped_p95']:.2f}); slowest scaled: {slow_scaled['name']} "
          f"{slow_scaled['scaled_med']:.2f} ms; growth for x{rows_total['scaled'] / rows_total['shipped']:.0f} rows: "
          f"median {statistics.median(growths):.1f}x (range {min(growths):.1f}x-{max(growths):.1f}x); "
          f"startup {startup_lines[0][2] * 1000:.0f} ms -> {startup_lines[1][2] * 1000:.0f} ms ({growth:.0f}x).")
    if hasattr(os, "getloadavg"):
        print(f"load average {os.getloadavg()[0]:.1f} (1 min) at the end: other processes on the machine "
              f"inflate and scatter these figures when it exceeds the CPU count.")


if __name__ == "__main__":
    sys.exit(main())
