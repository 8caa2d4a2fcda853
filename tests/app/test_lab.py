"""Test the What-if lab and the use cases through their URL contract."""

import pytest
from streamlit.testing.v1 import AppTest

from atlas.build.numbers import fmt_amount
from atlas.calc.inference import inference_capacity
from atlas.calc.training import training_time
from atlas.data.datasets import load_catalog
from atlas.i18n import translate
from atlas.ui.calculator_specs import CALCULATORS
from tests.app.pages import open_page


def metrics(at: AppTest, label: str) -> list[str]:
    return [m.value for m in at.metric if m.label == label]


def shown(calc: str, output: str, value: float) -> str:
    """How the page shows `value`: the output's digits and unit from the registry."""
    out = next(o for o in CALCULATORS[calc].outputs if o.name == output)
    return fmt_amount(value, out.unit, digits=out.digits, lang="en")


def test_training_deep_link_matches_the_pure_function():
    at = open_page("views/lab.py", calc="training", params_b="3", tokens_b="600", pflops="300", mfu="0.4")
    assert not at.exception and not at.error
    assert metrics(at, "Time (days)") == [shown("training", "days", training_time(3, 600, 300, 0.4).days)]


def test_inference_deep_link_matches_the_pure_function():
    at = open_page("views/lab.py", calc="inference", calls_per_day="1000000", tokens_per_call="500",
                   peak_share="0.2", machine_tps="8000")
    expected = inference_capacity(1_000_000, 500, 0.2, 8000, 158)
    assert metrics(at, "Machines needed") == [shown("inference", "machines", expected.machines)]


def test_lab_writes_results_in_chinese():
    """Test that a 简体 lab writes large results in 万/亿 with Chinese unit words, and a
    difference with its sign."""
    at = open_page("views/lab.py", calc="inference", calls_per_day="1000000", tokens_per_call="500",
                   peak_share="0.2", machine_tps="8000", scenarios="2", s2_calls_per_day="2000000",
                   s2_tokens_per_call="500", lang="zh-Hans")
    assert not at.exception and not at.error
    values = [m.value for m in at.metric]
    assert "5亿 token/天" in values and "10亿 token/天" in values  # 1,000,000 calls × 500 tokens
    assert "632位用户" in values  # under 1万: plain, no space before a Chinese unit word (CLDR zh)
    differences = at.table[-1].value[translate("calc.col_difference", "zh-Hans")].tolist()
    assert "+5亿 token/天" in differences


def test_three_scenarios_show_their_differences():
    at = open_page("views/lab.py", calc="training", scenarios="3", s2_params_b="6", s3_params_b="12")
    assert not at.exception and not at.error
    assert len(metrics(at, "Time (days)")) == 3
    differences = at.table[-1].value
    assert "2.00×" in differences["Ratio"].tolist() and "4.00×" in differences["Ratio"].tolist()
    # each difference's unit in a column of its own: the exports keep the raw number beside it
    assert dict(zip(differences["Result"], differences["Unit"]))["Time (days)"] == "d"


@pytest.mark.parametrize(("params", "message"), [
    ({"calc": "training", "mfu": "1.5"}, "between 0 and 1"),
    ({"calc": "training", "pflops": "0"}, "Peak compute (PFLOPS)"),
    ({"calc": "inference", "machine_tps": "-1"}, "cannot be negative"),
])
def test_bad_input_gets_a_message_not_a_number(params, message):
    at = open_page("views/lab.py", **params)
    assert not at.exception
    assert any(message in e.value for e in at.error), [e.value for e in at.error]


def test_junk_lab_parameters_fall_back_with_notice():
    at = open_page("views/lab.py", calc="teleport", scenarios="9", params_b="many")
    assert not at.exception and not at.error
    notices = " ".join(w.value for w in at.warning)
    assert "calc=teleport" in notices and "scenarios=9" in notices and "params_b=many" in notices


@pytest.mark.parametrize("calc", ["energy", "carbon", "placement", "traffic", "protein", "rnd", "inspection", "multiplier"])
def test_every_calculator_opens_in_the_lab(calc):
    at = open_page("views/lab.py", calc=calc)
    assert not at.exception and not at.error


def test_use_cases_show_the_honest_training_check():
    at = open_page("views/use_cases.py")
    assert not at.exception and not at.error
    assert any("would not take half a year" in w.value for w in at.warning)


@pytest.mark.parametrize(("calc", "lang"), [("training", "en"), ("energy", "zh-Hans"), ("training", "zh-Hans")])
def test_published_runs_show_beside_the_training_and_energy_calculators(calc, lang):
    """Every published run, its live check and the reader's MFU against the runs', in both languages."""
    at = open_page("views/lab.py", calc=calc, lang=lang)
    assert not at.exception and not at.error
    assert translate("runs.title", lang) in [s.value for s in at.subheader]
    shown = next(d.value for d in at.dataframe if "mfu_pct" in d.value.columns)  # headers are its column_config
    runs = load_catalog().tables["published_runs"]
    assert sorted(shown["run"]) == sorted(runs["run"])
    assert set(shown["within"]) == {translate("runs.within_yes", lang)}
    assert shown["check"].iloc[0] == translate("runs.check_flops", lang)
    line = next(m.value for m in at.markdown if "MFU" in m.value and "40" in m.value)
    assert translate("runs.position_within", lang) in line


@pytest.mark.parametrize(("mfu", "position"), [("0.05", "below"), ("0.9", "above")])
def test_the_reader_mfu_is_set_against_the_runs(mfu, position):
    at = open_page("views/lab.py", calc="training", mfu=mfu)
    assert not at.exception and not at.error
    assert any(translate(f"runs.position_{position}", "en") in m.value for m in at.markdown)


def test_published_runs_stay_with_the_training_and_energy_calculators_only():
    at = open_page("views/lab.py", calc="inference")
    assert translate("runs.title", "en") not in [s.value for s in at.subheader]
