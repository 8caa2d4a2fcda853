"""Test the read-only SQL sandbox on the shipped tables: normal queries work, hostile ones are
refused with a fixed code and message, runaway ones stop in time, and nothing changes."""

import logging
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import duckdb
import pandas as pd
import pytest

from atlas.data import sandbox as sb
from atlas.data.sandbox import MAX_ROWS, MESSAGES, TIMEOUT_S, Refused, Sandbox
from atlas.data.store import QUERY_DIR, Store

# A DataFrame in module scope: DuckDB's Python replacement scans would find it by name.
leak_frame = pd.DataFrame({"secret": ["module-level"]})

RUNAWAY = "select count(*) from range(100000000000) a, range(1000) b"  # CPU only, no memory
SAFETY_BOUND_S = TIMEOUT_S + 1.5
# The sandbox's deadline in tests where only the test's own queries run: what happens at the
# deadline does not depend on its length, and each such test then waits 2 s instead of 5.
SHORT_TIMEOUT_S = 2.0


@pytest.fixture
def short_timeout(monkeypatch):
    monkeypatch.setattr(sb, "TIMEOUT_S", SHORT_TIMEOUT_S)


def fingerprint(box: Sandbox) -> dict:
    """Row count and a content hash of every table, read through the sandbox itself."""
    out = {}
    for name in ("centers", "hubs", "provinces", "claims", "sources"):
        sql = f"select count(*) as n, md5(string_agg({name}::varchar, '|' order by {name}::varchar)) as h from {name}"
        row = box.run(sql).frame.iloc[0]
        out[name] = (int(row["n"]), row["h"])
    return out


@pytest.fixture(scope="module")
def store():
    store = Store()
    assert store.catalog.errors == {}
    return store


@pytest.fixture(scope="module")
def box(store):
    """One sandbox for the module's tests; when the last of them has run (in this process: the
    tests may be spread over xdist workers), the data must be what it was before."""
    box = Sandbox(store.catalog.tables)
    box.before = fingerprint(box)
    yield box
    assert fingerprint(box) == box.before, "a query changed the database"
    box.close()


def refusal(box: Sandbox, sql: str) -> Refused:
    with pytest.raises(Refused) as info:
        box.run(sql)
    return info.value


# -- what should work -----------------------------------------------------------------------

def test_select_over_centers(box, store):
    result = box.run("select id, name_en, status from centers order by id")
    shipped = store.catalog.tables["centers"]
    assert list(result.frame.columns) == ["id", "name_en", "status"]
    assert list(result.frame["id"]) == sorted(shipped["id"])
    assert result.truncated is False and result.seconds >= 0


def test_join(box):
    result = box.run("""
        select c.id, h.name_en as hub
        from centers c join hubs h on c.hub_id = h.id
        order by c.id""")
    assert list(result.frame.columns) == ["id", "hub"]
    assert len(result.frame) > 0 and result.frame["hub"].notna().all()


def test_truncation_is_announced(box):
    result = box.run("select * from range(5000)")
    assert len(result.frame) == MAX_ROWS and result.truncated
    assert list(result.frame["range"]) == list(range(MAX_ROWS))
    exact = box.run(f"select * from range({MAX_ROWS})")
    assert len(exact.frame) == MAX_ROWS and not exact.truncated


def test_huge_cartesian_product_is_truncated_not_computed(box):
    # Computing it would run into the time limit and be refused ("timeout"): an answer means
    # only the first rows were fetched.
    result = box.run("select a.id from centers a, centers b, centers c, centers d, centers e")
    assert len(result.frame) == MAX_ROWS and result.truncated


def test_column_names_and_types_kept(box):
    frame = box.run("select 1 as \"Number\", 'x' as 名称, 2.5::double as v, [1, 2] as l, "
                    "date '2024-05-01' as d from range(0)").frame
    assert list(frame.columns) == ["Number", "名称", "v", "l", "d"] and frame.empty
    frame = box.run("select 1 as a, 2 as a").frame
    assert len(frame.columns) == 2


def column(frame: pd.DataFrame, i: int = 0) -> list:
    """Column `i` of a result as plain Python values (lists for DuckDB lists)."""
    return [v.tolist() if hasattr(v, "tolist") else v for v in frame.iloc[:, i]]


