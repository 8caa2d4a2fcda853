"""Test that the use-case calculators give the hand-checked figures and reject impossible inputs."""

import dataclasses
import doctest
import inspect
import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atlas.calc import usecases
from atlas.calc.energy import InputError
from atlas.calc.usecases import (
    ARTICLE_INFERENCE,
    ARTICLE_TRAINING,
    CALCULATORS,
    InferenceResult,
    InspectionResult,
    MultiplierResult,
    ProteinResult,
    RndResult,
    TrafficResult,
    TrainingResult,
    inference_capacity,
    inspection,
    investment_multiplier,
    protein_dataset,
    rnd_cycle,
    traffic_signals,
    training_time,
    validate_inference,
    validate_inspection,
    validate_multiplier,
    validate_protein,
    validate_rnd,
    validate_traffic,
    validate_training,
)

NAN, INF = math.nan, math.inf
no_db = settings(database=None)

# The worked example of each docstring, by parameter name.
WORKED = {
    "training": {"params_b": 3, "tokens_b": 60, "pflops": 300, "mfu": 0.4,
                 "card_pflops": 1000 / 4096},
    "inference": {"calls_per_day": 1_000_000, "tokens_per_call": 1000, "peak_share": 0.1,
                  "machine_tps": 8000, "users_per_machine": 158},
    "traffic": {"vehicles_per_peak_hour": 3000, "delay_min_per_vehicle": 2,
                "peak_hours_per_day": 4, "efficiency_gain": 0.33, "value_of_time_cny_per_h": 30,
                "maintenance_budget_cny": 10_000_000, "maintenance_saving": 0.45},
    "protein": {"complexes": 10_000, "card_hours_per_complex": 7.2, "cards": 1000,
                "before_days": 90},
    "rnd": {"months_before": 36, "months_after": 28, "monthly_program_cost_cny": 10_000_000},
    "inspection": {"events_per_day": 200, "minutes_per_event_before": 6, "speedup": 20,
                   "hazard_classes": 10},
    "multiplier": {"investment_cny": 12.8e9, "multiplier_low": 2.9, "multiplier_high": 3.4},
}
FUNCTIONS = {
    "training": (training_time, validate_training),
    "inference": (inference_capacity, validate_inference),
    "traffic": (traffic_signals, validate_traffic),
    "protein": (protein_dataset, validate_protein),
    "rnd": (rnd_cycle, validate_rnd),
    "inspection": (inspection, validate_inspection),
    "multiplier": (investment_multiplier, validate_multiplier),
}


def near(x):
    return pytest.approx(x, rel=1e-12)


# Exact values, computed by hand

@pytest.mark.parametrize(("args", "expected"), [
    # The worked example: 6 × 3e9 × 60e9 = 1.08e21 FLOP; / (300e15 × 0.4 = 1.2e17) = 9,000 s;
    # / 86,400 = 0.1041666… d; / (1000/4096 × 1e15 × 0.4 = 9.765625e13) = 11,059,200 s / 3600
    # = 3,072 card-h.
    ((3, 60, 300, 0.4, 1000 / 4096), (1.08e21, 9000, 9000 / 86400, 3072)),
    # 6 × 1e9 × 20e9 = 1.2e20; / (1 × 1e15 × 1.0) = 120,000 s = 1.3888… d;
    # / (0.1 × 1e15 × 1.0) = 1.2e6 s / 3600 = 333.33… card-h.
    ((1, 20, 1, 1.0, 0.1), (1.2e20, 120_000, 120_000 / 86400, 1.2e6 / 3600)),
    # 6 × 7e9 × 1.4e12 = 5.88e22; / (1000e15 × 0.5 = 5e17) = 117,600 s = 1.36111… d; no cards.
    ((7, 1400, 1000, 0.5, None), (5.88e22, 117_600, 117_600 / 86400, None)),
], ids=["worked_3b", "1b_one_pflops", "7b_no_cards"])
def test_training_time_matches_hand_computed_values(args, expected):
    """Test that each field equals the hand computation."""
    flops, seconds, days, card_hours = expected
    assert training_time(*args) == TrainingResult(
        flops=near(flops), seconds=near(seconds), days=near(days),
        card_hours=None if card_hours is None else near(card_hours))


def test_worked_training_example_is_hours_not_the_articles_half_year():
    """Test that the article's 3B model on 300 P is 2.5 h of compute at 60 B tokens, and that
    filling half a year (182.5 d) would take 105,120 B tokens: 6 × 3e9 × 1.0512e14 / 1.2e17
    = 15,768,000 s = 182.5 d."""
    r = training_time(**{**WORKED["training"], **ARTICLE_TRAINING})
    assert (r.seconds / 3600, f"{r.days:.3f}") == (near(2.5), "0.104")
    assert training_time(3, 105_120, 300, 0.4).days == near(182.5)


