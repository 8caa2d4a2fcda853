"""A PowerPoint deck of the views a reader collected, for presenting the atlas in a meeting.

Each view becomes one 16:9 slide: its title, a few lines of narrative, the chart or map as a
picture (or its KPIs as big numbers), the check badges, the sources, and a footer link that
reopens the same view in the app. The lines and sources also go into the speaker notes.

Pure python-pptx, no Streamlit: the app renders the PNGs and the text; this module lays them out.
Every box is placed by hand on the blank layout rather than in the template's placeholders,
whose theme fonts have no Chinese glyphs and whose autofit rules differ between PowerPoint,
Keynote and LibreOffice. Text is measured from character widths before it is placed, and cut
with "…" where it would not fit, so nothing runs off the slide in any viewer.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.parts.image import Image
from pptx.util import Emu, Pt

EMU_PER_INCH = 914400
SLIDE_W, SLIDE_H = 12192000, 6858000         # PowerPoint's own 16:9 size, 13.333 × 7.5 in
WIDTH, HEIGHT = SLIDE_W / EMU_PER_INCH, SLIDE_H / EMU_PER_INCH
MARGIN = 0.5                                 # inches, all sides except the footer's
CONTENT_W = WIDTH - 2 * MARGIN
GAP = 0.1                                    # between stacked blocks
PAD_X, PAD_Y = 0.1, 0.05                     # python-pptx's default text box insets
LEADING = 1.2                                # row height as a multiple of the font size
BLANK_LAYOUT = 6                             # "Blank" in the default template

LATIN_FONT, CJK_FONT = "Noto Sans", "Noto Sans CJK SC"
INK, GREY = RGBColor(0x1F, 0x29, 0x37), RGBColor(0x6B, 0x72, 0x80)

TITLE_PT, TITLE_MIN_PT, TITLE_ROWS = 30, 28, 2
LINE_PT, LINE_ROWS = 18, 5
BADGE_PT, BADGE_ROWS = 14, 2
KPI_VALUE_PT, KPI_VALUE_MIN_PT, KPI_VALUE_ROWS, KPI_LABEL_PT, KPI_LABEL_ROWS = 38, 24, 2, 14, 2
KPI_PER_ROW, KPI_MAX, KPI_COLUMN_W = 4, 8, 3.2
SOURCE_PT, SOURCE_ROWS = 10, 4
FOOTER_PT, FOOTER_W = 9, 7.0

# One wrap unit: a CJK character (a line may break after any), a word with its trailing spaces,
# or a run of spaces.
CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
TOKENS = re.compile(rf"[{CJK}]|[^\s{CJK}]+\s*|\s+")


@dataclass
class Slide:
    title: str                                # in the reader's language (may be Chinese)
    lines: Sequence[str]                      # 1–3 short lines of narrative
    image: bytes | None = None                # a PNG (chart or map), fitted with its aspect kept
    kpis: Sequence[tuple[str, str]] = ()      # (label, value), shown as big numbers
    sources: Sequence[str] = ()               # "Source: Xinhua: Hubs approved (grade A) · as of 2025-06"
    badges: Sequence[str] = ()                # check status lines like "#12 confirmed"
    link: str = ""                            # the URL that reopens this view in the app


def deck(slides: Sequence[Slide], *, title: str, subtitle: str, footer: str) -> bytes:
    """16:9 .pptx: a title slide, then one slide per Slide."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(SLIDE_W), Emu(SLIDE_H)
    title_slide(prs, title, subtitle, footer)
    for content in slides:
        content_slide(prs, content, footer)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


# Measuring text. No font files are read: widths are generous averages, so estimates err
# toward more rows (a little spare room) rather than fewer (text spilling out of its box).

def em_width(text: str, bold: bool = False) -> float:
    """Width in ems: wide (CJK) characters are square, others about 0.6 em in Noto Sans, and
    0.7 em in bold (a viewer without Noto Sans draws bold digits in a wider face, DejaVu Sans
    Bold at 0.7 em: seen in LibreOffice, where 0.6 em let big numbers wrap over each other)."""
    narrow = 0.7 if bold else 0.6
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else narrow for c in text)


def rows(text: str, size: float, width: float, bold: bool = False) -> int:
    """Rows `text` takes at `size` pt in a word-wrapped box `width` inches wide."""
    capacity = (width - 2 * PAD_X) * 72 / size          # ems per row
    count, used = 1, 0.0
    for token in TOKENS.findall(text):
        if used and used + em_width(token.rstrip(), bold) > capacity:
            count, used = count + 1, 0.0                 # the word moves to the next row
        w = em_width(token, bold)
        while w > capacity:                              # a word longer than a row (a URL) breaks anywhere
            count, w = count + 1, w - capacity
        used += w
    return count


