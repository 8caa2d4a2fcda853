"""Load and soak at the protocol level: N Streamlit sessions against one server, no browser.

load.py drives real Chromium pages; on a 2-core machine the browsers saturate the CPU at about
10 sessions, so its latency then measures the browsers. Each real reader renders on their own
machine: what a shared server has to show is its own latency under N sessions. Here every
session is a WebSocket on /_stcore/stream speaking Streamlit's own protobuf messages
(streamlit.proto: BackMsg with a ClientState, ForwardMsg), as the frontend does, so 30
sessions cost the client a small part of one core. One asyncio loop drives them all.

A session is what a browser tab does, minus the drawing:
  - it GETs the page's HTML first (a proxy's affinity cookie comes from there; the cookies go
    with the WebSocket and the downloads), then opens the WebSocket and sends a rerun with the
    page's URL path as `page_name` and its query string (always with lang=en or lang=zh-Hans);
  - it reads ForwardMsgs until `script_finished` (a run ended early for a rerun is followed by
    the next), keeps the elements as the frontend's tree (a full run replaces it, a fragment
    run only that fragment's elements), the page list and current page from `navigation`, the
    query string from `page_info_changed`, and a widget's value from its element (`default`,
    or `value` when the server set it) until it changes it;
  - it keeps large ("cacheable") messages and lists their hashes in every rerun, expiring them
    after `max_cached_message_age` runs, as the frontend's cache does: the server then sends
    a reference instead of the element again;
  - page change: a rerun with the target's `page_script_hash` and an empty query string (the
    browser keeps only embed parameters; the app puts lang back);
  - widget change: a rerun with that widget's WidgetState (double_value, string_value), the
    current query string, and the widget's fragment id when it is in a fragment (only that
    fragment runs); a button: its WidgetState with trigger_value. The browser also sends the
    values of the page's other widgets; the server keeps them from the last run, so the run
    is the same without them;
  - a made-on-click download (a deferred download_button): a BackendOperationRequest with
    the button's deferred_file_id, whose response holds a /media/ URL, then GET of that URL.

Sessions arrive spread over up to one second each; each opens a random page in its language,
then, until the level's time is up, waits --think (2–5 s) and does one seeded random action,
with load.py's mix (when the action needs another page it first goes there, counted as a
`nav`). Actions, and what is checked, where the app's own code gives the truth (load.Truth):

  nav      page change                      the page's h1 (a story step's title)
  link     a deep link as a new session     as nav, plus the linked result: map?status=planned,
           (close this one, open another)   map?min_pflops=1000 (the count metric),
                                            energy?it_mw=20, lab?calc=training&params_b=7,
                                            data?sql=... (the row caption), story?step=N, ...
  filter   Map: "Minimum capacity"          the URL holds it; the count metric = the app's query
  energy   Green compute: IT load (MW)      the east cost metric = energy_cost_carbon()
  lab      What-if lab: model size          "Time (days)" = training_time()
  story    Story: Next (Previous on the last step)   the next step's h1 and URL
  sql      Data & SQL: the query text area  the "N rows in" caption
  export   an export menu's CSV             the file GET: 200 and not empty
  open     the first page of a session (reported apart, not in the interaction figures)

A calculator whose other inputs are not at the values the expected result assumes fails at
once as `app_state` (an app state problem, not load). Latency: from sending the BackMsg to the
run's script_finished; for an export until the file's GET has completed; for a new session
(open, link) from the page GET, so the WebSocket's opening is included.

Errors, each kind counted: an exception element or an error alert drawn by the action's run
(exception, error_alert), page_not_found, compile_error, a timeout (> --timeout s), a wrong
result (wrong_result), a failed download (download), a dropped connection (dropped), a page
GET that is not 200 (http_error), a referenced message not in the cache (protocol), a widget
or menu the page should have but has not (setup), and the server's stderr error lines
(server_stderr, when this script started the server). After a timeout or a dropped connection
the session starts over on the Overview (not timed; `recover` if that fails too).

Server figures, as load.py (benchmarks/procstats.py): RSS of the server's process tree, CPU of
the server, of this client and of the machine, every second, and GET /_stcore/health every
second. The idle baseline is the RSS after a warm-up session per language has visited every
page (in English also done every action once) and closed. RSS per session = (RSS at the end
of the level - baseline) / sessions; Streamlit keeps a closed session's state for up to 2
minutes, so deep links and earlier levels' sessions still count. With --url the server is
whatever answers there (another process, or nginx and replicas from deploy/start.sh): its RSS
and CPU are measured only for the processes given with --pid (e.g. start.sh's pid, whose
children are nginx and the replicas). The expected results come from this checkout's data.

NOT measured: anything in the browser (parsing, layout, Plotly or deck.gl drawing, the static
JS bundle, images). Pair these figures with benchmarks/pages.py and interaction.py, which time
one real browser on a quiet machine.

    uv run python benchmarks/wsload.py [--sessions 1 5 10 20 30] [--duration 60]
    uv run python benchmarks/wsload.py --soak 10 [--sessions 20]
    options: --seed 1 --think 2 5 --timeout 15 --url http://127.0.0.1:8600 [--pid PID ...]

Prints figures only; nothing is asserted. Targets (issue): at 20 and 30 sessions p95 <= 1 s,
0 errors, <= 10 MB RSS per extra session; soak (20 sessions, 10 min): 0 errors and memory
flat after warm-up (the last minute's RSS within 5 % of minute 2's, as printed).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import re
import shlex
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from atlas.build.storyline import STEPS  # noqa: E402
from atlas.i18n import translate  # noqa: E402
from benchmarks.load import (  # noqa: E402
    ACTIONS,
    LANGS,
    LINK_SQL,
    MAX_STEP,
    NEEDS,
    NO_EXPORT,
    PAGES,
    Failure,
    Record,
    Truth,
    error_kinds,
    pct,
    run_crew,
    summary,
)
from benchmarks.procstats import Health, Sampler, ServerLog, machine_line, memory_line  # noqa: E402
from scripts.appserver import start_app, stop_app  # noqa: E402

FINISHED = ForwardMsg.ScriptFinishedStatus
ERROR = Alert.Format.Value("ERROR")
INFO = Alert.Format.Value("INFO")
LOCALES = {"en": "en-US", "zh-Hans": "zh-CN"}
# The shared links a reader opens (load.py's), the values they type
LINKS = [("", {}), ("map", {"status": "planned"}), ("map", {"min_pflops": "1000"}), ("energy", {"it_mw": "20"}),
         ("lab", {"calc": "training", "params_b": "7"}), ("data", {"sql": LINK_SQL}), ("east-west", {}),
         ("use-cases", {}), ("about", {}), ("story", {"step": None})]  # step: a random one
MIN_PFLOPS = (0, 100, 200, 500, 1000, 2000, 5000)
IT_MW = (5, 10, 20, 35, 50, 80, 120)
PARAMS_B = (1, 3, 7, 13, 34, 70, 175)
TOUR = (("filter", "map"), ("energy", "energy"), ("lab", "lab"), ("story", "story"), ("sql", "data"),
        ("export", "data"), ("link", None))  # every action once, and the page it needs
SHOWN = 3  # an export is chosen among the first menus of a page, as a reader would


def query_string(params: dict[str, str]) -> str:
    return urlencode(params, quote_via=quote, safe=",")


# One browser tab's session, at the protocol level

@dataclass
class Node:
    """An element or block of the page, as the frontend's tree holds it."""

    kind: str  # the element's type ("metric", "number_input", ...), or "block:<type>" ("block:popover")
    proto: Any  # the element's message (Metric, NumberInput, ...) or the Block
    fragment: str  # the fragment that drew it, "" outside fragments


