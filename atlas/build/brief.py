"""A one-page brief of a view, to take away as a PDF: what was computed or shown, the figures,
the formula, the inputs and where each default comes from, the sources with grade and as-of
date, the link that reopens the view and the export date, in the reader's language.

`Brief` describes one; any calculator (or page) fills it with text already written for the
reader (numbers through `atlas.build.numbers`), so this module only lays it out. `brief_html`
returns one self-contained A4 page (nothing fetched: Chromium uses the machine's CJK fonts, so
Chinese never prints as boxes) that fits itself to one page before it is printed: a long
source list first gets smaller type and two columns, then is cut to what fits, with "+N more
sources: see the link". `brief_pdf` has headless Chromium print it (`export.page_pdf`) and
checks that it is one page.
No Streamlit here.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import date

from atlas.build import export
from atlas.i18n import translate

# Chromium picks these by family name from fontconfig. WenQuanYi Micro Hei (fonts-wqy-microhei)
# comes first because text copied from the PDF must read right: Noto CJK draws 力, 长, 见 … with
# the same glyph as their radicals (⼒ U+2F12, ⻓ U+2ED3, ⻅ U+2EC5), and Chromium's PDF maps each
# glyph back to the radical's code point, so a reader pasting "算力" from a Noto brief got "算⼒".
# Micro Hei maps no radicals, and covers Simplified and Traditional characters and Latin; Noto
# CJK stays as the fallback for anything it lacks.
FONTS = {"en": '"WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif',
         "zh-Hans": '"WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif',
         "zh-Hant": '"WenQuanYi Micro Hei", "Noto Sans CJK TC", sans-serif'}

# Each density: base type size (pt), sources in columns, at most this many sources listed (the
# rest summed up as "+N more"). The page fits itself: a script in it, run by Chromium before it
# prints, takes the first density, from the first that lists every source on, whose content is
# no taller than the printable height (the page laid out at the printed width). A brief printed at a fixed density (`brief_html(b, n)`)
# is the fallback should that ever still run onto a second page. Measured here: 50 two-line
# sources fill about 3/4 of a page at 7.5 pt; the Overview's 73 sources, with long titles, fit
# 40 at 7 pt; the placement's 10 ranked provinces, 7 inputs and 28 long-titled sources, 12 at 6.5 pt.
DENSITIES = ((10.0, 1, 10), (8.5, 2, 30), (7.5, 2, 50), (7.0, 2, 40), (7.0, 2, 24), (6.5, 2, 12))


@dataclass(frozen=True)
class Row:
    """One line of the figures or inputs table: a label, one written value per column of the
    brief (`Brief.columns`: scenarios, methods, or one column), and a note (where a default
    comes from, the as-of date and grade of a KPI, how a figure was derived)."""

    label: str
    values: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Source:
    """A source as cited: publisher, title, link, grade (A/B/C) and as-of (its publication date)."""

    publisher: str
    title: str
    url: str
    grade: str
    as_of: str = ""


@dataclass(frozen=True)
class Brief:
    """Everything a brief says, already in the reader's language (`lang`: en, zh-Hans, zh-Hant).

    `columns` heads the value columns of the figures (one empty name for a single result) and,
    unless `input_columns` differs (scenarios A and B in, A, B and their difference out), of the
    inputs;
    `formula` is plain Unicode text, one line each ("FLOPs = 6 · N · D"); `notes` are lines
    under the figures (how a result was derived, what a difference means). A section with
    nothing in it is left out (the Overview has no formula and no inputs)."""

    lang: str
    title: str
    kind: str  # what the brief is of, e.g. "Calculator" or "Overview: headline figures"
    permalink: str
    figures: tuple[Row, ...]
    columns: tuple[str, ...] = ("",)
    formula: tuple[str, ...] = ()
    inputs: tuple[Row, ...] = ()
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()
    input_columns: tuple[str, ...] | None = None  # None: the same as `columns`
    exported: date = field(default_factory=date.today)
    release: str | None = None  # the data release the figures come from


def _esc(text: str) -> str:
    return html.escape(str(text))


def _table(rows: tuple[Row, ...], columns: tuple[str, ...], head: tuple[str, str]) -> str:
    noted = any(r.note for r in rows)  # no empty column when no row has a note
    header = ""
    if any(columns):
        header = ("<thead><tr><th>" + _esc(head[0]) + "</th>" + "".join(f"<th class=v>{_esc(c)}</th>" for c in columns)
                  + (f"<th>{_esc(head[1])}</th>" if noted else "") + "</tr></thead>")
    body = "".join(
        f"<tr><th scope=row>{_esc(r.label)}</th>"
        + "".join(f"<td class=v>{_esc(v)}</td>" for v in r.values)
        + (f"<td class=note>{_esc(r.note)}</td>" if noted else "") + "</tr>" for r in rows)
    return f"<table>{header}<tbody>{body}</tbody></table>"


PAGE_MM = (210, 297)
MARGIN_MM = (14, 15)  # top and bottom, left and right
ROOM_MM = PAGE_MM[1] - 2 * MARGIN_MM[0] - 3  # printable height, less 3 mm for rounding

# Run in the page before it is printed: the first density at which everything fits.
FIT_SCRIPT = """(function () {
  var levels = %s, room = %s * 96 / 25.4;
  var list = document.querySelector("ol.sources"), items = list ? list.children : [];
  var more = document.querySelector("p.more");
  for (var i = 0; i < levels.length; i++) {
    document.documentElement.style.fontSize = levels[i][0] + "pt";
    if (list) list.style.columns = levels[i][1];
    var cut = more ? Number(more.getAttribute("data-beyond")) : 0;
    for (var k = 0; k < items.length; k++) {
      items[k].hidden = k >= levels[i][2];
      if (items[k].hidden) cut++;
    }
    if (more) {
      more.hidden = cut === 0;
      more.textContent = more.getAttribute("data-template").replace("{n}", cut);
    }
    if (document.body.getBoundingClientRect().height <= room) break;
  }
})();"""


def brief_html(brief: Brief, density: int | None = None) -> bytes:
    """The brief as one self-contained HTML page for A4 print: fitting itself to one page
    (`density` None), or at one of DENSITIES (its index)."""
    def say(key: str, **values) -> str:
        return translate(f"brief.{key}", brief.lang, **values)

    fit = density is None
    size, columns, most = DENSITIES[0 if fit else density]
    if fit:
        most = max(m for _, _, m in DENSITIES)  # the script hides what does not fit
    parts = [f"<header><p class=app>{_esc(say('app'))} · {_esc(brief.kind)}</p><h1>{_esc(brief.title)}</h1>",
             f"<p class=meta>{_esc(say('exported', date=brief.exported.isoformat()))}"]
    if brief.release:
        parts.append(f" · {_esc(say('release', release=brief.release))}")
    parts.append("</p></header>")
    if brief.figures:
        parts.append(f"<h2>{_esc(say('figures'))}</h2>")
        parts.append(_table(brief.figures, brief.columns, (say("figure"), say("note"))))
    if brief.notes:
        parts.append("<ul class=notes>" + "".join(f"<li>{_esc(n)}</li>" for n in brief.notes) + "</ul>")
    if brief.formula:
        parts.append(f"<h2>{_esc(say('formula'))}</h2><div class=formula>"
                     + "".join(f"<p>{_esc(line)}</p>" for line in brief.formula) + "</div>")
    if brief.inputs:
        parts.append(f"<h2>{_esc(say('inputs'))}</h2>")
        parts.append(_table(brief.inputs, brief.columns if brief.input_columns is None else brief.input_columns,
                            (say("input"), say("input_source"))))
    if brief.sources:
        listed = brief.sources[:most]
        parts.append(f"<h2>{_esc(say('sources'))}</h2><ol class=sources>")
        for src in listed:
            as_of = f" · {say('as_of', date=src.as_of)}" if src.as_of else ""
            parts.append(f"<li><b>[{_esc(src.grade)}]</b> {_esc(src.publisher)}: {_esc(src.title)}{_esc(as_of)}"
                         f" <span class=url>{_esc(src.url)}</span></li>")
        parts.append("</ol>")
        cut = len(brief.sources) - len(listed)
        if cut or fit:
            parts.append(f'<p class=more data-template="{_esc(say("more_sources", n="{n}"))}" data-beyond="{cut}"'
                         f'{"" if cut else " hidden"}>{_esc(say("more_sources", n=cut))}</p>')
        parts.append(f"<p class=grades>{_esc(say('grades'))}</p>")
    parts.append(f"<footer><p><b>{_esc(say('reopen'))}</b> <span class=url>{_esc(brief.permalink)}</span></p></footer>")
    style = f"""@page {{ size: A4; margin: {MARGIN_MM[0]}mm {MARGIN_MM[1]}mm; }}
