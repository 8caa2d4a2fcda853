"""Load and soak: N concurrent browser sessions against one app server, in Debian's Chromium.

One `streamlit run serve.py` and one headless Chromium. Every session is its own browser
context and page, so a new Streamlit session; one asyncio loop drives them all (Playwright's
async API: its sync objects must not cross threads). Sessions arrive spread over up to one
second each; each opens a random page in its own language (en or zh-Hans), then, until the
level's time is up, waits 2–5 s and does one seeded random action; when the action needs
another page, it first goes there through the sidebar (counted as a `nav`). Actions and what
ends their timing:

  nav      a sidebar link          the new page's h1, the app idle, its first chart/map/metric/table
  link     a shared deep link      as nav, in a new session (page.goto: /, map?status=planned,
           (?lang=.. always)       map?min_pflops=1000, energy?it_mw=20, lab?calc=training&params_b=7,
                                   data?sql=..., story?step=N, about, ...), plus the linked result
  filter   Map: type "Minimum capacity (PFLOPS)"   the URL holds it, the app idle, the count
                                   metric equals the count the app's own query gives
  energy   Green compute: type "IT load (MW)"      the east cost metric shows energy_cost_carbon()
  lab      What-if lab: type the training model size   "Time (days)" shows training_time()
  story    Story: press Next (Previous on the last step)   the next step's h1, idle, its panel
  sql      Data & SQL: type a query, Ctrl+Enter (there is no Run button)   the "N rows in" caption
  export   an export menu: open it, click CSV   the download has finished (a non-empty file)
  open     the first page of a new session (reported apart, not in the interaction p50/p95)

Errors (each kind counted): an exception element, an error alert (no action here should give
one), a timeout (> --timeout s, default 15), a wrong result, a failed download, a console
error or uncaught page error, a page crash, and `app_state`: a calculator whose other inputs
are not what the page should hold (checked before typing; fails at once, it is not load). The
server's own stderr is drained (a full pipe would block it) and its error lines are counted.

Server metrics are sampled every second from /proc: RSS of the server and its children,
CPU of the server (utime+stime), of this client (Python, Playwright's driver and Chromium)
and of the whole machine; a thread also times GET /_stcore/health every second, the server's
responsiveness without any browser in the way. The idle baseline is the RSS after a warm-up
session per language has visited every page (and, in English, done every action once) and
has closed. Per level: RSS per session =
(RSS at the end of the level - baseline) / sessions. Streamlit keeps a disconnected session
for up to 2 minutes (up to 128 of them), so deep links, which start new sessions, and the
previous levels' sessions can still hold memory.

CAVEAT: the N browser pages render on the same 2 cores as the server (and deck.gl maps are
drawn in software, without a GPU): latency at high N includes the client's own contention,
and the machine's CPU includes whatever else runs on it. The output repeats this. A page
that shows the map (Map, Story step 1) keeps about 20–30 % of a core busy in headless
Chromium even while idle, so sessions parked on a map weigh on every other session.

    uv run python benchmarks/load.py [--sessions 1 5 10 20 30] [--duration 60]
    uv run python benchmarks/load.py --soak 10 [--sessions 20]
    options: --seed 1 --port 8599 --timeout 15
    uv run python benchmarks/load.py --url http://server:8501 [--pid P ...]

`--url` drives a server that is already running: on another machine, so that the browsers'
own work does not slow the server (the caveat above), or the nginx of deploy/start.sh. The
server's RSS and CPU are then measured only for the processes given by `--pid` (on this
machine), and its stderr is not read.

Prints figures only; nothing is asserted. Targets (issue): at 20 sessions p95 <= 1 s, 0 errors,
<= 10 MB RSS per extra session; soak: 0 errors and memory flat after warm-up (RSS of minute 2
against the last minute).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import math
import os
import random
import re
import shlex
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from playwright.async_api import Error as PWError
from playwright.async_api import TimeoutError as PWTimeout
from playwright.async_api import async_playwright, expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from atlas import pages  # noqa: E402
from atlas.build import decision  # noqa: E402
from atlas.build.numbers import fmt_amount  # noqa: E402
from atlas.build.storyline import STEPS  # noqa: E402
from atlas.calc.energy import energy_cost_carbon  # noqa: E402
from atlas.data.sandbox import Sandbox  # noqa: E402
from atlas.data.store import Store  # noqa: E402
from atlas.i18n import translate  # noqa: E402
from atlas.ui.calculator_specs import CALCULATORS  # noqa: E402
from benchmarks.procstats import Health, Sampler, ServerLog, machine_line, memory_line  # noqa: E402
from scripts.appserver import ARGS, CHROMIUM, start_app, stop_app  # noqa: E402

CAVEAT = ("caveat: the browser pages of all sessions render on the same 2 cores as the server (maps in software, "
          "no GPU), so latency at high N includes client contention; machine CPU includes other processes.")
LANGS = ("en", "zh-Hans")
# path -> (sidebar label key, h1 key); the story's h1 is its step's title
PAGES = {p.url_path: (p.title_key, p.heading) for p in pages.PAGES}
ACTIONS = {"nav": 26, "link": 12, "filter": 12, "energy": 12, "lab": 12, "story": 10, "sql": 8, "export": 8}
NEEDS = {"filter": "map", "energy": "energy", "lab": "lab", "story": "story", "sql": "data"}
NO_EXPORT = {"lab"}  # pages without an export menu (at one scenario)
MAX_STEP = len(STEPS)

MAIN = "[data-testid=stMain]"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# The first chart, map, metric or table of a page
MARK = ", ".join(f"{MAIN} {s}" for s in (".js-plotly-plot .main-svg", "[data-testid=stDeckGlJsonChart] canvas",
                                          "[data-testid=stMetricValue]", "[data-testid=stTable]",
                                          "[data-testid=stDataFrame]"))
STOP = ", ".join(f"{MAIN} [data-testid={t}]" for t in ("stAlertContentError", "stAlertContentInfo", "stException"))
SQL_LIMITS = (1, 3, 5, 8, 12, 20)
SQL_EXTRA = ("select status, count(*) as n from centers group by status order by n desc",
             "select hub_id, count(*) as n from centers group by hub_id order by n desc",
             "select id, name_en, city_en from centers where status = 'operating' order by id")
LINK_SQL = "select count(*) as n from centers"


# What the app should show, from its own code and data

class Truth:
    def __init__(self):
        self.store = Store()
        presets = decision.presets(self.store.run("decision_inputs", ab_only=False, article=False))
        self.east = dict(zip(presets.loc[presets["preset"] == "east", "field"],
                             presets.loc[presets["preset"] == "east", "value"]))
        self.training = CALCULATORS["training"]
        with Sandbox(self.store.catalog.tables) as box:
            queries = [f"select * from centers limit {k}" for k in SQL_LIMITS] + list(SQL_EXTRA) + [LINK_SQL]
            self.sql_rows = {q: len(box.run(q).frame) for q in queries}
        for lang in LANGS:  # every text used exists (translate raises KeyError otherwise)
            for keys in PAGES.values():
                for key in filter(None, keys):
                    translate(key, lang)

    @lru_cache(maxsize=None)
    def map_count(self, statuses: tuple, min_pflops: float) -> int:
        return len(self.store.run("map_centers", statuses=statuses, hubs=(), clusters=(), provinces=(),
                                  precisions=(), min_pflops=float(min_pflops)))

    def energy_cost(self, it_mw: float, lang: str) -> str:
        e = self.east
        result = energy_cost_carbon(it_mw, e["pue"], 8760.0, e["price"], e["green"], e["grid"])
        return fmt_amount(result.cost_cny, "CNY", lang=lang)

    def training_days(self, params_b: float, lang: str) -> str:
        values = {f.name: f.default for f in self.training.fields} | {"params_b": params_b}
        days = self.training.run(**values).days
        unit = next(o.unit for o in self.training.outputs if o.name == "days")
        return fmt_amount(days, unit, digits=3, lang=lang)


# Sessions

@dataclass
class Record:
    t: float  # start, monotonic
    session: int
    kind: str
    ms: float
    errors: list[tuple[str, str]] = field(default_factory=list)
    where: str = ""  # the page the action started on (and for a nav, its target)


class Failure(Exception):
    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"{kind}: {detail}")
        self.kind, self.detail = kind, detail


class Session:
    def __init__(self, bench: "Bench", ident: int, rng: random.Random, lang: str):
        self.bench, self.ident, self.rng, self.lang = bench, ident, rng, lang
        self.page = None
        self.context = None
        self.deadline = 0.0  # of the current action
        self.problems: list[tuple[str, str]] = []  # console errors, page errors, crashes seen since the last check

    # plumbing

    async def open_page(self):
        if self.context is None:
            self.context = await self.bench.browser.new_context(viewport={"width": 1600, "height": 900},
                                                                accept_downloads=True)
        self.page = await self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.problems.append(("pageerror", str(exc)[:200])))
        self.page.on("crash", lambda _: self.problems.append(("crash", "page crashed")))

    def _console(self, msg):
        # Benign: Streamlit probes /<page>/_stcore/* before /_stcore/* on deep links (404).
        if msg.type == "error" and "/_stcore/" not in (msg.location or {}).get("url", ""):
            self.problems.append(("console", msg.text[:200]))

    async def close(self):
        if self.context is not None:
            try:
                await self.context.close()
            except PWError:
                pass
            self.context = None

    def left(self) -> float:
        """Milliseconds left for the current action (Playwright timeouts)."""
        return max(1.0, (self.deadline - time.monotonic()) * 1000)

    def t(self, key: str, **values) -> str:
        return translate(key, self.lang, **values)

    def where(self) -> tuple[str, dict[str, str]]:
        parts = urlsplit(self.page.url)
        return parts.path.strip("/"), {k: v[-1] for k, v in parse_qs(parts.query).items()}

    def title(self, path: str, step: int = 1) -> str:
        key = PAGES[path][1] or f"story.{STEPS[step - 1].key}.title"
        return self.t(key)

    def h1(self, title: str):
        return self.page.locator(f"{MAIN} h1").filter(has_text=re.compile(rf"^\s*{re.escape(title)}\s*$"))

    async def ready(self, title: str):
        """The page's h1, the app idle, and its first chart, map, metric or table drawn."""
        await self.wait(self.h1(title).first, f"h1 {title!r}")
        await self.wait(self.page.locator(IDLE), "app idle", "attached")
        # An error or a calculator's "enter values" note instead of a result also ends the wait
        # (the error is counted after the action; the note is checked on the lab below).
        await self.wait(self.page.locator(f"{MARK}, {STOP}").first, "first chart/map/metric/table")
        if self.where()[0] == "lab":
            note = self.page.locator(f"{MAIN} [data-testid=stAlertContentInfo]")
            if await note.count():
                raise Failure("app_state", f"lab: the training calculator shows {await note.first.inner_text()!r} "
                                           f"instead of a result (url {self.page.url})")

    async def wait(self, locator, what: str, state: str = "visible"):
        """Wait for `locator`; a timeout names what was missing and when the wait gave up."""
        try:
            await locator.wait_for(state=state, timeout=self.left())
        except PWTimeout:
            spent = self.bench.timeout - (self.deadline - time.monotonic())
            raise Failure("timeout", f"{what}: not there after {spent:.1f} s") from None

    async def url_has(self, name: str, value: str | None):
        try:
            await self.page.wait_for_function(
                "([n, v]) => new URLSearchParams(location.search).get(n) === v", arg=[name, value], polling=100,
                timeout=self.left())
        except PWTimeout:
            raise Failure("timeout", f"URL {name}={value}: not there (url {self.page.url})") from None
        await self.wait(self.page.locator(IDLE), "app idle", "attached")

    async def shows(self, locator, text: str, what: str):
        try:
            await expect(locator).to_have_text(text, timeout=self.left())
        except AssertionError:
            try:
                got = await locator.inner_text(timeout=500)
            except PWError:
                raise Failure("timeout", f"{what}: nothing shown, expected {text!r}") from None
            raise Failure("wrong_result", f"{what}: {got!r}, expected {text!r}") from None

    async def at_defaults(self, expected: dict[str, float | None]):
        """The calculator's other inputs hold the values the expected result assumes; if not (an
        app state problem, not load), fail at once as `app_state` instead of waiting for a result."""
        for attempt in range(5):  # a number input is first drawn with 0, then its value: read again
            if attempt:
                await asyncio.sleep(0.4)
                await self.wait(self.page.locator(IDLE), "app idle", "attached")
            wrong = {}
            for name, want in expected.items():
                box = self.page.locator(f".st-key-url_{name} input").first
                text = (await box.input_value(timeout=self.left())).replace(",", "").strip()
                got = float(text) if text else None
                if (got is None) != (want is None) or (got is not None and abs(got - want) > 0.006 * max(1, abs(want))):
                    wrong[name] = text or "empty"
            if not wrong:
                return
        if wrong:
            raise Failure("app_state", f"{self.where()[0]}: inputs not at their defaults: {wrong} "
                                       f"(url {self.page.url})")

    def metric(self, label: str):
        return self.page.get_by_test_id("stMetric").filter(has_text=label).first.get_by_test_id("stMetricValue")

    # actions

    async def goto(self, path: str, params: dict[str, str] | None = None):
        query = "&".join(f"{k}={quote(v, safe=',')}" for k, v in {"lang": self.lang, **(params or {})}.items())
        await self.page.goto(f"{self.bench.url}/{path}?{query}", timeout=self.left())

    async def do_open(self, path: str | None = None):
        path = self.rng.choice(list(PAGES)) if path is None else path
        step = self.rng.randint(1, MAX_STEP) if path == "story" else 1
        await self.goto(path, {"step": str(step)} if path == "story" else None)
        await self.ready(self.title(path, step))

    async def do_nav(self, path: str | None = None):
        here, _ = self.where()
        path = path if path is not None else self.rng.choice([p for p in PAGES if p != here])
        link = self.page.get_by_test_id("stSidebarNav").get_by_text(self.t(PAGES[path][0]), exact=True)
        await link.click(timeout=self.left())
        await self.ready(self.title(path))

    async def do_link(self):
        links = [("", {}), ("map", {"status": "planned"}), ("map", {"min_pflops": "1000"}), ("energy", {"it_mw": "20"}),
                 ("lab", {"calc": "training", "params_b": "7"}), ("data", {"sql": LINK_SQL}), ("east-west", {}),
                 ("use-cases", {}), ("about", {}), ("story", {"step": str(self.rng.randint(1, MAX_STEP))})]
        path, params = self.rng.choice(links)
        await self.goto(path, params)
        await self.ready(self.title(path, int(params.get("step", 1))))
        if path == "map":
            statuses = tuple(params["status"].split(",")) if "status" in params else ()
            count = self.bench.truth.map_count(statuses, float(params.get("min_pflops", 0)))
            await self.shows(self.page.get_by_test_id("stMetricValue").first, str(count), "map count")
        elif path == "data":
            await self.sql_caption(self.bench.truth.sql_rows[LINK_SQL])

    async def do_filter(self):
        _, query = self.where()
        now = float(query.get("min_pflops", 0))
        value = self.rng.choice([v for v in (0, 100, 200, 500, 1000, 2000, 5000) if v != now])
        box = self.page.locator(".st-key-url_min_pflops input")
        await box.fill(str(value), timeout=self.left())
        await box.press("Enter", timeout=self.left())
        await self.url_has("min_pflops", None if value == 0 else f"{value:.10g}")
        statuses = tuple(query["status"].split(",")) if query.get("status") else ()
        count = self.bench.truth.map_count(statuses, value)
        await self.shows(self.page.get_by_test_id("stMetricValue").first, str(count), "map count")

    async def do_energy(self):
        _, query = self.where()
        await self.at_defaults({**{f: self.bench.truth.east[f] for f in ("pue", "price", "green", "grid")},
                                "hours": 8760.0, "pflops": None, "w_per_pflops": None})
        now = float(query.get("it_mw", 10))
        value = self.rng.choice([v for v in (5, 10, 20, 35, 50, 80, 120) if v != now])
        box = self.page.locator(".st-key-url_it_mw input")
        await box.fill(str(value), timeout=self.left())
        await box.press("Enter", timeout=self.left())
        await self.shows(self.metric(self.t("calc.cost")), self.bench.truth.energy_cost(value, self.lang), "east cost")
        await self.wait(self.page.locator(IDLE), "app idle", "attached")

    async def do_lab(self):
        _, query = self.where()
        if query.get("calc", "training") != "training":
            raise Failure("setup", f"lab shows {query.get('calc')}")
        await self.at_defaults({f.name: f.default for f in self.bench.truth.training.fields if f.name != "params_b"})
        now = float(query.get("params_b", 3))
        value = self.rng.choice([v for v in (1, 3, 7, 13, 34, 70, 175) if v != now])
        box = self.page.locator(".st-key-url_params_b input")
        await box.fill(str(value), timeout=self.left())
        await box.press("Enter", timeout=self.left())
        await self.shows(self.metric(self.t("calc.training.out.days")), self.bench.truth.training_days(value, self.lang),
                         "training days")
        await self.wait(self.page.locator(IDLE), "app idle", "attached")

    async def do_story(self):
        _, query = self.where()
        step = int(query.get("step", 1))
        to, button = (step + 1, "story_next") if step < MAX_STEP else (step - 1, "story_prev")
        # A button with a shortcut and help is drawn twice in the DOM; the first is the one shown.
        await self.page.locator(f".st-key-{button} button").first.click(timeout=self.left())
        await self.ready(self.title("story", to))

    async def sql_caption(self, rows: int):
        pattern = re.escape(self.t("data.sql_meta", rows=rows, seconds="\0")).replace("\0", r"[0-9.]+")
        await self.wait(self.page.get_by_text(re.compile(rf"^{pattern}$")).first, f"caption '{rows} rows'")
        await self.wait(self.page.locator(IDLE), "app idle", "attached")

    async def do_sql(self):
        box = self.page.locator(".st-key-url_sql textarea")
        now = (await box.input_value(timeout=self.left())).strip()
        rows_now = self.bench.truth.sql_rows.get(now)
        choices = [q for q, n in self.bench.truth.sql_rows.items() if n != rows_now and q != LINK_SQL]
        sql = self.rng.choice(choices)
        await box.fill(sql, timeout=self.left())
        await box.press("Control+Enter", timeout=self.left())
        await self.sql_caption(self.bench.truth.sql_rows[sql])

    async def do_export(self):
        # not those in closed expanders, nor a KPI's sources (a popover too)
        menus = self.page.locator("[data-testid=stPopover]:visible").filter(has_text="Export")
        count = await menus.count()
        if not count:
            raise Failure("setup", "no export menu on this page")
        await menus.nth(self.rng.randrange(min(count, 3))).get_by_role("button").first.click(timeout=self.left())
        body = self.page.get_by_test_id("stPopoverBody")
        async with self.page.expect_download(timeout=self.left()) as info:
            await body.get_by_role("button", name="CSV", exact=True).click(timeout=self.left())
        download = await info.value
        path = await download.path()
        failure = await download.failure()
        if failure or path is None or os.path.getsize(path) == 0:
            raise Failure("download", failure or "empty file")
        await download.delete()

    # the loop

    async def timed(self, kind: str, action, *args) -> Record:
        where = self.where()[0] or "overview" if self.page.url.startswith("http") else "-"
        if kind == "nav" and args:
            where += " > " + (args[0] or "overview")
        start, t0 = time.perf_counter(), time.monotonic()
        self.deadline = t0 + self.bench.timeout
        errors: list[tuple[str, str]] = []
        broken = False
        try:
            await asyncio.wait_for(action(*args), self.bench.timeout + 5)
        except Failure as failure:
            errors.append((failure.kind, failure.detail))
            broken = failure.kind in ("timeout", "setup")
        except (PWTimeout, asyncio.TimeoutError) as exc:
            errors.append(("timeout", str(exc).splitlines()[0][:200] if str(exc) else "action"))
            broken = True
        except PWError as exc:  # a closed or crashed page
            errors.append(("playwright", str(exc).splitlines()[0][:200]))
            broken = True
        ms = (time.perf_counter() - start) * 1000
        if kind == "export":
            try:
                await self.page.keyboard.press("Escape")
            except PWError:
                pass
        errors += await self.page_errors()
        record = Record(t0, self.ident, kind, ms, errors, where)
        self.bench.records.append(record)
        if broken:
            await self.recover()
        return record

    async def page_errors(self) -> list[tuple[str, str]]:
        found, self.problems = self.problems, []
        try:
            for kind, selector in (("exception", "[data-testid=stException]"),
                                   ("error_alert", "[data-testid=stAlertContentError]")):
                items = self.page.locator(selector)
                if await items.count():
                    found.append((kind, (await items.first.inner_text(timeout=1000))[:200].replace("\n", " ")))
        except PWError as exc:
            found.append(("playwright", str(exc).splitlines()[0][:200]))
        return found

    async def recover(self):
        """After a timeout or a broken page: a fresh page on the Overview (not timed)."""
        self.deadline = time.monotonic() + 30
        try:
            await self.goto("")
            await self.ready(self.title(""))
            return
        except (PWError, Failure):  # PWTimeout is a PWError
            pass
        try:
            await self.page.close()
        except PWError:
            pass
        self.deadline = time.monotonic() + 30
        try:
            await self.open_page()
            await self.goto("")
            await self.ready(self.title(""))
        except (PWError, Failure) as exc:
            self.bench.records.append(Record(time.monotonic(), self.ident, "recover", 0,
                                             [("recover", str(exc).splitlines()[0][:200])]))

    def pick(self) -> str:
        kinds, weights = zip(*ACTIONS.items())
        return self.rng.choices(kinds, weights)[0]

    async def run(self, start_delay: float, end: float):
        await asyncio.sleep(start_delay)
        await self.open_page()
        await self.timed("open", self.do_open)
        while True:
            await asyncio.sleep(self.rng.uniform(2, 5))
            if time.monotonic() >= end:
                break
            kind = self.pick()
            here, _ = self.where()
            need = NEEDS.get(kind)
            if kind == "export" and here in NO_EXPORT:
                need = self.rng.choice([p for p in PAGES if p not in NO_EXPORT])
            if need is not None and here != need:
                if (await self.timed("nav", self.do_nav, need)).errors:
                    continue
            await self.timed(kind, getattr(self, f"do_{kind}"))