def http_get(url: str, cookies: dict[str, str], timeout: float) -> tuple[int, bytes, dict[str, str]]:
    """GET with the tab's cookies: (status, body, cookies set by the response)."""
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=timeout) as resp:
            status, body, header = resp.status, resp.read(), resp.headers
    except urllib.error.HTTPError as exc:
        status, body, header = exc.code, b"", exc.headers
    pairs = (c.split(";", 1)[0].split("=", 1) for c in header.get_all("Set-Cookie") or [])
    return status, body, {p[0].strip(): p[1].strip() for p in pairs if len(p) == 2}


class Tab:
    """A browser tab's WebSocket session. Every wait ends at `deadline` (monotonic) with a
    `timeout` Failure; a closed connection raises a `dropped` Failure."""

    def __init__(self, base: str, lang: str, deadline: float):
        self.base, self.lang, self.deadline = base, lang, deadline
        self.ws = None
        self.cookies: dict[str, str] = {}
        self.session_id = ""
        self.pages: dict[str, str] = {}  # url path -> page_script_hash
        self.page_hash = ""
        self.path = ""
        self.query = ""
        self.tree: dict[tuple[int, ...], Node] = {}
        self.values: dict[str, Any] = {}  # widget id -> value, as the frontend's widget manager holds it
        self.cache: dict[str, list] = {}  # hash -> [ForwardMsg, run count when last used, fragment id]
        self.runs = 0
        self.max_age = 2
        self.problems: list[tuple[str, str]] = []  # errors the runs drew, for the action to report
        self.requests = itertools.count(1)

    def left(self, what: str) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise Failure("timeout", f"{what}: not there in time")
        return left

    async def get(self, url: str) -> tuple[int, bytes]:
        try:
            status, body, cookies = await asyncio.to_thread(http_get, url, self.cookies, self.left(f"GET {url}"))
        except OSError as exc:  # refused, reset, timed out (urllib wraps some in URLError)
            timeout = isinstance(exc, TimeoutError) or isinstance(getattr(exc, "reason", None), TimeoutError)
            raise Failure("timeout" if timeout else "dropped", f"GET {url}: {exc!r}"[:200]) from None
        self.cookies.update(cookies)
        return status, body

    async def open(self, path: str, params: dict[str, str]):
        """Load the page as a new tab does: its HTML, then the WebSocket and the first run."""
        self.path, self.query = path, query_string({"lang": self.lang, **params})
        status, _ = await self.get(f"{self.base}/{path}?{self.query}")
        if status != 200:
            raise Failure("http_error", f"GET /{path}: HTTP {status}")
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else None
        try:
            self.ws = await websockets.connect(
                self.base.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                origin=self.base, additional_headers=headers, max_size=None, ping_interval=None,
                open_timeout=self.left("WebSocket open"))
        except (OSError, TimeoutError, websockets.InvalidHandshake) as exc:
            raise Failure("dropped", f"WebSocket open: {exc!r}"[:200]) from None
        await self.rerun(page_hash="", page_name=path)  # no page hash yet: the server resolves the path

    async def close(self):
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    async def send(self, msg: BackMsg):
        if self.ws is None:
            raise Failure("dropped", "no connection")
        try:
            await self.ws.send(msg.SerializeToString())
        except websockets.ConnectionClosed as exc:
            raise Failure("dropped", repr(exc)[:200]) from None

    async def recv(self, what: str) -> ForwardMsg:
        left = self.left(what)  # before recv(): a timeout here must not leave its coroutine unawaited
        try:
            raw = await asyncio.wait_for(self.ws.recv(), left)
        except TimeoutError:
            raise Failure("timeout", f"{what}: not there in time") from None
        except websockets.ConnectionClosed as exc:
            raise Failure("dropped", repr(exc)[:200]) from None
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        return msg

    async def rerun(self, *, page_hash: str | None = None, page_name: str = "", widgets: list[WidgetState] = (),
                    fragment: str = ""):
        """Send a rerun as the frontend does (of the current page unless `page_hash` is given),
        and read its messages until it has finished."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string, state.page_name, state.fragment_id = self.query, page_name, fragment
        state.page_script_hash = self.page_hash if page_hash is None else page_hash
        state.widget_states.widgets.extend(widgets)
        state.cached_message_hashes.extend(self.cache)
        context = state.context_info
        context.timezone, context.timezone_offset, context.locale = "UTC", 0, LOCALES[self.lang]
        context.url, context.color_scheme = f"{self.base}/{self.path}?{self.query}", "light"
        await self.send(msg)
        await self.finished()

    async def finished(self):
        """Read until the run has finished; update the tree, the page and the query string."""
        drawn: dict[tuple[int, ...], Node] = {}
        fragments: tuple[str, ...] = ()
        while True:
            msg = await self.recv("script_finished")
            kind = msg.WhichOneof("type")
            delta = msg.delta
            if kind == "ref_hash":  # a large message sent before: the frontend takes it from its cache
                entry = self.cache.get(msg.ref_hash)
                if entry is None:
                    raise Failure("protocol", f"cached message {msg.ref_hash} not in the cache")
                entry[1] = self.runs
                kind, delta = entry[0].WhichOneof("type"), entry[0].delta
            elif msg.metadata.cacheable:
                self.cache[msg.hash] = [msg, self.runs, msg.delta.fragment_id]
            if kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id or self.session_id
                if msg.new_session.HasField("config"):
                    self.max_age = msg.new_session.config.max_cached_message_age
                fragments, drawn = tuple(msg.metadata.run.fragment_ids), {}
            elif kind == "delta":
                self.draw(drawn, tuple(msg.metadata.delta_path), delta)
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
                self.page_hash = msg.navigation.page_script_hash
                self.path = next((p for p, h in self.pages.items() if h == self.page_hash), self.path)
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "page_not_found":
                self.problems.append(("page_not_found", msg.page_not_found.page_name))
            elif kind == "script_finished" and msg.script_finished != FINISHED.FINISHED_EARLY_FOR_RERUN:
                if msg.script_finished == FINISHED.FINISHED_WITH_COMPILE_ERROR:
                    self.problems.append(("compile_error", self.path))
                self.settle(drawn, fragments)
                return

    def draw(self, drawn: dict, path: tuple[int, ...], delta):
        if delta.WhichOneof("type") == "new_element":
            kind = delta.new_element.WhichOneof("type")
            node = Node(kind, getattr(delta.new_element, kind), delta.fragment_id)
            if kind == "exception":
                self.problems.append(("exception", f"{node.proto.type}: {node.proto.message}"[:200]))
            elif kind == "alert" and node.proto.format == ERROR:
                self.problems.append(("error_alert", node.proto.body[:200].replace("\n", " ")))
        elif delta.WhichOneof("type") == "add_block":
            node = Node("block:" + (delta.add_block.WhichOneof("type") or ""), delta.add_block, delta.fragment_id)
        else:  # a transient (spinner, toast): not part of the page
            return
        drawn[path] = node

    def settle(self, drawn: dict, fragments: tuple[str, ...]):
        """The tree after the run, as the frontend leaves it: a full run replaces it, a fragment
        run replaces its fragments' elements. Then widget values and the message cache."""
        if fragments:
            self.tree = {p: n for p, n in self.tree.items() if n.fragment not in fragments} | drawn
        else:
            self.tree = drawn
        ids = set()
        for node in self.tree.values():
            if node.kind in ("number_input", "text_area"):  # the widgets whose values the actions read
                wid, proto = node.proto.id, node.proto
                ids.add(wid)
                if wid not in self.values or proto.set_value:
                    field = "value" if proto.set_value else "default"
                    self.values[wid] = getattr(proto, field) if proto.HasField(field) else None
        self.values = {k: v for k, v in self.values.items() if k in ids}
        self.runs += 1
        self.cache = {h: e for h, e in self.cache.items()
                      if (fragments and e[2] not in fragments) or self.runs - e[1] <= self.max_age}

    # the page

    def nodes(self, kind: str) -> list[tuple[tuple[int, ...], Node]]:
        """The page's elements of a kind, in page order."""
        return sorted(((p, n) for p, n in self.tree.items() if n.kind == kind), key=lambda item: item[0])

    def widget(self, key: str, kind: str) -> Node:
        for _, node in self.nodes(kind):
            if node.proto.id.endswith(f"-{key}"):
                return node
        raise Failure("setup", f"no {kind} {key!r} on {self.path or 'overview'}")

    def value(self, key: str, kind: str = "number_input"):
        return self.values.get(self.widget(key, kind).proto.id)

    def params(self) -> dict[str, str]:
        return {k: v[-1] for k, v in parse_qs(self.query).items()}

    def h1(self) -> list[str]:
        return [n.proto.body for _, n in self.nodes("heading") if n.proto.tag == "h1"]

    def metric(self, label: str) -> str | None:
        return next((n.proto.body for _, n in self.nodes("metric") if n.proto.label == label), None)

    def collapsed(self, path: tuple[int, ...]) -> bool:
        """Inside an expander that is closed (what it holds cannot be clicked)."""
        for i in range(1, len(path)):
            node = self.tree.get(path[:i])
            if node is not None and node.kind == "block:expandable" and not node.proto.expandable.expanded:
                return True
        return False

    # what a reader does

    async def change(self, key: str, kind: str, value):
        """Type `value` into a widget: a rerun of its fragment, or of the page."""
        node = self.widget(key, kind)
        state = WidgetState(id=node.proto.id)
        if kind == "text_area":
            state.string_value = value
        elif node.proto.data_type == node.proto.DataType.INT:
            state.int_value = int(value)
        else:
            state.double_value = float(value)
        self.values[node.proto.id] = value
        await self.rerun(widgets=[state], fragment=node.fragment)

    async def click(self, key: str):
        node = self.widget(key, "button")
        await self.rerun(widgets=[WidgetState(id=node.proto.id, trigger_value=True)], fragment=node.fragment)

    async def navigate(self, path: str):
        self.query = ""  # the browser keeps only embed parameters across a page change
        await self.rerun(page_hash=self.pages[path])

    async def download(self, file_id: str):
        """A made-on-click file: ask the server to make it, then GET the URL it answers."""
        msg = BackMsg()
        request = msg.backend_operation_request
        request.request_id, request.session_id = f"dl-{next(self.requests)}", self.session_id
        request.deferred_file.file_id = file_id
        await self.send(msg)
        while True:
            reply = await self.recv("deferred file")
            if reply.WhichOneof("type") == "backend_operation_response" and \
                    reply.backend_operation_response.request_id == request.request_id:
                break
        answer = reply.backend_operation_response
        if answer.error_msg or not answer.deferred_file.url:
            raise Failure("download", f"{answer.error_msg or 'no URL'} {answer.error_reason}".strip())
        url = answer.deferred_file.url
        try:
            status, body = await self.get(url if url.startswith("http") else self.base + url)
        except Failure as failure:
            if failure.kind == "timeout":
                raise
            raise Failure("download", failure.detail) from None
        if status != 200 or not body:
            raise Failure("download", f"GET {url}: HTTP {status}, {len(body)} bytes")