@media screen {{ body {{ width: {PAGE_MM[0] - 2 * MARGIN_MM[1]}mm; }} }}
html {{ font-family: {FONTS.get(brief.lang, FONTS['en'])}; font-size: {size}pt; line-height: 1.35; color: #111827; }}
body {{ margin: 0; }}
header .app {{ margin: 0; color: #4b5563; font-size: .9rem; }}
h1 {{ font-size: 1.9rem; margin: .1rem 0 .2rem; line-height: 1.2; }}
h2 {{ font-size: 1.1rem; margin: .9rem 0 .3rem; border-bottom: 1px solid #d1d5db; padding-bottom: .1rem; }}
.meta {{ margin: 0; color: #4b5563; font-size: .9rem; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; vertical-align: top; padding: .18rem .5rem .18rem 0; border-bottom: 1px solid #e5e7eb; }}
thead th {{ font-size: .85rem; color: #4b5563; font-weight: 600; }}
tbody th {{ font-weight: 500; width: 30%; }}
td.v {{ font-weight: 700; }}
td.note {{ color: #4b5563; font-size: .85rem; }}
.formula p {{ margin: .15rem 0; font-size: 1.05rem; }}
.notes {{ margin: .3rem 0 0; padding-left: 1.1rem; color: #374151; font-size: .9rem; }}
ol.sources {{ margin: 0; padding-left: 1.6rem; columns: {columns}; column-gap: 2.2rem; font-size: .9rem; }}
ol.sources li {{ break-inside: avoid; margin-bottom: .15rem; }}
.url {{ color: #1d4ed8; word-break: break-all; }}
.more, .grades {{ margin: .25rem 0 0; color: #4b5563; font-size: .85rem; }}
footer {{ margin-top: .8rem; border-top: 1px solid #d1d5db; padding-top: .3rem; }}
footer p {{ margin: 0; }}"""
    if fit:
        # from the first density that lists every source (a cut list is the last resort)
        parts.append(f"<script>{FIT_SCRIPT % (json.dumps(DENSITIES[first_density(len(brief.sources)):]), ROOM_MM)}"
                     "</script>")
    page = (f'<!DOCTYPE html><html lang="{_esc(brief.lang)}"><head><meta charset="utf-8">'
            f"<title>{_esc(brief.title)}</title><style>{style}</style></head><body>{''.join(parts)}</body></html>")
    return page.encode()


def first_density(sources: int) -> int:
    """Where printing starts for a source count: the first density that lists them all, else the
    first of those that cut the list (the one listing most)."""
    for level, (_, _, most) in enumerate(DENSITIES):
        if sources <= most:
            return level
    caps = [most for _, _, most in DENSITIES]
    return caps.index(max(caps)) + 1


def brief_pdf(brief: Brief, timeout: float = export.PAGE_TIMEOUT_S) -> bytes | None:
    """The brief printed to one A4 page by headless Chromium, or None when Chromium is missing or
    fails. The page fits itself (one print); should it still run onto a second page, it is
    printed again at fixed densities, from the first that lists every source on, down to the
    last, whose short source list and small type fit any brief the pages make."""
    pdf = export.page_pdf(brief_html(brief), timeout=timeout)
    if pdf is None or export.pdf_pages(pdf) == 1:
        return pdf
    for level in range(first_density(len(brief.sources)), len(DENSITIES)):
        pdf = export.page_pdf(brief_html(brief, level), timeout=timeout)
        if pdf is None or export.pdf_pages(pdf) == 1:
            return pdf
    return pdf


def file_name(kind: str, exported: date) -> str:
    """What the file is and when: compute-atlas-training-brief-2026-12-07.pdf."""
    return f"compute-atlas-{kind}-brief-{exported.isoformat()}.pdf"
