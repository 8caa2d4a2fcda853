"""The one way a page shows a chart, a KPI or a table: the figure, its source and as-of line,
and a table view of the data behind it. Export and presenter sizing plug in here later.
"""

from __future__ import annotations

import html
import math
from urllib.parse import urlencode, urlsplit

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from atlas import db, export
from atlas.frame import lang, t
from atlas.i18n import to_hant

MAX_CITED = 2  # a caption names at most this many sources; more are summarised by grade
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def fmt_number(value, qualifier: str | None = None, digits: int = 0) -> str:
    """`>50,000`, `≈1.9`, or n/a for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return t("common.na")
    prefix = qualifier if isinstance(qualifier, str) else ""
    return f"{prefix}{value:,.{digits}f}"


def fmt_value(value, qualifier=None, digits: int = 0, note: str | None = None, unit: str = "",
              claim: str | None = None) -> str:
    """A figure for a table cell: qualifier, number, unit, an optional note in brackets, and a
    flag when the figure is only the article's (the page explains the flag)."""
    if value is None or pd.isna(value):
        return t("common.na")
    text = fmt_number(value, qualifier, digits) + unit
    if note:
        text += f" ({note})"
    if isinstance(claim, str) and claim:
        text += " " + t("show.article_flag")
    return text


def fmt_before_after(row: dict) -> str:
    """A use case's figure: "36 → 28 months", "≈6 months", "−45 %", or n/a when the article
    gives no number (e.g. "millimetre-level")."""
    def num(value) -> str | None:
        if value is None or pd.isna(value):
            return None
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")

    unit = row["unit"] if isinstance(row["unit"], str) else ""
    signed = unit == "% change"
    unit = "%" if signed else unit
    before, after = num(row["before"]), num(row["after"])
    qualifier = row["qualifier"] if isinstance(row["qualifier"], str) else ""
    if after is not None:
        after = qualifier + ("+" if signed and row["after"] > 0 else "") + after.replace("-", "−")
        text = f"{before} → {after}" if before is not None else after
    elif before is not None:
        text = f"{t('uc.before')} {qualifier}{before}"
    else:
        return t("common.na")
    return f"{text} {unit}".strip()


def claim_text(claim: dict) -> str:
    """What the article says, in the reader's language (its own words in Chinese)."""
    if lang() == "en":
        return claim["value_text_en"]
    return to_hant(claim["article_text_zh"]) if lang() == "zh-Hant" else claim["article_text_zh"]


def claim_badge(claim: dict) -> str:
    return badge(claim["check"], f"#{claim['num']} ")


def source_line(source_ids, as_of: str | None = None, derived: str | None = None) -> None:
    """A caption citing the sources (publisher, title, grade, link), the as-of date and how a
    derived number was derived. Many sources are summarised by grade; the table view lists them."""
    ids = [s for s in dict.fromkeys(source_ids) if isinstance(s, str) and s]
    sources = db.run_query("source_list").set_index("id")
    cited = sources.loc[[i for i in ids if i in sources.index]]
    if len(cited) > MAX_CITED:
        grades = cited["quality"].value_counts().sort_index()
        text = t("show.many_sources", n=len(cited), grades=", ".join(f"{g} {n}" for g, n in grades.items()))
    elif len(cited):
        parts = []
        for _, src in cited.iterrows():
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


def escape_md(text: str) -> str:
    """Keep curated titles literal in Markdown (brackets and asterisks are common in them)."""
    for ch in "\\[]*_`<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def chart(fig: go.Figure, data: pd.DataFrame, *, key: str, source_ids, as_of: str | None = None,
          derived: str | None = None) -> None:
    """A Plotly chart with its source line, the rows behind it and its exports."""
    st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, width="stretch")
    source_line(source_ids, as_of, derived)
    left, right = st.columns([4, 1], vertical_alignment="top")
    with left:
        table_view(data, key=f"{key}_table")
    with right:
        export_menu(fig, data, key=key, source_ids=source_ids, as_of=as_of)


def permalink() -> str:
    """The link that reopens the current view: this page and its URL state."""
    parts = urlsplit(str(st.context.url or ""))
    base = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    path = st.session_state.get("page_path", "")
    query = urlencode(st.query_params.to_dict())
    return f"{base}/{path}" + (f"?{query}" if query else "")