# Sessions

class Session:
    """One reader: a tab, a language, a seeded random walk through the app."""

    def __init__(self, bench: Bench, ident: int, rng: random.Random, lang: str):
        self.bench, self.ident, self.rng, self.lang = bench, ident, rng, lang
        self.tab: Tab | None = None
        self.closing: set[asyncio.Task] = set()  # tabs left for a new one, closing

    def t(self, key: str, **values) -> str:
        return translate(key, self.lang, **values)

    def title(self, path: str, step: int = 1) -> str:
        return self.t(PAGES[path][1] or f"story.{STEPS[step - 1].key}.title")

    def shows(self, what: str, got, want):
        if got != want:
            raise Failure("wrong_result", f"{what}: {got!r}, expected {want!r} (on /{self.tab.path}?{self.tab.query})")

    def ready(self, path: str, step: int = 1):
        """The page's h1; on the lab, a result rather than the calculator's "enter values" note."""
        title = self.title(path, step)
        if title not in self.tab.h1():
            raise Failure("wrong_result", f"h1 {self.tab.h1()!r}, expected {title!r} (on /{self.tab.path})")
        notes = [n.proto.body for _, n in self.tab.nodes("alert") if n.proto.format == INFO]
        if path == "lab" and notes:
            raise Failure("app_state", f"lab: the calculator shows {notes[0]!r} instead of a result")

    def at_defaults(self, expected: dict[str, float | None]):
        """The calculator's other inputs hold what the expected result assumes; if not (an app
        state problem, not load), fail at once as `app_state`."""
        wrong = {}
        for name, want in expected.items():
            got = self.tab.value(f"url_{name}")
            if (got is None) != (want is None) or (got is not None and abs(got - want) > 1e-9 * max(1, abs(want))):
                wrong[name] = got
        if wrong:
            raise Failure("app_state", f"{self.tab.path}: inputs not at their defaults: {wrong} "
                                       f"(query {self.tab.query!r})")

    # actions

    async def do_open(self, path: str | None = None, params: dict[str, str] | None = None):
        """A new tab (a first visit or a shared link); the old one is closed, as page.goto does."""
        path = self.rng.choice(list(PAGES)) if path is None else path
        params = dict(params or {})
        if path == "story":
            params["step"] = params.get("step") or str(self.rng.randint(1, MAX_STEP))
        if self.tab is not None:  # closed aside: a browser leaving a page does not wait for it
            closing = asyncio.create_task(self.tab.close())
            self.closing.add(closing)
            closing.add_done_callback(self.closing.discard)
        self.tab = Tab(self.bench.url, self.lang, self.deadline)
        await self.tab.open(path, params)
        self.ready(path, int(params.get("step", 1)))

    async def do_nav(self, path: str | None = None):
        path = path if path is not None else self.rng.choice([p for p in PAGES if p != self.tab.path])
        await self.tab.navigate(path)
        self.ready(path)

    async def do_link(self):
        path, params = self.rng.choice(LINKS)
        truth = self.bench.truth
        if path == "map":
            statuses = tuple(params["status"].split(",")) if "status" in params else ()
            count = str(truth.map_count(statuses, float(params.get("min_pflops", 0))))
        await self.do_open(path, params)
        if path == "map":
            self.shows("map count", self.tab.metric(self.t("map.count")), count)
        elif path == "energy":
            self.shows("east cost", self.tab.metric(self.t("calc.cost")), truth.energy_cost(float(params["it_mw"]), self.lang))
        elif path == "lab":
            self.shows("training days", self.tab.metric(self.t("calc.training.out.days")),
                       truth.training_days(float(params["params_b"]), self.lang))
        elif path == "data":
            self.sql_caption(truth.sql_rows[LINK_SQL])

    async def do_filter(self):
        truth, query = self.bench.truth, self.tab.params()
        now = float(query.get("min_pflops", 0))
        value = self.rng.choice([v for v in MIN_PFLOPS if v != now])
        statuses = tuple(query["status"].split(",")) if query.get("status") else ()
        count = str(truth.map_count(statuses, value))
        await self.tab.change("url_min_pflops", "number_input", value)
        self.shows("URL min_pflops", self.tab.params().get("min_pflops"), None if value == 0 else f"{value:.10g}")
        self.shows("map count", self.tab.metric(self.t("map.count")), count)

    async def do_energy(self):
        truth = self.bench.truth
        self.at_defaults({**{f: truth.east[f] for f in ("pue", "price", "green", "grid")}, "hours": 8760.0,
                          "pflops": None, "w_per_pflops": None})
        now = self.tab.value("url_it_mw")
        value = self.rng.choice([v for v in IT_MW if v != now])
        want = truth.energy_cost(value, self.lang)
        await self.tab.change("url_it_mw", "number_input", value)
        self.shows("east cost", self.tab.metric(self.t("calc.cost")), want)

    async def do_lab(self):
        truth = self.bench.truth
        if self.tab.params().get("calc", "training") != "training":
            raise Failure("setup", f"lab shows {self.tab.params().get('calc')}")
        self.at_defaults({f.name: f.default for f in truth.training.fields if f.name != "params_b"})
        now = self.tab.value("url_params_b")
        value = self.rng.choice([v for v in PARAMS_B if v != now])
        want = truth.training_days(value, self.lang)
        await self.tab.change("url_params_b", "number_input", value)
        self.shows("training days", self.tab.metric(self.t("calc.training.out.days")), want)

    async def do_story(self):
        step = int(self.tab.params().get("step", 1))
        to, button = (step + 1, "story_next") if step < MAX_STEP else (step - 1, "story_prev")
        await self.tab.click(button)
        self.shows("URL step", self.tab.params().get("step", "1"), str(to))
        self.ready("story", to)

    def sql_caption(self, rows: int):
        """The SQL result's caption ("N rows in 0.01 s") gives `rows`."""
        pattern = re.escape(self.t("data.sql_meta", rows="\1", seconds="\0")).replace("\0", r"[0-9.]+")
        shown = [n.proto.body for _, n in self.tab.nodes("markdown")
                 if re.fullmatch(pattern.replace("\1", "[0-9]+"), n.proto.body)]
        if not any(re.fullmatch(pattern.replace("\1", str(rows)), body) for body in shown):
            raise Failure("wrong_result", f"SQL caption {shown[0] if shown else None!r}, expected {rows} rows")

    async def do_sql(self):
        truth = self.bench.truth
        rows_now = truth.sql_rows.get((self.tab.value("url_sql", "text_area") or "").strip())
        sql = self.rng.choice([q for q, n in truth.sql_rows.items() if n != rows_now and q != LINK_SQL])
        await self.tab.change("url_sql", "text_area", sql)
        self.sql_caption(truth.sql_rows[sql])

    async def do_export(self):
        buttons = [(p, n.proto) for p, n in self.tab.nodes("download_button")
                   if n.proto.label == "CSV" and n.proto.deferred_file_id]
        menus = [p for p, _ in self.tab.nodes("block:popover") if not self.tab.collapsed(p)
                 and any(b[:len(p)] == p for b, _ in buttons)]  # export menus, not a KPI's sources
        if not menus:
            raise Failure("setup", f"no export menu on {self.tab.path or 'overview'}")
        menu = menus[self.rng.randrange(min(len(menus), SHOWN))]
        csv = [proto for p, proto in buttons if p[:len(menu)] == menu]
        if not csv:
            raise Failure("setup", f"no made-on-click CSV in the menu at {menu}")
        await self.tab.download(csv[0].deferred_file_id)

    # the loop

    async def timed(self, kind: str, action, *args) -> Record:
        where = (self.tab.path or "overview") if self.tab else "-"
        if kind == "nav" and args:
            where += " > " + (args[0] or "overview")
        start, t0 = time.perf_counter(), time.monotonic()
        self.deadline = t0 + self.bench.timeout
        if self.tab is not None:
            self.tab.deadline = self.deadline
        errors: list[tuple[str, str]] = []
        try:
            await action(*args)
        except Failure as failure:
            errors.append((failure.kind, failure.detail))
        ms = (time.perf_counter() - start) * 1000
        if self.tab is not None:
            errors += self.tab.problems
            self.tab.problems = []
        record = Record(t0, self.ident, kind, ms, errors, where)
        self.bench.records.append(record)
        # A timeout leaves a run's messages on the way, a dropped connection no session: start over.
        if any(k in ("timeout", "dropped") for k, _ in errors) or self.tab is None or self.tab.ws is None:
            await self.recover()
        return record

    async def recover(self):
        """A fresh tab on the Overview (not timed)."""
        self.deadline = time.monotonic() + 30
        try:
            await self.do_open("")
        except Failure as failure:
            self.bench.records.append(Record(time.monotonic(), self.ident, "recover", 0,
                                             [("recover", f"{failure.kind}: {failure.detail}")]))

    async def close(self):
        if self.tab is not None:
            await self.tab.close()
        await asyncio.gather(*self.closing)

    async def tour(self, actions: bool):
        """Every page, then (with `actions`) every action once: the warm-up and the smoke test."""
        await self.timed("open", self.do_open, "")
        for path in list(PAGES)[1:]:
            await self.timed("nav", self.do_nav, path)
        for kind, need in TOUR if actions else ():
            if need is not None and self.tab.path != need:
                await self.timed("nav", self.do_nav, need)
            await self.timed(kind, getattr(self, f"do_{kind}"))

    async def run(self, start_delay: float, end: float):
        await asyncio.sleep(start_delay)
        await self.timed("open", self.do_open)
        kinds, weights = zip(*ACTIONS.items())
        while True:
            await asyncio.sleep(self.rng.uniform(*self.bench.think))
            if time.monotonic() >= end:
                break
            kind = self.rng.choices(kinds, weights)[0]
            need = NEEDS.get(kind)
            if kind == "export" and self.tab.path in NO_EXPORT:
                need = self.rng.choice([p for p in PAGES if p not in NO_EXPORT])
            if need is not None and self.tab.path != need:
                if (await self.timed("nav", self.do_nav, need)).errors:
                    continue
            await self.timed(kind, getattr(self, f"do_{kind}"))


