"""Server and machine figures for the load harnesses (load.py, wsload.py), read from /proc.

`Sampler` samples, every second, the RSS of the server's process tree and the CPU ticks of
the server, of this client (this process and its children, minus the server) and of the
whole machine. `Health` times GET /_stcore/health every second: the server's event loop's
responsiveness, whatever the clients are doing. `ServerLog` drains a server's stderr and
counts its error lines. Linux only.
"""

from __future__ import annotations

import collections
import os
import platform
import re
import statistics
import threading
import time
import urllib.request
from dataclasses import dataclass

CLK = os.sysconf("SC_CLK_TCK")


def proc_table() -> dict[int, tuple[int, int]]:
    """pid -> (ppid, utime+stime ticks) for every process."""
    table = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        table[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    return table


def tree(table: dict[int, tuple[int, int]], *roots: int) -> set[int]:
    """The roots and all their descendants that are alive in `table`."""
    children = collections.defaultdict(list)
    for pid, (ppid, _) in table.items():
        children[ppid].append(pid)
    found, todo = set(), list(roots)
    while todo:
        pid = todo.pop()
        if pid in table and pid not in found:
            found.add(pid)
            todo.extend(children[pid])
    return found


def rss_mb(pids) -> float:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as fh:
                total += next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
        except OSError:
            pass
    return total / 1024


def machine_ticks() -> tuple[int, int]:
    with open("/proc/stat") as fh:
        values = [int(v) for v in fh.readline().split()[1:]]
    return sum(values) - values[3] - values[4], sum(values)  # busy (all but idle, iowait), total


@dataclass
class Sample:
    t: float
    rss: float  # MB, server and its children
    server: int  # CPU ticks
    client: int
    busy: int  # machine
    total: int


class Sampler(threading.Thread):
    """Samples the server's RSS and the CPU ticks every `every` seconds. The server is the
    process trees of `server_pids` (none: a server elsewhere, whose RSS and CPU read as 0)."""

    def __init__(self, *server_pids: int, every: float = 1.0):
        super().__init__(daemon=True)
        self.server_pids, self.every = server_pids, every
        self.samples: list[Sample] = []
        self.halt = threading.Event()

    def sample(self) -> Sample:
        table = proc_table()
        server = tree(table, *self.server_pids)
        client = tree(table, os.getpid()) - server
        busy, total = machine_ticks()
        return Sample(time.monotonic(), rss_mb(server), sum(table[p][1] for p in server if p in table),
                      sum(table[p][1] for p in client if p in table), busy, total)

    def run(self):
        while not self.halt.is_set():
            self.samples.append(self.sample())
            self.halt.wait(self.every)

    def window(self, t0: float, t1: float) -> list[Sample]:
        return [s for s in list(self.samples) if t0 <= s.t <= t1]

    def rss_at(self, t: float, span: float = 3.0) -> float:
        """Median RSS over the `span` seconds up to `t`."""
        near = self.window(t - span, t) or [min(self.samples, key=lambda s: abs(s.t - t))]
        return statistics.median(s.rss for s in near)

    def cpu(self, t0: float, t1: float) -> dict[str, float]:
        """CPU in % of one core over [t0, t1]: server, client, machine, other."""
        win = self.window(t0, t1)
        if len(win) < 2:
            return {}
        a, b = win[0], win[-1]
        dt = b.t - a.t
        cores = os.cpu_count() or 1
        machine = (b.busy - a.busy) / max(1, b.total - a.total) * 100 * cores
        server = (b.server - a.server) / CLK / dt * 100
        client = (b.client - a.client) / CLK / dt * 100
        return {"server": server, "client": client, "machine": machine, "other": max(0.0, machine - server - client)}


class Health(threading.Thread):
    """GET /_stcore/health every second: how fast the server's event loop answers, whatever the
    clients are doing (a server-side figure the client's contention hardly touches)."""

    def __init__(self, url: str, every: float = 1.0):
        super().__init__(daemon=True)
        self.url, self.every = f"{url}/_stcore/health", every
        self.samples: list[tuple[float, float | None]] = []  # (time, ms or None when it failed)
        self.halt = threading.Event()

    def run(self):
        while not self.halt.is_set():
            t, start = time.monotonic(), time.perf_counter()
            try:
                with urllib.request.urlopen(self.url, timeout=10) as resp:
                    ok = resp.read() == b"ok"
            except OSError:
                ok = False
            self.samples.append((t, (time.perf_counter() - start) * 1000 if ok else None))
            self.halt.wait(max(0.0, self.every - (time.monotonic() - t)))

    def window(self, t0: float, t1: float) -> tuple[list[float], int]:
        got = [ms for t, ms in list(self.samples) if t0 <= t <= t1]
        return [ms for ms in got if ms is not None], sum(ms is None for ms in got)


class ServerLog(threading.Thread):
    """Drains the server's stderr (start_app pipes it; a full pipe would block the server)."""

    def __init__(self, proc):
        super().__init__(daemon=True)
        self.proc, self.lines = proc, collections.deque(maxlen=200)
        self.errors = 0

    def run(self):
        for raw in self.proc.stderr:
            line = raw.decode(errors="replace").rstrip()
            self.lines.append(line)
            if re.search(r"Traceback|ERROR|Exception", line):
                self.errors += 1


def machine_line(client: str) -> str:
    """The machine, its load and the versions, for the head of a report; `client` names the
    client's own version (e.g. "chromium 156")."""
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
                 "?")
    mem = next((int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0) / 2**20
    import streamlit
    return (f"machine: {platform.node()} {platform.machine()}, {model}, {os.cpu_count()} cores, {mem:.0f} GB RAM, "
            f"load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}; python {platform.python_version()}, "
            f"streamlit {streamlit.__version__}, {client}")


def memory_line(rss: list[float]) -> str:
    """A soak's memory verdict from its RSS at the end of each minute: minute 2 (after warm-up)
    against the last, and the second half alone (bounded caches may still be filling after
    minute 2; a leak keeps growing in the second half too). Flat: within 5 %."""
    if len(rss) < 3:
        return "memory after warm-up: needs at least 3 minutes to compare minute 2 with the last"

    def verdict(first: int, values: list[float]) -> str:  # first: the minute of values[0]
        change = (values[-1] - values[0]) / values[0]
        slope = statistics.linear_regression(range(first, first + len(values)), values).slope
        return (f"minute {first} {values[0]:.0f} MB, minute {first + len(values) - 1} {values[-1]:.0f} MB "
                f"({values[-1] - values[0]:+.0f} MB, {change:+.1%}); trend {slope:+.1f} MB/min; "
                f"{'flat' if abs(change) <= 0.05 else 'NOT flat'}")

    line = f"memory after warm-up: {verdict(2, rss[1:])} (flat: within 5 %)"
    if len(rss) >= 6:
        half = len(rss) // 2
        line += f"\nmemory, second half: {verdict(half + 1, rss[half:])}"
    return line
