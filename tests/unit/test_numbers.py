"""Test that numbers are written as each language writes them (CLDR through Babel): 万/亿 in
简体, 萬/億 in 繁體, M/B in English, with a minus sign, n/a and powers of ten where they belong."""

import math

import pytest

from atlas.build.numbers import (
    fmt_amount,
    fmt_before_after,
    fmt_figure,
    fmt_number,
    fmt_result,
    fmt_value,
)


@pytest.mark.parametrize(("value", "unit", "zh_hans", "zh_hant", "en"), [
    (37_843_200, "CNY", "3784万元", "3784萬元", "37.84M CNY"),  # the energy worked example
    (105_120_000, "kWh", "1.05亿千瓦时", "1.05億千瓦時", "105.12M kWh"),
    (39_485.17, "tCO2", "3.95万吨 CO₂", "3.95萬噸 CO₂", "39,485 t CO₂"),
    (9_999, "CNY", "9,999元", "9,999元", "9,999 CNY"),  # under 1万: plain, with grouping
    (10_000, "CNY", "1万元", "1萬元", "10,000 CNY"),  # 万 from 1万; English from a million
    (999_999, "CNY", "100万元", "100萬元", "999,999 CNY"),
    (1_000_000, "CNY", "100万元", "100萬元", "1M CNY"),
    (2_500_000_000, "CNY", "25亿元", "25億元", "2.5B CNY"),
    (99_999_999.9, "CNY", "1亿元", "1億元", "100M CNY"),  # rounds up into the next magnitude
    (1.08e21, "FLOP", "1.08 × 10²¹ FLOP", "1.08 × 10²¹ FLOP", "1.08 × 10²¹ FLOP"),  # from a trillion
    (12, "h", "12小时", "12小時", "12 h"),  # CLDR zh: no space before a Chinese unit word
    (0, "CNY", "0元", "0元", "0 CNY"),
    (0.004, "", "0", "0", "0"),  # tiny: rounds to zero at 0 digits
])
def test_amounts_in_each_language(value, unit, zh_hans, zh_hant, en):
    assert fmt_amount(value, unit, lang="zh-Hans") == zh_hans
    assert fmt_amount(value, unit, lang="zh-Hant") == zh_hant
    assert fmt_amount(value, unit, lang="en") == en


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (-37_843_200, "zh-Hans", "−3784万元"),  # U+2212, not a hyphen
    (-37_843_200, "en", "−37.84M CNY"),
    (37_843_200, "zh-Hans", "+3784万元"),
    (-1234.6, "en", "−1,235 CNY"),
    (0, "en", "0 CNY"),  # zero has no sign
    (-0.0001, "zh-Hans", "0元"),  # nor has what rounds to zero
])
def test_signed_amounts(value, lang, expected):
    assert fmt_amount(value, "CNY", lang=lang, sign=True) == expected


@pytest.mark.parametrize("value", [None, math.nan, math.inf, -math.inf])
def test_no_figure_is_na_without_unit(value):
    assert fmt_amount(value, "CNY", lang="en") == "n/a"
    assert fmt_amount(value, "CNY", lang="zh-Hans") == "无数据"
    assert fmt_figure(value, lang="zh-Hant") == "無數據"


def test_plain_digits_and_compact_decimals():
    """Test that `digits` sets a plain figure's decimals, while a compact one shows up to two
    (none from 1000万: four digits already)."""
    assert fmt_figure(1.23456, 3, lang="zh-Hans") == "1.235"
    assert fmt_figure(12_345.678, 2, lang="en") == "12,345.68"
    assert fmt_figure(12_345.678, 2, lang="zh-Hans") == "1.23万"
    assert fmt_figure(12_345_678, lang="zh-Hans") == "1235万"
    assert fmt_figure(5e12, lang="en") == "5.00 × 10¹²"


def test_calculator_results_keep_their_values_and_na():
    assert fmt_result(3.1, 3, lang="en") == "3.100"
    assert fmt_result(1.08e21, 0, lang="zh-Hans") == "1.08 × 10²¹"
    assert fmt_result(float("inf"), 0, lang="en") == "n/a"


def test_source_figures_keep_every_digit():
    """Test that a cited figure takes 万 only when that loses no digit, never rounded to it."""
    assert fmt_number(50_000, ">", lang="zh-Hans") == ">5万"
    assert fmt_number(12_345, lang="zh-Hans") == "12,345"
    assert fmt_number(50_000, ">", lang="en") == ">50,000"
    assert fmt_number(1.9, "≈", 1, lang="en") == "≈1.9"
    assert fmt_value(0.3612, None, 3, unit=" CNY", lang="en") == "0.361 CNY"
    assert fmt_value(None, lang="zh-Hans") == "无数据"


def test_before_after_keeps_its_forms():
    row = {"unit": "months", "before": 36, "after": 28, "qualifier": None}
    assert fmt_before_after(row, lang="en") == "36 → 28 months"
    assert fmt_before_after({**row, "before": 100, "after": 2.5}, lang="en") == "100 → 2.5 months"
    assert fmt_before_after({"unit": "% change", "before": None, "after": -45, "qualifier": None}, lang="en") == "−45 %"


def _bars(values, *, log=False, horizontal=False):
    import pandas as pd

    from atlas.build import charts

    data = pd.DataFrame({"name": [f"c{i}" for i in range(len(values))], "value": values,
                         "text": [f"{v:,.0f} P" for v in values]})
    return charts.bars(data, x="name", y="value", text="text", title="", x_title="", y_title="",
                       log=log, horizontal=horizontal)


def test_chart_axes_in_wan_for_chinese_readers():
    """Test that a Chinese value axis from 1,000 up is written by the app (Plotly would write
    10k), English keeps Plotly's k/M with B for billion, and a bar hovers with its label."""
    from atlas.build.charts import number_axes

    fig = number_axes(_bars([12_000, 30_000, 85_000], horizontal=True), "zh-Hans")
    assert fig.layout.xaxis.ticktext == ("0", "2万", "4万", "6万", "8万", "10万")
    assert fig.layout.xaxis.tickvals == (0, 20_000, 40_000, 60_000, 80_000, 100_000)
    assert fig.data[0].hovertemplate.startswith("%{y}: %{text}")
    log = number_axes(_bars([5_000, 300_000], log=True), "zh-Hant")
    assert log.layout.yaxis.ticktext == ("5,000", "1萬", "2萬", "5萬", "10萬", "20萬", "50萬")
    small = number_axes(_bars([1.2, 1.5]), "zh-Hans")  # nothing to write in 万: Plotly's ticks
    assert small.layout.yaxis.tickvals is None
    english = number_axes(_bars([12_000, 3e9]), "en")
    assert english.layout.yaxis.exponentformat == "B" and english.layout.yaxis.tickvals is None


@pytest.mark.parametrize(("after", "unit", "zh_hans", "en"), [
    (3e9, "parameters", "30亿个参数", "3B parameters"),  # the article's 30亿参数
    (1e6, "calls/day", "100万次/天", "1M/day"),
    (20_000, "CPU cores", "2万个 CPU 核", "20,000 CPU cores"),  # English: under a million stays plain
    (12_345, "CPU cores", "12,345个 CPU 核", "12,345 CPU cores"),  # 1.23万 would round a cited figure
])
def test_cited_figures_take_the_short_form_only_when_exact(after, unit, zh_hans, en):
    row = {"unit": unit, "before": None, "after": after, "qualifier": None}
    assert fmt_before_after(row, lang="zh-Hans") == zh_hans
    assert fmt_before_after(row, lang="en") == en