async def run_crew(bench, session_class, sessions: int, duration: float, seed: int, progress: bool):
    """A level's sessions (of load.py or wsload.py), seeded, arriving over up to a second each and
    doing their mix until `duration` is up; a session that raised is recorded as an error.
    Returns (crew, index of the level's first record, t0, t1, end); the caller closes the crew."""
    first = len(bench.records)
    t0 = time.monotonic()
    end = t0 + duration
    ramp = min(duration / 4, 1.0 * sessions)  # readers arrive over up to a second each, not at once
    crew = [session_class(bench, i, random.Random(f"{seed}-{sessions}-{i}"), random.Random(f"{seed}-{i}").choice(LANGS))
            for i in range(sessions)]
    tasks = [asyncio.create_task(s.run(ramp * i / sessions, end)) for i, s in enumerate(crew)]
    reporter = asyncio.create_task(bench.progress(t0, end, first)) if progress else None
    results = await asyncio.gather(*tasks, return_exceptions=True)
    t1 = time.monotonic()
    if reporter:
        reporter.cancel()
    for s, result in zip(crew, results):
        if isinstance(result, BaseException):
            bench.records.append(Record(t1, s.ident, "session", 0, [("session", repr(result)[:200])]))
    return crew, first, t0, t1, end


class Bench:
    def __init__(self, browser, url: str, truth: Truth, sampler: Sampler, timeout: float):
        self.browser, self.url, self.truth, self.sampler, self.timeout = browser, url, truth, sampler, timeout
        self.records: list[Record] = []

    async def warm_up(self) -> list[Record]:
        """One session per language visits every page and does every action once (not counted)."""
        first, timeout = len(self.records), self.timeout
        self.timeout = 60  # the first runs import modules and fill caches
        for lang in LANGS:
            session = Session(self, -1, random.Random(0), lang)
            await session.open_page()
            await session.timed("open", session.do_open, "")
            for path in list(PAGES)[1:]:
                await session.timed("nav", session.do_nav, path)
            if lang == "en":
                for kind, need in (("filter", "map"), ("energy", "energy"), ("lab", "lab"), ("story", "story"),
                                   ("sql", "data"), ("export", "data"), ("link", None)):
                    if need and session.where()[0] != need:
                        await session.timed("nav", session.do_nav, need)
                    await session.timed(kind, getattr(session, f"do_{kind}"))
            await session.close()
        self.timeout = timeout
        warm = self.records[first:]
        del self.records[first:]
        return warm

    async def level(self, sessions: int, duration: float, seed: int, progress: bool = False) -> "Level":
        crew, first, t0, t1, end = await run_crew(self, Session, sessions, duration, seed, progress)
        rss_end = self.sampler.rss_at(min(t1, end + 1))
        peak = max((s.rss for s in self.sampler.window(t0, t1)), default=rss_end)
        cpu = self.sampler.cpu(t0, t1)
        if cpu and not self.sampler.server_pids:  # a server elsewhere: its CPU is not known here
            cpu["server"] = None
        health = self.sampler.health.window(t0, t1)
        await asyncio.gather(*(s.close() for s in crew))
        return Level(sessions, duration, self.records[first:], self.sampler.rss_at(t0), rss_end, peak, cpu, t0, t1,
                     health)

    async def progress(self, t0: float, end: float, first: int):
        while time.monotonic() < end:
            await asyncio.sleep(60)
            done = self.records[first:]
            rss = self.sampler.rss_at(time.monotonic()) if self.sampler.server_pids else None
            print(f"  … {(time.monotonic() - t0) / 60:4.1f} min: {len(done)} interactions, "
                  f"{sum(len(r.errors) for r in done)} errors, server RSS {mb(rss)} MB",
                  file=sys.stderr, flush=True)