def shipped(store: Store, table: str) -> pd.DataFrame:
    return store.catalog.tables[table]


# Each query with what it must return, derived from the shipped tables (`store`).
ORDINARY = {
    "SELECT * FROM CENTERS": lambda f, s: (list(f.columns), len(f)) == (list(shipped(s, "centers").columns),
                                                                        len(shipped(s, "centers"))),
    "from centers select id limit 3": lambda f, s: list(f.columns) == ["id"] and len(f) == 3
                                                   and set(f["id"]) <= set(shipped(s, "centers")["id"]),
    "table hubs": lambda f, s: sorted(f["id"]) == sorted(shipped(s, "hubs")["id"]),
    "with x as (select * from hubs) select count(*) from x": lambda f, s: column(f) == [len(shipped(s, "hubs"))],
    "with recursive t(n) as (select 1 union all select n + 1 from t where n < 5) select * from t":
        lambda f, s: column(f) == [1, 2, 3, 4, 5],
    "select * from information_schema.tables": lambda f, s: sorted(f["table_name"]) == sorted(s.catalog.tables),
    "select * from atlas.main.centers": lambda f, s: len(f) == len(shipped(s, "centers")),
    "describe centers": lambda f, s: list(f["column_name"]) == list(shipped(s, "centers").columns),
    "show tables": lambda f, s: list(f["name"]) == sorted(s.catalog.tables),
    "summarize hubs": lambda f, s: list(f["column_name"]) == list(shipped(s, "hubs").columns),
    "select unnest([1, 2, 3])": lambda f, s: column(f) == [1, 2, 3],
    "select * from generate_series(1, 3)": lambda f, s: column(f) == [1, 2, 3],
    "select count(*) from range(100000000)": lambda f, s: column(f) == [100_000_000],
    "select len(range(1000)), repeat('ab', 3)": lambda f, s: f.iloc[0].tolist() == [1000, "ababab"],
    "select row_number() over (order by id) from centers":
        lambda f, s: column(f) == list(range(1, len(shipped(s, "centers")) + 1)),
    "select list_transform([1, 2], lambda x: x + 1)": lambda f, s: column(f) == [[2, 3]],
    "select current_database()": lambda f, s: column(f) == ["atlas"],
    "select 1;": lambda f, s: column(f) == [1],
}


@pytest.mark.parametrize("sql", ORDINARY)
def test_ordinary_selects_run(box, store, sql):
    frame = box.run(sql).frame
    assert ORDINARY[sql](frame, store), frame.head(10).to_dict("list")


def test_shipped_examples_run(box):
    examples = sorted((QUERY_DIR / "examples").glob("*.sql"))
    assert examples
    for path in examples:
        assert not box.run(path.read_text(encoding="utf-8")).frame.empty, path.name


@pytest.mark.parametrize(("sql", "value"), [
    ("select 1 -- ; drop table centers", 1),
    ("select 1 /* ; drop table centers */", 1),
    ("select '; drop table centers' as s", "; drop table centers"),
    ("select 'x''; drop table centers; --' as s", "x'; drop table centers; --"),
    ("select $$; drop table centers$$ as s", "; drop table centers"),
    ("select 'read_csv(''/etc/passwd'')' as s", "read_csv('/etc/passwd')"),
    ("select '数据中心 /etc/passwd' as 名称", "数据中心 /etc/passwd"),
    ("with pragma_database_list as (select 42 as x) select * from pragma_database_list", 42),
])
def test_comment_and_string_tricks_stay_plain_selects(box, sql, value):
    """Text in a comment or a string literal is data: the query runs as the SELECT it is."""
    assert box.run(sql).frame.iloc[0, 0] == value


# -- what must be refused -------------------------------------------------------------------

