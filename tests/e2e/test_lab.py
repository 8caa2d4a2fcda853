"""Test the What-if lab in a real browser: two calculators through deep links, one through
its widgets, each number checked against the pure function."""

import re

import pytest
from playwright.sync_api import expect

from atlas.build.numbers import fmt_amount
from atlas.calc.inference import inference_capacity
from atlas.calc.training import training_time
from atlas.i18n import translate
from atlas.ui.calculator_specs import CALCULATORS

pytestmark = pytest.mark.e2e


def shown(calc: str, output: str, value: float) -> str:
    out = next(o for o in CALCULATORS[calc].outputs if o.name == output)
    return fmt_amount(value, out.unit, digits=out.digits, lang="en")


def metric_value(page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue").first


def test_training_deep_link(watched):
    watched.goto("/lab?lang=en&calc=training&params_b=3&tokens_b=600&pflops=300&mfu=0.4")
    expect(metric_value(watched, "Time (days)")).to_have_text(shown("training", "days", training_time(3, 600, 300, 0.4).days))
    assert watched.watch.blocked == [] and watched.watch.console_errors == []


def test_inference_deep_link(watched):
    watched.goto("/lab?lang=en&calc=inference&calls_per_day=1000000&tokens_per_call=500&peak_share=0.2&machine_tps=8000")
    expected = inference_capacity(1_000_000, 500, 0.2, 8000, 158)
    expect(metric_value(watched, "Machines needed")).to_have_text(shown("inference", "machines", expected.machines))
    expect(metric_value(watched, "Peak load (tokens/s)")).to_have_text(
        shown("inference", "peak_tokens_per_s", expected.peak_tokens_per_s))
    assert watched.watch.console_errors == []


def test_training_through_its_widgets(watched):
    watched.goto("/lab?lang=en&calc=training")
    days = metric_value(watched, "Time (days)")
    expect(days).to_have_text(shown("training", "days", training_time(3, 60, 300, 0.4).days))
    box = watched.get_by_role("spinbutton", name="Training data (billion tokens)")
    box.fill("6000")
    box.press("Enter")
    expect(days).to_have_text(shown("training", "days", training_time(3, 6000, 300, 0.4).days))
    expect(watched).to_have_url(re.compile(r"[?&]tokens_b=6000(&|$)"))
    assert watched.watch.console_errors == []


def test_carbon_by_method_through_its_widgets(watched):
    """The three results of the defaults; then a typed PUE, the market-based switch and another
    grid factor, each written to the URL and each figure checked against the pure function."""
    from atlas.calc.carbon import carbon_by_method

    def kg(value: float) -> str:
        return fmt_amount(value, "kgCO2", digits=2, lang="en")

    watched.goto("/lab?lang=en&calc=carbon")
    expect(metric_value(watched, "This product, location-based")).to_have_text("262.69 kg CO₂")
    expect(metric_value(watched, "Green Algorithms")).to_have_text("278.77 kg CO₂")
    expect(metric_value(watched, "ML CO2 Impact")).to_have_text("169.79 kg CO₂")
    box = watched.get_by_role("spinbutton", name="PUE of the data center")
    box.fill("1.2")
    box.press("Enter")
    expect(watched).to_have_url(re.compile(r"[?&]dc_pue=1\.2(&|$)"))
    watched.get_by_text("Market-based", exact=True).click()
    expect(watched).to_have_url(re.compile(r"[?&]basis=market(&|$)"))
    watched.get_by_test_id("stSelectbox").filter(has_text="Grid factor (MEE/NBS)").click()
    watched.keyboard.type("Sichuan 2023")  # the list is long and drawn in part: filter it first
    watched.get_by_role("option").filter(has_text="Sichuan 2023 · 0.1564 kg/kWh").click()
    expect(watched).to_have_url(re.compile(r"[?&]factor=sichuan-2023(&|$)"))
    m = carbon_by_method(8, 400, 100, 12, 12, 64, 1.0, 1.2, 0.8, 0.1564)
    expect(metric_value(watched, "This product, market-based")).to_have_text(kg(m.product.market_kg))
    expect(metric_value(watched, "ML CO2 Impact")).to_have_text(kg(m.ml_co2.kg))
    assert watched.watch.blocked == [] and watched.watch.console_errors == []
def test_the_reader_mfu_follows_the_input_against_published_runs(watched):
    """The MFU line sits in the training calculator's fragment: changing MFU moves it at once."""
    watched.goto("/lab?lang=en&calc=training")
    line = watched.get_by_text("Your MFU assumption")
    expect(line).to_contain_text("40.0 %, is within the range")
    box = watched.get_by_role("spinbutton", name=translate("calc.training.mfu", "en"))
    box.fill("0.9")
    box.press("Enter")
    expect(line).to_contain_text("90.0 %, is above the range")
    expect(watched).to_have_url(re.compile(r"[?&]mfu=0.9(&|$)"))
    assert watched.watch.console_errors == []
