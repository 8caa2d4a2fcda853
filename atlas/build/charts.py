"""Plotly figure builders: data and labels in, `go.Figure` out. No Streamlit, no I/O."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from atlas.build import numbers

# Every chart's template, set once: `template=` on each figure validates the whole template
# again (17 ms a chart, measured with timeit); the default is applied from a cached copy.
pio.templates.default = "plotly_white"

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"


def plot_date(partial: str) -> pd.Timestamp:
    """A point in time for a partial ISO date: a year plots mid-year, a month mid-month."""
    parts = partial.split("-")
    if len(parts) == 1:
        return pd.Timestamp(int(parts[0]), 7, 1)
    if len(parts) == 2:
        return pd.Timestamp(int(parts[0]), int(parts[1]), 15)
    return pd.Timestamp(partial)


def base_layout(fig: go.Figure, title: str, x_title: str, y_title: str) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        font={"family": FONT, "size": 15},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        # under the axis title whatever the plot's height (a paper offset overlapped a short plot's axis)
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0},
        hovermode="closest",
        xaxis_title=x_title,
        yaxis_title=y_title,
    )
    return fig


def number_axes(fig: go.Figure, lang: str) -> go.Figure:
    """The value axis and hover labels written in the reader's language. Plotly's d3 formats
    know only SI suffixes (k, M, G), not 万/亿: a Chinese axis reaching 1,000 gets its ticks
    written by `numbers.fmt_figure` (5,000, 1万, 2.5万, 1亿); English keeps Plotly's k/M with B
    for billion (`exponentformat="B"`, not SI's G). A bar's hover shows its written label."""
    fig.update_layout(separators=numbers.separators(lang))
    for trace in fig.data:
        if isinstance(trace, go.Bar) and trace.text is not None:
            category = "y" if trace.orientation == "h" else "x"
            trace.hovertemplate = f"%{{{category}}}: %{{text}}<extra>%{{fullData.name}}</extra>"
    for axis, along in (("xaxis", "x"), ("yaxis", "y")):
        drawn = [pd.Series(getattr(trace, along)) for trace in fig.data
                 if _value_axis(trace) == along and getattr(trace, along) is not None]
        values = [v for v in pd.to_numeric(pd.concat(drawn), errors="coerce") if math.isfinite(v)] if drawn else []
        layout_axis = getattr(fig.layout, axis)
        if lang == "en" or not values:
            layout_axis.exponentformat = "B"
            continue
        log = layout_axis.type == "log"
        low, high = (layout_axis.range or (min(0, *values), max(values))) if not log else (min(values), max(values))
        if max(abs(low), abs(high)) < 1000:
            continue
        ticks = _log_ticks(low, high) if log else _linear_ticks(low, high)
        layout_axis.update(tickmode="array", tickvals=ticks, ticktext=[numbers.fmt_figure(v, lang=lang) for v in ticks])
    return fig


def _value_axis(trace) -> str:
    return "x" if getattr(trace, "orientation", None) == "h" else "y"


def _linear_ticks(low: float, high: float, count: int = 6) -> list[float]:
    """Round ticks (1, 2, 2.5 or 5 × 10ⁿ apart) from `low` to `high`, about `count` of them."""
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    return [start + i * step for i in range(int((high - start) / step) + 1)]


def _log_ticks(low: float, high: float) -> list[float]:
    """Powers of ten over the range, with 2× and 5× between them when it spans three or fewer."""
    first, last = math.floor(math.log10(max(low, 1e-300))), math.ceil(math.log10(high))
    steps = (1,) if last - first > 3 else (1, 2, 5)
    return [m * 10.0 ** n for n in range(first, last + 1) for m in steps if low / 2 <= m * 10.0 ** n <= high * 2]


def _labels(rows: pd.DataFrame, lang: str) -> pd.Series:
    """Each point's written figure (qualifier and number, as the reader's language writes it)."""
    return pd.Series([numbers.fmt_number(v, q, numbers.digits_of(v), lang=lang)
                      for v, q in zip(rows["value"], rows["qualifier"])], index=rows.index)


BREAK_LABEL_GAP = pd.Timedelta(days=365)  # basis changes closer than this share one label


def series_by_basis(data: pd.DataFrame, *, title: str, x_title: str, y_title: str,
                    break_label: str, lang: str) -> go.Figure:
    """One line per (metric, basis), never joined across bases, with each basis change marked.

    `data` has columns: metric, basis, series (legend label), as_of (partial ISO), value,
    qualifier. Rows of one series share a basis. Where a metric's basis changes, a dashed
    vertical line marks the first point of the new basis (see `basis_breaks`).
    """
    fig = go.Figure()
    frame = data.assign(x=data["as_of"].map(plot_date)).sort_values("x")
    for i, (label, rows) in enumerate(frame.groupby("series", sort=False)):
        shown = _labels(rows, lang)
        fig.add_trace(go.Scatter(
            x=rows["x"], y=rows["value"], name=label, mode="lines+markers+text",
            text=shown, textposition="top center" if len(rows) > 1 else "bottom center", cliponaxis=False,
            line={"color": PALETTE[i % len(PALETTE)], "width": 3}, marker={"size": 9},
            customdata=rows[["as_of"]], hovertemplate="%{customdata[0]}: %{text}<extra>" + label + "</extra>",
        ))
    labelled = None
    for x in basis_breaks(frame):
        fig.add_vline(x=x, line={"dash": "dash", "color": "#6b7280", "width": 1.5})
        # Breaks less than a year apart share the first one's label: side by side, the labels
        # overlapped (2025-07 and 2026 in the national series), on a phone at any zoom.
        if labelled is None or x - labelled >= BREAK_LABEL_GAP:
            fig.add_annotation(x=x, y=1, yref="paper", text=break_label, showarrow=False,
                               xanchor="left", yanchor="bottom", font={"color": "#374151", "size": 13})
            labelled = x
    return base_layout(fig, title, x_title, y_title)


def basis_breaks(frame: pd.DataFrame) -> list[pd.Timestamp]:
    """Where a metric moves to a new basis: the first point of a basis that begins after the
    metric's previous basis has ended. A basis that overlaps a running one (a one-off figure
    on another scope) is its own trace, not a break."""
    breaks = set()
    for _, rows in frame.groupby("metric"):
        spans = rows.groupby("basis")["x"].agg(["min", "max"]).sort_values("min")
        ended = None
        for start, end in zip(spans["min"], spans["max"]):
            if ended is not None and start > ended:
                breaks.add(start)
            ended = end if ended is None else max(ended, end)
    return sorted(breaks)


BAR_WIDTH = 0.75  # of a category's width


def bars(data: pd.DataFrame, *, x: str, y: str, text: str, title: str, x_title: str, y_title: str,
         color: str | None = None, horizontal: bool = False, log: bool = False,
         lines: list[tuple[float, str]] = ()) -> go.Figure:
    """A bar per row (one colour per value of `color`), its label from `text`, and optional
    reference lines (value, label) such as policy targets. Rows sharing a category (two sources'
    figures for one year or place) stand side by side: in one trace Plotly would stack them into
    a sum that no source gives."""
    fig = go.Figure()
    # Each category's bars share its width (a lone bar keeps all of it); a shared bar is narrow,
    # so its label stands upright instead of running into its neighbour's.
    data = data.assign(_slot=data.groupby(x, sort=False).cumcount(),
                       _of=data.groupby(x, sort=False)[x].transform("size"))
    groups = data.groupby(color, sort=False) if color else [("", data)]
    for i, (name, group) in enumerate(groups):
        for (slot, shared), rows in group.groupby(["_slot", group["_of"] > 1], sort=False):
            kwargs = ({"y": rows[x].map(wrap_label), "x": rows[y], "orientation": "h"} if horizontal
                      else {"x": rows[x], "y": rows[y]})
            fig.add_trace(go.Bar(**kwargs, name=str(name), legendgroup=str(name), text=rows[text],
                                 width=BAR_WIDTH / rows["_of"], offset=BAR_WIDTH * (slot / rows["_of"] - 0.5),
                                 textposition="outside", constraintext="none", cliponaxis=False,
                                 textangle=-90 if shared and not horizontal else 0,
                                 marker_color=PALETTE[i % len(PALETTE)],
                                 showlegend=bool(color) and str(name) not in {trace.name for trace in fig.data}))
    for value, label in lines:
        line, font = {"dash": "dash", "color": "#374151", "width": 1.5}, {"size": 13, "color": "#374151"}
        if horizontal:  # labelled above the plot: inside it, the label sat on the first bar's
            fig.add_vline(x=value, line=line)
            fig.add_annotation(x=value, y=1, yref="paper", text=label, showarrow=False, xanchor="left",
                               yanchor="bottom", font=font)
        else:
            fig.add_hline(y=value, line=line, annotation_text=label, annotation_font=font)
    fig = base_layout(fig, title, x_title, y_title)
    if log:
        fig.update_xaxes(type="log") if horizontal else fig.update_yaxes(type="log")
    elif data[y].min() >= 0:  # room for the labels outside the longest bar
        top = max([data[y].max(), *(v for v, _ in lines)]) * (1.4 if horizontal else 1.25)
        fig.update_xaxes(range=[0, top]) if horizontal else fig.update_yaxes(range=[0, top])
    if horizontal:
        fig.update_yaxes(autorange="reversed")
        lines_per_bar = max(label.count("<br>") + 1 for label in data[x].map(wrap_label))
        legend_rows = data[color].nunique() if color else 0  # in a half-page column, one entry a row
        # the right margin takes the labels of the longest bars, which a narrow plot cut off
        fig.update_layout(height=max(320, (24 + 16 * lines_per_bar) * data[x].nunique() + 140 + 26 * legend_rows),
                          margin_r=70)
    return fig


def wrap_label(label: str, width: int = 34) -> str:
    """A category label broken over lines of about `width` characters (at " · " first, then
    at spaces), so long names leave room for the bars in a half-page chart."""
    lines = []
    for part in str(label).split(" · "):
        line = ""
        for word in part.split(" "):
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return "<br>".join(lines)


def points_over_time(data: pd.DataFrame, *, series: str, title: str, y_title: str, lang: str,
                     log: bool = False) -> go.Figure:
    """Dated figures as markers joined per series (hub, scope...); `data` has as_of, value,
    qualifier and the `series` column. Different scopes stay different series."""
    frame = data.assign(x=data["as_of"].map(plot_date)).sort_values("x")
    fig = go.Figure()
    for i, (label, rows) in enumerate(frame.groupby(series, sort=False)):
        shown = _labels(rows, lang)
        fig.add_trace(go.Scatter(x=rows["x"], y=rows["value"], name=str(label), mode="lines+markers",
                                 text=shown, line={"color": PALETTE[i % len(PALETTE)], "width": 2.5},
                                 # past the palette's length a series keeps a colour but not the shape
                                 marker={"size": 9, "symbol": ("circle", "diamond", "square")[i // len(PALETTE) % 3]},
                                 customdata=rows[["as_of"]],
                                 hovertemplate="%{customdata[0]}: %{text}<extra>" + str(label) + "</extra>"))
    fig = base_layout(fig, title, "", y_title)
    # the legend sits under the plot: give it a row per series so it never covers the plot
    fig.update_layout(height=max(380, 300 + 22 * frame[series].nunique()))
    if log:
        fig.update_yaxes(type="log")
    return fig


def presented(fig: go.Figure, *, height: int, font: int, grow: bool = True) -> go.Figure:
    """A copy of `fig` in a presenter's type, `height` px tall. The legend is set a little
    smaller, and a horizontal bar chart's category labels shrink (down to 10 px) until each
    bar's label (all its lines) fits its row; with `grow`, a chart with more rows than that
    leaves room for grows taller (a page scrolls; a story's slide must fit its screen)."""
    if grow:  # never shorter than the chart was made (a line chart's height makes room for its legend)
        height = max(height, fig.layout.height or 0)
    shown = go.Figure(fig).update_layout(font_size=font, legend_font_size=font - 4, height=height)
    rows = list(dict.fromkeys(y for trace in shown.data if trace.type == "bar" and trace.orientation == "h"
                              and trace.y is not None for y in trace.y))  # in Plotly's category order
    if rows:
        sizes = [str(y).count("<br>") + 1 for y in rows]  # wrap_label breaks long names
        # each row's band holds half of its label and half of each neighbour's
        widest = max([(a + b) / 2 for a, b in zip(sizes, sizes[1:])] or sizes)
        lines = len(rows) * widest
        tick = max(10, min(font, int((height - 160) / lines / 1.3)))
        shown.update_yaxes(tickfont_size=tick).update_traces(textfont_size=tick, selector={"type": "bar"})
        if grow:
            shown.update_layout(height=max(height, math.ceil(160 + lines * tick * 1.3)))
    return shown