@pytest.mark.parametrize(("args", "expected"), [
    # The worked example: 1e6 × 1000 = 1e9 tokens/d; × 0.1 / 3600 = 27,777.7… tokens/s;
    # / 8000 = 3.47 → 4 machines; × 158 = 632 users.
    ((1_000_000, 1000, 0.1, 8000, 158), (1e9, 1e8 / 3600, 4, 632)),
    # 36,000 × 1000 × 0.07 / 3600 = 700 tokens/s exactly; / 100 = 7 machines. Plain floating
    # point gives 7.000000000000001, which a bare ceil would turn into 8.
    ((36_000, 1000, 0.07, 100, None), (36e6, 700, 7, None)),
    # 288,000 × 1000 × 0.1 / 3600 = 8,000 tokens/s: exactly one machine of 8,000 tokens/s …
    ((288_000, 1000, 0.1, 8000, None), (2.88e8, 8000, 1, None)),
    # … and one call more (8,000.03 tokens/s) needs a second machine.
    ((288_001, 1000, 0.1, 8000, None), (2.88001e8, 8000.0277777777777, 2, None)),
    # All calls in one hour: 3600 × 10 = 36,000 tokens; / 3600 = 10 tokens/s; / 3 = 3.33 → 4;
    # × 2 = 8 users.
    ((3600, 10, 1.0, 3, 2), (36_000, 10, 4, 8)),
    # No calls, no machines and no users.
    ((0, 1000, 0.1, 8000, 158), (0, 0, 0, 0)),
], ids=["worked_1m_calls", "float_edge_7", "exactly_one", "one_more_call", "all_in_one_hour",
        "no_calls"])
def test_inference_capacity_matches_hand_computed_values(args, expected):
    """Test that each field equals the hand computation and machines is an int."""
    tokens, peak, machines, users = expected
    r = inference_capacity(*args)
    assert r == InferenceResult(tokens_per_day=near(tokens), peak_tokens_per_s=near(peak),
                                machines=machines,
                                concurrent_users=None if users is None else near(users))
    assert type(r.machines) is int


@pytest.mark.parametrize(("args", "expected"), [
    # The worked example: 3000 × 2/60 × 4 = 400 h of delay; × 0.33/1.33 = 99.2481… h/d;
    # × 365 = 36,225.56… h/yr; × 30 = 1,086,766.9… CNY; 1e7 × 0.45 = 4,500,000 CNY.
    ((3000, 2, 4, 0.33, 30, 10_000_000, 0.45),
     (400 * 0.33 / 1.33, 146_000 * 0.33 / 1.33, 4_380_000 * 0.33 / 1.33, 4_500_000)),
    # Doubled efficiency halves the delay: 600 × 3/60 × 2 = 60 h; × 1/2 = 30 h/d; × 365
    # = 10,950 h/yr; × 20 = 219,000 CNY; 1,000,000 × 0.45 = 450,000 CNY.
    ((600, 3, 2, 1.0, 20, 1_000_000, 0.45), (30, 10_950, 219_000, 450_000)),
    # No gain and no maintenance saving: nothing saved.
    ((1000, 5, 3, 0.0, 50, 2_000_000, 0.0), (0, 0, 0, 0)),
], ids=["worked_plus_33pct", "gain_doubles", "no_gain"])
def test_traffic_signals_matches_hand_computed_values(args, expected):
    """Test that each field equals the hand computation."""
    day, year, value, maintenance = expected
    assert traffic_signals(*args) == TrafficResult(
        hours_saved_per_day=near(day), hours_saved_per_year=near(year),
        time_value_cny_per_year=near(value), maintenance_saved_cny_per_year=near(maintenance))


def test_plus_33_percent_efficiency_cuts_delay_by_24_8_percent():
    """Test the modelling choice: +33 % throughput saves 1 − 1/1.33 ≈ 24.8 % of delay, and a
    gain of 0.33/0.67 saves exactly 33 %."""
    base = {**WORKED["traffic"], "vehicles_per_peak_hour": 60, "delay_min_per_vehicle": 1,
            "peak_hours_per_day": 1}  # 60 × 1/60 × 1 = 1 h of delay
    assert f"{traffic_signals(**base).hours_saved_per_day:.4f}" == "0.2481"
    assert traffic_signals(**{**base, "efficiency_gain": 0.33 / 0.67}).hours_saved_per_day == near(0.33)


