"""Test that every use-case calculator rejects each impossible input with its code and limits,
allows the bounds themselves, and lists all faults in argument order."""

import math

import pytest

from atlas.calc.inputs import InputError
from tests.unit.calc_examples import FUNCTIONS, WORKED

NAN, INF = math.nan, math.inf


NEG = {"min": 0.0}
SHARE = {"min": 0.0, "max": 1.0}
FAULTS = [
    ("training", "params_b", NAN, "not_a_number", {}),
    ("training", "params_b", None, "not_a_number", {}),
    ("training", "params_b", "3", "not_a_number", {}),
    ("training", "params_b", -1.0, "negative", NEG),
    ("training", "params_b", 0.0, "zero", {}),
    ("training", "params_b", 100_001.0, "too_large", {"max": 100_000.0}),
    ("training", "tokens_b", INF, "not_a_number", {}),
    ("training", "tokens_b", -1.0, "negative", NEG),
    ("training", "tokens_b", 0.0, "zero", {}),
    ("training", "tokens_b", 1.1e6, "too_large", {"max": 1e6}),
    ("training", "pflops", NAN, "not_a_number", {}),
    ("training", "pflops", -300.0, "negative", NEG),
    ("training", "pflops", 0.0, "zero", {}),
    ("training", "pflops", 1.1e7, "too_large", {"max": 1e7}),
    ("training", "mfu", NAN, "not_a_number", {}),
    ("training", "mfu", -0.1, "share_range", SHARE),
    ("training", "mfu", 0.0, "zero", {}),
    ("training", "mfu", 1.01, "share_range", SHARE),
    ("training", "card_pflops", -INF, "not_a_number", {}),
    ("training", "card_pflops", -0.1, "negative", NEG),
    ("training", "card_pflops", 0.0, "zero", {}),
    ("training", "card_pflops", 1001.0, "too_large", {"max": 1000.0}),
    ("inference", "calls_per_day", NAN, "not_a_number", {}),
    ("inference", "calls_per_day", -1.0, "negative", NEG),
    ("inference", "calls_per_day", 1.1e12, "too_large", {"max": 1e12}),
    ("inference", "tokens_per_call", INF, "not_a_number", {}),
    ("inference", "tokens_per_call", -1.0, "negative", NEG),
    ("inference", "tokens_per_call", 1.1e7, "too_large", {"max": 1e7}),
    ("inference", "peak_share", NAN, "not_a_number", {}),
    ("inference", "peak_share", -0.1, "share_range", SHARE),
    ("inference", "peak_share", 0.0, "zero", {}),
    ("inference", "peak_share", 1.5, "share_range", SHARE),
    ("inference", "machine_tps", NAN, "not_a_number", {}),
    ("inference", "machine_tps", -8000.0, "negative", NEG),
    ("inference", "machine_tps", 0.0, "zero", {}),
    # So close to 0 that 27,777.8 tokens/s / 5e-324 overflows: no machine count exists.
    ("inference", "machine_tps", 5e-324, "zero", {}),
    ("inference", "users_per_machine", NAN, "not_a_number", {}),
    ("inference", "users_per_machine", -1.0, "negative", NEG),
    ("traffic", "vehicles_per_peak_hour", NAN, "not_a_number", {}),
    ("traffic", "vehicles_per_peak_hour", -1.0, "negative", NEG),
    ("traffic", "delay_min_per_vehicle", INF, "not_a_number", {}),
    ("traffic", "delay_min_per_vehicle", -2.0, "negative", NEG),
    ("traffic", "peak_hours_per_day", -1.0, "negative", NEG),
    ("traffic", "peak_hours_per_day", 24.5, "too_large", {"max": 24.0}),
    ("traffic", "efficiency_gain", NAN, "not_a_number", {}),
    ("traffic", "efficiency_gain", -0.1, "negative", NEG),
    ("traffic", "value_of_time_cny_per_h", None, "not_a_number", {}),
    ("traffic", "value_of_time_cny_per_h", -30.0, "negative", NEG),
    ("traffic", "maintenance_budget_cny", -1.0, "negative", NEG),
    ("traffic", "maintenance_saving", -0.01, "share_range", SHARE),
    ("traffic", "maintenance_saving", 1.2, "share_range", SHARE),
    ("protein", "complexes", NAN, "not_a_number", {}),
    ("protein", "complexes", -1.0, "negative", NEG),
    ("protein", "complexes", 0.0, "zero", {}),
    ("protein", "card_hours_per_complex", INF, "not_a_number", {}),
    ("protein", "card_hours_per_complex", -7.2, "negative", NEG),
    ("protein", "card_hours_per_complex", 0.0, "zero", {}),
    ("protein", "cards", NAN, "not_a_number", {}),
    ("protein", "cards", -8.0, "negative", NEG),
    ("protein", "cards", 0.0, "zero", {}),
    ("protein", "before_days", NAN, "not_a_number", {}),
    ("protein", "before_days", -1.0, "negative", NEG),
    ("rnd", "months_before", NAN, "not_a_number", {}),
    ("rnd", "months_before", -36.0, "negative", NEG),
    ("rnd", "months_before", 0.0, "zero", {}),
    ("rnd", "months_before", 1201.0, "too_large", {"max": 1200.0}),
    ("rnd", "months_after", INF, "not_a_number", {}),
    ("rnd", "months_after", -1.0, "negative", NEG),
    ("rnd", "months_after", 0.0, "zero", {}),
    ("rnd", "months_after", 1300.0, "too_large", {"max": 1200.0}),
    ("rnd", "monthly_program_cost_cny", NAN, "not_a_number", {}),
    ("rnd", "monthly_program_cost_cny", -1.0, "negative", NEG),
    ("inspection", "events_per_day", NAN, "not_a_number", {}),
    ("inspection", "events_per_day", -1.0, "negative", NEG),
    ("inspection", "minutes_per_event_before", INF, "not_a_number", {}),
    ("inspection", "minutes_per_event_before", -6.0, "negative", NEG),
    ("inspection", "speedup", NAN, "not_a_number", {}),
    ("inspection", "speedup", -20.0, "negative", NEG),
    ("inspection", "speedup", 0.0, "zero", {}),
    ("inspection", "hazard_classes", NAN, "not_a_number", {}),
    ("inspection", "hazard_classes", -1.0, "negative", NEG),
    ("multiplier", "investment_cny", NAN, "not_a_number", {}),
    ("multiplier", "investment_cny", -1.0, "negative", NEG),
    ("multiplier", "multiplier_low", INF, "not_a_number", {}),
    ("multiplier", "multiplier_low", -0.1, "negative", NEG),
    # A low multiplier above the high one: too large, with the high one as the maximum.
    ("multiplier", "multiplier_low", 3.5, "too_large", {"max": 3.4}),
    ("multiplier", "multiplier_high", NAN, "not_a_number", {}),
    ("multiplier", "multiplier_high", -3.4, "negative", NEG),
]


