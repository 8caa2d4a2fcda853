"""A read-only SQL sandbox over the validated tables, for the Data & SQL page.

Visitors type SQL; it runs in DuckDB, which treats SQL like code (it can read files, reach the
network, load extensions, change settings). The sandbox puts four layers between the two:

1. The database: the tables are written once into a DuckDB file in a private temporary
   directory, and every query runs on a connection that opened that file ``read_only`` with
   external access off, replacement scans off, extensions neither installed nor loaded,
   persistent secrets off, 256 MB of memory, one thread, no spilling to disk, and the
   configuration locked (see ``CONFIG``). Writes, COPY, ATTACH, INSTALL/LOAD and SET fail there
   even if everything above missed them.
2. The statement: exactly one statement, and its type must be SELECT (``extract_statements``).
3. The parsed query (`atlas.data.sql_policy`): DuckDB's own parse tree (``json_serialize_sql``) is walked, not the text,
   so quoting, comments and string tricks cannot hide a name. Refused as "forbidden": every
   table function except a few generators (``range``, ``generate_series``, ``unnest``,
   ``json_each``, ``json_tree``): that takes out ``read_*``, ``glob``, ``sniff_csv``,
   ``parquet_*``, ``query``, ``duckdb_*()`` (settings, extensions, databases, secrets),
   ``pragma_*()``, ``checkpoint``, ``enable_logging``/``enable_profiling`` and the rest;
   table references to system views and to table functions called without parentheses
   (``pragma_database_list``, ``duckdb_databases``, ``duckdb_logs``, ``pg_catalog.*``, which
   show the database file's path or the settings); table names that look like files or URLs
   (``'/etc/passwd'``, ``'data/centers.csv'``); ``SHOW <setting>`` and ``SHOW databases``; and
   any function (in any position) named ``getenv``, ``current_setting``,
   ``sleep_ms``/``pg_sleep``, ``write_log``, ``query``, ``glob``, ``sniff_csv`` or starting
   with ``duckdb_``, ``pragma_``, ``read_`` or ``parquet_``.
4. The run: a cursor per query on the shared connection, on a worker thread that is
   interrupted after ``TIMEOUT_S``; the caller gets its answer by then even when DuckDB is
   stuck inside one long function call, which ``interrupt`` cannot stop (see ``_execute``).
   That thread runs only on CPU that other readers' pages leave idle (``SCHED_IDLE``).
   At most ``MAX_ROWS`` + 1 rows are fetched, and a result over ``MAX_RESULT_BYTES`` is
   refused. DuckDB's error messages (which name paths) are logged for the operator and
   replaced by fixed ones.

``information_schema`` stays readable: it only describes the shipped tables.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import threading
import time
import weakref
from dataclasses import dataclass

import duckdb
import pandas as pd

from atlas.data.sql_policy import TABLE_FUNCTIONS_ALLOWED, forbidden

MAX_ROWS = 1000
TIMEOUT_S = 5.0
MAX_CHARS = 20_000
# The result goes to the browser: refuse one that would not fit comfortably (one huge cell).
MAX_RESULT_BYTES = 64 * 2**20
# Queries running at once (a stuck one keeps its slot until DuckDB lets go), and how long to
# wait for an interrupted query to wind down before answering "timeout" anyway.
MAX_ACTIVE = 3
GRACE_S = 0.5

log = logging.getLogger("atlas.data.sandbox")

MESSAGES = {
    "empty": "Write a SELECT query.",
    "too_long": "The query is too long (more than 20,000 characters).",
    "syntax": "The query could not be parsed: check the SQL.",
    "multiple": "Only one statement at a time.",
    "not_select": "Only SELECT queries are allowed (no COPY, ATTACH, SET, PRAGMA, INSTALL, LOAD, CREATE, INSERT…).",
    "timeout": "The query ran longer than 5 s and was stopped.",
    "forbidden": "This query needs access the sandbox does not give (files, network, settings or extensions).",
    "memory": "The query needs more memory than the sandbox allows.",
    "unknown_name": "A table or column name is not known: see the datasets on this page.",
    "failed": "The query could not be run.",
}

# Settings of the read-only connection (DuckDB 2.0, "Securing DuckDB"). All are applied at
# start-up; enable_external_access must come after the settings it freezes (temp_directory
# cannot be changed once it is off), and lock_configuration last so no SET can undo any.
# Not set: allowed_directories / allowed_paths (empty by default, and they cannot be given
# before the database starts), disabled_filesystems = 'LocalFileSystem' (also start-up only,
# and set later it makes ordinary joins fail: DuckDB still wants its temp directory),
# enable_logging (off by default; start-up only).
CONFIG = {
    "threads": 1,
    "memory_limit": "256MB",
    "max_temp_directory_size": "0KB",         # no spilling: big intermediates fail as "memory"
    "python_enable_replacements": False,      # DataFrames in Python scope stay invisible
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "allow_unsigned_extensions": False,
    "allow_extension_repositories": "forbidden",
    "allow_persistent_secrets": False,        # never read ~/.duckdb/stored_secrets
    "allow_unredacted_secrets": False,
    "enable_external_file_cache": False,
    "max_execution_time": int(TIMEOUT_S * 1000) + 500,  # DuckDB's own backstop to the timer
    "enable_external_access": False,          # no files, network, ATTACH, COPY, INSTALL, LOAD
    "lock_configuration": True,               # no SET / RESET afterwards
}

class Refused(Exception):
    """A query the sandbox will not run.

    ``code`` is one of ``MESSAGES`` and ``message`` its fixed English text (the UI translates by
    code). Never includes a path, a stack trace or DuckDB's own message.
    """

    def __init__(self, code: str):
        super().__init__(MESSAGES[code])
        self.code = code
        self.message = MESSAGES[code]


@dataclass(frozen=True)
class Result:
    frame: pd.DataFrame   # at most MAX_ROWS rows
    truncated: bool       # True when the query had more rows than MAX_ROWS
    seconds: float


class Sandbox:
    """One per data folder, shared by every session: each ``run`` gets its own cursor (and
    worker thread) on the one read-only connection, so calls from several threads are safe.
    The 256 MB memory limit is the database's, shared by the queries running at once."""

    def __init__(self, tables: dict[str, pd.DataFrame]):
        self._dir = tempfile.mkdtemp(prefix="atlas-sql-")
        self._con = None
        # Removes the directory when the sandbox is collected or, at the latest, at exit.
        self._remove_dir = weakref.finalize(self, shutil.rmtree, self._dir, True)
        path = os.path.join(self._dir, "atlas.duckdb")
        try:
            with duckdb.connect(path, config={"threads": 1}) as writer:
                for name, frame in tables.items():
                    writer.register("_frame", frame)
                    writer.execute(f'create table "{name}" as select * from _frame')
                    writer.unregister("_frame")
            self._con = duckdb.connect(path, read_only=True, config=CONFIG)
        except BaseException:
            self._remove_dir()
            raise
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(MAX_ACTIVE)
        self._tables = frozenset(name.lower() for name in tables)
        cur = self._con.cursor()
        try:
            funcs = cur.execute("select distinct lower(function_name) from duckdb_functions() "
                                "where function_type in ('table', 'table_macro', 'pragma')").fetchall()
            views = cur.execute("select distinct lower(view_name) from duckdb_views() "
                                "where internal and schema_name <> 'information_schema'").fetchall()
        finally:
            cur.close()
        # Names that, used as a table, reach a system view or a table function.
        self._system = frozenset(r[0] for r in funcs + views) - TABLE_FUNCTIONS_ALLOWED - self._tables

    # -- public ------------------------------------------------------------------------------

    def run(self, sql: str) -> Result:
        if not isinstance(sql, str) or not sql.strip():
            raise Refused("empty")
        if len(sql) > MAX_CHARS:
            raise Refused("too_long")
        statements = self._parse(sql)
        if not statements:
            raise Refused("empty")
        if len(statements) > 1:
            raise Refused("multiple")
        if statements[0].type != duckdb.StatementType.SELECT:
            raise Refused("not_select")
        self._check_tree(sql)
        return self._execute(sql)

    def close(self) -> None:
        con, self._con = getattr(self, "_con", None), None
        if con is not None:
            try:
                con.close()
            except duckdb.Error as exc:  # a stuck query still runs: the object goes with it
                log.info("sandbox: close deferred: %s", exc)
        if getattr(self, "_remove_dir", None) is not None:
            self._remove_dir()  # the open file lives on for a stuck query; the name goes

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- steps -------------------------------------------------------------------------------

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            if self._con is None:
                raise Refused("failed")
            return self._con.cursor()

    def _parse(self, sql: str) -> list:
        cur = self._cursor()
        try:
            return cur.extract_statements(sql)
        except duckdb.Error as exc:
            log.info("sandbox: parse error: %s", exc)
            raise Refused("syntax") from None
        finally:
            cur.close()

    def _check_tree(self, sql: str) -> None:
        """Walk DuckDB's parse tree of the one SELECT and refuse what reveals the environment."""
        cur = self._cursor()
        try:
            tree = json.loads(cur.execute("select json_serialize_sql(?)", [sql]).fetchone()[0])
        except (duckdb.Error, TypeError, ValueError, RecursionError) as exc:
            log.info("sandbox: could not serialize the parse tree: %s", exc)
            raise Refused("failed") from None
        finally:
            cur.close()
        if tree.get("error"):
            log.info("sandbox: parse tree refused: %s", tree.get("error_message"))
            raise Refused("syntax" if tree.get("error_type") == "parser" else "failed")
        found = forbidden(tree, self._tables, self._system)
        if found:
            code, reason = found
            log.info("sandbox: refused (%s): %s", code, reason)
            raise Refused(code)

    def _execute(self, sql: str) -> Result:
        """Run on a worker thread; give up waiting at the deadline whatever DuckDB does.

        At the deadline the caller interrupts the worker's cursor (what a
        ``threading.Timer(TIMEOUT_S, cursor.interrupt)`` would do). That stops a query between
        vectors, but not inside one long function call (``range(10000 * 10000)`` as a list,
        ``lpad('x', 10000 * 200000, 'y')``): such a call finishes, or runs out of memory, in
        its own time. The visitor gets "timeout" at the deadline anyway; the worker keeps its
        slot until DuckDB lets go, and at most ``MAX_ACTIVE`` queries hold a slot at once, so
        stuck ones cannot pile up.
        """
        start = time.perf_counter()
        if not self._slots.acquire(timeout=TIMEOUT_S):
            log.info("sandbox: all %d slots busy for %.1f s", MAX_ACTIVE, TIMEOUT_S)
            raise Refused("failed")
        try:
            cur = self._cursor()
        except BaseException:
            self._slots.release()
            raise
        box: dict = {}
        done = threading.Event()

        def work():
            _lower_priority()
            try:
                cur.execute(sql)
                box["frame"] = self._fetch(cur)
            except BaseException as exc:  # noqa: BLE001 (handed to the caller below)
                box["error"] = exc
            finally:
                box["seconds"] = time.perf_counter() - start
                try:
                    cur.close()
                except duckdb.Error:  # pragma: no cover
                    pass
                self._slots.release()
                done.set()

        threading.Thread(target=work, name="atlas-sql", daemon=True).start()
        if not done.wait(max(0.0, start + TIMEOUT_S - time.perf_counter())):
            try:
                cur.interrupt()
            except duckdb.Error:  # finished and closed in the meantime
                pass
            done.wait(GRACE_S)
            log.info("sandbox: stopped after %.1f s (%s): %s", TIMEOUT_S,
                     "interrupted" if done.is_set() else "still running, abandoned", sql[:200])
            raise Refused("timeout")
        exc = box.get("error")
        if isinstance(exc, duckdb.Error):
            log.info("sandbox: query failed: %s: %s", type(exc).__name__, exc)
            raise Refused(_code(exc)) from None
        if isinstance(exc, MemoryError):
            log.info("sandbox: result too large for Python")
            raise Refused("memory") from None
        if exc is not None:
            log.info("sandbox: query failed: %s: %s", type(exc).__name__, exc)
            raise Refused("failed") from None
        frame = box["frame"]
        truncated = len(frame) > MAX_ROWS
        frame = frame.iloc[:MAX_ROWS].reset_index(drop=True)
        if int(frame.memory_usage(deep=True, index=False).sum()) > MAX_RESULT_BYTES:
            log.info("sandbox: result over %d bytes", MAX_RESULT_BYTES)
            raise Refused("memory")
        return Result(frame=frame, truncated=truncated, seconds=box["seconds"])

    @staticmethod
    def _fetch(cur) -> pd.DataFrame:
        """At most MAX_ROWS + 1 rows, chunk by chunk, keeping DuckDB's column types."""
        chunks, rows = [], 0
        while rows <= MAX_ROWS:
            chunk = cur.fetch_df_chunk(1)
            if chunk is None or len(chunk) == 0:
                if not chunks and chunk is not None:
                    chunks.append(chunk)  # keep the column names of an empty result
                break
            chunks.append(chunk)
            rows += len(chunk)
        if not chunks:
            names = [d[0] for d in cur.description or []]
            return pd.DataFrame(columns=names)
        frame = chunks[0] if len(chunks) == 1 else pd.concat(chunks, ignore_index=True)
        return frame.iloc[:MAX_ROWS + 1]


