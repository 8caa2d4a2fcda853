"""The one way a page shows a chart, a KPI, a map's extras or a table: the figure, its source
and as-of line, the data behind it, and its export menu.
"""

from __future__ import annotations

import hashlib
import html
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from atlas.build import charts, export, maps, numbers
from atlas.data.datasets import SchemaError
from atlas.data.store import TableUnavailable
from atlas.i18n import catalog
from atlas.ui import cache, downloads, fit
from atlas.ui.shell import fragment, lang, presenting, t

MAX_CITED = 2  # a caption names at most this many sources; more are summarised by grade
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
PRESENTER_FONT = 21  # px; the pages' charts use 15
PRESENTER_FONT_SMALL = 18  # px, on a screen under 900 px high (a 1280×720 projector)
PRESENTER_RESERVE = 150  # px under a presenter's chart: its source line (two or three lines), export menu and table view


def fmt_number(value, qualifier: str | None = None, digits: int = 0) -> str:
    """`numbers.fmt_number` in the reader's language."""
    return numbers.fmt_number(value, qualifier, digits, lang=lang())


def fmt_value(value, qualifier=None, digits: int = 0, **options) -> str:
    """`numbers.fmt_value` in the reader's language."""
    return numbers.fmt_value(value, qualifier, digits, lang=lang(), **options)


def fmt_before_after(row: dict) -> str:
    return numbers.fmt_before_after(row, lang=lang())


def fmt_figure(value, digits: int = 0, sign: bool = False) -> str:
    """`numbers.fmt_figure` in the reader's language."""
    return numbers.fmt_figure(value, digits, sign=sign, lang=lang())


def with_unit(figure: str, unit_word: str) -> str:
    """`numbers.with_unit` in the reader's language: "10.94万 P", "12小时"."""
    return numbers.with_unit(figure, unit_word, lang=lang())


def fmt_amount(value, unit: str = "", digits: int = 0, sign: bool = False) -> str:
    """`numbers.fmt_amount` in the reader's language: 3784万元, 37.84M CNY."""
    return numbers.fmt_amount(value, unit, digits=digits, sign=sign, lang=lang())


def delta(text: str | None) -> str | None:
    """A metric's delta: Streamlit picks the arrow and colour from a leading ASCII "-", so the
    minus sign (−) of a written figure becomes one there."""
    return "-" + text[1:] if text and text.startswith(numbers.MINUS) else text


def claim_text(claim: dict) -> str:
    return numbers.claim_text(claim, lang())


def claim_badge(claim: dict) -> str:
    return badge(claim["check"], f"#{claim['num']} ")


def source_line(source_ids, as_of: str | None = None, derived: str | None = None) -> None:
    """A caption citing the sources (publisher, title, grade, link), the as-of date and how a
    derived number was derived. Many sources are summarised by grade; the table view lists them."""
    cited = _cited(source_ids)
    if len(cited) > MAX_CITED:
        grades = sorted(Counter(cited["quality"]).items())  # pandas' value_counts cost ~4 % of a busy server
        text = t("show.many_sources", n=len(cited), grades=", ".join(f"{g} {n}" for g, n in grades))
    elif len(cited):
        parts = []
        for src in cited.to_dict("records"):
            label = escape_md(f"{src['publisher']}: {src['title']}")
            link = f"[{label}]({src['url']})" if isinstance(src["url"], str) and src["url"] else label
            parts.append(f"{link} ({t('common.grade')} {src['quality']})")
        text = t("show.sources") + " " + "; ".join(parts)
    else:
        text = t("show.no_source")
    if as_of:
        text += " · " + t("show.as_of", date=as_of)
    if derived:
        text += " · " + derived
    st.caption(text)


def _cited(source_ids) -> pd.DataFrame:
    """The listed sources among `source_ids` (each once, in the order given; ids that are not
    text, such as NaN from an unsourced row, are skipped), or none when sources.csv failed
    validation (About names the fault): a caption or an export then cites no source rather
    than breaking the page."""
    try:
        return cache.cited_sources(tuple(s for s in dict.fromkeys(source_ids) if isinstance(s, str) and s))
    except (TableUnavailable, SchemaError):
        return pd.DataFrame(columns=["id", "publisher", "title", "url", "quality"])


