"""Test that the inference calculator gives the hand-checked figures (its impossible inputs are
tested with every calculator's in test_calc_inputs.py)."""

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atlas.calc import inference
from atlas.calc.inference import InferenceResult, inference_capacity

no_db = settings(database=None)


def near(x):
    return pytest.approx(x, rel=1e-12)


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


# Properties

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


def test_docstring_examples_hold():
    """Test that the Examples sections of the module run as written."""
    result = doctest.testmod(inference)
    assert result.attempted > 0 and result.failed == 0