HOSTILE = [
    # reading files, through every reader and through replacement scans
    ("select * from read_csv('/etc/passwd')", "forbidden"),
    ("select * from read_csv_auto('/etc/passwd')", "forbidden"),
    ("select * from read_csv(['/etc/passwd', '/etc/hosts'])", "forbidden"),
    ("select * from read_parquet('/tmp/x.parquet')", "forbidden"),
    ("select * from parquet_scan('/tmp/x.parquet')", "forbidden"),
    ("select * from parquet_metadata('/tmp/x.parquet')", "forbidden"),
    ("select * from read_json('/etc/hosts')", "forbidden"),
    ("select * from read_json_auto('/etc/hosts')", "forbidden"),
    ("select * from read_ndjson_objects('/etc/hosts')", "forbidden"),
    ("select * from read_text('/etc/hostname')", "forbidden"),
    ("select * from read_blob('/etc/hostname')", "forbidden"),
    ("select * from read_duckdb('/tmp/other.duckdb')", "forbidden"),
    ("select * from sniff_csv('/etc/passwd')", "forbidden"),
    ("select * from glob('/*')", "forbidden"),
    ("select * from '/etc/passwd'", "forbidden"),
    ("from 'data/centers.csv'", "forbidden"),
    ("select * from 'https://example.com/data.csv'", "forbidden"),
    ("select * from \"READ_CSV\"('/etc/passwd')", "forbidden"),
    ("select * from read_csv /* hidden */ ('/etc/passwd')", "forbidden"),
    ("select * from query('select * from read_text(''/etc/passwd'')')", "forbidden"),
    ("select * from query_table('centers')", "forbidden"),
    ("select (select count(*) from read_text('/etc/passwd'))", "forbidden"),
    ("with x as (select * from glob('/*')) select * from x", "forbidden"),
    ("select id from centers union all select * from read_csv('/etc/passwd')", "forbidden"),
    ("select * from centers where exists (from read_text('/etc/passwd'))", "forbidden"),
    ("summarize select * from read_csv('/etc/passwd')", "forbidden"),
    # writing and changing the database
    ("copy centers to '/tmp/atlas-leak.csv'", "not_select"),
    ("copy (select * from centers) to '/tmp/atlas-leak.parquet' (format parquet)", "not_select"),
    ("copy centers from '/etc/passwd'", "not_select"),
    ("export database '/tmp/atlas-export'", "not_select"),
    ("import database '/tmp/atlas-export'", "not_select"),
    ("create table leak as select 1", "not_select"),
    ("create temp table leak as select 1", "not_select"),
    ("create view v as select 1", "not_select"),
    ("create macro m(x) as x", "not_select"),
    ("create secret (type s3, key_id 'k', secret 's')", "not_select"),
    ("insert into centers (id) values ('x')", "not_select"),
    ("update centers set name_en = 'x'", "not_select"),
    ("delete from centers", "not_select"),
    ("truncate centers", "not_select"),
    ("drop table centers", "not_select"),
    ("alter table centers add column x int", "not_select"),
    ("merge into centers using hubs on false when not matched then insert default values", "not_select"),
    # other databases, extensions, settings
    ("attach '/tmp/x.duckdb' as x", "not_select"),
    ("attach ':memory:' as m", "not_select"),
    ("detach atlas", "not_select"),
    ("use system", "not_select"),
    ("install httpfs", "not_select"),
    ("load httpfs", "not_select"),
    ("force install httpfs from community", "not_select"),
    ("set enable_external_access = true", "not_select"),
    ("set memory_limit = '100GB'", "not_select"),
    ("reset lock_configuration", "not_select"),
    ("set variable x = 1", "not_select"),
    ("pragma enable_profiling", "not_select"),
    ("pragma database_list", "not_select"),
    ("call pragma_version()", "not_select"),
    ("checkpoint", "not_select"),
    ("force checkpoint", "not_select"),
    ("vacuum", "not_select"),
    ("analyze", "not_select"),
    ("begin transaction", "not_select"),
    ("explain analyze select 1", "not_select"),
    ("prepare p as select 1", "not_select"),
    # several statements
    ("select 1; drop table centers", "multiple"),
    ("select 1; select 2", "multiple"),
    ("select 1; attach '/tmp/x.duckdb' as x", "multiple"),
    ("select 1;\n-- comment\nset memory_limit = '100GB';", "multiple"),
    # what a SELECT could still reveal about the environment
    ("select * from duckdb_settings()", "forbidden"),
    ("select * from system.main.duckdb_settings()", "forbidden"),
    ("select * from duckdb_extensions()", "forbidden"),
    ("select * from duckdb_databases()", "forbidden"),
    ("select * from duckdb_databases", "forbidden"),
    ("select * from duckdb_secrets()", "forbidden"),
    ("select * from duckdb_temporary_files()", "forbidden"),
    ("select * from duckdb_logs", "forbidden"),
    ("select * from pragma_database_list", "forbidden"),
    ("select * from \"pragma_database_list\"", "forbidden"),
    ("select * from main.pragma_database_list", "forbidden"),
    (("select * from (with pragma_database_list as (select 1) select * from pragma_database_list) a, "
      "pragma_database_list b"), "forbidden"),
    ("select * from pragma_storage_info('centers')", "forbidden"),
    ("select * from pg_catalog.pg_settings", "forbidden"),
    ("select * from pg_settings", "forbidden"),
    ("select * from which_secret('s3://bucket/x', 's3')", "forbidden"),
    ("select * from checkpoint()", "forbidden"),
    ("select * from enable_logging()", "forbidden"),
    ("select * from enable_profiling()", "forbidden"),
    ("select * from test_all_types()", "forbidden"),
    ("select getenv('HOME')", "forbidden"),
    ("select current_setting('home_directory')", "forbidden"),
    ("select current_setting('temp_directory')", "forbidden"),
    ("select list_transform([1], lambda x: current_setting('temp_directory'))", "forbidden"),
    ("select sleep_ms(60000)", "forbidden"),
    ("select write_log('x')", "forbidden"),
    ("show memory_limit", "forbidden"),
    ("show databases", "forbidden"),
    ("summarize pragma_database_list", "forbidden"),
    ("describe duckdb_settings", "forbidden"),
    # Python variables are not tables (replacement scans are off)
    ("select * from leak_frame", "unknown_name"),
    # unicode: look-alike table functions are still table functions; other names are unknown
    ("select * from ｒｅａｄ_csv('/etc/passwd')", "forbidden"),
    ("select * from r\u0435ad_csv('/etc/passwd')", "forbidden"),  # Cyrillic e
    ("select ｇｅｔｅｎｖ('HOME')", "unknown_name"),
    ("select * from 数据中心", "unknown_name"),
    ("select 名称 from centers", "unknown_name"),
    # empty, too long, broken
    ("", "empty"),
    ("   \n\t ", "empty"),
    ("-- only a comment", "empty"),
    ("/* only a comment */", "empty"),
    (";", "empty"),
    ("select 1 " + " " * 20_000, "too_long"),
    ("select " + "1 + " * 5_000 + "1", "too_long"),
    ("select " + "(" * 2_000 + "1" + ")" * 2_000, "syntax"),
    ("selec 1", "syntax"),
    ("select 'unterminated", "syntax"),
    ("select 1 /* unterminated", "syntax"),
    # resource exhaustion that fails fast on the memory limit
    ("select count(*) from range(100000000000) a, range(100000000000) b", "memory"),
    ("select string_agg(repeat('x', 100000), '') from range(100000)", "memory"),
    ("select repeat('x', 3000000000)", "memory"),
    ("select length(lpad('x', 2000000000, 'y'))", "memory"),
    ("select range(1e8)", "memory"),
    ("select list_resize([1], '1000000000'::bigint)", "memory"),
    ("select count(*) from (select * from range(1000000000) order by random())", "memory"),
    ("select * from unnest(range(1e9))", "memory"),
    ("select repeat('x', 9000000) from range(10)", "memory"),  # a 90 MB result
    ("with recursive t(n) as (select 1 union all select n + 1 from t) select count(*) from t", "timeout"),
]


