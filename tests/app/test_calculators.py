"""Test the calculators through their URL contract: results match the pure functions, and
impossible input gets a message instead of a result."""

import pytest
from streamlit.testing.v1 import AppTest

from atlas.build.numbers import fmt_amount, fmt_figure
from atlas.calc.energy import energy_cost_carbon
from tests.app.pages import open_page

SCENARIO = {"it_mw": "10", "pue": "1.2", "price": "0.36", "hours": "8760", "green": "0.3", "grid": "0.5366"}


def metric(at: AppTest, label: str, index: int = 0) -> str:
    return [m.value for m in at.metric if m.label == label][index]


def test_energy_calculator_from_url_matches_the_pure_function():
    at = open_page("views/energy.py", **SCENARIO)
    assert not at.exception and not at.error
    expected = energy_cost_carbon(10, 1.2, 8760, 0.36, 0.3, 0.5366)
    assert metric(at, "Annual electricity cost (CNY)") == fmt_amount(expected.cost_cny, "CNY", lang="en") == "37.84M CNY"
    assert metric(at, "Annual energy (kWh)") == "105.12M kWh"
    assert metric(at, "Annual emissions (t CO₂)") == f"{expected.tco2:,.0f} t CO₂" == "39,485 t CO₂"


def test_energy_calculator_writes_wan_and_yi_in_chinese():
    """Test that a 简体 page writes the same results in 万/亿 (CLDR zh), with no M or hand suffix."""
    at = open_page("views/energy.py", **SCENARIO, lang="zh-Hans")
    assert not at.exception and not at.error
    assert metric(at, "年电费（元）") == "3784万元"
    assert metric(at, "年能耗（千瓦时）") == "1.05亿千瓦时"
    assert metric(at, "年排放（吨 CO₂）") == "3.95万吨 CO₂"
    assert not any("M" in m.value for m in at.metric)


def test_changing_an_input_changes_the_result_and_the_url():
    at = open_page("views/energy.py", **SCENARIO)
    at.number_input(key="url_it_mw").set_value(20.0).run()
    assert metric(at, "Annual electricity cost (CNY)") == "75.69M CNY"
    assert at.query_params["it_mw"] == "20"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("it_mw", "-5", "IT load cannot be negative."),
    ("pue", "0.9", "PUE cannot be below 1"),
    ("green", "1.5", "Green power share must be between 0 and 1"),
    ("hours", "9000", "Hours a year must be between 0 and 8784"),
])
def test_impossible_input_gets_a_message_not_a_result(field, value, message):
    at = open_page("views/energy.py", **{**SCENARIO, field: value})
    assert not at.exception
    assert any(message in e.value for e in at.error)
    assert len([m for m in at.metric if m.label == "Annual electricity cost (CNY)"]) == 1  # only scenario B


def test_junk_calculator_values_fall_back_with_notice():
    at = open_page("views/energy.py", it_mw="ten", price="")
    assert not at.exception and not at.error
    assert any("it_mw=ten" in w.value for w in at.warning)


def placement_table(at):
    return next(tb.value for tb in at.table if "Latency budget" in tb.value.columns)


def test_placement_answers_for_every_hub_by_default():
    at = open_page("views/east_west.py", workload="batch", load_mw="10")
    assert not at.exception and not at.error
    assert metric(at, "West saves a year").endswith("M CNY")
    table = placement_table(at)
    assert sorted(table.iloc[:, 0].astype(str)) == [str(n) for n in range(1, 9)]  # all 8 hubs priced and ranked
    assert table["Price (CNY/kWh)"].str.contains(r" · [ABC]").all()  # each cell carries its grade
    assert table["Cost (CNY/yr)"].str.fullmatch(r"\d+(\.\d+)?M").all()  # 10 MW a year: millions of CNY


