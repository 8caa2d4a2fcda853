"""How long the SQL sandbox's caller waits for an answer when a query runs away, sticks in one
long function call, or finds every slot busy: the times tests/unit/test_sandbox.py no longer
asserts (tests check the answers; the times are measured here).

    uv run python benchmarks/sandbox_limits.py [--runs 3]

Each case runs --runs times on the shipped tables; the median and the maximum seconds from the
call to the refusal are printed next to the sandbox's TIMEOUT_S. Figures are printed, never
asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from atlas.data import sandbox as sb  # noqa: E402
from atlas.data.sandbox import Refused, Sandbox  # noqa: E402
from atlas.data.store import Store  # noqa: E402

CASES = {
    "runaway cross join": "select count(*) from range(100000000000) a, range(1000) b",
    "stuck function call": "select length(range(10000 * 10000))",
}


def refused_after(box: Sandbox, sql: str) -> tuple[str, float]:
    start = time.perf_counter()
    try:
        box.run(sql)
        code = "answered"
    except Refused as exc:
        code = exc.code
    return code, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    tables = Store().catalog.tables
    print(f"TIMEOUT_S = {sb.TIMEOUT_S:g} s, MAX_ACTIVE = {sb.MAX_ACTIVE}")
    for label, sql in CASES.items():
        results = []
        for _ in range(args.runs):  # a fresh sandbox each: a stuck call keeps its slot a while
            box = Sandbox(tables)
            results.append(refused_after(box, sql))
            box.close()
        seconds = [s for _, s in results]
        print(f"{label}: {sorted({c for c, _ in results})} after median {statistics.median(seconds):.2f} s, "
              f"max {max(seconds):.2f} s")
    box = Sandbox({"hubs": tables["hubs"]})
    for _ in range(sb.MAX_ACTIVE):
        box._slots.acquire()  # every slot held, as by stuck queries
    results = [refused_after(box, "select 1") for _ in range(args.runs)]
    seconds = [s for _, s in results]
    print(f"all slots busy: {sorted({c for c, _ in results})} after median {statistics.median(seconds):.2f} s, "
          f"max {max(seconds):.2f} s")
    for _ in range(sb.MAX_ACTIVE):
        box._slots.release()
    box.close()


if __name__ == "__main__":
    main()