def escape_md(text: str) -> str:
    """Keep curated titles literal in Markdown (brackets and asterisks are common in them)."""
    for ch in "\\[]*_`<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def chart(fig: go.Figure, data: pd.DataFrame, *, key: str, source_ids, as_of: str | None = None,
          derived: str | None = None, slide: bool = False) -> None:
    """A Plotly chart with its source line, the rows behind it and its exports. A presenter's
    chart has larger type (readable from the back of a room; a copy, since panels are shared)
    and fills the screen below where it starts."""
    if presenting():  # without Streamlit's chart theme, which sets its own small type
        height, measured = fit.chart_height(key, reserve=PRESENTER_RESERVE, default=440)
        font = PRESENTER_FONT if measured is None or measured.viewport >= 900 else PRESENTER_FONT_SMALL
        st.plotly_chart(charts.presented(fig, height=height, font=font, grow=not slide), key=key, config=PLOTLY_CONFIG,
                        width="stretch", theme=None)
        fit.mark(key, measured)
    else:
        st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, width="stretch")
    title = fig.layout.title.text or key

    def images() -> dict[str, bytes | None]:
        return {f"chart.{kind}": export.figure_image(fig, kind) for kind in ("png", "svg")}

    view = Exportable(key, title, labelled(data), citation(title, source_ids, as_of),
                      html=lambda: export.figure_html(fig, title), images=images,
                      ident=hashlib.sha1(fig.to_json().encode()).hexdigest(), kind="chart")
    with st.container(horizontal=True, wrap=False):  # the menu keeps its width in half-page columns
        source_line(source_ids, as_of, derived)
        export_menu(view)
    table_view(data, key=f"{key}_table")


def permalink() -> str:
    """The link that reopens the current view: this page and its URL state."""
    parts = urlsplit(str(st.context.url or ""))
    base = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    path = st.session_state.get("page_path", "")
    query = urlencode(st.query_params.to_dict(), safe=",")
    return f"{base}/{path}" + (f"?{query}" if query else "")


def citation(title: str, source_ids, as_of: str | None) -> list[str]:
    """The citation lines of an export of this view, in the reader's language."""
    return export.citation_lines(title, _cited(source_ids), (None, as_of), permalink(), lang(),
                                 release=cache.data_release())


def labelled(data: pd.DataFrame) -> pd.DataFrame:
    """The rows with their column headers in the reader's language (a column without a
    translation keeps its dataset name, as on the Data page)."""
    words = catalog(lang())
    return data.rename(columns={c: words.get(f"col.{c}", c) for c in data.columns})


@dataclass
class Exportable:
    """One chart, map or table as its export menu offers it."""

    key: str
    title: str
    data: pd.DataFrame  # exactly the rows shown, headers in the reader's language
    citation: list[str]
    html: Callable[[], bytes] | None = None  # the interactive file, made on click
    images: Callable[[], dict[str, bytes | None]] | None = None  # {"chart.png": bytes or None, ...}
    ident: str = ""  # changes whenever what is drawn changes, so made images never go stale
    kind: str = "table"  # chart, map or table: names the menu's note and image button


def export_menu(view: Exportable) -> None:
    """The downloads of one view, in a menu of fixed width: beside a long source line in a
    half-page column, its button was squeezed until "Export" broke over two lines."""
    with st.container(width=150):
        _export_popover(view)


@fragment
def _export_popover(view: Exportable) -> None:
    """The downloads of one view. Files are made when clicked; images (drawn by headless
    Chromium) are made first on request, so a renderer that fails or runs out of time ends in
    a message and the HTML file, never a hung page or a file that is not what its name says.
    A fragment: making the images reruns only this menu."""
    stem = view.key.replace("_", "-")
    made_key = f"{view.key}_images"
    made = st.session_state.get(made_key)
    images = made[1] if made and made[0] == view.ident else None
    with st.popover(t("show.export"), icon=":material/download:", width="stretch"):
        st.caption(t(f"show.note_{view.kind}"))
        if view.images and images is None and st.button(t(f"show.make_{view.kind}"), key=f"{view.key}_make",
                                                        icon=":material/image:", width="stretch"):
            with st.spinner(t("show.making_images")):
                images = view.images()
            st.session_state[made_key] = (view.ident, images)
        for name, content in (images or {}).items():
            kind = name.rsplit(".", 1)[1]
            if content:
                st.download_button(kind.upper(), content, f"{stem}.{kind}", downloads.MIME[kind], key=f"{view.key}_dl_{kind}",
                                   on_click="ignore", width="stretch")
        if images is not None and not all(images.values()):
            st.warning(t("show.images_failed"))

        def zipped() -> bytes:
            files = images if images is not None else (view.images() if view.images else {})
            kept = {name: content for name, content in files.items() if content}
            if view.html and len(kept) < len(files):  # an image failed: the interactive file instead
                kept[next(iter(files)).rsplit(".", 1)[0] + ".html"] = view.html()
            return export.bundle(kept, view.data, view.citation)

        lazy = [("HTML", view.html, "html")] if view.html else []
        lazy += [("CSV", lambda: export.to_csv(view.data), "csv"),
                      ("XLSX", lambda: export.to_xlsx(view.data, view.citation), "xlsx"),
                      (t("show.bundle"), zipped, "zip")]
        for label, make, kind in lazy:
            downloads.button(label, make, f"{stem}.{kind}", key=f"{view.key}_dl_{kind}", width="stretch")