@pytest.mark.parametrize(("sql", "code"), HOSTILE, ids=[f"{i:03d}-{c}" for i, (_, c) in enumerate(HOSTILE)])
def test_hostile_query_is_refused(box, sql, code, monkeypatch):
    if code == "timeout":
        monkeypatch.setattr(sb, "TIMEOUT_S", SHORT_TIMEOUT_S)
    refused = refusal(box, sql)
    assert refused.code == code
    assert refused.message == MESSAGES[code] == str(refused)
    assert "/" not in refused.message and "Traceback" not in refused.message


def test_corpus_is_large_and_every_message_is_clean():
    assert len(HOSTILE) >= 50
    assert {code for _, code in HOSTILE} <= set(MESSAGES)
    for message in MESSAGES.values():
        assert "/" not in message and "Traceback" not in message and "duckdb" not in message.lower()


def test_python_variables_are_invisible(box):
    tables = pd.DataFrame({"secret": ["local"]})
    centers_copy = tables  # noqa: F841 (the query names it)
    assert refusal(box, "select * from tables").code == "unknown_name"
    assert refusal(box, "select * from centers_copy").code == "unknown_name"


def test_refusals_log_duckdbs_own_message_for_the_operator(box, caplog):
    with caplog.at_level(logging.INFO, logger="atlas.data.sandbox"):
        assert refusal(box, "select * from nowhere_table").code == "unknown_name"
        assert refusal(box, "select * from read_csv('/etc/passwd')").code == "forbidden"
    text = caplog.text
    assert "nowhere_table" in text and "read_csv" in text


