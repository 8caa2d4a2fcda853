"""Test dataset downloads in a real browser: the files hold exactly the table's rows."""

import io

import openpyxl
import pandas as pd
import pytest

from atlas.data.store import Store

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("kind", ["CSV", "XLSX", "Parquet"])
def test_dataset_download_holds_the_table(watched, kind):
    watched.goto("/data?lang=en&table=hubs")
    with watched.expect_download() as info:
        watched.get_by_role("button", name=kind, exact=True).first.click()
    content = open(info.value.path(), "rb").read()
    expected = Store().catalog.tables["hubs"]
    if kind == "CSV":
        got = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig")
    elif kind == "XLSX":
        book = openpyxl.load_workbook(io.BytesIO(content))
        assert "citation" in book.sheetnames and book["citation"]["A2"].value == "National computing hub nodes"
        got = pd.read_excel(io.BytesIO(content), sheet_name="data")
    else:
        got = pd.read_parquet(io.BytesIO(content))
    assert list(got["id"]) == list(expected["id"])
    def floats(column):
        return column.to_numpy(dtype=float, na_value=float("nan")).tolist()

    assert floats(got["pue_target"]) == pytest.approx(floats(expected["pue_target"]), nan_ok=True)
    assert watched.watch.console_errors == []