def export_menu(fig: go.Figure, data: pd.DataFrame, *, key: str, source_ids, as_of: str | None) -> None:
    """Downloads of a chart and its data, each made only when clicked: PNG (2×), SVG, offline
    HTML, CSV, XLSX, and the "this view" ZIP with the citation (sources, as-of, the link
    that reopens the view, the export date)."""
    title = fig.layout.title.text or key
    ids = [s for s in dict.fromkeys(source_ids) if isinstance(s, str) and s]
    sources = db.run_query("source_list")
    cited = sources[sources["id"].isin(ids)]
    citation = export.citation_lines(title, cited, (None, as_of), permalink())
    stem = key.replace("_", "-")

    def image(fmt: str):
        def make() -> bytes:
            # A chart Chromium cannot draw in time comes as HTML instead: never a hang.
            return export.figure_image(fig, fmt) or export.figure_html(fig, title)
        return make

    images = [("PNG", image("png"), f"{stem}.png", "image/png"),
              ("SVG", image("svg"), f"{stem}.svg", "image/svg+xml")] if export.images_available() else []
    with st.popover(t("show.export"), icon=":material/download:", width="stretch"):
        st.caption(t("show.export_note"))
        if not images:
            st.caption(t("show.images_unavailable"))
        for label, data_fn, name, mime in (
            *images,
            ("HTML", lambda: export.figure_html(fig, title), f"{stem}.html", "text/html"),
            ("CSV", lambda: export.to_csv(data), f"{stem}.csv", "text/csv"),
            ("XLSX", lambda: export.to_xlsx(data, citation), f"{stem}.xlsx",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (t("show.bundle"), lambda: export.bundle(fig, data, title, citation), f"{stem}.zip", "application/zip"),
        ):
            st.download_button(label, data_fn, name, mime, key=f"{key}_dl_{name}", on_click="ignore", width="stretch")


def table(data: pd.DataFrame, *, key: str, columns: dict[str, str], source_ids=(),
          as_of: str | None = None, links: tuple[str, ...] = (), derived: str | None = None,
          static: bool = False, selectable: bool = False) -> int | None:
    """A table of the given columns (key -> translated header), with its source line.

    `static` draws a plain table (small, read at a glance, no grid to load) instead of the
    interactive, sortable grid. With `selectable`, returns the position of the row the reader
    clicked, if any.
    """
    shown = _with_na(data[list(columns)])
    picked = None
    if static:
        st.table(shown.rename(columns=columns).set_index(columns[next(iter(columns))]))
    else:
        config = {col: (st.column_config.LinkColumn(label) if col in links else label)
                  for col, label in columns.items()}
        event = st.dataframe(shown, hide_index=True, key=key, width="stretch", column_config=config,
                             on_select="rerun" if selectable else "ignore", selection_mode="single-row")
        rows = event.selection.rows if selectable else []
        picked = rows[0] if rows else None
    if source_ids is not None and len(source_ids) or as_of or derived:
        source_line(source_ids, as_of, derived)
    return picked


def legend(entries: list[tuple[list[int], str]]) -> None:
    """Colour swatches with their meaning, on one line under a map."""
    swatches = " ".join(
        f'<span style="white-space:nowrap;margin-right:1.2em"><span style="display:inline-block;width:0.9em;'
        f'height:0.9em;border-radius:50%;border:1.5px solid #374151;background:rgb{tuple(color[:3])};'
        f'vertical-align:middle"></span> {html.escape(label)}</span>' for color, label in entries)
    st.markdown(swatches, unsafe_allow_html=True)


@st.fragment
def table_view(data: pd.DataFrame, *, key: str) -> None:
    """The rows behind a chart or KPI group, drawn only once the reader opens them (the grid is
    the heaviest element of a page; opening it reruns only this fragment)."""
    box = st.expander(t("show.table_view"), icon=":material/table:", key=f"{key}_open", on_change="rerun")
    if box.open:
        box.dataframe(_with_na(data), hide_index=True, key=key, width="stretch")


def _with_na(data: pd.DataFrame) -> pd.DataFrame:
    """Unknown text shows as n/a (numbers stay numeric so columns still sort)."""
    shown = data.copy()
    text = [c for c in shown if pd.api.types.is_string_dtype(shown[c]) or pd.api.types.is_object_dtype(shown[c])]
    shown[text] = shown[text].astype(object).where(shown[text].notna(), t("common.na"))
    return shown


def kpi(label: str, value: str, *, source_ids, as_of: str | None, delta: str | None = None,
        help: str | None = None, derived: str | None = None, delta_color: str = "normal") -> None:
    """A headline number with its source and date right under it."""
    st.metric(label, value, delta=delta, help=help, delta_color=delta_color)
    source_line(source_ids, as_of, derived)


def badge(check: str, label: str = "") -> str:
    """The check status of an article claim as a coloured Streamlit badge."""
    color = {"confirmed": "green", "partly": "orange", "contradicted": "red", "not_found": "gray"}[check]
    return f":{color}-badge[{label}{t('check.' + check)}]"