def box_height(row_count: int, size: float) -> float:
    """Inches a box needs for `row_count` rows at `size` pt, insets included."""
    return row_count * size * LEADING / 72 + 2 * PAD_Y


def clip(text: str, size: float, width: float, max_rows: int, suffix: str = "", bold: bool = False) -> str:
    """`text` if it fits in `max_rows`, else its longest prefix that fits with "…" + `suffix`."""
    if rows(text, size, width, bold) <= max_rows:
        return text
    low, high = 0, len(text)                             # binary search on the prefix length
    while low < high:
        mid = (low + high + 1) // 2
        if rows(text[:mid].rstrip() + "…" + suffix, size, width, bold) <= max_rows:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…" + suffix


def fit_lines(lines: Sequence[str], size: float, width: float, max_rows: int) -> list[str]:
    """The lines as paragraphs within `max_rows`; what does not fit is cut (it is in the notes)."""
    kept, used = [], 0
    for line in lines:
        if used == max_rows:                             # no room left: mark the cut on the last line
            kept[-1] = clip(kept[-1] + " …", size, width, rows(kept[-1], size, width))
            break
        kept.append(clip(line, size, width, max_rows - used))
        used += rows(kept[-1], size, width)
        if kept[-1] != line:                             # this line was cut, with its "…": stop here
            break
    return kept


def fit_sources(sources: Sequence[str], width: float) -> list[str]:
    """One paragraph per source while they fit in SOURCE_ROWS; else all joined into one wrapping
    paragraph, cut after the last source that fits, with "… (n more)" (all are in the notes)."""
    if sum(rows(s, SOURCE_PT, width) for s in sources) <= SOURCE_ROWS:
        return list(sources)
    total = len(sources)
    for shown in range(total, 0, -1):
        more = "" if shown == total else f" … ({total - shown} more)"
        # One paragraph: list dashes go, and a heading ("Sources …:") runs straight into its list.
        text = " · ".join(s.removeprefix("- ") for s in sources[:shown]).replace(": · ", ": ") + more
        if rows(text, SOURCE_PT, width) <= SOURCE_ROWS:
            return [text]
    # Even the first source alone is too long: cut inside it, still counting the rest.
    return [clip(sources[0], SOURCE_PT, width, SOURCE_ROWS, f" ({total - 1} more)" if total > 1 else "")]


# Writing text. Every run names both typefaces and every box keeps the size it was measured for.

def style(run, text: str, size: float, *, bold: bool = False, color: RGBColor = INK) -> None:
    """Set a run's text and font. The Latin typeface alone leaves Chinese to each viewer's
    fallback (often boxes or a mismatched face); `a:ea` names the face used for CJK glyphs."""
    run.text = " ".join(text.split())                    # a line break here would add a row nobody measured
    font = run.font
    font.size, font.bold = Pt(size), bold
    font.color.rgb = color
    font.name = LATIN_FONT                               # writes a:latin
    r_pr = run._r.get_or_add_rPr()
    ea = r_pr.find(qn("a:ea"))
    if ea is None:
        ea = OxmlElement("a:ea")
        r_pr.find(qn("a:latin")).addnext(ea)             # schema order: latin, ea, cs, sym, hlinkClick
    ea.set("typeface", CJK_FONT)


def emu(inches: float) -> Emu:
    return Emu(round(inches * EMU_PER_INCH))


def text_box(slide, left: float, top: float, width: float, height: float, paragraphs: Sequence[str],
             size: float, *, bold: bool = False, color: RGBColor = INK,
             align: PP_ALIGN = PP_ALIGN.LEFT, anchor: MSO_ANCHOR = MSO_ANCHOR.TOP):
    """A word-wrapping text box, one paragraph per string, all in one style."""
    shape = slide.shapes.add_textbox(emu(left), emu(top), emu(width), emu(height))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE                 # keep the measured size; viewers must not grow it
    frame.vertical_anchor = anchor
    for i, text in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = align
        style(paragraph.add_run(), text, size, bold=bold, color=color)
    return shape


def footer_box(slide, footer: str, link: str = "", size: float = FOOTER_PT) -> float:
    """Footer text and link, small at the bottom right; returns the box's top. The shown link is
    cut to one row (app URLs carry the whole view state), the click target stays complete."""
    shown = [clip(footer, size, FOOTER_W, 1)] if footer else []
    if link:
        shown.append(clip(link, size, FOOTER_W, 1))
    if not shown:
        return HEIGHT - MARGIN / 2
    height = box_height(len(shown), size)
    top = HEIGHT - MARGIN / 2 - height
    shape = text_box(slide, WIDTH - MARGIN - FOOTER_W, top, FOOTER_W, height, shown, size,
                     color=GREY, align=PP_ALIGN.RIGHT, anchor=MSO_ANCHOR.BOTTOM)
    if link:
        shape.text_frame.paragraphs[-1].runs[0].hyperlink.address = link
    return top


