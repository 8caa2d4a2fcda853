"""Data exports (CSV, XLSX, Parquet) with their citation, safe to open in a spreadsheet.

Spreadsheet safety follows OWASP's CSV-injection advice: a text cell that starts with
= + - @ tab or carriage return could run as a formula, so it gets a leading apostrophe
(spreadsheets show it as text). Numbers stay numbers. No Streamlit here.
"""

from __future__ import annotations

import html
import io
import threading
import warnings
import zipfile
from datetime import date

import kaleido
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
    dates = [d for d in dict.fromkeys(as_of) if d]
    if dates:
        lines.append("As of: " + " to ".join(dates))
    lines.append("Sources (grade A = official or mainstream citing one; B = trade/company/local; C = weak):")
    for src in sources.itertuples():
        lines.append(f"- [{src.quality}] {src.publisher}: {src.title}. {src.url}")
    return lines


# Charts: self-contained HTML, and PNG/SVG rendered by Debian's Chromium through kaleido

IMAGE_TIMEOUT_S = 20.0  # the first image starts Chromium (~3 s here); later ones take ~0.2 s
_image_lock = threading.Lock()
_image_server_started = False
_images_failed = False  # set once Chromium failed or timed out: menus then offer HTML only


def images_available() -> bool:
    return not _images_failed


def figure_html(fig, title: str) -> bytes:
    """The chart as one HTML file that opens offline (plotly.js embedded, no CDN)."""
    return fig.to_html(include_plotlyjs=True, full_html=True, config={"displaylogo": False},
                       div_id="chart").replace("<head>", f"<head><title>{html.escape(title)}</title>", 1).encode()


def figure_image(fig, fmt: str, scale: float = 2.0, timeout: float = IMAGE_TIMEOUT_S) -> bytes | None:
    """PNG (at `scale`× for slides) or SVG of the chart, or None when Chromium could not render
    it within `timeout` seconds: the caller then offers the HTML export instead."""
    result: list[bytes] = []

    def render():
        global _image_server_started
        with _image_lock:  # one shared Chromium; kaleido's sync server is not re-entrant
            if not _image_server_started:
                kaleido.start_sync_server(silence_warnings=True)
                warnings.filterwarnings("ignore", message="The kopts argument is ignored")
                _image_server_started = True
            result.append(fig.to_image(format=fmt, scale=scale, width=1400, height=700))

    def guarded():
        global _images_failed
        try:
            render()
        except Exception:  # Chromium missing or crashed: say so once, offer HTML from then on
            _images_failed = True

    worker = threading.Thread(target=guarded, daemon=True)
    worker.start()
    worker.join(timeout)
    if not result:
        global _images_failed
        _images_failed = True
    return result[0] if result else None


def bundle(fig, frame: pd.DataFrame, title: str, citation: list[str]) -> bytes:
    """"This view" as one ZIP: chart.png and chart.svg (or chart.html when images fail),
    data.csv and citation.txt."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        images = {fmt: figure_image(fig, fmt) for fmt in ("png", "svg")}
        for fmt, data in images.items():
            if data:
                archive.writestr(f"chart.{fmt}", data)
        if not all(images.values()):
            archive.writestr("chart.html", figure_html(fig, title))
        archive.writestr("data.csv", to_csv(frame))
        archive.writestr("citation.txt", "\n".join(citation) + "\n")
    return buffer.getvalue()
