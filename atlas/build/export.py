"""Exports of a view: its data (CSV, XLSX, Parquet) safe to open in a spreadsheet, its
chart or map (PNG, SVG, offline HTML), the citation, and the ZIP holding them all.

Spreadsheet safety follows OWASP's CSV-injection advice: a text cell that starts with
= + - @ tab or carriage return could run as a formula, so it gets a leading apostrophe
(spreadsheets show it as text). Numbers stay numbers. No Streamlit here.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import warnings
import zipfile
from datetime import date
from pathlib import Path

import kaleido
import pandas as pd
import pydeck

from atlas.data import served
from atlas.i18n import translate

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
                   permalink: str, lang: str = "en", exported: date | None = None,
                   release: str | None = None) -> list[str]:
    """What an export says about itself, in the reader's language: title, sources (publisher,
    title, URL, grade), as-of range, the link that reopens the view, the export date and the
    data release it was made from."""
    def say(key: str, **values) -> str:
        return translate(f"cite.{key}", lang, **values)

    lines = [title, say("exported", date=(exported or date.today()).isoformat(), link=permalink)]
    if release:
        lines.append(say("release", release=release))
    dates = [d for d in dict.fromkeys(as_of) if isinstance(d, str) and d]  # no NaN from an empty filter
    if dates:
        lines.append(say("as_of", dates=" – ".join(dates)))
    lines.append(say("sources"))
    for src in sources.itertuples():
        lines.append(f"- [{src.quality}] {src.publisher}: {src.title}. {src.url}")
    return lines


# Charts: self-contained HTML, and PNG/SVG rendered by Debian's Chromium through kaleido

IMAGE_TIMEOUT_S = 20.0  # the first image starts Chromium (~3 s here); later ones take ~0.2 s
_image_lock = threading.Lock()
_image_server_started = False


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
        try:
            render()
        except Exception:  # Chromium missing or crashed: the caller says so and offers HTML
            pass

    worker = threading.Thread(target=guarded, daemon=True)
    worker.start()
    worker.join(timeout)
    return result[0] if result else None


# Maps: one HTML file with deck.gl inlined, and its PNG snapshot taken by headless Chromium

# pydeck ships deck.gl's standalone bundle (the one its own offline HTML mode inlines).
DECK_BUNDLE = Path(pydeck.__file__).parent / "nbextension" / "static" / "index.js"
MAP_PAGE = (1400, 900)  # CSS pixels of the exported map page (title, map, legend, sources)
# A page of its own in a fresh headless Chromium: the map's snapshot takes ~5 s on a quiet
# 2-core machine and over 20 s while it also serves readers and browsers (CI once ran out at
# 20 s). A reader would rather wait than get nothing; past this, it is a hung browser.
PAGE_TIMEOUT_S = 60.0


def map_html(deck: pydeck.Deck, title: str, legend: list[tuple[list[int], str]], citation: list[str]) -> bytes:
    """The map as one HTML file that opens offline: deck.gl, the boundaries (as data URLs) and the
    layers inlined; under the map its legend, the citation and the sources (folded, so that a
    snapshot of the page keeps the map large)."""
    swatches = "".join(
        f'<span class="key"><i style="background:rgb({c[0]},{c[1]},{c[2]})"></i>{html.escape(label)}</span>'
        for c, label in legend)
    notes = [line for line in citation[1:] if not line.startswith("- ")]
    sources = [line[2:] for line in citation if line.startswith("- ")]
    # "</" inside inlined JSON or JS would end the <script> element early.
    spec = served.inline(deck.to_json()).replace("</", "<\\/")
    tooltip = json.dumps(deck._tooltip).replace("</", "<\\/")
    deck_js = DECK_BUNDLE.read_text(encoding="utf-8").replace("</script", "<\\/script")
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{margin:0;font:14px/1.45 "Noto Sans CJK SC","Noto Sans",sans-serif;color:#1f2937;display:flex;
flex-direction:column;height:100vh}}h1{{font-size:24px;margin:14px 24px 0}}#map{{position:relative;flex:1}}
footer{{padding:4px 24px 12px;color:#4b5563}}.keys{{margin-bottom:4px}}.key{{margin-right:1.4em;
white-space:nowrap;font-size:15px;color:#1f2937}}.key i{{display:inline-block;width:.9em;height:.9em;
border-radius:50%;border:1.5px solid #374151;margin-right:.35em;vertical-align:-1px}}summary{{cursor:pointer}}</style>
<script>{deck_js}</script></head>
<body><h1>{html.escape(title)}</h1><div id="map"></div><footer><div class="keys">{swatches}</div>
{"<br>".join(html.escape(line) for line in notes[:-1])}
<details><summary>{html.escape(notes[-1]) if notes else ""} {len(sources)}</summary>
<ul>{"".join(f"<li>{html.escape(line)}</li>" for line in sources)}</ul></details></footer>
<script>createDeck({{container: document.getElementById("map"), jsonInput: {spec}, tooltip: {tooltip}}});</script>
</body></html>"""
    return page.encode()