@pytest.mark.parametrize(("args", "expected"), [
    # The worked example: 10,000 × 7.2 = 72,000 card-h; / 1000 = 72 h = 3 d; 90 × 24 / 72 = 30.
    ((10_000, 7.2, 1000, 90), (72_000, 72, 3, 30)),
    # 500 × 4 = 2,000 card-h; / 100 = 20 h = 0.8333 d; 5 × 24 / 20 = 6.
    ((500, 4, 100, 5), (2000, 20, 20 / 24, 6)),
    # One complex of 72 card-h on one card: 72 h = 3 d; no "before", no speed-up.
    ((1, 72, 1, None), (72, 72, 3, None)),
], ids=["worked_72h", "small_batch", "no_before"])
def test_protein_dataset_matches_hand_computed_values(args, expected):
    """Test that each field equals the hand computation."""
    card_hours, wall_hours, wall_days, speedup = expected
    assert protein_dataset(*args) == ProteinResult(
        card_hours=near(card_hours), wall_hours=near(wall_hours), wall_days=near(wall_days),
        speedup=None if speedup is None else near(speedup))


@pytest.mark.parametrize(("args", "expected"), [
    # The article's 36 → 28 months: 8 months; 8/36 = 0.2222…; × 10 M CNY = 80 M CNY.
    ((36, 28, 10_000_000), (8, 8 / 36, 80_000_000)),
    # A longer cycle saves a negative amount: 24 → 30 = −6; −6/24 = −0.25; × 1 M = −6 M CNY.
    ((24, 30, 1_000_000), (-6, -0.25, -6_000_000)),
    # No change.
    ((10, 10, 500_000), (0, 0, 0)),
], ids=["article_36_to_28", "cycle_grew", "unchanged"])
def test_rnd_cycle_matches_hand_computed_values(args, expected):
    """Test that each field equals the hand computation."""
    months, share, cost = expected
    assert rnd_cycle(*args) == RndResult(months_saved=near(months), share_saved=near(share),
                                         cost_saved_cny=near(cost))


@pytest.mark.parametrize(("args", "expected"), [
    # The worked example: 6 / 20 = 0.3 min; 200 × 5.7 / 60 = 19 h/d; × 365 = 6,935 h/yr.
    ((200, 6, 20, 10), (0.3, 19, 6935)),
    # 12 / 4 = 3 min; 50 × 9 / 60 = 7.5 h/d; × 365 = 2,737.5 h/yr.
    ((50, 12, 4, None), (3, 7.5, 2737.5)),
    # A slow-down (×0.5): 10 / 0.5 = 20 min; 100 × (10 − 20) / 60 = −16.67 h/d; × 365 = −6,083.3.
    ((100, 10, 0.5, None), (20, -1000 / 60, -365_000 / 60)),
], ids=["worked_x20", "x4", "slower"])
def test_inspection_matches_hand_computed_values(args, expected):
    """Test that each field equals the hand computation."""
    after, day, year = expected
    assert inspection(*args) == InspectionResult(
        minutes_per_event_after=near(after), hours_saved_per_day=near(day),
        hours_saved_per_year=near(year))


def test_hazard_classes_do_not_change_the_result():
    """Test that hazard_classes is validated but does not enter the arithmetic."""
    assert inspection(200, 6, 20, 10) == inspection(200, 6, 20, 25) == inspection(200, 6, 20)


@pytest.mark.parametrize(("args", "expected"), [
    # The article's multipliers on Qingyang's 12.8 bn: × 2.9 = 37.12 bn; × 3.4 = 43.52 bn.
    ((12.8e9,), (37.12e9, 43.52e9)),
    # Equal multipliers: 1e9 × 2 = 2e9 both.
    ((1e9, 2, 2), (2e9, 2e9)),
    # Nothing invested.
    ((0,), (0, 0)),
], ids=["qingyang_12_8bn", "equal_multipliers", "no_investment"])
def test_investment_multiplier_matches_hand_computed_values(args, expected):
    """Test that each field equals the hand computation."""
    low, high = expected
    assert investment_multiplier(*args) == MultiplierResult(low_cny=near(low), high_cny=near(high))


# Impossible inputs

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


def test_high_multiplier_below_low_faults_the_low_one():
    """Test that lowering the high multiplier under the low one blames multiplier_low."""
    faults = validate_multiplier(1e9, 2.9, 2.0)
    assert [(f.field, f.code, f.limits) for f in faults] == [("multiplier_low", "too_large",
                                                              {"max": 2.0})]
    with pytest.raises(InputError, match=r"multiplier_low: too_large \(max=2\)"):
        investment_multiplier(1e9, 2.9, 2.0)


def test_an_invalid_high_multiplier_is_not_also_compared():
    """Test that an invalid high multiplier gives one fault, not a second on the low one."""
    assert [(f.field, f.code) for f in validate_multiplier(1e9, 2.9, NAN)] == [
        ("multiplier_high", "not_a_number")]


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


# Properties