def test_placement_writes_wan_yuan_in_chinese():
    at = open_page("views/east_west.py", workload="batch", load_mw="10", lang="zh-Hans")
    assert not at.exception and not at.error
    assert metric(at, "西部每年节省").endswith("万元")
    table = next(tb.value for tb in at.table if "电费（元/年）" in tb.value.columns)
    assert table["电费（元/年）"].str.fullmatch(r"\d+(\.\d+)?万").all()  # the unit is in the header
    assert table["吨 CO₂/年"].str.fullmatch(r"\d+(\.\d+)?万|\d,\d{3}").all()  # 1万 and up in 万


def test_ab_only_says_which_hubs_drop_out_and_why():
    at = open_page("views/east_west.py", workload="batch", load_mw="10", ab_only="1")
    assert not at.exception and not at.error
    dropped = " ".join(i.value for i in at.info)
    assert "Yangtze River Delta" in dropped and "left out" in dropped  # its only price is grade C
    assert "C ⚠" not in " ".join(placement_table(at)["Price (CNY/kWh)"])


def test_placement_per_province_names_what_it_cannot_price():
    at = open_page("views/east_west.py", workload="batch", places="provinces")
    assert not at.exception and not at.error
    table = placement_table(at)
    assert len(table) == 31 and "Province" in table.columns
    assert any("Not ranked for want of a cited figure" in c.value for c in at.caption)


def test_latency_budget_marks_western_hubs():
    at = open_page("views/east_west.py", workload="inference", budget_ms="10")
    table = placement_table(at)
    fits = dict(zip(table["Hub"], table["Latency budget"]))
    assert fits["Gansu"] == "✗ too slow" and fits["Beijing–Tianjin–Hebei"] == "✓ within budget"
    assert fits["Ningxia"] == "✓ within budget"  # Zhongwei–Beijing ≤10 ms (China News Service, 2022)


def test_the_link_left_in_the_address_bar_reopens_the_same_scenario():
    at = open_page("views/energy.py", **SCENARIO)
    link = {k: at.query_params[k] for k in at.query_params}
    assert {"pue", "price", "grid"} <= set(link)  # values off the preset stay; defaults may drop
    again = open_page("views/energy.py", **link)
    assert metric(again, "Annual electricity cost (CNY)") == metric(at, "Annual electricity cost (CNY)") == "37.84M CNY"


def test_placement_exports_keep_raw_numbers(monkeypatch):
    """Test that the ranking's files hold the numbers themselves (CNY, t) under headers that name
    the unit, while the page writes them in 万: a CSV or XLSX cell is a number, not '3784万元'."""
    import csv
    import io

    import openpyxl

    from atlas.build import export
    from atlas.ui import show

    views = []
    monkeypatch.setattr(show, "export_menu", views.append)
    at = open_page("views/east_west.py", workload="batch", load_mw="10", lang="zh-Hans")
    assert not at.exception
    view = next(v for v in views if v.key == "placements")
    shown = next(tb.value for tb in at.table if "电费（元/年）" in tb.value.columns)
    rows = list(csv.DictReader(io.StringIO(export.to_csv(view.data).decode("utf-8-sig"))))
    costs = [float(r["电费（元/年）"]) for r in rows]  # raises on '3784万元'
    assert costs == list(view.data["电费（元/年）"]) and min(costs) > 1e6
    assert shown["电费（元/年）"].iloc[0] == fmt_figure(costs[0], lang="zh-Hans")
    sheet = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(view.data))).active
    header = [c.value for c in sheet[1]]
    assert isinstance(sheet.cell(2, header.index("吨 CO₂/年") + 1).value, float)


def test_overview_answer_in_wan_with_a_delta_streamlit_reads_as_negative():
    """Test that the Overview's answer is written in 万 and that its saving, written with a
    minus sign (−), reaches st.metric with the ASCII '-' that turns its arrow down."""
    at = open_page("views/overview.py", lang="zh-Hans")
    assert not at.exception
    cost = next(m for m in at.metric if m.label == "每年电费")
    assert cost.value.endswith("万元") and cost.delta.startswith("-") and cost.delta.endswith("万元")
