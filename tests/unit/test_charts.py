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
    assert shown.layout.height == 400 and shown.layout.font.size == 21
    assert shown.layout.yaxis.tickfont.size == 10 and bars.layout.height is None  # a copy
    roomy = charts.presented(bars, height=1200, font=21)
    assert roomy.layout.yaxis.tickfont.size == 21
    line = charts.presented(go.Figure(go.Scatter(x=[1, 2], y=[3, 4])), height=400, font=18)
    assert line.layout.yaxis.tickfont.size is None and line.layout.legend.font.size == 14