# Slides.

def title_slide(prs, title: str, subtitle: str, footer: str) -> None:
    """The deck's title over its subtitle, the pair centred on the slide, with the footer."""
    slide = prs.slides.add_slide(prs.slide_layouts[BLANK_LAYOUT])
    title = clip(title, 40, CONTENT_W, 2, bold=True)
    subtitle = clip(subtitle, 24, CONTENT_W, 3)
    title_h = box_height(rows(title, 40, CONTENT_W, bold=True), 40)
    subtitle_h = box_height(rows(subtitle, 24, CONTENT_W), 24) if subtitle else 0
    top = (HEIGHT - title_h - GAP - subtitle_h) / 2
    text_box(slide, MARGIN, top, CONTENT_W, title_h, [title], 40, bold=True, align=PP_ALIGN.CENTER)
    if subtitle:
        text_box(slide, MARGIN, top + title_h + GAP, CONTENT_W, subtitle_h, [subtitle], 24, color=GREY,
                 align=PP_ALIGN.CENTER)
    footer_box(slide, footer, size=12)


def content_slide(prs, content: Slide, footer: str) -> None:
    """Title, lines and badges from the top; footer and sources from the bottom; the picture
    and KPIs share what is left in between."""
    slide = prs.slides.add_slide(prs.slide_layouts[BLANK_LAYOUT])
    top = MARGIN * 0.7
    # Long titles step down to the smaller size before being cut.
    size = TITLE_PT if rows(content.title, TITLE_PT, CONTENT_W, bold=True) == 1 else TITLE_MIN_PT
    title = clip(content.title, size, CONTENT_W, TITLE_ROWS, bold=True)
    top = stacked(slide, top, [title], size, bold=True)
    top = stacked(slide, top, fit_lines(content.lines, LINE_PT, CONTENT_W, LINE_ROWS), LINE_PT)
    if content.badges:
        badges = clip("  ·  ".join(content.badges), BADGE_PT, CONTENT_W, BADGE_ROWS)
        top = stacked(slide, top, [badges], BADGE_PT, color=GREY)

    bottom = footer_box(slide, footer, content.link) - GAP
    if content.sources:
        sources = fit_sources(content.sources, CONTENT_W)
        height = box_height(sum(rows(s, SOURCE_PT, CONTENT_W) for s in sources), SOURCE_PT)
        bottom -= height
        text_box(slide, MARGIN, bottom, CONTENT_W, height, sources, SOURCE_PT, color=GREY,
                 anchor=MSO_ANCHOR.BOTTOM)
        bottom -= GAP

    kpis = list(content.kpis)[:KPI_MAX]                 # more no longer read as big numbers; all are in the notes
    height = bottom - top
    if content.image and kpis:
        picture_with_kpis(slide, content.image, kpis, MARGIN, top, CONTENT_W, height)
    elif content.image:
        picture(slide, content.image, MARGIN, top, CONTENT_W, height)
    elif kpis:
        kpi_grid(slide, kpis, kpi_layout(kpis, CONTENT_W, height), MARGIN, top, CONTENT_W, height)
    write_notes(slide, content)


def stacked(slide, top: float, paragraphs: list[str], size: float, **style_args) -> float:
    """A full-width box at `top` just tall enough for `paragraphs`; returns the next free top."""
    if not paragraphs:
        return top
    height = box_height(sum(rows(p, size, CONTENT_W, style_args.get("bold", False)) for p in paragraphs), size)
    text_box(slide, MARGIN, top, CONTENT_W, height, paragraphs, size, **style_args)
    return top + height + GAP


def fitted(png: bytes, width: float, height: float) -> tuple[float, float]:
    """The picture's size scaled to fit `width` × `height` with its aspect ratio kept."""
    px_w, px_h = Image.from_blob(png).size
    scale = min(width / px_w, height / px_h)
    return px_w * scale, px_h * scale


def picture(slide, png: bytes, left: float, top: float, width: float, height: float) -> None:
    """The PNG as large as the area allows, centred in it."""
    pic_w, pic_h = fitted(png, width, height)
    # Sizes round down so the picture never pokes out of its area by a rounding EMU.
    slide.shapes.add_picture(io.BytesIO(png), emu(left + (width - pic_w) / 2), emu(top + (height - pic_h) / 2),
                             Emu(math.floor(pic_w * EMU_PER_INCH)), Emu(math.floor(pic_h * EMU_PER_INCH)))


