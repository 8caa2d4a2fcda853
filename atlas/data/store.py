"""The query layer without Streamlit: validated tables in one DuckDB connection, named queries.

`Store.run("centers_by_status")` reads `queries/centers_by_status.sql`, binds its `$name`
parameters (never formats them into the text) and runs it on a fresh cursor, because a DuckDB
connection is shared by every session of the process and is not itself thread-safe.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from atlas.data.datasets import REPO_DIR, Catalog, load_catalog

QUERY_DIR = REPO_DIR / "queries"
PARAM = re.compile(r"(?<![\w$])\$([a-z_][a-z0-9_]*)")


class TableUnavailable(Exception):
    """A query needs a table that failed validation; the message says which and why."""

    def __init__(self, table: str, detail: str):
        super().__init__(f"{table}: {detail}")
        self.table = table
        self.detail = detail


@cache
def query_text(name: str) -> str:
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"not a query name: {name!r}")
    return (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")


def query_params(sql: str) -> set[str]:
    """The `$name` parameters a query uses (comments stripped first)."""
    body = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    return set(PARAM.findall(body))


@cache
def query_names() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in QUERY_DIR.glob("*.sql")))


class Store:
    """One process-wide DuckDB connection over the validated tables of a data folder."""

    def __init__(self, folder: Path | None = None):
        self.catalog: Catalog = load_catalog(folder)
        self._con = duckdb.connect(":memory:", config={"threads": 1})
        self._lock = threading.Lock()
        for name, frame in self.catalog.tables.items():
            self._con.register("_frame", frame)
            self._con.execute(f'create table "{name}" as select * from _frame')
            self._con.unregister("_frame")
        # A query is also something other queries can build on, so its logic lives in one
        # file: without parameters a view (map_centers reads center_capacity_latest), with
        # them a table macro called by name (`center_capacity_as_of(p_year := 2023)`; its
        # $name parameters are the macro's p_name ones). DuckDB binds both when they are
        # made, so each is made once what it reads exists: passes until none is left.
        pending = [name for name in query_names() if not self._broken_tables(query_text(name))]
        while pending:
            failed = []
            for name in pending:
                try:
                    self._con.execute(self._definition(name))
                except duckdb.CatalogException as exc:
                    failed.append((name, exc))
            if len(failed) == len(pending):
                raise failed[0][1]
            pending = [name for name, _ in failed]

    @staticmethod
    def _definition(name: str) -> str:
        sql = query_text(name)
        params = sorted(query_params(sql))
        if not params:
            return f'create view "{name}" as {sql}'
        args = ", ".join(f"p_{p} := null" for p in params)
        body = PARAM.sub(r"p_\1", sql)
        return f'create macro "{name}"({args}) as table {body}'

    def run(self, name: str, **params) -> pd.DataFrame:
        """Run queries/<name>.sql with exactly the parameters it uses."""
        sql = query_text(name)
        wanted = query_params(sql)
        if set(params) != wanted:
            raise TypeError(f"query {name} takes {sorted(wanted)}, got {sorted(params)}")
        broken = self._broken_tables(sql)
        if broken:
            raise TableUnavailable(broken[0], self.catalog.error_text(broken[0]))
        # DuckDB binds a Python list, not a tuple, as a LIST value.
        bound = {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}
        with self._lock:
            cursor = self._con.cursor()
        try:
            return cursor.execute(sql, bound or None).df()
        finally:
            cursor.close()

    def _broken_tables(self, sql: str) -> list[str]:
        """The failed tables a query reads, directly or through the views it builds on."""
        found = [n for n in self.catalog.errors if re.search(rf"\b{re.escape(n)}\b", sql)]
        for view in query_names():
            if view not in self.catalog.schema and re.search(rf"\b(from|join)\s+{view}\b", sql):
                found += self._broken_tables(query_text(view))
        return found