def table(data: pd.DataFrame, *, key: str, title: str, columns: dict[str, str], source_ids=(),
          as_of: str | None = None, links: tuple[str, ...] = (), derived: str | None = None,
          static: bool = False, selectable: bool = False, formats: dict | None = None) -> int | None:
    """A table of the given columns (key -> translated header), with its source line and its
    exports (exactly the rows and columns shown, under the same headers).

    `formats` (column -> a function of a cell, or the column's cells written out) writes a
    numeric column for the reader (3784万) on screen only: the exports keep the raw numbers,
    the unit being in the column's header.

    `static` draws a plain table (small, read at a glance, no grid to load) instead of the
    interactive, sortable grid. With `selectable`, returns the position of the row the reader
    clicked, if any.
    """
    visible = _with_na(data[list(columns)])
    picked = None
    drawn = visible.copy()
    for col, write in (formats or {}).items():  # a function of a cell, or the column written out
        drawn[col] = drawn[col].map(write).astype(object) if callable(write) else pd.Series(write, drawn.index, object)
    if static:
        # st.table renders cells and headers as Markdown: '>100,000 P' became a quote without
        # its '>', and a '#' header an empty heading. No index column: its header has no name.
        literal = drawn.map(lambda v: escape_md(v) if isinstance(v, str) else v)
        st.table(literal.rename(columns={col: escape_md(label) for col, label in columns.items()}), hide_index=True)
    else:
        config = {col: (st.column_config.LinkColumn(label) if col in links else label)
                  for col, label in columns.items()}
        event = st.dataframe(drawn, hide_index=True, key=key, width="stretch", column_config=config,
                             on_select="rerun" if selectable else "ignore", selection_mode="single-row")
        rows = event.selection.rows if selectable else []
        picked = rows[0] if rows else None
    cited = source_ids is not None and len(source_ids) or as_of or derived
    with st.container(horizontal=True, wrap=False):
        if cited:
            source_line(source_ids, as_of, derived)
        export_menu(Exportable(key, title, visible.rename(columns=columns),
                               citation(title, source_ids if source_ids is not None else (), as_of)))
    return picked


def map_export(deck, *, key: str, title: str, legend: list[tuple[list[int], str]], data: pd.DataFrame,
               source_ids, as_of: str | None = None) -> None:
    """The export menu of a map: a PNG snapshot and an offline HTML file of `deck`, the map on
    screen (redrawn without tiles, framed for a 1400×900 page, only when clicked), with its
    legend and sources, and `data`, the rows behind it as shown."""
    cite = citation(title, source_ids, as_of)

    def page() -> bytes:
        return export.map_html(maps.framed(deck), title, legend, cite)

    # The map is fully set by the link and the language, so they identify a made snapshot.
    export_menu(Exportable(key, title, data, cite, html=page, images=lambda: {"map.png": export.page_image(page())},
                           ident=permalink() + lang(), kind="map"))