@dataclass
class Level:
    sessions: int
    duration: float
    records: list[Record]
    t0: float
    t1: float
    stderr: int | None  # the server's error lines during the level (None: not our server)
    rss_start: float | None = None  # MB; None: the server's processes are not known
    rss_end: float | None = None
    rss_peak: float | None = None


class Bench:
    """What the sessions share (the server, the truth, the limits), their records, and the levels.
    `sampler` and `health` give the levels' server figures (a tour alone needs neither); `log`,
    when this script started the server, its stderr error lines."""

    def __init__(self, url: str, truth: Truth, sampler: Sampler | None, health: Health | None,
                 log: ServerLog | None, timeout: float, think: tuple[float, float], server_known: bool):
        self.url, self.truth, self.sampler, self.health, self.log = url, truth, sampler, health, log
        self.timeout, self.think, self.server_known = timeout, think, server_known
        self.records: list[Record] = []

    async def warm_up(self) -> list[Record]:
        """One session per language visits every page; the English one also does every action
        once (not counted: the first runs import modules and fill caches)."""
        first, timeout = len(self.records), self.timeout
        self.timeout = 60
        for lang in LANGS:
            session = Session(self, -1, random.Random(0), lang)
            await session.tour(actions=lang == "en")
            await session.close()
        self.timeout = timeout
        warm = self.records[first:]
        del self.records[first:]
        return warm

    async def level(self, sessions: int, duration: float, seed: int, progress: bool = False) -> Level:
        stderr0 = self.log.errors if self.log else None
        crew, first, t0, t1, end = await run_crew(self, Session, sessions, duration, seed, progress)
        level = Level(sessions, duration, self.records[first:], t0, t1,
                      self.log.errors - stderr0 if self.log else None)
        if self.server_known:
            level.rss_start, level.rss_end = self.sampler.rss_at(t0), self.sampler.rss_at(min(t1, end + 1))
            level.rss_peak = max((s.rss for s in self.sampler.window(t0, t1)), default=level.rss_end)
        await asyncio.gather(*(s.close() for s in crew))
        return level

    async def progress(self, t0: float, end: float, first: int):
        while time.monotonic() < end:
            await asyncio.sleep(60)
            done = self.records[first:]
            rss = f", server RSS {self.sampler.rss_at(time.monotonic()):.0f} MB" if self.server_known else ""
            print(f"  … {(time.monotonic() - t0) / 60:4.1f} min: {len(done)} interactions, "
                  f"{sum(len(r.errors) for r in done)} errors{rss}", file=sys.stderr, flush=True)


