"""Test that the UI's list of calculators keeps the URL contract, runs each calculator by URL
name, and names every default's source."""

import dataclasses
import math
import re

import pytest

from atlas.calc.inference import ARTICLE_INFERENCE
from atlas.calc.inputs import InputError
from atlas.ui.calculator_specs import (
    CALCULATORS,
    EXAMPLE,
    READER,
    ArticleClaim,
    Placeholder,
    Reference,
)

NAN = math.nan


def near(x):
    return pytest.approx(x, rel=1e-12)


URL_NAMES = {
    "training": ("params_b", "tokens_b", "pflops", "mfu", "card_pflops"),
    "inference": ("calls_per_day", "tokens_per_call", "peak_share", "machine_tps",
                  "users_per_machine"),
    "traffic": ("vehicles", "delay_min", "peak_hours", "gain", "value_of_time",
                "maintenance_cny", "maintenance_saving"),
    "protein": ("complexes", "card_hours", "cards", "before_days"),
    "rnd": ("months_before", "months_after", "monthly_cost"),
    "inspection": ("events_per_day", "minutes_before", "speedup"),
    "multiplier": ("investment", "low", "high"),
}
# The fields that may be left empty: the outputs that need them are then n/a.
OPTIONAL = {"training": {"card_pflops"}, "inference": {"users_per_machine"}, "protein": {"before_days"}}
# Values for the fields no source fills (default None), so that every calculator can run.
SAMPLE = {"value_of_time": 30.0, "maintenance_cny": 1e7, "complexes": 10_000.0, "card_hours": 7.2,
          "cards": 1000.0, "before_days": 90.0, "monthly_cost": 1e7, "events_per_day": 200.0,
          "minutes_before": 6.0}


def filled(calc):
    return {f.name: SAMPLE[f.name] if f.default is None else f.default for f in calc.fields}


def test_registry_has_the_seven_calculators_under_their_keys():
    """Test that CALCULATORS holds the seven keys, each under its own key."""
    assert set(CALCULATORS) == set(URL_NAMES)
    assert all(c.key == k for k, c in CALCULATORS.items())


@pytest.mark.parametrize("key", sorted(URL_NAMES))
def test_field_names_are_the_url_contract_and_the_parameters_of_run(key):
    """Test that the fields are the public URL names, in order, and exactly the parameters of run
    and validate: by keyword only, any other name or a required one left out is a TypeError, and
    only the optional fields may be left out."""
    calc = CALCULATORS[key]
    names = tuple(f.name for f in calc.fields)
    assert names == URL_NAMES[key]
    optional = OPTIONAL.get(key, set())
    assert {f.name for f in calc.fields if f.optional} == optional
    for method in (calc.run, calc.validate):
        method(**filled(calc))
        with pytest.raises(TypeError):
            method(**filled(calc), unknown=1.0)
        with pytest.raises(TypeError):
            method(*filled(calc).values())
        for name in names:
            left_out = {k: v for k, v in filled(calc).items() if k != name}
            if name in optional:
                method(**left_out)
            else:
                with pytest.raises(TypeError):
                    method(**left_out)


@pytest.mark.parametrize("key", sorted(URL_NAMES))
def test_every_output_is_an_attribute_of_the_result(key):
    """Test that run, called with the fields by name, returns a dataclass holding every output."""
    calc = CALCULATORS[key]
    result = calc.run(**filled(calc))
    attributes = {f.name for f in dataclasses.fields(result)}
    assert {o.name for o in calc.outputs} <= attributes
    assert all(isinstance(o.unit, str) and o.digits >= 0 for o in calc.outputs)
    assert calc.validate(**filled(calc)) == []
    assert calc.formula.strip()


@pytest.mark.parametrize("key", sorted(URL_NAMES))
def test_every_field_has_a_source_and_a_positive_step(key):
    """Test that each field names its source (an article claim numbered 1–46 when from the article)."""
    for f in CALCULATORS[key].fields:
        assert f.step > 0 and f.source
        assert isinstance(f.source, (ArticleClaim, Reference, Placeholder))
        if isinstance(f.source, ArticleClaim):
            assert re.fullmatch(r"article #(\d+)", f.source.english)
            assert 1 <= f.source.number <= 46
        if isinstance(f.source, Reference):
            assert f.source.english.strip()
        if f.default is None:
            assert f.source is READER and f.source.english == "reader input"


def test_registry_defaults_give_the_worked_examples():
    """Test that the defaults are the published and article figures of the brief."""
    training = CALCULATORS["training"]
    assert filled(training) == {"params_b": 3.0, "tokens_b": 60.0, "pflops": 300.0, "mfu": 0.4,
                                "card_pflops": 1000 / 4096}
    r = training.run(**filled(training))
    assert (r.seconds, r.card_hours) == (near(9000), near(3072))
    inference = CALCULATORS["inference"].run(**filled(CALCULATORS["inference"]))
    assert (inference.machines, inference.concurrent_users) == (4, 632)
    assert CALCULATORS["inference"].fields[0].default == ARTICLE_INFERENCE["calls_per_day"]
    multiplier = CALCULATORS["multiplier"].run(**filled(CALCULATORS["multiplier"]))
    assert (multiplier.low_cny, multiplier.high_cny) == (near(37.12e9), near(43.52e9))


def test_example_assumptions_are_few():
    """Test that only the five neutral examples of the brief are marked "example assumption"."""
    examples = {f.name for c in CALCULATORS.values() for f in c.fields
                if f.source is EXAMPLE and f.source.english == "example assumption"}
    assert examples == {"tokens_per_call", "peak_share", "vehicles", "delay_min", "peak_hours"}


@pytest.mark.parametrize(("key", "change", "field", "code"), [
    ("traffic", {"vehicles": -1}, "vehicles", "negative"),
    ("traffic", {"value_of_time": None}, "value_of_time", "not_a_number"),
    ("protein", {"card_hours": 0}, "card_hours", "zero"),
    ("rnd", {"monthly_cost": NAN}, "monthly_cost", "not_a_number"),
    ("inspection", {"minutes_before": -1}, "minutes_before", "negative"),
    ("multiplier", {"low": 9}, "low", "too_large"),
    ("training", {"mfu": 0}, "mfu", "zero"),
])
def test_registry_reports_faults_by_url_name(key, change, field, code):
    """Test that run raises, and validate lists, faults under the URL name of the field."""
    calc = CALCULATORS[key]
    inputs = {**filled(calc), **change}
    assert [(f.field, f.code) for f in calc.validate(**inputs)] == [(field, code)]
    with pytest.raises(InputError) as caught:
        calc.run(**inputs)
    assert (caught.value.field, caught.value.code) == (field, code)


def test_registry_optional_fields_may_be_left_out_and_unknown_names_are_refused():
    """Test that optional fields default to None and a name outside the contract is a TypeError."""
    training = CALCULATORS["training"]
    args = {k: v for k, v in filled(training).items() if k != "card_pflops"}
    assert training.run(**args).card_hours is None
    with pytest.raises(TypeError):
        training.run(**args, params=3)
    with pytest.raises(TypeError):
        CALCULATORS["rnd"].run(months_before=36, months_after=28)
