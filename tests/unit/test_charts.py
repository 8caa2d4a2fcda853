"""Test the chart builders' presenter form."""

import pandas as pd
import plotly.graph_objects as go

from atlas.build import charts


def test_a_presented_bar_chart_shrinks_its_labels_to_fit_its_rows():
    """Test that a presenter's horizontal bar chart with more rows than its height holds at
    full type gets smaller labels (never under 10 px), and a line chart keeps its type."""
    rows = pd.Series([f"row {i}" for i in range(20)])  # the builders pass columns: held as arrays
    bars = go.Figure(go.Bar(x=list(range(20)), y=rows, orientation="h"))
    shown = charts.presented(bars, height=400, font=21)
    assert shown.layout.height == 420 and shown.layout.font.size == 21  # 20 rows at 10 px: 160 + 20 × 13
    assert shown.layout.yaxis.tickfont.size == 10 and bars.layout.height is None  # a copy
    crowded = charts.presented(go.Figure(go.Bar(x=list(range(40)), y=[f"r{i}<br>x" for i in range(40)],
                                                orientation="h")), height=400, font=21)
    assert crowded.layout.height == 160 + 80 * 13  # 80 lines at 10 px need more than 400 px: it grows
    roomy = charts.presented(bars, height=1200, font=21)
    assert roomy.layout.yaxis.tickfont.size == 21
    line = charts.presented(go.Figure(go.Scatter(x=[1, 2], y=[3, 4])), height=400, font=18)
    assert line.layout.yaxis.tickfont.size is None and line.layout.legend.font.size == 14


def test_line_charts_write_their_points_as_the_reader_reads_them():
    """Test that a dated series' point labels (shown on hover, and on the national series' line)
    keep a figure's decimals and use CLDR's forms: a PUE of 1.3 is not rounded to 1, and
    126,000 P reads 12.6万 in 简体, 126,000 in English."""
    rows = pd.DataFrame({"as_of": ["2021", "2023-06"], "value": [1.3, 126000.0], "qualifier": [None, ">"],
                         "series": ["a", "a"], "metric": ["m", "m"], "basis": ["b", "b"]})
    for lang, expected in (("en", ["1.3", ">126,000"]), ("zh-Hans", ["1.3", ">12.6万"])):
        over_time = charts.points_over_time(rows, series="series", title="", y_title="", lang=lang)
        by_basis = charts.series_by_basis(rows, title="", x_title="", y_title="", break_label="", lang=lang)
        assert list(over_time.data[0].text) == expected
        assert list(by_basis.data[0].text) == expected


def test_basis_breaks_less_than_a_year_apart_share_one_label():
    """Test that each basis change gets its dashed line, and that changes less than a year after
    a labelled one add no label of their own (side by side the labels overlapped)."""
    rows = pd.DataFrame({"as_of": ["2021", "2022", "2024", "2025-07", "2026"], "value": [1.0, 2.0, 3.0, 4.0, 5.0],
                         "qualifier": [None] * 5, "series": ["a", "b", "b", "c", "d"], "metric": ["m"] * 5,
                         "basis": ["a", "b", "b", "c", "d"]})
    fig = charts.series_by_basis(rows, title="", x_title="", y_title="", break_label="basis changes", lang="en")
    lines = [shape.x0 for shape in fig.layout.shapes]
    labels = [note.x for note in fig.layout.annotations if note.text == "basis changes"]
    assert len(lines) == 3 and len(labels) == 2  # 2022, 2025-07 labelled; 2026 half a year later not
    assert pd.Timestamp(labels[1]) < pd.Timestamp(lines[2])