# Reporting

def fmt(value: float | None, spec: str = ".0f") -> str:
    return "n/a" if value is None or value != value else format(value, spec)


def per_session(level: Level, baseline: float | None) -> float | None:
    return None if baseline is None or level.rss_end is None else (level.rss_end - baseline) / level.sessions


def total_errors(level: Level) -> int:
    return summary(level.records)["errors"] + (level.stderr or 0)


def print_level(level: Level, bench: Bench, baseline: float | None) -> None:
    s = summary(level.records)
    print(f"\n{level.sessions} session(s), {level.duration:.0f} s: {s['n']} interactions, p50 {s['p50']:.0f} ms, "
          f"p95 {s['p95']:.0f} ms, max {s['max']:.0f} ms, errors {total_errors(level)}")
    for kind in ("open", *ACTIONS):
        rows = [r for r in level.records if r.kind == kind]
        if rows:
            ms = [r.ms for r in rows]
            print(f"    {kind:7s} n {len(rows):4d}  p50 {pct(ms, 50):6.0f}  p95 {pct(ms, 95):6.0f}  "
                  f"max {max(ms):6.0f} ms  errors {sum(len(r.errors) for r in rows)}")
    print("    (open: each session's first page, from its HTML GET; not in the interaction figures)")
    kinds = error_kinds(level.records)
    if level.stderr:
        kinds["server_stderr (lines)"] = level.stderr
    if kinds:
        print("  errors by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
        firsts = {}  # one example per kind of error and action
        for r in level.records:
            for kind, detail in r.errors:
                firsts.setdefault((kind, r.kind), (r, kind, detail))
        for r, kind, detail in list(firsts.values())[:8]:
            print(f"    e.g. {kind} in {r.kind} on {r.where} (session {r.session}, +{r.t - level.t0:.0f} s): {detail}")
        if level.stderr and bench.log:
            print("    server stderr, last lines: " + " | ".join(list(bench.log.lines)[-3:]))
    if level.rss_end is not None:
        print(f"  server RSS: level start {level.rss_start:.0f} MB, end {level.rss_end:.0f} MB, "
              f"peak {level.rss_peak:.0f} MB; (end - idle baseline {baseline:.0f} MB) / sessions = "
              f"{per_session(level, baseline):+.1f} MB per session")
    ok, failed = bench.health.window(level.t0, level.t1)
    if ok:
        print(f"  server /_stcore/health (1/s): p50 {pct(ok, 50):.0f} ms, p95 {pct(ok, 95):.0f} ms, "
              f"max {max(ok):.0f} ms, failed {failed}")
    c = bench.sampler.cpu(level.t0, level.t1)
    if c:
        server = f"server {c['server']:.0f} %, " if bench.server_known else "server n/a (not local), "
        print(f"  CPU (100 % = one core, {os.cpu_count()} cores): {server}this client {c['client']:.0f} %, "
              f"other processes {c['other']:.0f} %; machine {c['machine']:.0f} % "
              f"= {c['machine'] / (os.cpu_count() or 1):.0f} % of all cores")
        if bench.server_known:
            print(f"  server CPU per interaction: {fmt(cpu_per_interaction(level, c['server']))} ms "
                  "(its CPU time in the level / the interactions; steadier than latency from run to run)")
    sys.stdout.flush()


def cpu_per_interaction(lv: Level, server: float | None) -> float | None:
    """Server CPU milliseconds per interaction: its CPU % of one core over the level's time,
    divided by the interactions (first pages included: they are server work too)."""
    n = len(lv.records)
    return server / 100 * (lv.t1 - lv.t0) * 1000 / n if server is not None and n else None


def print_table(levels: list[Level], bench: Bench, baseline: float | None) -> None:
    print("\nsummary (interactions exclude each session's first page; CPU in % of one core)")
    print(f"{'sessions':>8} {'inter.':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'errors':>6} "
          f"{'RSS start':>9} {'RSS end':>8} {'MB/sess':>7} {'srv CPU':>7} {'ms/int.':>7} {'client':>6} "
          f"{'mach CPU':>8} {'health p50':>10} {'health p95':>10}")
    for lv in levels:
        s = summary(lv.records)
        c = bench.sampler.cpu(lv.t0, lv.t1) or {}
        ok, _ = bench.health.window(lv.t0, lv.t1)
        print(f"{lv.sessions:>8} {s['n']:>6} {s['p50']:>7.0f} {s['p95']:>7.0f} {s['max']:>7.0f} "
              f"{total_errors(lv):>6} {fmt(lv.rss_start):>9} {fmt(lv.rss_end):>8} "
              f"{fmt(per_session(lv, baseline), '.1f'):>7} "
              f"{fmt(c.get('server') if bench.server_known else None):>7} "
              f"{fmt(cpu_per_interaction(lv, c.get('server')) if bench.server_known else None):>7} "
              f"{fmt(c.get('client')):>6} {fmt(c.get('machine')):>8} {pct(ok, 50):>10.0f} {pct(ok, 95):>10.0f}")
    for lv in levels:
        if lv.sessions in (20, 30):
            s = summary(lv.records)
            print(f"target at {lv.sessions} sessions: p95 <= 1000 ms (got {s['p95']:.0f}), 0 errors "
                  f"(got {total_errors(lv)}), <= 10 MB RSS per extra session "
                  f"(got {fmt(per_session(lv, baseline), '.1f')})")


def print_soak(level: Level, bench: Bench) -> None:
    minutes = max(1, round(level.duration / 60))
    print(f"\nsoak, per minute ({level.sessions} sessions; RSS at the end of each minute; CPU in % of one core)")
    print(f"{'minute':>6} {'inter.':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'errors':>6} {'RSS MB':>7} "
          f"{'srv CPU':>7} {'client':>6} {'mach CPU':>8} {'health p95':>10}")
    rss = []
    for m in range(minutes):
        a, b = level.t0 + 60 * m, min(level.t0 + 60 * (m + 1), level.t1)
        s = summary([r for r in level.records if a <= r.t < b or (m == minutes - 1 and r.t >= b)])
        c = bench.sampler.cpu(a, b) or {}
        rss.append(bench.sampler.rss_at(b) if bench.server_known else None)
        print(f"{m + 1:>6} {s['n']:>6} {s['p50']:>7.0f} {s['p95']:>7.0f} {s['max']:>7.0f} {s['errors']:>6} "
              f"{fmt(rss[-1]):>7} {fmt(c.get('server') if bench.server_known else None):>7} "
              f"{fmt(c.get('client')):>6} {fmt(c.get('machine')):>8} "
              f"{pct(bench.health.window(a, b)[0], 95):>10.0f}")
    if level.stderr:
        print(f"(the server's stderr had {level.stderr} error line(s), not in the per-minute errors)")
    if not bench.server_known:
        print("memory after warm-up: not measured (the server's processes are not known; see --pid)")
    else:
        print(memory_line(rss))
    print(f"soak target: 0 errors (got {total_errors(level)}), memory flat after warm-up")


async def main_async(args) -> None:
    # Downloads and page GETs run in threads: enough of them that no session waits for one.
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=64))
    truth = Truth()
    proc = log = None
    if args.url:
        url, pids = args.url.rstrip("/"), args.pid or []
    else:
        proc, url = start_app(script=args.script)
        pids = [proc.pid]
        log = ServerLog(proc)
        log.start()
    sampler, health = Sampler(*pids), Health(url)
    sampler.start()
    health.start()
    try:
        print(f"command: uv run python benchmarks/wsload.py {shlex.join(sys.argv[1:])}")
        print(machine_line(f"websockets {websockets.__version__}"))
        print(f"server: {url} ({'started by this script' if proc else 'already running'}; "
              f"{'pids ' + ' '.join(map(str, pids)) if pids else 'RSS and server CPU not measured'})")
        await asyncio.sleep(2)
        bench = Bench(url, truth, sampler, health, log, args.timeout, tuple(args.think), bool(pids))
        cold = sampler.rss_at(time.monotonic())
        t = time.monotonic()
        warm = await bench.warm_up()
        bad = [(r.kind, r.where, kind, detail[:120]) for r in warm for kind, detail in r.errors]
        await asyncio.sleep(4)
        baseline = sampler.rss_at(time.monotonic()) if pids else None
        rss = f"server RSS {cold:.0f} MB after start, {baseline:.0f} MB idle after warm-up; " if pids else ""
        print(f"warm-up: {rss}{len(warm)} actions in {time.monotonic() - t:.0f} s, slowest "
              f"{max(r.ms for r in warm):.0f} ms{'; problems: ' + repr(bad[:3]) if bad else ''}")
        sys.stdout.flush()
        if args.soak:
            sessions = args.sessions[0] if args.sessions else 20
            print(f"soak: {sessions} sessions for {args.soak:g} min, seed {args.seed}, think {args.think[0]:g}–"
                  f"{args.think[1]:g} s")
            level = await bench.level(sessions, args.soak * 60, args.seed, progress=True)
            print_level(level, bench, baseline)
            print_soak(level, bench)
        else:
            levels = []
            for n in args.sessions or [1, 5, 10, 20, 30]:
                levels.append(await bench.level(n, args.duration, args.seed))
                print_level(levels[-1], bench, baseline)
                await asyncio.sleep(5)  # closed sessions disconnect before the next level's start RSS
            print_table(levels, bench, baseline)
    finally:
        sampler.halt.set()
        health.halt.set()
        if proc is not None:
            stop_app(proc)
    if log is not None:
        tail = ": " + " | ".join(list(log.lines)[-5:]) if log.errors else ""
        print(f"server stderr: {log.errors} error line(s) in the whole run, warm-up included{tail}")
    print("not measured: browser-side time (parsing, layout, drawing); see benchmarks/pages.py and interaction.py")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", help="levels of concurrent sessions (default 1 5 10 20 30;"
                        " with --soak: one level, default 20)")
    parser.add_argument("--duration", type=float, default=60, help="seconds per level (default 60)")
    parser.add_argument("--soak", type=float, metavar="MINUTES", help="run one level this long, report each minute")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--think", type=float, nargs=2, default=[2.0, 5.0], metavar=("MIN", "MAX"),
                        help="seconds between a session's actions (default 2 5)")
    parser.add_argument("--timeout", type=float, default=15, help="seconds before an action counts as timed out")
    parser.add_argument("--url", help="an already running server (or the nginx of deploy/start.sh) instead of "
                        "starting one")
    parser.add_argument("--script", default="serve.py", help="what the started server runs: serve.py (the README's "
                        "command) or app.py (Streamlit's own Tornado server, no warm-up)")
    parser.add_argument("--pid", type=int, nargs="+", help="with --url: the server's processes (and their children) "
                        "to measure RSS and CPU of")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
