"""Test that the investment multiplier gives the hand-checked figures and blames the right
multiplier (its other impossible inputs are tested with every calculator's in test_calc_inputs.py)."""

import doctest
import math

import pytest

from atlas.calc import investment
from atlas.calc.inputs import InputError
from atlas.calc.investment import (
    MultiplierResult,
    investment_multiplier,
    validate_multiplier,
)

NAN = math.nan


def near(x):
    return pytest.approx(x, rel=1e-12)


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


def test_docstring_examples_hold():
    """Test that the Examples sections of the module run as written."""
    result = doctest.testmod(investment)
    assert result.attempted > 0 and result.failed == 0
