"""Where should a workload go: every hub ranked by annual energy cost and CO₂, with the hubs
that miss a latency budget marked.

Pure functions on top of `atlas.calc.energy`. Unknown inputs are not guessed: the figures that
depend on them come back as None and the input is named in `Placement.missing`. The one
exception is an unknown green share, counted as 0 (all grid power, the cautious reading) and
flagged the same way.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from atlas.calc.energy import energy_cost_carbon, validate_energy
from atlas.calc.inputs import every_fault, raise_first, range_fault

# The roles follow the NDRC split (source careyatlantaproperties-31dd): eastern hubs serve
# real-time work such as AI inference; western hubs take back-end processing, offline analysis,
# storage and backup. The numbers are example assumptions for the reader to change, not
# sourced figures.
WORKLOADS = {
    "training": {"latency_ms": 200.0, "hours": 8760.0},
    "inference": {"latency_ms": 10.0, "hours": 8760.0},
    "batch": {"latency_ms": 1000.0, "hours": 4380.0},
    "storage": {"latency_ms": 50.0, "hours": 8760.0},
}

# Inputs of a Site that may be unknown, in the order `Placement.missing` lists them.
_OPTIONAL = ("pue", "price", "green", "grid", "latency_ms")


@dataclass(frozen=True)
class Site:
    """A hub as a candidate location; None marks an unknown input."""

    hub_id: str
    region: str  # "east" or "west"
    pue: float | None
    price: float | None  # CNY/kWh
    green: float | None  # 0–1; None = unknown, treated as 0 (all grid power) and flagged
    grid: float | None  # kg CO₂/kWh
    latency_ms: float | None  # to the eastern demand centres


@dataclass(frozen=True)
class Placement:
    """The workload placed at one hub: a year's energy, cost and CO₂, and its latency verdict."""

    hub_id: str
    region: str
    facility_kwh: float | None  # None when pue is unknown
    cost_cny: float | None  # None when pue or price is unknown
    tco2: float | None  # None when pue or grid is unknown
    latency_ms: float | None
    meets_latency: bool | None  # None when latency is unknown
    missing: tuple[str, ...]  # the unknown inputs, e.g. ("price",)
    rank: int | None  # 1 = cheapest known cost within budget; None when unranked


def _key(p: Placement) -> tuple[float, float, str]:
    # Cheapest first; equal costs go to the lower CO₂ (unknown CO₂ last), then to hub_id so the
    # order never depends on the input order.
    return (p.cost_cny, math.inf if p.tco2 is None else p.tco2, p.hub_id)


def _place(it_mw: float, hours: float, budget: float, site: Site) -> Placement:
    missing = tuple(name for name in _OPTIONAL if getattr(site, name) is None)
    facility = cost = tco2 = None
    if site.pue is not None:
        # Stand-ins for unknown price and grid only fill the call; their results are dropped.
        r = energy_cost_carbon(
            it_mw, site.pue, hours,
            0.0 if site.price is None else site.price,
            0.0 if site.green is None else site.green,
            0.0 if site.grid is None else site.grid,
        )
        facility = r.facility_kwh
        cost = None if site.price is None else r.cost_cny
        tco2 = None if site.grid is None else r.tco2
    return Placement(
        hub_id=site.hub_id,
        region=site.region,
        facility_kwh=facility,
        cost_cny=cost,
        tco2=tco2,
        latency_ms=site.latency_ms,
        meets_latency=None if site.latency_ms is None else site.latency_ms <= budget,
        missing=missing,
        rank=None,
    )


