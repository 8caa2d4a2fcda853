"""Test that the energy calculator gives the hand-checked figures and rejects impossible inputs."""

import doctest
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atlas.calc import energy
from atlas.calc.energy import (
    Comparison,
    EnergyResult,
    compare,
    energy_cost_carbon,
    it_mw_from_pflops,
    validate_energy,
)
from atlas.calc.inputs import InputError

NAN, INF = math.nan, math.inf
# The worked example of the docstring: 10 MW, PUE 1.2, 8,760 h, 0.36 CNY/kWh, 30 % green,
# national grid factor 0.5366 (MEE + NBS 2022, source daydaynews-bb63).
WORKED = {"it_mw": 10, "pue": 1.2, "hours": 8760, "price": 0.36, "green": 0.3, "grid": 0.5366}
# No example database: failures are reproduced from the printed example, not from a directory
# of saved ones (Hypothesis's own .hypothesis/ cache ignores itself in git).
no_db = settings(database=None)


def near(x):
    return pytest.approx(x, rel=1e-12)


# Exact values, computed by hand

@pytest.mark.parametrize(("inputs", "expected"), [
    # 10 × 1000 × 8760 = 87,600,000 IT kWh; × 1.2 = 105,120,000; × 0.36 = 37,843,200 CNY;
    # × 0.7 = 73,584,000 grid kWh; × 0.5366 / 1000 = 39,485.1744 t.
    ((10, 1.2, 8760, 0.36, 0.3, 0.5366), (87_600_000, 105_120_000, 37_843_200, 73_584_000, 39_485.1744)),
    # No load, no energy, whatever the rest.
    ((0, 1.3, 8760, 0.5, 0.2, 0.6), (0, 0, 0, 0, 0)),
    # 1 × 1000 × 4380 = 4,380,000; × 1.5 = 6,570,000; × 0.5 = 3,285,000 CNY; all grid:
    # 6,570,000 × 0.6 / 1000 = 3,942 t.
    ((1, 1.5, 4380, 0.5, 0.0, 0.6), (4_380_000, 6_570_000, 3_285_000, 6_570_000, 3_942)),
    # A leap year, all green: 2.5 × 1000 × 8784 = 21,960,000; × 1.1 = 24,156,000;
    # × 0.4 = 9,662,400 CNY; no grid energy, no CO₂.
    ((2.5, 1.1, 8784, 0.4, 1.0, 0.5366), (21_960_000, 24_156_000, 9_662_400, 0, 0)),
    # Every upper bound at once is still allowed: 1 × 1000 × 1000 = 1,000,000; × 3 = 3,000,000;
    # × 1 = 3,000,000 CNY; × 0.5 = 1,500,000 grid kWh; × 2 / 1000 = 3,000 t.
    ((1, 3.0, 1000, 1.0, 0.5, 2.0), (1_000_000, 3_000_000, 3_000_000, 1_500_000, 3_000)),
], ids=["worked_10mw", "zero_load", "half_year_all_grid", "leap_year_all_green", "upper_bounds"])
def test_energy_cost_carbon_matches_hand_computed_values(inputs, expected):
    """Test that each field equals the hand computation."""
    it_kwh, facility_kwh, cost_cny, grid_kwh, tco2 = expected
    assert energy_cost_carbon(*inputs) == EnergyResult(
        it_kwh=near(it_kwh), facility_kwh=near(facility_kwh), cost_cny=near(cost_cny),
        grid_kwh=near(grid_kwh), tco2=near(tco2),
    )


def test_worked_example_reads_as_37_84_million_cny():
    """Test that the worked example's cost shows as 37.84 M CNY and 39,485.17 t."""
    r = energy_cost_carbon(**WORKED)
    assert f"{r.cost_cny / 1e6:.2f}" == "37.84"
    assert f"{r.tco2:,.2f}" == "39,485.17"