@pytest.mark.parametrize(("key", "field", "value", "code", "limits"), FAULTS,
                         ids=[f"{k}-{f}-{c}-{v}" for k, f, v, c, _ in FAULTS])
def test_each_impossible_input_has_its_code(key, field, value, code, limits):
    """Test that validate_<name> reports the one fault and the calculator raises it."""
    compute, validate = FUNCTIONS[key]
    inputs = {**WORKED[key], field: value}
    assert [(f.field, f.code, f.limits) for f in validate(**inputs)] == [(field, code, limits)]
    with pytest.raises(InputError) as caught:
        compute(**inputs)
    assert (caught.value.field, caught.value.code, caught.value.limits) == (field, code, limits)


@pytest.mark.parametrize(("key", "edge"), [
    ("training", {"params_b": 100_000}), ("training", {"tokens_b": 1e6}),
    ("training", {"pflops": 1e7}), ("training", {"mfu": 1.0}),
    ("training", {"card_pflops": 1000}), ("training", {"card_pflops": None}),
    ("inference", {"calls_per_day": 0}), ("inference", {"calls_per_day": 1e12}),
    ("inference", {"tokens_per_call": 0}), ("inference", {"tokens_per_call": 1e7}),
    ("inference", {"peak_share": 1.0}), ("inference", {"users_per_machine": 0}),
    ("inference", {"users_per_machine": None}),
    ("traffic", {"peak_hours_per_day": 0}), ("traffic", {"peak_hours_per_day": 24}),
    ("traffic", {"efficiency_gain": 0}), ("traffic", {"maintenance_saving": 0}),
    ("traffic", {"maintenance_saving": 1}), ("traffic", {"vehicles_per_peak_hour": 0}),
    ("protein", {"before_days": 0}), ("protein", {"before_days": None}),
    ("rnd", {"months_before": 1200}), ("rnd", {"months_after": 1200}),
    ("rnd", {"monthly_program_cost_cny": 0}),
    ("inspection", {"events_per_day": 0}), ("inspection", {"minutes_per_event_before": 0}),
    ("inspection", {"hazard_classes": 0}), ("inspection", {"hazard_classes": None}),
    ("multiplier", {"investment_cny": 0}), ("multiplier", {"multiplier_low": 3.4}),
    ("multiplier", {"multiplier_low": 0, "multiplier_high": 0}),
])
def test_bounds_themselves_are_allowed(key, edge):
    """Test that each bound is inclusive and each optional input may be left out."""
    compute, validate = FUNCTIONS[key]
    assert validate(**{**WORKED[key], **edge}) == []
    compute(**{**WORKED[key], **edge})


