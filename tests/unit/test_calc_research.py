"""Test that the protein-dataset and R&D-cycle calculators give the hand-checked figures (their
impossible inputs are tested with every calculator's in test_calc_inputs.py)."""

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atlas.calc import research
from atlas.calc.research import ProteinResult, RndResult, protein_dataset, rnd_cycle

no_db = settings(database=None)


def near(x):
    return pytest.approx(x, rel=1e-12)


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


# Properties

@no_db
@given(n=st.floats(1e-3, 1e9), c=st.floats(1e-3, 1e6), k=st.floats(1e-3, 1e7),
       before=st.floats(1e-3, 1e4))
def test_protein_time_and_speedup_agree(n, c, k, before):
    """Test that wall hours × cards = card-hours and speed-up × wall hours = before hours."""
    r = protein_dataset(n, c, k, before)
    assert r.wall_hours * k == pytest.approx(r.card_hours, rel=1e-12)
    assert r.speedup * r.wall_hours == pytest.approx(before * 24, rel=1e-12)


def test_docstring_examples_hold():
    """Test that the Examples sections of the module run as written."""
    result = doctest.testmod(research)
    assert result.attempted > 0 and result.failed == 0