@pytest.mark.parametrize(("pflops", "w_per_pflops", "mw"), [
    (300, 2_000_000, 600.0),  # 300 × 2,000,000 W = 600,000,000 W = 600 MW
    (300, 20_000, 6.0),  # 300 × 20,000 W = 6,000,000 W = 6 MW
    (1.5, 1_000_000, 1.5),  # 1.5 × 1,000,000 W = 1,500,000 W = 1.5 MW
    (0, 20_000, 0.0),
])
def test_it_mw_from_pflops(pflops, w_per_pflops, mw):
    """Test that MW = PFLOPS × W/PFLOPS / 1e6."""
    assert it_mw_from_pflops(pflops, w_per_pflops) == near(mw)


@pytest.mark.parametrize(("pflops", "w_per_pflops", "field", "code"), [
    (-1, 20_000, "pflops", "negative"),
    (300, NAN, "w_per_pflops", "not_a_number"),
    (INF, 20_000, "pflops", "not_a_number"),
])
def test_it_mw_from_pflops_rejects_impossible_inputs(pflops, w_per_pflops, field, code):
    """Test that a negative or non-finite input raises InputError naming it."""
    with pytest.raises(InputError) as caught:
        it_mw_from_pflops(pflops, w_per_pflops)
    assert (caught.value.field, caught.value.code) == (field, code)


# Impossible inputs

@pytest.mark.parametrize(("field", "value", "code", "limits"), [
    ("it_mw", -1.0, "negative", {"min": 0.0}),
    ("it_mw", NAN, "not_a_number", {}),
    ("pue", 0.99, "pue_below_one", {"min": 1.0}),
    ("pue", 3.01, "pue_too_high", {"max": 3.0}),
    ("pue", INF, "not_a_number", {}),
    ("hours", -1.0, "hours_range", {"min": 0.0, "max": 8784.0}),
    ("hours", 8784.5, "hours_range", {"min": 0.0, "max": 8784.0}),
    ("price", -0.01, "negative", {"min": 0.0}),
    ("price", -INF, "not_a_number", {}),
    ("green", -0.1, "share_range", {"min": 0.0, "max": 1.0}),
    ("green", 1.1, "share_range", {"min": 0.0, "max": 1.0}),
    ("grid", -0.1, "grid_range", {"min": 0.0, "max": 2.0}),
    ("grid", 2.1, "grid_range", {"min": 0.0, "max": 2.0}),
    ("grid", NAN, "not_a_number", {}),
])
def test_each_impossible_input_has_its_code(field, value, code, limits):
    """Test that validate_energy reports the fault and energy_cost_carbon raises it."""
    inputs = {**WORKED, field: value}
    faults = validate_energy(**inputs)
    assert [(f.field, f.code, f.limits) for f in faults] == [(field, code, limits)]
    with pytest.raises(InputError) as caught:
        energy_cost_carbon(**inputs)
    assert (caught.value.field, caught.value.code, caught.value.limits) == (field, code, limits)


@pytest.mark.parametrize("edge", [
    {"it_mw": 0}, {"pue": 1.0}, {"pue": 3.0}, {"hours": 0}, {"hours": 8784}, {"price": 0},
    {"green": 0}, {"green": 1}, {"grid": 0}, {"grid": 2},
])
def test_bounds_themselves_are_allowed(edge):
    """Test that each bound is inclusive."""
    assert validate_energy(**{**WORKED, **edge}) == []


def test_validate_energy_returns_every_fault_in_argument_order():
    """Test that all six faults come back in argument order and the first is the one raised."""
    args = (-1, 0.5, 9000, -1, 2, 3)
    assert [(f.field, f.code) for f in validate_energy(*args)] == [
        ("it_mw", "negative"), ("pue", "pue_below_one"), ("hours", "hours_range"),
        ("price", "negative"), ("green", "share_range"), ("grid", "grid_range"),
    ]
    with pytest.raises(InputError, match="it_mw: negative"):
        energy_cost_carbon(*args)


def test_validate_energy_skips_valid_inputs_between_faults():
    """Test that only the faulty inputs are listed, NaN as not_a_number."""
    faults = validate_energy(NAN, 1.2, 8760, 0.36, 1.5, NAN)
    assert [(f.field, f.code) for f in faults] == [
        ("it_mw", "not_a_number"), ("green", "share_range"), ("grid", "not_a_number"),
    ]