# Reporting

@dataclass
class Level:
    sessions: int
    duration: float
    records: list[Record]
    rss_start: float
    rss_end: float
    rss_peak: float
    cpu: dict[str, float]
    t0: float
    t1: float
    health: tuple[list[float], int]  # /_stcore/health answers (ms) and failures


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]  # nearest rank


def summary(records: list[Record]) -> dict:
    timed = [r.ms for r in records if r.kind not in ("open", "recover", "session")]
    return {"n": len(timed), "p50": pct(timed, 50), "p95": pct(timed, 95), "max": max(timed, default=float("nan")),
            "errors": sum(len(r.errors) for r in records)}


def error_kinds(records: list[Record]) -> collections.Counter:
    return collections.Counter(f"{kind} ({r.kind})" for r in records for kind, _ in r.errors)


def mb(value: float | None, spec: str = ".0f") -> str:
    """An RSS or CPU figure, or n/a when the server's processes are not known (--url, no --pid)."""
    return "n/a" if value is None else format(value, spec)


def print_level(level: Level, baseline: float | None) -> None:
    s = summary(level.records)
    opens = [r for r in level.records if r.kind == "open"]
    print(f"\n{level.sessions} session(s), {level.duration:.0f} s: {s['n']} interactions, p50 {s['p50']:.0f} ms, "
          f"p95 {s['p95']:.0f} ms, max {s['max']:.0f} ms, errors {s['errors']}")
    for kind in ("open", *ACTIONS):
        rows = [r for r in level.records if r.kind == kind]
        if rows:
            ms = [r.ms for r in rows]
            print(f"    {kind:7s} n {len(rows):4d}  p50 {pct(ms, 50):6.0f}  p95 {pct(ms, 95):6.0f}  "
                  f"max {max(ms):6.0f} ms"
                  f"  errors {sum(len(r.errors) for r in rows)}")
    if opens:
        print("    (open: each session's first page load, not in the interaction figures)")
    kinds = error_kinds(level.records)
    if kinds:
        print("  errors by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
        seen = set()  # one example per kind of error and action, then other messages, 8 at most
        examples = [(r, kind, detail) for r in level.records for kind, detail in r.errors]
        firsts = {}
        for example in examples:
            firsts.setdefault((example[1], example[0].kind), example)
        for r, kind, detail in [*firsts.values(), *examples]:
            if (kind, detail[:60]) not in seen and len(seen) < 8:
                seen.add((kind, detail[:60]))
                print(f"    e.g. {kind} in {r.kind} on {r.where} (session {r.session}, "
                      f"+{r.t - level.t0:.0f} s): {detail}")
    if baseline is not None:
        per = (level.rss_end - baseline) / level.sessions
        print(f"  server RSS: level start {level.rss_start:.0f} MB, end {level.rss_end:.0f} MB, "
              f"peak {level.rss_peak:.0f} MB;"
              f" (end - idle baseline {baseline:.0f} MB) / sessions = {per:+.1f} MB per session")
    ok, failed = level.health
    if ok:
        print(f"  server /_stcore/health (1/s, no browser involved): p50 {pct(ok, 50):.0f} ms, "
              f"p95 {pct(ok, 95):.0f} ms,"
              f" max {max(ok):.0f} ms, failed {failed}")
    c = level.cpu
    if c:
        print(f"  CPU (100 % = one core, {os.cpu_count()} cores): server {mb(c['server'])} %, browsers+client "
              f"{c['client']:.0f} %, other processes {c['other']:.0f} %; machine {c['machine']:.0f} % "
              f"= {c['machine'] / (os.cpu_count() or 1):.0f} % of all cores")
    sys.stdout.flush()


def print_table(levels: list[Level], baseline: float | None) -> None:
    known = baseline is not None  # the server's processes are measured

    def per_session(lv: Level) -> float | None:
        return (lv.rss_end - baseline) / lv.sessions if known else None

    print("\nsummary (interactions exclude each session's first page load; CPU in % of one core)")
    print(f"{'sessions':>8} {'inter.':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'errors':>6} "
          f"{'RSS start':>9} {'RSS end':>8} {'MB/sess':>7} {'srv CPU':>7} {'mach CPU':>8} {'client':>6} "
          f"{'health p95':>10}")
    for lv in levels:
        s = summary(lv.records)
        c = lv.cpu or {"server": float("nan"), "machine": float("nan"), "client": float("nan")}
        print(f"{lv.sessions:>8} {s['n']:>6} {s['p50']:>7.0f} {s['p95']:>7.0f} {s['max']:>7.0f} {s['errors']:>6} "
              f"{mb(lv.rss_start if known else None):>9} {mb(lv.rss_end if known else None):>8} "
              f"{mb(per_session(lv), '.1f'):>7} "
              f"{mb(c['server']):>7} {c['machine']:>8.0f} {c['client']:>6.0f} {pct(lv.health[0], 95):>10.0f}")
    at20 = next((lv for lv in levels if lv.sessions == 20), None)
    if at20:
        s = summary(at20.records)
        print(f"target at 20 sessions: p95 <= 1000 ms (got {s['p95']:.0f}), 0 errors (got {s['errors']}), "
              f"<= 10 MB RSS per extra session (got {mb(per_session(at20), '.1f')})")


def print_soak(level: Level, sampler: Sampler, baseline: float | None) -> None:
    minutes = max(1, round(level.duration / 60))
    print(f"\nsoak, per minute ({level.sessions} sessions; RSS at the end of each minute; CPU in % of one core)")
    print(f"{'minute':>6} {'inter.':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'errors':>6} {'RSS MB':>7} "
          f"{'srv CPU':>7} {'mach CPU':>8} {'health p95':>10}")
    rss = []
    for m in range(minutes):
        a, b = level.t0 + 60 * m, min(level.t0 + 60 * (m + 1), level.t1)
        s = summary([r for r in level.records if a <= r.t < b or (m == minutes - 1 and r.t >= b)])
        cpu = sampler.cpu(a, b) or {"server": float("nan"), "machine": float("nan")}
        rss.append(sampler.rss_at(b) if baseline is not None else None)
        print(f"{m + 1:>6} {s['n']:>6} {s['p50']:>7.0f} {s['p95']:>7.0f} {s['max']:>7.0f} {s['errors']:>6} "
              f"{mb(rss[-1]):>7} {mb(cpu['server'] if baseline is not None else None):>7} {cpu['machine']:>8.0f} "
              f"{pct(sampler.health.window(a, b)[0], 95):>10.0f}")
    print(memory_line(rss) if baseline is not None else "memory after warm-up: not measured (see --pid)")
    print(f"soak target: 0 errors (got {summary(level.records)['errors']}), memory flat after warm-up")


async def main_async(args) -> None:
    truth = Truth()
    proc = log = None
    if args.url:
        url, pids = args.url.rstrip("/"), args.pid or []
    else:
        proc, url = start_app(port=args.port)  # a free port unless one is given
        pids = [proc.pid]
        log = ServerLog(proc)
        log.start()
    sampler = Sampler(*pids)
    sampler.health = Health(url)
    sampler.start()
    sampler.health.start()
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            print(f"command: uv run python benchmarks/load.py {shlex.join(sys.argv[1:])}")
            print(machine_line(f"chromium {browser.version}"))
            print(f"server: {url} ({'started by this script' if proc else 'already running'}; "
                  f"{'pids ' + ' '.join(map(str, pids)) if pids else 'RSS and server CPU not measured'})")
            print(CAVEAT)
            await asyncio.sleep(2)
            cold = sampler.rss_at(time.monotonic())
            bench = Bench(browser, url, truth, sampler, args.timeout)
            t = time.monotonic()
            warm = await bench.warm_up()
            bad = [(r.kind, r.where, kind, detail[:120]) for r in warm for kind, detail in r.errors]
            await asyncio.sleep(4)
            baseline = sampler.rss_at(time.monotonic()) if pids else None
            rss = f"{cold:.0f} MB after start, {baseline:.0f} MB idle after warm-up" if pids else "not measured"
            print(f"server RSS: {rss} ({len(warm)} actions in {time.monotonic() - t:.0f} s, "
                  f"slowest {max(r.ms for r in warm):.0f} ms{'; problems: ' + repr(bad[:3]) if bad else ''})")
            sys.stdout.flush()
            if args.soak:
                sessions = args.sessions[0] if args.sessions else 20
                print(f"soak: {sessions} sessions for {args.soak:g} min, seed {args.seed}")
                level = await bench.level(sessions, args.soak * 60, args.seed, progress=True)
                print_level(level, baseline)
                print_soak(level, sampler, baseline)
            else:
                levels = []
                for n in args.sessions or [1, 5, 10, 20, 30]:
                    levels.append(await bench.level(n, args.duration, args.seed))
                    print_level(levels[-1], baseline)
                    await asyncio.sleep(5)  # closed sessions disconnect before the next level's start RSS
                print_table(levels, baseline)
            await browser.close()
    finally:
        sampler.halt.set()
        sampler.health.halt.set()
        if proc is not None:
            stop_app(proc)
    if log is not None:
        tail = ": " + " | ".join(list(log.lines)[-5:]) if log.errors else ""
        print(f"server stderr: {log.errors} error line(s){tail}")
    print(CAVEAT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", help="levels of concurrent sessions (default 1 5 10 20 30;"
                        " with --soak: one level, default 20)")
    parser.add_argument("--duration", type=float, default=60, help="seconds per level (default 60)")
    parser.add_argument("--soak", type=float, metavar="MINUTES", help="run one level this long, report each minute")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--port", type=int, help="server port (default: a free one)")
    parser.add_argument("--timeout", type=float, default=15, help="seconds before an action counts as timed out")
    parser.add_argument("--url", help="an already running server (another machine's, or the nginx of "
                        "deploy/start.sh) instead of starting one")
    parser.add_argument("--pid", type=int, nargs="+", help="with --url: the server's processes (and their children) "
                        "to measure RSS and CPU of")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