PARAMS = st.floats(1e-3, 1e5)
TOKENS = st.floats(1e-3, 1e6)
PFLOPS = st.floats(1e-3, 1e7)
MFU = st.floats(1e-3, 1.0)
TRAINING = {"params_b": PARAMS, "tokens_b": TOKENS, "pflops": PFLOPS, "mfu": MFU}
training_inputs = st.fixed_dictionaries(TRAINING)


@pytest.mark.parametrize(("name", "rising"), [
    ("params_b", True), ("tokens_b", True), ("pflops", False), ("mfu", False),
])
@no_db
@given(inputs=training_inputs, data=st.data())
def test_training_days_move_the_right_way(name, rising, inputs, data):
    """Test that days never fall with more params or tokens and never rise with more PFLOPS or MFU."""
    low, high = sorted([inputs[name], data.draw(TRAINING[name], label=name)])
    d_low = training_time(**{**inputs, name: low}).days
    d_high = training_time(**{**inputs, name: high}).days
    assert d_low <= d_high if rising else d_high <= d_low


@no_db
@given(inputs=training_inputs, card=st.floats(1e-3, 1000))
def test_training_units_agree(inputs, card):
    """Test that days × 86,400 = seconds and card-hours × card PFLOPS = cluster-seconds × PFLOPS / 3600."""
    r = training_time(**inputs, card_pflops=card)
    assert r.days * 86_400 == pytest.approx(r.seconds, rel=1e-15)
    assert r.card_hours * card == pytest.approx(r.seconds * inputs["pflops"] / 3600, rel=1e-12)
    assert r.flops == pytest.approx(6e18 * inputs["params_b"] * inputs["tokens_b"], rel=1e-15)


CALLS = st.floats(0, 1e12)
inference_inputs = st.fixed_dictionaries({
    "calls_per_day": CALLS, "tokens_per_call": st.floats(0, 1e7),
    "peak_share": st.floats(1e-6, 1.0), "machine_tps": st.floats(1e-3, 1e7),
})


@no_db
@given(inputs=inference_inputs, other=CALLS)
def test_machines_never_fall_with_more_calls(inputs, other):
    """Test that the machine count is non-decreasing in calls per day."""
    low, high = sorted([inputs["calls_per_day"], other])
    assert (inference_capacity(**{**inputs, "calls_per_day": low}).machines
            <= inference_capacity(**{**inputs, "calls_per_day": high}).machines)


@no_db
@given(inputs=inference_inputs)
def test_machines_suffice_and_one_fewer_would_not(inputs):
    """Test that machines × throughput covers the peak (to 1e-12) and one machine fewer does not."""
    r = inference_capacity(**inputs)
    need = r.peak_tokens_per_s / inputs["machine_tps"]
    assert r.machines >= need * (1 - 1e-9)
    assert r.machines - 1 < need


@no_db
@given(v=st.floats(0, 1e6), d=st.floats(0, 60), h=st.floats(0, 24), g=st.floats(0, 100))
def test_traffic_saves_less_than_the_whole_delay(v, d, h, g):
    """Test that the hours saved lie between 0 and the whole delay, and a year is 365 days."""
    r = traffic_signals(v, d, h, g, 30, 1e6, 0.45)
    assert 0 <= r.hours_saved_per_day <= v * d / 60 * h * (1 + 1e-12)
    assert r.hours_saved_per_year == pytest.approx(r.hours_saved_per_day * 365, rel=1e-15)


@no_db
@given(n=st.floats(1e-3, 1e9), c=st.floats(1e-3, 1e6), k=st.floats(1e-3, 1e7),
       before=st.floats(1e-3, 1e4))
def test_protein_time_and_speedup_agree(n, c, k, before):
    """Test that wall hours × cards = card-hours and speed-up × wall hours = before hours."""
    r = protein_dataset(n, c, k, before)
    assert r.wall_hours * k == pytest.approx(r.card_hours, rel=1e-12)
    assert r.speedup * r.wall_hours == pytest.approx(before * 24, rel=1e-12)


# Registry

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
    and validate."""
    calc = CALCULATORS[key]
    names = tuple(f.name for f in calc.fields)
    assert names == URL_NAMES[key]
    assert tuple(inspect.signature(calc.run).parameters) == names
    assert tuple(inspect.signature(calc.validate).parameters) == names


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
    """Test that each field names its source ("article #N" with N in 1–46 when from the article)."""
    for f in CALCULATORS[key].fields:
        assert f.step > 0 and f.source
        if f.source.startswith("article"):
            assert re.fullmatch(r"article #(\d+)", f.source)
            assert 1 <= int(f.source.split("#")[1]) <= 46
        if f.default is None:
            assert f.source == "reader input"


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
                if f.source == "example assumption"}
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


def test_docstring_examples_hold():
    """Test that the Examples sections of the module run as written."""
    result = doctest.testmod(usecases)
    assert result.attempted > 0 and result.failed == 0