def _lower_priority() -> None:
    """Run the calling thread only when the CPU would otherwise idle (Linux's SCHED_IDLE, which
    is per thread and needs no privilege). With ``threads`` 1 DuckDB runs the whole query on
    the thread that calls it, so a visitor's runaway takes no CPU from other readers' pages: a
    page's thread that wakes preempts it at once. (Nice 19 was measured too and is not enough:
    a woken thread still waits for the niced one's time slice, ~50 ms a page.)"""
    try:
        os.sched_setscheduler(threading.get_native_id(), os.SCHED_IDLE, os.sched_param(0))
    except OSError:  # pragma: no cover (a kernel without SCHED_IDLE)
        log.info("sandbox: could not lower the query thread's priority")


def _code(exc: duckdb.Error) -> str:
    """Map a DuckDB error to one of the fixed codes."""
    text = str(exc)
    if isinstance(exc, duckdb.InterruptException) or "INTERRUPT" in text.upper() or "timeout" in text.lower():
        return "timeout"
    if isinstance(exc, duckdb.OutOfMemoryException) or "Out of Memory" in text:
        return "memory"
    if isinstance(exc, duckdb.PermissionException) or any(
            s in text for s in ("Cannot access file", "disabled", "Permission Error", "not allowed")):
        return "forbidden"
    if isinstance(exc, duckdb.CatalogException) or "Binder Error: Referenced column" in text:
        return "unknown_name"
    return "failed"
