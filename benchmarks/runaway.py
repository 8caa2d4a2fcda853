"""What readers' runaway SQL costs the others: the Overview's time for one more reader while
other readers' runaway queries run on the Data & SQL page of the same server process.

    uv run python benchmarks/runaway.py [--opens 12] [--rounds 2] [--readers 3] [--browser] [--script serve.py]

A fresh server (the README's `serve.py`) is started and its /ready awaited. Then, `--rounds`
times, the victim opens the Overview `--opens` times as a new tab (protocol level, as wsload.py:
from the page GET to the run's end, no browser; with --browser in Chromium on the same cores,
until the page has settled, as pages.py times it), one second apart, in three phases:
  alone        nobody else is there;
  quick        `--readers` tabs keep opening the Data page with a quick query, every 5 s;
  runaway      the same tabs open it with a runaway instead (a cross join the sandbox stops
               at its 5 s deadline; 3 readers fill every sandbox slot).
The quick phase is the fair baseline: the same readers opening the same page at the same rate,
only their query differs. Printed: the victim's median and p95 per phase, the runaway ÷ quick
ratio, the Data pages opened and the server's CPU. Figures only; nothing is asserted. Target
(issue 18): the Overview as fast with the runaways as without them, within noise.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from atlas.data.sandbox import MESSAGES  # noqa: E402
from benchmarks.load import Failure, pct  # noqa: E402
from benchmarks.pages import load  # noqa: E402
from benchmarks.procstats import CLK, machine_line, proc_table  # noqa: E402
from benchmarks.wsload import Tab  # noqa: E402
from scripts.appserver import ARGS, CHROMIUM, start_app, stop_app, wait_ok  # noqa: E402

RUNAWAY = "select count(*) from range(100000000000) a, range(1000) b"  # CPU only, stopped at 5 s
QUICK = "select count(*) as n from centers"
PACE_S = 5.0  # the sandbox's deadline: how often a runaway's reader opens the page again
TIMEOUT_S = 30


async def open_once(base: str, path: str, params: dict[str, str]) -> tuple[float, list]:
    """Open `path` as a new tab: the milliseconds until its first run has finished, and the
    errors that run drew."""
    tab = Tab(base, "en", time.monotonic() + TIMEOUT_S)
    start = time.perf_counter()
    try:
        await tab.open(path, params)
        return (time.perf_counter() - start) * 1000, tab.problems
    finally:
        await tab.close()


def victim_browser(base: str, opens: int) -> list[float]:
    """The Overview opened in Chromium, timed until drawn and settled (pages.py's `load`)."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context()
        load(context, base + "/?lang=en", True)  # the browser's own cache warm, as a returning reader's
        times = []
        for _ in range(opens):
            times.append(load(context, base + "/?lang=en", True))
            time.sleep(1)
        browser.close()
    return times


async def victim(base: str, opens: int, browser: bool) -> list[float]:
    if browser:
        return await asyncio.to_thread(victim_browser, base, opens)
    times = []
    for _ in range(opens):
        ms, problems = await open_once(base, "", {})
        if problems:
            raise Failure(*problems[0])
        times.append(ms)
        await asyncio.sleep(1)
    return times


async def reader(base: str, stop: asyncio.Event, runs: list[float], sql: str):
    """Open the Data & SQL page with `sql` again and again: a runaway is refused at the 5 s
    deadline; a quick query's reader waits out the same 5 s, so both open pages at one rate."""
    while not stop.is_set():
        ms, problems = await open_once(base, "data", {"sql": sql})
        timed_out = any(MESSAGES["timeout"] in text for _, text in problems)
        if timed_out != (sql == RUNAWAY) or (problems and not timed_out):
            raise Failure("wrong_result", f"the Data page drew {problems}")
        runs.append(ms)
        await asyncio.sleep(max(0.0, PACE_S - ms / 1000))


async def phase(base: str, opens: int, readers: int, sql: str, browser: bool) -> tuple[list[float], list[float]]:
    stop, runs = asyncio.Event(), []
    tasks = [asyncio.create_task(reader(base, stop, runs, sql)) for _ in range(readers)]
    if tasks:
        await asyncio.sleep(1)  # the queries are running before the victim starts
    times = await victim(base, opens, browser)
    stop.set()
    await asyncio.gather(*tasks)
    return times, runs


def cpu_seconds(pid: int) -> float:
    return proc_table()[pid][1] / CLK


def line(label: str, times: list[float]) -> str:
    return f"{label}: median {statistics.median(times):,.0f} ms, p95 {pct(times, 95):,.0f} ms (n={len(times)})"


async def main_async(args) -> None:
    proc, base = start_app(script=args.script)
    try:
        if not wait_ok(base, "/ready", timeout=120):
            sys.exit("the server never answered /ready")
        await open_once(base, "", {})  # one warm reader, as every later one finds it
        print(machine_line("the Overview in Chromium (pages.py's timing)" if args.browser else
                           "protocol-level client (benchmarks/wsload.py's Tab)"))
        phases = {"alone": (0, QUICK), f"{args.readers} quick quer(ies)": (args.readers, QUICK),
                  f"{args.readers} runaway(s)": (args.readers, RUNAWAY)}
        times: dict[str, list[float]] = {name: [] for name in phases}
        for _ in range(args.rounds):
            for name, (readers, sql) in phases.items():
                cpu = cpu_seconds(proc.pid)
                got, runs = await phase(base, args.opens, readers, sql, args.browser)
                times[name] += got
                ran = f", {len(runs)} Data pages, median {statistics.median(runs):,.0f} ms" if runs else ""
                print(line(f"  {name}", got), f"(server CPU {cpu_seconds(proc.pid) - cpu:.1f} s{ran})")
        for name, got in times.items():
            print(line(f"Overview, {name}", got))
        base_name, runaway_name = list(phases)[1:]
        print(f"runaway ÷ quick queries: median {statistics.median(times[runaway_name]) / statistics.median(times[base_name]):.2f}x, "
              f"p95 {pct(times[runaway_name], 95) / pct(times[base_name], 95):.2f}x")
    finally:
        stop_app(proc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opens", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--readers", type=int, default=3, help="readers of the Data page (3: every sandbox slot)")
    parser.add_argument("--script", default="serve.py")
    parser.add_argument("--browser", action="store_true",
                        help="the victim is Chromium on the same cores, timed until the page has settled")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
