"""Test that the traffic-signal and inspection calculators give the hand-checked figures (their
impossible inputs are tested with every calculator's in test_calc_inputs.py)."""

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atlas.calc import operations
from atlas.calc.operations import (
    InspectionResult,
    TrafficResult,
    inspection,
    traffic_signals,
)
from tests.unit.calc_examples import WORKED

no_db = settings(database=None)


def near(x):
    return pytest.approx(x, rel=1e-12)


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


# Properties

@no_db
@given(v=st.floats(0, 1e6), d=st.floats(0, 60), h=st.floats(0, 24), g=st.floats(0, 100))
def test_traffic_saves_less_than_the_whole_delay(v, d, h, g):
    """Test that the hours saved lie between 0 and the whole delay, and a year is 365 days."""
    r = traffic_signals(v, d, h, g, 30, 1e6, 0.45)
    assert 0 <= r.hours_saved_per_day <= v * d / 60 * h * (1 + 1e-12)
    assert r.hours_saved_per_year == pytest.approx(r.hours_saved_per_day * 365, rel=1e-15)


def test_docstring_examples_hold():
    """Test that the Examples sections of the module run as written."""
    result = doctest.testmod(operations)
    assert result.attempted > 0 and result.failed == 0