# -- time limits and threads ----------------------------------------------------------------

def wait_until(condition, seconds: float = 30) -> bool:
    """Poll `condition` until it holds or `seconds` pass (a guard against a hang, not a measure)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def test_runaway_query_stops_while_other_threads_keep_working(box, store, short_timeout):
    outcome = {}

    def runaway():
        try:
            box.run(RUNAWAY)
        except Refused as exc:
            outcome["code"] = exc.code

    thread = threading.Thread(target=runaway)
    thread.start()
    assert wait_until(lambda: box._slots._value < sb.MAX_ACTIVE)  # the runaway holds a slot: it runs
    normal = box.run("select count(*) as n from centers")
    assert normal.frame["n"][0] == len(store.catalog.tables["centers"])
    assert thread.is_alive()  # the normal query was answered while the runaway still ran
    thread.join(SAFETY_BOUND_S + 30)
    assert not thread.is_alive() and outcome == {"code": "timeout"}


def test_runaway_query_runs_only_on_idle_cpu(box, short_timeout):
    """Other readers' pages go first: the query's thread has the idle policy, the caller's not."""
    def idle_worker() -> bool:
        for worker in threading.enumerate():
            # a thread still starting has no native id yet; one may end while we look
            if worker.name == "atlas-sql" and worker.native_id is not None:
                try:
                    if os.sched_getscheduler(worker.native_id) == os.SCHED_IDLE:
                        return True
                except OSError:
                    pass
        return False

    thread = threading.Thread(target=lambda: pytest.raises(Refused, box.run, RUNAWAY))
    thread.start()
    assert wait_until(idle_worker)
    assert os.sched_getscheduler(threading.get_native_id()) == os.SCHED_OTHER
    thread.join(SAFETY_BOUND_S + 30)


def test_many_threads_at_once(box):
    results, errors = [], []

    def one(i):
        try:
            results.append(len(box.run(f"select * from centers limit {i + 1}").frame))
        except Exception as exc:  # noqa: BLE001 (collected and asserted below)
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors and sorted(results) == list(range(1, 13))


