"""Test that placement ranks hubs by cost within a latency budget and compares west with east."""

import doctest
import math

import pytest

from atlas.calc import placement
from atlas.calc.inputs import InputError
from atlas.calc.placement import (
    WORKLOADS,
    Placement,
    Saving,
    Site,
    rank_sites,
    west_vs_east,
)


def near(x):
    return None if x is None else pytest.approx(x, rel=1e-12)


def expect(hub_id, region, facility, cost, tco2, latency, meets, missing, rank):
    return Placement(hub_id, region, near(facility), near(cost), near(tco2), latency, meets, missing, rank)


# A 10 MW workload for 8,760 h (87,600,000 IT kWh) with a 10 ms budget, at four hand-made hubs.
# east-1: × 1.25 = 109,500,000 kWh; × 0.60 = 65,700,000 CNY; × 0.8 × 0.5 / 1000 = 43,800 t.
EAST_1 = Site("east-1", "east", pue=1.25, price=0.60, green=0.2, grid=0.5, latency_ms=5.0)
# east-2: × 1.3 = 113,880,000 kWh; price unknown; × 0.9 × 0.6 / 1000 = 61,495.2 t.
EAST_2 = Site("east-2", "east", pue=1.3, price=None, green=0.1, grid=0.6, latency_ms=8.0)
# west-1: × 1.2 = 105,120,000 kWh; × 0.30 = 31,536,000 CNY (the cheapest, but 20 ms);
# green unknown, so all grid: × 0.6 / 1000 = 63,072 t.
WEST_1 = Site("west-1", "west", pue=1.2, price=0.30, green=None, grid=0.6, latency_ms=20.0)
# west-2: × 1.15 = 100,740,000 kWh; × 0.35 = 35,259,000 CNY; × 0.5 × 0.4 / 1000 = 20,148 t;
# exactly at the 10 ms budget, which counts as meeting it.
WEST_2 = Site("west-2", "west", pue=1.15, price=0.35, green=0.5, grid=0.4, latency_ms=10.0)
FOUR = [EAST_2, WEST_1, EAST_1, WEST_2]  # shuffled on purpose: the order must not matter

P_WEST_2 = expect("west-2", "west", 100_740_000, 35_259_000, 20_148, 10.0, True, (), 1)
P_EAST_1 = expect("east-1", "east", 109_500_000, 65_700_000, 43_800, 5.0, True, (), 2)
P_WEST_1 = expect("west-1", "west", 105_120_000, 31_536_000, 63_072, 20.0, False, ("green",), None)
P_EAST_2 = expect("east-2", "east", 113_880_000, None, 61_495.2, 8.0, True, ("price",), None)


def test_four_hubs_are_ranked_then_listed_in_the_documented_order():
    """Test the exact order: ranked, then over budget, then unknown cost."""
    assert rank_sites(10, 8760, 10, FOUR) == [P_WEST_2, P_EAST_1, P_WEST_1, P_EAST_2]


def test_west_saving_over_east_for_the_four_hubs():
    """Test the saving: 65,700,000 − 35,259,000 = 30,441,000 CNY = 30,441/65,700 of the east's
    cost; 43,800 − 20,148 = 23,652 t. west-1 is cheaper but misses the budget."""
    assert west_vs_east(rank_sites(10, 8760, 10, FOUR)) == Saving(
        best_west=P_WEST_2, best_east=P_EAST_1, saving_cny=near(30_441_000),
        saving_pct=near(30_441 / 65_700), saving_tco2=near(23_652),
    )


def test_no_western_hub_within_budget_means_no_saving():
    """Test that with a 5 ms budget only east-1 qualifies, so there is nothing to compare."""
    placed = rank_sites(10, 8760, 5, FOUR)
    assert [(p.hub_id, p.meets_latency, p.rank) for p in placed] == [
        ("east-1", True, 1), ("west-1", False, None), ("west-2", False, None), ("east-2", False, None),
    ]
    assert west_vs_east(placed) == Saving(best_west=None, best_east=placed[0], saving_cny=None,
                                          saving_pct=None, saving_tco2=None)


def test_no_sites_no_placements():
    """Test that an empty list gives no placements and an empty saving."""
    assert rank_sites(10, 8760, 10, []) == []
    assert west_vs_east([]) == Saving(None, None, None, None, None)


# Unknown inputs

