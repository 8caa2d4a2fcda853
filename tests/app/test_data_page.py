"""Test the Data & SQL page: datasets, the SQL explorer through its URL, refusals."""

import pytest

from tests.app.pages import open_page


def test_sql_from_the_url_runs_and_shows_rows():
    at = open_page("views/data.py", sql="select id, status from centers where status = 'planned' order by id")
    assert not at.exception and not at.error
    result = at.dataframe[-1].value
    assert list(result.columns) == ["id", "status"] and set(result["status"]) == {"planned"}


def test_large_result_is_truncated_with_a_notice():
    at = open_page("views/data.py", sql="select * from range(5000)")
    assert len(at.dataframe[-1].value) == 1000
    assert any("more than 1,000 rows" in w.value for w in at.warning)


@pytest.mark.parametrize(("sql", "message"), [
    ("select * from read_csv('/etc/passwd')", "needs access the sandbox does not give"),
    ("copy centers to '/tmp/x.csv'", "Only SELECT queries"),
    ("select 1; select 2", "Only one statement"),
    ("select * from nowhere", "not known"),
])
def test_hostile_or_wrong_sql_gets_a_fixed_message(sql, message):
    at = open_page("views/data.py", sql=sql)
    assert not at.exception
    assert [e.value for e in at.error if message in e.value]
    assert all("/" not in e.value.replace("/etc", "") or "Traceback" not in e.value for e in at.error)


def test_dataset_from_the_url_and_junk_table():
    at = open_page("views/data.py", table="hubs")
    assert not at.exception and not at.error
    assert len(at.dataframe[0].value) == 8
    at = open_page("views/data.py", table="../../etc/passwd")
    assert any("table=../../etc/passwd" in w.value for w in at.warning)
