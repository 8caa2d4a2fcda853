"""Test that the training calculator gives the hand-checked figures (its impossible inputs are
tested with every calculator's in test_calc_inputs.py)."""

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atlas.calc import training
from atlas.calc.training import ARTICLE_TRAINING, TrainingResult, training_time
from tests.unit.calc_examples import WORKED

no_db = settings(database=None)


def near(x):
    return pytest.approx(x, rel=1e-12)


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


def test_docstring_examples_hold():
    """Test that the Examples sections of the module run as written."""
    result = doctest.testmod(training)
    assert result.attempted > 0 and result.failed == 0