@pytest.mark.parametrize(("site", "facility", "cost", "tco2", "meets", "missing"), [
    # Unknown PUE: nothing can be computed.
    (Site("x", "east", None, 0.5, 0.2, 0.5, 5.0), None, None, None, True, ("pue",)),
    # Unknown grid factor: cost is known, CO₂ is not. 1 MW × 1000 × 1000 h × 1.5 = 1,500,000 kWh;
    # × 0.5 = 750,000 CNY.
    (Site("x", "east", 1.5, 0.5, 0.2, None, 5.0), 1_500_000, 750_000, None, True, ("grid",)),
    # Unknown green share counts as all grid: 1,500,000 × 0.5 / 1000 = 750 t.
    (Site("x", "east", 1.5, 0.5, None, 0.5, 5.0), 1_500_000, 750_000, 750, True, ("green",)),
    # Unknown latency: no verdict.
    (Site("x", "east", 1.5, 0.5, 0.0, 0.5, None), 1_500_000, 750_000, 750, None, ("latency_ms",)),
    # Everything unknown: named in Site field order.
    (Site("x", "east", None, None, None, None, None), None, None, None, None,
     ("pue", "price", "green", "grid", "latency_ms")),
], ids=["pue", "grid", "green", "latency", "all"])
def test_unknown_inputs_leave_dependent_figures_empty_and_are_named(site, facility, cost, tco2,
                                                                    meets, missing):
    """Test that each unknown input blanks only the figures that depend on it."""
    [p] = rank_sites(1, 1000, 10, [site])
    assert (p.facility_kwh, p.cost_cny, p.tco2) == (near(facility), near(cost), near(tco2))
    assert (p.meets_latency, p.missing) == (meets, missing)
    assert p.rank == (1 if cost is not None and meets else None)


def test_unknown_latency_is_listed_with_those_over_budget_by_cost():
    """Test that a known-cost site with unknown latency is unranked and sorted among the over-budget
    ones by cost (31,536,000 CNY for west-1 vs 87,600,000 × 1.2 × 0.25 = 26,280,000 for west-3)."""
    west_3 = Site("west-3", "west", 1.2, 0.25, 0.5, 0.5, None)
    placed = rank_sites(10, 8760, 10, [WEST_1, west_3, EAST_2])
    assert [(p.hub_id, p.rank, p.cost_cny) for p in placed] == [
        ("west-3", None, near(26_280_000)), ("west-1", None, near(31_536_000)), ("east-2", None, None),
    ]


def test_saving_tco2_is_empty_when_a_best_site_has_no_grid_factor():
    """Test that an unknown grid factor at the best eastern site leaves only the CO₂ saving empty."""
    east = Site("east-9", "east", 1.25, 0.60, 0.2, None, 5.0)
    s = west_vs_east(rank_sites(10, 8760, 10, [east, WEST_2]))
    assert (s.saving_cny, s.saving_tco2) == (near(30_441_000), None)


def test_saving_pct_is_empty_when_the_east_costs_nothing():
    """Test that a zero eastern cost gives a saving in CNY (negative: the west costs more) but no share."""
    east = Site("east-0", "east", 1.25, 0.0, 0.2, 0.5, 5.0)
    s = west_vs_east(rank_sites(10, 8760, 10, [east, WEST_2]))
    assert (s.saving_cny, s.saving_pct) == (near(-35_259_000), None)


# Ties

def test_equal_costs_rank_by_lower_tco2_then_hub_id():
    """Test the tie-breaks: same cost, c has more green power so less CO₂; a and b tie fully."""
    sites = [Site(h, "west", 1.2, 0.3, g, 0.5, 1.0) for h, g in (("b", 0.5), ("c", 0.8), ("a", 0.5))]
    assert [(p.hub_id, p.rank) for p in rank_sites(1, 100, 10, sites)] == [("c", 1), ("a", 2), ("b", 3)]


# Impossible inputs

@pytest.mark.parametrize(("args", "field", "code"), [
    ((-1, 8760, 10), "it_mw", "negative"),
    ((math.nan, 8760, 10), "it_mw", "not_a_number"),
    ((10, 9000, 10), "hours", "hours_range"),
    ((10, -1, 10), "hours", "hours_range"),
    ((10, 8760, -1), "latency_budget_ms", "negative"),
    ((10, 8760, math.inf), "latency_budget_ms", "not_a_number"),
    ((-1, 9000, -1), "it_mw", "negative"),  # the first fault wins
])
def test_rank_sites_rejects_an_impossible_workload(args, field, code):
    """Test that the workload is validated before any site."""
    with pytest.raises(InputError) as caught:
        rank_sites(*args, FOUR)
    assert (caught.value.field, caught.value.code) == (field, code)


def test_rank_sites_does_not_hide_bad_site_data():
    """Test that an impossible site value raises rather than being treated as unknown."""
    with pytest.raises(InputError) as caught:
        rank_sites(10, 8760, 10, [Site("bad", "west", 0.8, 0.3, 0.5, 0.5, 30.0)])
    assert (caught.value.field, caught.value.code) == ("pue", "pue_below_one")


# Workloads

@pytest.mark.parametrize("name", sorted(WORKLOADS))
def test_each_example_workload_is_a_valid_input(name):
    """Test that every example workload passes validation and places the four hubs."""
    w = WORKLOADS[name]
    assert len(rank_sites(10, w["hours"], w["latency_ms"], FOUR)) == 4


def test_docstring_examples_hold():
    """Test that the Examples sections of the module run as written."""
    result = doctest.testmod(placement)
    assert result.attempted > 0 and result.failed == 0