def value_fit(value: str, width: float) -> tuple[float, int]:
    """Size and rows of a KPI's value: the largest size that keeps it on one row; at the
    smallest size, up to KPI_VALUE_ROWS rows (a number is never cut short)."""
    size = KPI_VALUE_PT
    while size > KPI_VALUE_MIN_PT and rows(value, size, width, bold=True) > 1:
        size -= 2
    return size, min(rows(value, size, width, bold=True), KPI_VALUE_ROWS)


def kpi_cell_height(kpis: Sequence[tuple[str, str]], width: float) -> float:
    """Height of one KPI cell: as many value and label rows as the tallest KPI needs."""
    value_pt = max(size * count for size, count in (value_fit(value, width) for _, value in kpis))
    label_rows = max(min(rows(label, KPI_LABEL_PT, width), KPI_LABEL_ROWS) for label, _ in kpis)
    return (value_pt + label_rows * KPI_LABEL_PT) * LEADING / 72 + 2 * PAD_Y


def kpi_cell(slide, label: str, value: str, left: float, top: float, width: float, height: float) -> None:
    """One big number over its label. Long values step down in size to stay on one row."""
    size, count = value_fit(value, width)
    shape = text_box(slide, left, top, width, height, [clip(value, size, width, count, bold=True)], size,
                     bold=True, align=PP_ALIGN.CENTER)
    paragraph = shape.text_frame.add_paragraph()
    paragraph.alignment = PP_ALIGN.CENTER
    style(paragraph.add_run(), clip(label, KPI_LABEL_PT, width, KPI_LABEL_ROWS), KPI_LABEL_PT, color=GREY)


def kpi_layout(kpis: Sequence[tuple[str, str]], width: float, height: float) -> tuple[int, float, float]:
    """KPIs per row, cell width and cell height for a grid in `width` × `height`. When the area is
    short, more KPIs go in each row rather than rows spilling below it."""
    per_row = KPI_PER_ROW
    while True:
        cell_w = width / min(per_row, len(kpis))
        cell_h = kpi_cell_height(kpis, cell_w)
        if math.ceil(len(kpis) / per_row) * cell_h <= height or per_row >= len(kpis):
            return per_row, cell_w, cell_h
        per_row += 1


def kpi_grid(slide, kpis: Sequence[tuple[str, str]], layout: tuple[int, float, float], left: float,
             top: float, width: float, height: float) -> None:
    """KPIs as rows of big numbers, laid out by `kpi_layout` and centred in the area."""
    per_row, cell_w, cell_h = layout
    top += max(height - math.ceil(len(kpis) / per_row) * cell_h, 0) / 2
    for i, (label, value) in enumerate(kpis):
        row, col = divmod(i, per_row)
        in_row = min(per_row, len(kpis) - row * per_row)
        offset = (width - in_row * cell_w) / 2           # a short last row is centred under the full ones
        kpi_cell(slide, label, value, left + offset + col * cell_w, top + row * cell_h, cell_w, cell_h)


def picture_with_kpis(slide, png: bytes, kpis: Sequence[tuple[str, str]], left: float, top: float,
                      width: float, height: float) -> None:
    """Picture and KPIs together: a KPI column beside the picture when it fits and leaves the
    picture larger (wide areas, tall pictures), else a KPI row below the picture."""
    column_h = len(kpis) * kpi_cell_height(kpis, KPI_COLUMN_W)
    beside_w, beside_h = fitted(png, width - KPI_COLUMN_W - GAP, height)
    layout = kpi_layout(kpis, width, height)
    grid_h = math.ceil(len(kpis) / layout[0]) * layout[2]
    picture_h = max(height - grid_h - GAP, 0.01)
    below_w, below_h = fitted(png, width, picture_h)
    if column_h <= height and beside_w * beside_h >= below_w * below_h:
        picture(slide, png, left, top, width - KPI_COLUMN_W - GAP, height)
        cell_h = column_h / len(kpis)
        first = top + (height - column_h) / 2             # centred beside the picture
        for i, (label, value) in enumerate(kpis):
            kpi_cell(slide, label, value, left + width - KPI_COLUMN_W, first + i * cell_h, KPI_COLUMN_W, cell_h)
    else:
        picture(slide, png, left, top, width, picture_h)
        kpi_grid(slide, kpis, layout, left, top + height - grid_h, width, grid_h)


def write_notes(slide, content: Slide) -> None:
    """Presenters read the notes: the full lines, KPIs, badges, sources and link, none cut."""
    parts = [*content.lines]
    parts += [f"{label}: {value}" for label, value in content.kpis]
    parts += [*content.badges, *content.sources]
    if content.link:
        parts.append(content.link)
    if not parts:
        return
    frame = slide.notes_slide.notes_text_frame
    for i, text in enumerate(parts):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        style(paragraph.add_run(), text, 12)
