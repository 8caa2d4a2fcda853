"""Research and development time in the article's industry cases: a protein–ligand simulation
dataset (PKU) and a new vehicle's R&D cycle (Geely).

The package docstring (`atlas.calc`) gives the conventions: faults, division, sources.
"""

from __future__ import annotations

from dataclasses import dataclass

from atlas.calc.inputs import (
    InputError,
    amount_fault,
    every_fault,
    optional_fault,
    raise_first,
)

MONTHS_MAX = 1_200.0  # a hundred years of R&D


# Protein–ligand dataset

# As claimed by the article, not confirmed elsewhere: PKU's protein–ligand complex dataset went
# from months to ≤72 h on Alibaba Cloud's Feitian platform (#33); targeted-drug R&D >5× faster
# (#34).
ARTICLE_PROTEIN = {"after_hours": 72.0, "rd_speedup": 5.0}


@dataclass(frozen=True)
class ProteinResult:
    """The compute and wall-clock time of building a simulation dataset."""

    card_hours: float  # = complexes × card-hours per complex
    wall_hours: float  # = card_hours / cards
    wall_days: float  # = wall_hours / 24
    speedup: float | None  # = before time / wall time; None when before_days is not given


def validate_protein(complexes: float, card_hours_per_complex: float, cards: float,
                     before_days: float | None = None) -> list[InputError]:
    """Every fault of the inputs of `protein_dataset`, in argument order (empty when all are valid).

    Parameters and rules are those of `protein_dataset`; each input yields at most one fault
    (`not_a_number` before any range rule).
    """
    return every_fault(
        amount_fault("complexes", complexes, positive=True),
        amount_fault("card_hours_per_complex", card_hours_per_complex, positive=True),
        amount_fault("cards", cards, positive=True),
        optional_fault(amount_fault, "before_days", before_days),
    )


def protein_dataset(complexes: float, card_hours_per_complex: float, cards: float,
                    before_days: float | None = None) -> ProteinResult:
    """Wall-clock time to simulate a set of protein–ligand complexes on a pool of cards.

    Parameters
    ----------
    complexes : float
        Complexes to simulate, count (> 0).
    card_hours_per_complex : float
        Accelerator-hours per complex, card-h (> 0).
    cards : float
        Cards working in parallel, count (> 0).
    before_days : float, optional
        Time the same dataset took before, days (≥ 0). Give it to get the speed-up.

    Returns
    -------
    ProteinResult
        card_hours (card-h), wall_hours (h), wall_days (d), speedup (ratio, None without
        before_days).

    Raises
    ------
    InputError
        The first fault that `validate_protein` finds.

    Notes
    -----
    card-hours = complexes × card-hours per complex;
    wall hours = card-hours / cards; wall days = wall hours / 24;
    speed-up = before_days × 24 / wall hours.

    Assumes the complexes are independent and the work splits perfectly over the cards (an
    embarrassingly parallel batch, which a dataset of separate simulations nearly is).

    The article (claim #33) says the dataset took "months" before and ≤72 h after, and that
    targeted-drug R&D became >5× faster (#34). Both are as claimed by the article, not confirmed
    elsewhere, and the article gives neither the number of complexes nor the cards, so every
    input here is the reader's. A possible lead: a Lenovo summary mentions a Lenovo–PKU HPC
    platform, so the vendor named in the article may be mixed up (facts §6).

    References
    ----------
    .. [1] The article, claims #33, #34 (research/facts.md §1 and §6).

    Examples
    --------
    An illustration (not from the article): 10,000 complexes × 7.2 card-h = 72,000 card-h;
    / 1,000 cards = 72 h = 3 days; against 90 days before: 90 × 24 / 72 = 30×.

    >>> r = protein_dataset(10_000, 7.2, 1000, before_days=90)
    >>> r.card_hours, r.wall_hours, r.wall_days, r.speedup
    (72000.0, 72.0, 3.0, 30.0)
    """
    raise_first(validate_protein(complexes, card_hours_per_complex, cards, before_days))
    card_hours = float(complexes * card_hours_per_complex)
    wall_hours = card_hours / cards
    # before × 24 × cards / card_hours, dividing by the inputs one at a time: card_hours itself
    # could underflow to 0 for tiny valid inputs.
    speedup = (None if before_days is None
               else before_days * 24.0 / complexes / card_hours_per_complex * cards)
    return ProteinResult(card_hours=card_hours, wall_hours=wall_hours,
                         wall_days=wall_hours / 24.0, speedup=speedup)


# R&D cycle

# As claimed by the article, not confirmed elsewhere: Geely Research Institute, on Lenovo's
# Wanquan platform with 20,000 CPU cores of HPC (#35), cut its new-vehicle R&D cycle from 36 to
# 28 months (#36).
ARTICLE_RND = {"months_before": 36.0, "months_after": 28.0, "cpu_cores": 20_000}


@dataclass(frozen=True)
class RndResult:
    """Months and money a shorter development cycle saves."""

    months_saved: float  # = before − after; negative when the cycle grew
    share_saved: float  # = months saved / months before
    cost_saved_cny: float  # = months saved × monthly cost


def validate_rnd(months_before: float, months_after: float,
                 monthly_program_cost_cny: float) -> list[InputError]:
    """Every fault of the inputs of `rnd_cycle`, in argument order (empty when all are valid).

    Parameters and rules are those of `rnd_cycle`; each input yields at most one fault
    (`not_a_number` before any range rule).
    """
    return every_fault(
        amount_fault("months_before", months_before, positive=True, hi=MONTHS_MAX),
        amount_fault("months_after", months_after, positive=True, hi=MONTHS_MAX),
        amount_fault("monthly_program_cost_cny", monthly_program_cost_cny),
    )


def rnd_cycle(months_before: float, months_after: float,
              monthly_program_cost_cny: float) -> RndResult:
    """Months, share and money saved when a development cycle gets shorter.

    Parameters
    ----------
    months_before : float
        Cycle length before, months (> 0, ≤ 1,200).
    months_after : float
        Cycle length after, months (> 0, ≤ 1,200). It may exceed months_before.
    monthly_program_cost_cny : float
        What the programme costs per month it runs, CNY/month (≥ 0).

    Returns
    -------
    RndResult
        months_saved (months; negative when the cycle grew), share_saved (fraction of the old
        cycle), cost_saved_cny (CNY).

    Raises
    ------
    InputError
        The first fault that `validate_rnd` finds.

    Notes
    -----
    months saved = before − after; share = months saved / before;
    cost saved = months saved × monthly cost.

    Counts only the running cost of the shorter programme; earlier sales are left out.

    The article's 36 → 28 months on 20,000 CPU cores (claims #35, #36) is as claimed by the
    article, not confirmed for Geely by any other source; it also credits part of the gain to
    domestic FSD licensing, so not all of it is compute.

    References
    ----------
    .. [1] The article, claims #35, #36 (research/facts.md §1 and §6).

    Examples
    --------
    36 → 28 months at an illustrative 10 M CNY a month: 8 months; 8 / 36 = 22.2 %;
    8 × 10,000,000 = 80,000,000 CNY.

    >>> r = rnd_cycle(36, 28, 10_000_000)
    >>> r.months_saved, round(r.share_saved, 4), r.cost_saved_cny
    (8.0, 0.2222, 80000000.0)
    """
    raise_first(validate_rnd(months_before, months_after, monthly_program_cost_cny))
    saved = float(months_before - months_after)
    return RndResult(months_saved=saved, share_saved=saved / months_before,
                     cost_saved_cny=saved * monthly_program_cost_cny)