@pytest.mark.parametrize(("key", "args", "expected"), [
    ("training", (0, NAN, -1, 2, 0),
     [("params_b", "zero"), ("tokens_b", "not_a_number"), ("pflops", "negative"),
      ("mfu", "share_range"), ("card_pflops", "zero")]),
    ("inference", (-1, 2e7, 0, 0, -1),
     [("calls_per_day", "negative"), ("tokens_per_call", "too_large"), ("peak_share", "zero"),
      ("machine_tps", "zero"), ("users_per_machine", "negative")]),
    ("traffic", (-1, NAN, 25, -1, -1, -1, 2),
     [("vehicles_per_peak_hour", "negative"), ("delay_min_per_vehicle", "not_a_number"),
      ("peak_hours_per_day", "too_large"), ("efficiency_gain", "negative"),
      ("value_of_time_cny_per_h", "negative"), ("maintenance_budget_cny", "negative"),
      ("maintenance_saving", "share_range")]),
    ("protein", (0, -1, NAN, -1),
     [("complexes", "zero"), ("card_hours_per_complex", "negative"), ("cards", "not_a_number"),
      ("before_days", "negative")]),
    ("rnd", (0, 2000, -1),
     [("months_before", "zero"), ("months_after", "too_large"),
      ("monthly_program_cost_cny", "negative")]),
    ("inspection", (-1, NAN, 0, -1),
     [("events_per_day", "negative"), ("minutes_per_event_before", "not_a_number"),
      ("speedup", "zero"), ("hazard_classes", "negative")]),
    ("multiplier", (-1, 5, 4),
     [("investment_cny", "negative"), ("multiplier_low", "too_large")]),
])
def test_validate_returns_every_fault_in_argument_order(key, args, expected):
    """Test that all faults come back in argument order and the first is the one raised."""
    compute, validate = FUNCTIONS[key]
    assert [(f.field, f.code) for f in validate(*args)] == expected
    with pytest.raises(InputError) as caught:
        compute(*args)
    assert (caught.value.field, caught.value.code) == expected[0]


@pytest.mark.parametrize("key", sorted(WORKED))
def test_valid_worked_inputs_have_no_fault(key):
    """Test that each worked example validates clean."""
    assert FUNCTIONS[key][1](**WORKED[key]) == []