def shown(data: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The columns of a table as the reader sees them: translated headers, n/a for unknowns."""
    return _with_na(data[list(columns)]).rename(columns=columns)


def panel(p, *, slide: bool = False) -> None:
    """Draw an `atlas.ui.panels.Panel`: its chart, map or KPI set, with its sources and exports
    (`slide`: a story step's, which must fit the presenter's screen)."""
    if p is None:  # a table it needs is withdrawn; the frame has said which and why
        return
    if p.fig is not None:
        chart(p.fig, p.data, key=p.key, source_ids=p.source_ids, as_of=p.as_of, derived=p.derived, slide=slide)
    elif p.deck is not None:
        fit.map_chart(p.deck, key=p.key, reserve=PRESENTER_RESERVE + 90, slide=slide)  # + the legend, a longer note
        legend(p.legend)
        with st.container(horizontal=True, wrap=False):
            source_line(p.source_ids, p.as_of, p.derived)
            map_export(p.deck, key=f"{p.key}_export", title=p.title, legend=p.legend,
                       data=labelled(p.data), source_ids=p.source_ids, as_of=p.as_of)
    else:
        for start in range(0, len(p.kpis), 3):
            for col, item in zip(st.columns(3), p.kpis[start:start + 3]):
                with col:
                    st.metric(item.label, item.value)
                    if item.note:
                        st.caption(item.note)
        with st.container(horizontal=True, wrap=False):
            cite(p.source_ids, p.as_of, p.derived)
            export_menu(Exportable(p.key, p.title, labelled(p.data), citation(p.title, p.source_ids, p.as_of)))
        table_view(p.data, key=f"{p.key}_table")


def legend(entries: list[tuple[list[int], str]]) -> None:
    """Colour swatches with their meaning, on one line under a map."""
    swatches = " ".join(
        f'<span style="white-space:nowrap;margin-right:1.2em"><span style="display:inline-block;width:0.9em;'
        f'height:0.9em;border-radius:50%;border:1.5px solid #374151;background:rgb{tuple(color[:3])};'
        f'vertical-align:middle"></span> {html.escape(label)}</span>' for color, label in entries)
    st.markdown(swatches, unsafe_allow_html=True)


@fragment
def table_view(data: pd.DataFrame, *, key: str) -> None:
    """The rows behind a chart or KPI group, drawn only once the reader opens them (the grid is
    the heaviest element of a page; opening it reruns only this fragment). Not in presenter
    mode: a slide ends with its sources, and the rows are in its export."""
    if presenting():
        return
    box = st.expander(t("show.table_view"), icon=":material/table:", key=f"{key}_open", on_change="rerun")
    if box.open:
        box.dataframe(labelled(_with_na(data)), hide_index=True, key=key, width="stretch")


def _with_na(data: pd.DataFrame) -> pd.DataFrame:
    """Unknown text shows as n/a (numbers stay numeric so columns still sort)."""
    shown = data.copy()
    na = t("common.na")
    # Column by column, in NumPy, only where there is a gap: pandas' astype/where over every text
    # column cost ~5 % of a busy server's time (2-3x this, measured on the shipped tables).
    for column in shown:
        values = shown[column]
        if pd.api.types.is_string_dtype(values) or pd.api.types.is_object_dtype(values):
            gaps = values.isna().to_numpy()
            if gaps.any():
                cells = values.to_numpy(dtype=object, copy=True)
                cells[gaps] = na
                shown[column] = cells
    return shown


def kpi(label: str, value: str, *, source_ids, as_of: str | None, delta: str | None = None,
        help: str | None = None, derived: str | None = None, delta_color: str = "normal") -> None:
    """A headline number read at a glance: under it one short line (as-of date and grade), the
    full citation (sources, how it was derived) one click away."""
    st.metric(label, value, delta=delta, help=help, delta_color=delta_color)
    cite(source_ids, as_of, derived)


def cite(source_ids, as_of: str | None = None, derived: str | None = None) -> None:
    """One short line, the as-of date and the sources' grades, with the full source line
    (`source_line`) in a popover beside it: how KPIs are cited on every page and in the story."""
    grades = sorted(set(_cited(source_ids)["quality"]))
    glance = [t("show.as_of", date=as_of)] if as_of else []
    glance += [f"{t('common.grade')} {'/'.join(grades)}"] if grades else []
    with st.container(horizontal=True, vertical_alignment="center", gap="small", wrap=False):
        st.caption(" · ".join(glance) or t("show.no_source"))
        with st.popover(t("show.cite"), icon=":material/info:", type="tertiary"):
            source_line(source_ids, as_of, derived)


def badge(check: str, label: str = "") -> str:
    """The check status of an article claim as a coloured Streamlit badge. Each status has its
    own icon too: green, orange and red look alike to a reader with a red-green colour-vision
    deficiency, so colour is never the only sign (WCAG 1.4.1)."""
    color, icon = {"confirmed": ("green", "check_circle"), "partly": ("orange", "contrast"),
                   "contradicted": ("red", "cancel"), "not_found": ("gray", "help")}[check]
    return f":{color}-badge[:material/{icon}: {label}{t('check.' + check)}]"