def test_input_error_is_a_value_error_with_a_readable_message():
    """Test that InputError carries field, code and limits and reads well."""
    e = InputError("hours", "hours_range", min=0.0, max=8784.0)
    assert isinstance(e, ValueError)
    assert (e.field, e.code, e.limits) == ("hours", "hours_range", {"min": 0.0, "max": 8784.0})
    assert str(e) == "hours: hours_range (min=0, max=8784)"
    assert str(InputError("pue", "not_a_number")) == "pue: not_a_number"


# Comparison

def test_compare_pue_1_5_with_1_2():
    """Test that cutting PUE from 1.5 to 1.2 cuts energy, cost and CO₂ by a fifth.

    a: 87,600,000 × 1.5 = 131,400,000 kWh, 47,304,000 CNY, × 0.7 × 0.5366 / 1000 = 49,356.468 t.
    b: the worked example. b − a: −26,280,000 kWh, −9,460,800 CNY, −9,871.2936 t.
    """
    a = energy_cost_carbon(**{**WORKED, "pue": 1.5})
    b = energy_cost_carbon(**WORKED)
    assert compare(a, b) == Comparison(
        a=a, b=b, d_facility_kwh=near(-26_280_000), d_cost_cny=near(-9_460_800),
        d_tco2=near(-9_871.2936), pct_cost=near(-0.2), pct_tco2=near(-0.2),
    )


def test_compare_with_a_zero_base_has_no_percentage():
    """Test that pct_* is None when the base is 0 and the difference is then b itself."""
    zero = energy_cost_carbon(**{**WORKED, "it_mw": 0})
    b = energy_cost_carbon(**WORKED)
    c = compare(zero, b)
    assert (c.d_cost_cny, c.d_tco2) == (near(37_843_200), near(39_485.1744))
    assert (c.pct_cost, c.pct_tco2) == (None, None)


def test_compare_all_green_base_has_cost_percentage_only():
    """Test that a base with no CO₂ still gets a cost percentage: 0.72 / 0.36 − 1 = 1."""
    a = energy_cost_carbon(**{**WORKED, "green": 1.0})
    b = energy_cost_carbon(**{**WORKED, "price": 0.72})
    c = compare(a, b)
    assert (c.pct_cost, c.pct_tco2) == (near(1.0), None)


# Properties

IT_MW = st.floats(0, 10_000)
PUE = st.floats(1, 3)
HOURS = st.floats(0, 8784)
PRICE = st.floats(0, 10)
GREEN = st.floats(0, 1)
GRID = st.floats(0, 2)
STRATEGIES = {"it_mw": IT_MW, "pue": PUE, "hours": HOURS, "price": PRICE, "green": GREEN, "grid": GRID}
valid_inputs = st.fixed_dictionaries(STRATEGIES)


@pytest.mark.parametrize("name", ["it_mw", "price", "pue", "hours"])
@no_db
@given(inputs=valid_inputs, data=st.data())
def test_cost_never_falls_when_an_input_rises(name, inputs, data):
    """Test that cost is non-decreasing in it_mw, price, pue and hours."""
    low, high = sorted([inputs[name], data.draw(STRATEGIES[name], label=name)])
    assert (energy_cost_carbon(**{**inputs, name: low}).cost_cny
            <= energy_cost_carbon(**{**inputs, name: high}).cost_cny)


@no_db
@given(inputs=valid_inputs, other=GREEN)
def test_tco2_never_rises_with_more_green_power(inputs, other):
    """Test that tCO₂ is non-increasing in the green share."""
    low, high = sorted([inputs["green"], other])
    assert (energy_cost_carbon(**{**inputs, "green": high}).tco2
            <= energy_cost_carbon(**{**inputs, "green": low}).tco2)


@no_db
@given(inputs=valid_inputs)
def test_facility_energy_is_it_energy_times_pue(inputs):
    """Test that facility_kwh = it_kwh × pue, and nothing is negative."""
    r = energy_cost_carbon(**inputs)
    assert r.facility_kwh == r.it_kwh * inputs["pue"]
    assert min(r.it_kwh, r.facility_kwh, r.cost_cny, r.grid_kwh, r.tco2) >= 0


def test_docstring_examples_hold():
    """Test that the Examples sections of the module run as written."""
    result = doctest.testmod(energy)
    assert result.attempted > 0 and result.failed == 0