def rank_sites(it_mw: float, hours: float, latency_budget_ms: float,
               sites: Sequence[Site], require_latency: bool = True) -> list[Placement]:
    """Place one workload at every site and rank the sites by annual cost.

    Parameters
    ----------
    it_mw : float
        Average IT load of the workload, MW (≥ 0).
    hours : float
        Hours it runs a year, h/yr (0–8,784).
    latency_budget_ms : float
        Highest acceptable latency to the eastern demand centres, ms (≥ 0). A site exactly at
        the budget meets it.
    sites : sequence of Site
        The candidate hubs.
    require_latency : bool
        True: a site whose latency is unknown is not ranked. False: it is ranked by cost with
        its latency verdict left None ("not checked"), for places no latency figure covers
        (the provinces outside the hubs).

    Returns
    -------
    list of Placement
        Sorted: ranked placements first (by rank); then those with a known cost that miss the
        budget or whose latency is unknown (by cost, tCO₂, hub_id); then those with unknown
        cost (by hub_id).

    Raises
    ------
    InputError
        For the workload: it_mw `negative`, hours `hours_range`, latency_budget_ms `negative`
        (or `not_a_number`), first fault first. For a site: the first fault of its known
        pue, price, green and grid, as in `energy_cost_carbon` (bad data is not hidden).

    Notes
    -----
    Per site, with `energy_cost_carbon`: cost = IT MW × 1000 × hours × PUE × price;
    tCO₂ = IT MW × 1000 × hours × PUE × (1 − green) × grid / 1000, with unknown green = 0.
    Rank 1 is the lowest cost among sites with a known cost that meet the budget; ties go to
    the lower tCO₂, then to hub_id.

    References
    ----------
    .. [1] NDRC division of roles between eastern and western hubs (source
       careyatlantaproperties-31dd): real-time work in the east; back-end processing, offline
       analysis, storage and backup in the west.

    Examples
    --------
    10 MW for 8,760 h with a 50 ms budget. East: PUE 1.25, 0.60 CNY/kWh → 109,500,000 kWh,
    65,700,000 CNY. West: PUE 1.15, 0.35 CNY/kWh → 100,740,000 kWh, 35,259,000 CNY.

    >>> sites = [Site("east-a", "east", 1.25, 0.60, 0.2, 0.5, 5.0),
    ...          Site("west-b", "west", 1.15, 0.35, 0.5, 0.4, 30.0)]
    >>> [(p.hub_id, round(p.cost_cny), p.rank) for p in rank_sites(10, 8760, 50, sites)]
    [('west-b', 35259000, 1), ('east-a', 65700000, 2)]
    """
    # The workload obeys the same rules as in energy_cost_carbon; neutral values fill the rest.
    raise_first(validate_energy(it_mw, 1.0, hours, 0.0, 0.0, 0.0)
                + every_fault(range_fault("latency_budget_ms", latency_budget_ms, "negative", 0.0)))

    placed = [_place(it_mw, hours, latency_budget_ms, s) for s in sites]
    def eligible(p: Placement) -> bool:
        return p.meets_latency or (p.meets_latency is None and not require_latency)

    ranked = sorted((p for p in placed if p.cost_cny is not None and eligible(p)), key=_key)
    unranked = sorted((p for p in placed if p.cost_cny is not None and not eligible(p)), key=_key)
    unknown = sorted((p for p in placed if p.cost_cny is None), key=lambda p: p.hub_id)
    return [replace(p, rank=i) for i, p in enumerate(ranked, start=1)] + unranked + unknown


@dataclass(frozen=True)
class Saving:
    """The best western placement against the best eastern one (None where either is absent)."""

    best_west: Placement | None
    best_east: Placement | None
    saving_cny: float | None  # best_east.cost − best_west.cost (positive = the west is cheaper)
    saving_pct: float | None  # saving_cny / best_east.cost; None when that cost is 0
    saving_tco2: float | None  # best_east.tco2 − best_west.tco2; None when either is unknown


def _best(placements: Sequence[Placement], region: str) -> Placement | None:
    eligible = [p for p in placements
                if p.region == region and p.meets_latency and p.cost_cny is not None]
    return min(eligible, key=_key, default=None)


def west_vs_east(placements: Sequence[Placement]) -> Saving:
    """Best western vs best eastern placement among those that meet the latency budget and have a known cost.

    Parameters
    ----------
    placements : sequence of Placement
        As returned by `rank_sites`.

    Returns
    -------
    Saving
        The best (rank 1 within its region) of each region, and what moving from the best
        eastern to the best western site saves a year. Savings are None when either region
        has no eligible placement.

    Notes
    -----
    saving_cny = east cost − west cost (CNY/yr); saving_pct = saving_cny / east cost;
    saving_tco2 = east tCO₂ − west tCO₂ (t/yr). "Best" uses the ranking of `rank_sites`:
    lowest cost, then lowest tCO₂, then hub_id.

    Examples
    --------
    With the two sites of `rank_sites`: 65,700,000 − 35,259,000 = 30,441,000 CNY (46.3 %);
    CO₂ 43,800 − 20,148 = 23,652 t.

    >>> sites = [Site("east-a", "east", 1.25, 0.60, 0.2, 0.5, 5.0),
    ...          Site("west-b", "west", 1.15, 0.35, 0.5, 0.4, 30.0)]
    >>> s = west_vs_east(rank_sites(10, 8760, 50, sites))
    >>> round(s.saving_cny), round(s.saving_pct, 4), round(s.saving_tco2)
    (30441000, 0.4633, 23652)
    """
    west, east = _best(placements, "west"), _best(placements, "east")
    if west is None or east is None:
        return Saving(west, east, None, None, None)
    saving = east.cost_cny - west.cost_cny
    return Saving(
        best_west=west,
        best_east=east,
        saving_cny=saving,
        saving_pct=None if east.cost_cny == 0 else saving / east.cost_cny,
        saving_tco2=None if east.tco2 is None or west.tco2 is None else east.tco2 - west.tco2,
    )
