"""Data exports (CSV, XLSX, Parquet) with their citation, safe to open in a spreadsheet.

Spreadsheet safety follows OWASP's CSV-injection advice: a text cell that starts with
= + - @ tab or carriage return could run as a formula, so it gets a leading apostrophe
(spreadsheets show it as text). Numbers stay numbers. No Streamlit here.
"""

from __future__ import annotations

import io
from datetime import date

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value`, or `'value` when a spreadsheet could read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralize(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot run as formulas (column names included)."""
    safe = frame.copy()
    for column in safe.columns:
        if pd.api.types.is_object_dtype(safe[column]) or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].astype(object).map(safe_cell)
    safe.columns = [safe_cell(str(c)) for c in safe.columns]
    return safe


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheets read the Chinese text right."""
    # CRLF rows (RFC 4180): a carriage return inside a cell is then quoted, not a row break.
    return neutralize(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, citation: list[str] | None = None, sheet: str = "data") -> bytes:
    """One sheet of data and, with `citation`, a second sheet holding it line by line."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralize(frame).to_excel(writer, sheet_name=sheet[:31], index=False)
        if citation:
            pd.DataFrame({"citation": [safe_cell(line) for line in citation]}).to_excel(
                writer, sheet_name="citation", index=False)
    return buffer.getvalue()


def to_parquet(frame: pd.DataFrame) -> bytes:
    """Parquet keeps types; it is read by programs, not spreadsheets, so cells stay as they are."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def citation_lines(title: str, sources: pd.DataFrame, as_of: tuple[str | None, str | None],
                   permalink: str, exported: date | None = None) -> list[str]:
    """What an export says about itself: title, sources (publisher, title, URL, grade), as-of
    range, the link that reopens the view and the export date."""
    lines = [title, f"Exported {(exported or date.today()).isoformat()} from Compute Atlas: {permalink}"]
    low, high = as_of
    if low or high:
        lines.append(f"As of: {low}" + (f" to {high}" if high and high != low else ""))
    lines.append("Sources (grade A = official or mainstream citing one; B = trade/company/local; C = weak):")
    for src in sources.itertuples():
        lines.append(f"- [{src.quality}] {src.publisher}: {src.title}. {src.url}")
    return lines