def test_hostile_corpus_at_once_alongside_normal_queries(box, short_timeout):
    """Every hostile query that is refused before it runs, sent from 8 threads at once while
    a runaway query holds a slot and normal queries keep coming: each gets its own refusal,
    each normal query its answer, and the database is unchanged."""
    quick = [(sql, code) for sql, code in HOSTILE if code not in ("timeout", "memory")]
    outcomes = {}

    def hostile(item):
        sql, _ = item
        try:
            box.run(sql)
            outcomes[sql] = "ran"
        except Refused as exc:
            outcomes[sql] = exc.code

    runaway = threading.Thread(target=lambda: hostile((RUNAWAY, "timeout")))
    runaway.start()
    with ThreadPoolExecutor(8) as pool:
        normal = [pool.submit(box.run, f"select * from centers limit {i % 5 + 1}") for i in range(len(quick) // 4)]
        list(pool.map(hostile, quick))
        assert [len(f.result().frame) for f in normal] == [i % 5 + 1 for i in range(len(normal))]
    runaway.join(SAFETY_BOUND_S + 5)
    assert {sql: outcomes[sql] for sql, code in quick if outcomes[sql] != code} == {}
    assert outcomes[RUNAWAY] == "timeout"
    assert fingerprint(box) == box.before


def test_stuck_function_call_still_answers_in_time(store, short_timeout):
    """`interrupt` cannot stop DuckDB inside one long function call (a 100-million-item list):
    the caller gets "timeout" at the deadline anyway, and the sandbox keeps serving."""
    box = Sandbox({"centers": store.catalog.tables["centers"]})
    # a computed size passes the literal-size check, so this really runs (and sticks); without
    # the caller's own deadline it would return the list's length when DuckDB finishes
    assert refusal(box, "select length(range(10000 * 10000))").code == "timeout"
    assert box.run("select count(*) from centers").frame.iloc[0, 0] > 0
    box.close()  # the stuck call finishes in the background; its directory goes now


class RecordingSlots:
    """The sandbox's slots, recording how long each caller was willing to wait for one."""

    def __init__(self, slots):
        self.slots, self.waits = slots, []

    def acquire(self, blocking=True, timeout=-1):
        self.waits.append(timeout)
        return self.slots.acquire(blocking, timeout)

    def release(self):
        self.slots.release()


def test_slots_bound_the_queries_running_at_once(store, monkeypatch):
    monkeypatch.setattr(sb, "MAX_ACTIVE", 1)
    monkeypatch.setattr(sb, "TIMEOUT_S", 0.2)
    with Sandbox({"hubs": store.catalog.tables["hubs"]}) as box:
        box._slots = RecordingSlots(box._slots)
        box._slots.acquire()  # as if a stuck query held the only slot
        assert refusal(box, "select 1").code == "failed"
        assert box._slots.waits[-1] == sb.TIMEOUT_S  # it waited for a slot up to the time limit
        box._slots.release()
        assert box.run("select 1").frame.iloc[0, 0] == 1


# -- the database stays as it was -----------------------------------------------------------

def test_settings_are_locked_down(box):
    con = box._con
    rows = dict(con.cursor().execute(
        "select name, value from duckdb_settings() where name in ('enable_external_access', "
        "'lock_configuration', 'python_enable_replacements', 'access_mode', 'threads', "
        "'autoload_known_extensions', 'autoinstall_known_extensions', 'allow_community_extensions', "
        "'allow_persistent_secrets', 'max_temp_directory_size')").fetchall())
    assert rows["enable_external_access"] == "false" and rows["lock_configuration"] == "true"
    assert rows["python_enable_replacements"] == "false" and rows["access_mode"] == "read_only"
    assert rows["threads"] == "1" and rows["autoload_known_extensions"] == "false"
    assert rows["autoinstall_known_extensions"] == "false" and rows["allow_community_extensions"] == "false"
    assert rows["allow_persistent_secrets"] == "false"
    with pytest.raises(duckdb.Error):
        con.cursor().execute("set enable_external_access = true")
    with pytest.raises(duckdb.Error):
        con.cursor().execute("create table x as select 1")
    with pytest.raises(duckdb.Error):
        con.cursor().execute("select * from read_text('/etc/hostname')")


def test_close_removes_the_private_directory(store):
    box = Sandbox({"hubs": store.catalog.tables["hubs"]})
    folder = box._dir
    assert os.listdir(folder) == ["atlas.duckdb"]
    box.close()
    assert not os.path.exists(folder)
    assert refusal(box, "select 1").code == "failed"
    box.close()  # twice is fine
    box = Sandbox({"hubs": store.catalog.tables["hubs"]})
    folder = box._dir
    del box  # never closed: the directory goes with the object
    assert not os.path.exists(folder)


def test_database_holds_the_shipped_tables_unchanged(box, store):
    """The fingerprint that the `box` fixture compares after the module's last test is of the
    shipped tables, and nothing has changed them so far."""
    assert fingerprint(box) == box.before
    assert {name: n for name, (n, _) in box.before.items()} == {n: len(store.catalog.tables[n]) for n in box.before}