def page_image(page: bytes, size: tuple[int, int] = MAP_PAGE, scale: float = 2.0,
               timeout: float = PAGE_TIMEOUT_S) -> bytes | None:
    """A PNG snapshot (at `scale`×) of a self-contained HTML page, taken by Debian's headless
    Chromium with software WebGL; None when Chromium is missing, fails or takes longer than
    `timeout` seconds (it is then killed with everything it started)."""
    shot = _headless(page, "png", lambda out: [
        "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--hide-scrollbars",
        f"--force-device-scale-factor={scale}", f"--window-size={size[0]},{size[1]}",
        "--virtual-time-budget=10000", f"--screenshot={out}"], timeout)
    return shot or None


def page_pdf(page: bytes, timeout: float = PAGE_TIMEOUT_S) -> bytes | None:
    """A self-contained HTML page printed to PDF by headless Chromium (paper size and margins
    from the page's own `@page` rule, no browser header or footer); None when Chromium is
    missing, fails or takes longer than `timeout` seconds (then killed with all it started)."""
    data = _headless(page, "pdf", lambda out: ["--no-pdf-header-footer", f"--print-to-pdf={out}"], timeout)
    return data if data and data.startswith(b"%PDF") else None


def chromium() -> str | None:
    """Debian's Chromium on PATH, or None: exports that need it say so instead."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _headless(page: bytes, suffix: str, output_args, timeout: float) -> bytes | None:
    """Open `page` (written to a temporary file) in headless Chromium with `output_args(out)`,
    the flags that make it write `out`; the bytes written (b"" for none), or None when Chromium
    is missing or takes longer than `timeout` seconds (then killed with everything it started:
    its renderer and GPU processes, in the session of its own it runs in)."""
    browser = chromium()
    if not browser:
        return None
    with tempfile.TemporaryDirectory(prefix="atlas-headless-") as tmp:
        source, out = Path(tmp, "view.html"), Path(tmp, f"view.{suffix}")
        source.write_bytes(page)
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                   "--no-first-run", f"--user-data-dir={tmp}/profile", *output_args(out), source.as_uri()]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return None
        return out.read_bytes() if out.exists() else b""


def pdf_pages(pdf: bytes) -> int | None:
    """The page count of a PDF as Chromium (Skia) writes it: its page tree root's /Count, kept
    in plain text (Skia does not compress object dictionaries). None when there is none, so a
    caller treats an unreadable file as not known to fit."""
    found = re.search(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)
    return int(found.group(1)) if found else None


def bundle(files: dict[str, bytes], frame: pd.DataFrame, citation: list[str]) -> bytes:
    """"This view" as one ZIP: the chart or map files given, data.csv and citation.txt."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
        archive.writestr("data.csv", to_csv(frame))
        archive.writestr("citation.txt", "\n".join(citation) + "\n")
    return buffer.getvalue()
