"""What the article's industry use cases mean in hours, machines and yuan.

Seven pure calculators: numbers in, frozen dataclasses out. Impossible inputs raise
`atlas.calc.energy.InputError`, and each `validate_<name>` lists every fault, in argument order, so
a form can mark them all. `CALCULATORS` describes each one for the UI: its fields (by URL
parameter name), their defaults and sources, its outputs and its formula.

Codes used here (the shared ones are documented on `InputError`)
-----------------------------------------------------------------
not_a_number
    NaN, ±inf, or no number at all (None, text) where a number is required.
negative
    Below 0 where only 0 or more makes sense (`limits`: min).
zero
    0 where only a value above 0 makes sense: a divisor, or a size that must exist (no limits).
    `machine_tps` also gets it when it is so close to 0 that the machine count overflows.
share_range
    A share outside 0–1 (min, max).
too_large
    An absurd size (max), or a low multiplier above the high one (max = the high one).

Results divide only by validated inputs (each finite and above 0), never by a computed
intermediate, so no calculator raises anything but `InputError`. Absurd but finite inputs (say
1e-300 PFLOPS) can still give an infinite result, as IEEE arithmetic does.

Most figures behind the presets are the article's own and were not confirmed by any other
source (research/facts.md §1 and §6 give the check of each claim). They are labelled
"as claimed by the article" in the docstrings below.
"""

from __future__ import annotations

import inspect
import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass

from atlas.calc.energy import InputError

SECONDS_PER_DAY = 86_400.0
DAYS_PER_YEAR = 365.0

# Sizes beyond any real system; above them an input is a typing error.
PARAMS_B_MAX = 100_000.0  # 100 trillion parameters, far beyond any model announced by 2025
TOKENS_B_MAX = 1_000_000.0  # 1,000 trillion tokens, far beyond any training set of 2025
PFLOPS_MAX = 1e7  # 10,000 EFLOPS: ~6× all of China's intelligent compute reported in early 2026
#                   (1,590 EFLOPS, facts §4.1)
CARD_PFLOPS_MAX = 1_000.0  # one accelerator at 1 EFLOPS; real cards are of the order of 1–10 PFLOPS
CALLS_MAX = 1e12  # a trillion calls a day, ~125 per person on Earth
TOKENS_PER_CALL_MAX = 1e7  # ten million tokens per call, beyond any context window of 2025
HOURS_PER_DAY = 24.0  # peak hours cannot exceed a day
MONTHS_MAX = 1_200.0  # a hundred years of R&D
# The machine count is rounded up, but floating point can put an exact integer a hair above
# itself (36,000 × 1,000 × 0.07 / 3600 / 100 = 7.000000000000001). Shaving a relative 1e-12
# first keeps such a case at 7 machines; it is monotone, so more calls never mean fewer machines.
_CEIL_SHAVE = 1.0 - 1e-12


def _not_a_number(value: object) -> bool:
    return not isinstance(value, numbers.Real) or not math.isfinite(value)


def _amount(field: str, value: float, *, positive: bool = False,
            hi: float | None = None) -> InputError | None:
    """The fault of a quantity ≥ 0 (> 0 when `positive`, ≤ `hi` when given), or None."""
    if _not_a_number(value):
        return InputError(field, "not_a_number")
    if value < 0:
        return InputError(field, "negative", min=0.0)
    if positive and value == 0:
        return InputError(field, "zero")
    if hi is not None and value > hi:
        return InputError(field, "too_large", max=hi)
    return None


def _share(field: str, value: float, *, positive: bool = False) -> InputError | None:
    """The fault of a share in 0–1 (in (0, 1] when `positive`), or None."""
    if _not_a_number(value):
        return InputError(field, "not_a_number")
    if value < 0 or value > 1:
        return InputError(field, "share_range", min=0.0, max=1.0)
    if positive and value == 0:
        return InputError(field, "zero")
    return None


def _optional(fault: Callable[..., InputError | None], field: str, value: float | None,
              **rules: object) -> InputError | None:
    # None means "not given" for the optional inputs; anything else must pass the rule.
    return None if value is None else fault(field, value, **rules)


def _faults(*faults: InputError | None) -> list[InputError]:
    return [f for f in faults if f is not None]


def _raise_first(faults: list[InputError]) -> None:
    if faults:
        raise faults[0]


# 1. Training time

# The article: a 3-billion-parameter model (#1, not confirmed elsewhere) trained on the 300 P of
# the Xi'an Future AI Computing Center (#5, confirmed: 300 PFLOPS FP16, CRI 2021).
ARTICLE_TRAINING = {"params_b": 3.0, "pflops": 300.0}


@dataclass(frozen=True)
class TrainingResult:
    """The compute of one training run and how long a cluster needs for it."""

    flops: float  # = 6 N D, FLOP
    seconds: float  # wall-clock compute time on the whole cluster, s
    days: float  # = seconds / 86,400
    card_hours: float | None  # accelerator-hours at card_pflops; None when card_pflops is not given


def validate_training(params_b: float, tokens_b: float, pflops: float, mfu: float,
                      card_pflops: float | None = None) -> list[InputError]:
    """Every fault of the inputs of `training_time`, in argument order (empty when all are valid).

    Parameters and rules are those of `training_time`; each input yields at most one fault
    (`not_a_number` before any range rule).
    """
    return _faults(
        _amount("params_b", params_b, positive=True, hi=PARAMS_B_MAX),
        _amount("tokens_b", tokens_b, positive=True, hi=TOKENS_B_MAX),
        _amount("pflops", pflops, positive=True, hi=PFLOPS_MAX),
        _share("mfu", mfu, positive=True),
        _optional(_amount, "card_pflops", card_pflops, positive=True, hi=CARD_PFLOPS_MAX),
    )


def training_time(params_b: float, tokens_b: float, pflops: float, mfu: float,
                  card_pflops: float | None = None) -> TrainingResult:
    """Compute needed to train a dense language model and the time a cluster takes for it.

    Parameters
    ----------
    params_b : float
        Model parameters N, billions (> 0, ≤ 100,000).
    tokens_b : float
        Training tokens D, billions (> 0, ≤ 1,000,000).
    pflops : float
        Peak compute of the cluster, PFLOPS at the training precision (> 0, ≤ 1e7).
    mfu : float
        Model FLOPs utilisation: the share of peak the run achieves, fraction (0 < mfu ≤ 1).
    card_pflops : float, optional
        Peak compute of one accelerator card, PFLOPS (> 0, ≤ 1,000). Give it to get card-hours.

    Returns
    -------
    TrainingResult
        flops (FLOP), seconds (s), days (d), card_hours (card-h, None without card_pflops).

    Raises
    ------
    InputError
        The first fault that `validate_training` finds.

    Notes
    -----
    FLOPs = 6 · N · D, with N = params_b · 1e9 and D = tokens_b · 1e9: about 2 FLOPs per
    parameter and token in the forward pass and 4 in the backward pass [1]_.

    seconds = FLOPs / (pflops · 1e15 · mfu); days = seconds / 86,400;
    card-hours = FLOPs / (card_pflops · 1e15 · mfu) / 3600.

    This is pure compute of one run. It leaves out data preparation, failed and repeated runs,
    hyper-parameter searches, evaluation, queueing on a shared cluster and the time to write
    the software. Dense transformer only; attention FLOPs at long context are neglected.

    The article says a 3-billion-parameter model took half a year on the 300 P center (claims
    #1, #2, #5; #1 and #2 are not confirmed elsewhere). The article gives no token count. At
    Hoffmann et al.'s compute-optimal 20 tokens per parameter [2]_ (60 billion tokens) the run
    needs 9,000 s at 40 % MFU (the worked example below): hours, not months. Filling half a
    year (15,768,000 s) at that MFU would take 6 · 3e9 · D = 15,768,000 · 1.2e17, i.e.
    D ≈ 105,000 billion tokens, about 35,000 tokens per parameter. So the half-year is most
    likely the whole project, not the compute; and the article's counterfactual "at least two
    years without this 300 P" (#3) cannot be checked without knowing the alternative hardware.

    References
    ----------
    .. [1] J. Kaplan et al., "Scaling Laws for Neural Language Models", arXiv:2001.08361, 2020:
       C ≈ 6 N D training FLOPs.
    .. [2] J. Hoffmann et al., "Training Compute-Optimal Large Language Models",
       arXiv:2203.15556, 2022: about 20 tokens per parameter is compute-optimal.
    .. [3] A. Chowdhery et al., "PaLM: Scaling Language Modeling with Pathways",
       arXiv:2204.02311, 2022: 46.2 % MFU for PaLM 540B, a high value for large runs.

    Examples
    --------
    3 B parameters, 60 B tokens, 300 PFLOPS at 40 % MFU: 6 × 3e9 × 60e9 = 1.08e21 FLOP;
    / (300e15 × 0.4 = 1.2e17 FLOP/s) = 9,000 s = 0.104 days. On cards of 1000/4096 PFLOPS
    (Pengcheng Cloud Brain II): 1.08e21 / (0.244140625e15 × 0.4) / 3600 = 3,072 card-hours.

    >>> r = training_time(3, 60, 300, 0.4, card_pflops=1000 / 4096)
    >>> r.flops, r.seconds, round(r.days, 3), r.card_hours
    (1.08e+21, 9000.0, 0.104, 3072.0)
    """
    _raise_first(validate_training(params_b, tokens_b, pflops, mfu, card_pflops))
    flops = 6.0 * (params_b * 1e9) * (tokens_b * 1e9)
    # Divide by each input in turn rather than by their product: the product of two tiny
    # valid inputs could underflow to 0.
    seconds = flops / 1e15 / pflops / mfu
    card_hours = None if card_pflops is None else flops / 1e15 / card_pflops / mfu / 3600.0
    return TrainingResult(flops=flops, seconds=seconds, days=seconds / SECONDS_PER_DAY,
                          card_hours=card_hours)


# 2. Inference capacity

# As claimed by the article, none confirmed elsewhere: >1 M DeepSeek-R1 API calls a day in the
# first week at the Henan Airport ICC in Zhengzhou (#9); >8,000 tokens/s peak (#45) and 158
# concurrent users (#43) on one machine running full DeepSeek at the Qingyang ICC. The calls
# and the machine figures come from two different sites.
ARTICLE_INFERENCE = {"calls_per_day": 1_000_000, "machine_tps": 8000.0, "users_per_machine": 158}


@dataclass(frozen=True)
class InferenceResult:
    """The machines a daily call volume needs at its busiest hour."""

    tokens_per_day: float  # = calls × tokens per call
    peak_tokens_per_s: float  # tokens/s in the busiest hour
    machines: int  # = ceil(peak / machine throughput)
    concurrent_users: float | None  # = machines × users per machine; None when not given


def validate_inference(calls_per_day: float, tokens_per_call: float, peak_share: float,
                       machine_tps: float,
                       users_per_machine: float | None = None) -> list[InputError]:
    """Every fault of the inputs of `inference_capacity`, in argument order (empty when all are valid).

    Parameters and rules are those of `inference_capacity`; each input yields at most one fault
    (`not_a_number` before any range rule). `machine_tps` is also `zero` when it is so small
    that the machine count would overflow.
    """
    calls = _amount("calls_per_day", calls_per_day, hi=CALLS_MAX)
    tokens = _amount("tokens_per_call", tokens_per_call, hi=TOKENS_PER_CALL_MAX)
    share = _share("peak_share", peak_share, positive=True)
    tps = _amount("machine_tps", machine_tps, positive=True)
    # The caps keep the peak finite, so an infinite quotient can only come from a tiny divisor.
    if all(f is None for f in (calls, tokens, share, tps)) and not math.isfinite(
            _peak(calls_per_day, tokens_per_call, peak_share) / machine_tps):
        tps = InputError("machine_tps", "zero")
    return _faults(calls, tokens, share, tps,
                   _optional(_amount, "users_per_machine", users_per_machine))


def _peak(calls_per_day: float, tokens_per_call: float, peak_share: float) -> float:
    return calls_per_day * tokens_per_call * peak_share / 3600.0


def inference_capacity(calls_per_day: float, tokens_per_call: float, peak_share: float,
                       machine_tps: float,
                       users_per_machine: float | None = None) -> InferenceResult:
    """Machines needed to serve a daily volume of model calls at its busiest hour.

    Parameters
    ----------
    calls_per_day : float
        Model calls a day, calls/d (≥ 0, ≤ 1e12).
    tokens_per_call : float
        Tokens per call, counted the way `machine_tps` counts them (usually generated tokens),
        tokens (≥ 0, ≤ 1e7).
    peak_share : float
        Share of a day's calls made in the busiest hour, fraction (0 < share ≤ 1). 1/24 ≈ 0.042
        is a perfectly flat day; a value below that understates the peak.
    machine_tps : float
        Throughput of one machine, tokens/s (> 0).
    users_per_machine : float, optional
        Concurrent users one machine serves, users (≥ 0). Give it to get concurrent_users.

    Returns
    -------
    InferenceResult
        tokens_per_day (tokens/d), peak_tokens_per_s (tokens/s), machines (count),
        concurrent_users (users, None without users_per_machine).

    Raises
    ------
    InputError
        The first fault that `validate_inference` finds.

    Notes
    -----
    tokens/day = calls/day × tokens/call;
    peak tokens/s = tokens/day × peak_share / 3600;
    machines = ⌈peak tokens/s / machine_tps⌉;
    concurrent users = machines × users/machine.

    Sizing for the busiest hour at a machine's peak throughput is optimistic: a machine's peak
    is usually measured with many streams batched together, and real services keep headroom.
    The article's >8,000 tokens/s and 158 users (claims #45, #43) were measured, as the article
    tells it, on one machine in Qingyang; the >1 M calls a day (#9) were in Zhengzhou. None of
    the three figures is confirmed by another source.

    References
    ----------
    .. [1] The article, claims #9, #43, #45 (research/facts.md §1 and §6).

    Examples
    --------
    1,000,000 calls of 1,000 tokens, 10 % of them in the busiest hour, 8,000 tokens/s and 158
    users per machine: 1e9 tokens/day; 1e9 × 0.1 / 3600 = 27,777.8 tokens/s;
    27,777.8 / 8,000 = 3.47 → 4 machines; 4 × 158 = 632 concurrent users.

    >>> r = inference_capacity(1_000_000, 1000, 0.1, 8000, users_per_machine=158)
    >>> r.tokens_per_day, round(r.peak_tokens_per_s, 1), r.machines, r.concurrent_users
    (1000000000.0, 27777.8, 4, 632.0)
    """
    _raise_first(validate_inference(calls_per_day, tokens_per_call, peak_share, machine_tps,
                                    users_per_machine))
    peak = _peak(calls_per_day, tokens_per_call, peak_share)
    machines = math.ceil(peak / machine_tps * _CEIL_SHAVE)
    users = None if users_per_machine is None else float(machines * users_per_machine)
    return InferenceResult(tokens_per_day=float(calls_per_day * tokens_per_call),
                           peak_tokens_per_s=peak, machines=machines, concurrent_users=users)


# 3. Traffic signals

# As claimed by the article, not confirmed elsewhere: Zhongke Shiyu's Qinling·Qinchuan traffic
# model raised Xi'an's peak-hour arterial traffic efficiency by 33 % (#30) and cut road
# maintenance cost by 45 % (#32).
ARTICLE_TRAFFIC = {"efficiency_gain": 0.33, "maintenance_saving": 0.45}


@dataclass(frozen=True)
class TrafficResult:
    """Hours of delay and yuan of maintenance saved by optimised signals."""

    hours_saved_per_day: float  # vehicle-hours of delay saved a day
    hours_saved_per_year: float  # = per day × 365
    time_value_cny_per_year: float  # = hours a year × value of time
    maintenance_saved_cny_per_year: float  # = budget × saving


def validate_traffic(vehicles_per_peak_hour: float, delay_min_per_vehicle: float,
                     peak_hours_per_day: float, efficiency_gain: float,
                     value_of_time_cny_per_h: float, maintenance_budget_cny: float,
                     maintenance_saving: float) -> list[InputError]:
    """Every fault of the inputs of `traffic_signals`, in argument order (empty when all are valid).

    Parameters and rules are those of `traffic_signals`; each input yields at most one fault
    (`not_a_number` before any range rule).
    """
    return _faults(
        _amount("vehicles_per_peak_hour", vehicles_per_peak_hour),
        _amount("delay_min_per_vehicle", delay_min_per_vehicle),
        _amount("peak_hours_per_day", peak_hours_per_day, hi=HOURS_PER_DAY),
        _amount("efficiency_gain", efficiency_gain),
        _amount("value_of_time_cny_per_h", value_of_time_cny_per_h),
        _amount("maintenance_budget_cny", maintenance_budget_cny),
        _share("maintenance_saving", maintenance_saving),
    )


def traffic_signals(vehicles_per_peak_hour: float, delay_min_per_vehicle: float,
                    peak_hours_per_day: float, efficiency_gain: float,
                    value_of_time_cny_per_h: float, maintenance_budget_cny: float,
                    maintenance_saving: float) -> TrafficResult:
    """Delay hours and maintenance money saved when signal timing raises arterial efficiency.

    Parameters
    ----------
    vehicles_per_peak_hour : float
        Vehicles on the arterials in a peak hour, vehicles/h (≥ 0).
    delay_min_per_vehicle : float
        Delay per vehicle at the peak before optimisation, min (≥ 0).
    peak_hours_per_day : float
        Peak hours a day, h/d (0–24).
    efficiency_gain : float
        Rise in arterial traffic efficiency, fraction (≥ 0; 0.33 = +33 %).
    value_of_time_cny_per_h : float
        Value of one vehicle-hour, CNY/h (≥ 0).
    maintenance_budget_cny : float
        Road maintenance budget, CNY/yr (≥ 0).
    maintenance_saving : float
        Share of the maintenance budget saved, fraction (0–1).

    Returns
    -------
    TrafficResult
        hours_saved_per_day (vehicle-h/d), hours_saved_per_year (vehicle-h/yr),
        time_value_cny_per_year (CNY/yr), maintenance_saved_cny_per_year (CNY/yr).

    Raises
    ------
    InputError
        The first fault that `validate_traffic` finds.

    Notes
    -----
    delay hours/day = vehicles × delay_min / 60 × peak hours;
    saved/day = delay hours × (1 − 1/(1 + gain)) = delay hours × gain / (1 + gain);
    saved/year = saved/day × 365; value = saved/year × value of time;
    maintenance saved = budget × saving.

    Modelling choice: the article does not define "traffic efficiency" (通行效率). It is read
    here as the rate at which the arterials clear vehicles, and the delay is assumed to scale
    inversely with it. The same demand then spends 1/(1 + gain) of the old delay, so +33 %
    efficiency cuts delay by 1 − 1/1.33 ≈ 24.8 %, not by 33 %. A reader who takes the 33 % as
    a cut in delay can enter a gain of 0.33 / 0.67 ≈ 0.4925. Every day of the year counts as a
    day with peaks (×365); weekends make that an upper bound.

    The +33 % (claim #30) and −45 % maintenance (#32) are as claimed by the article and were not
    confirmed by another source. Vehicles, delay and peak hours are not in the article.

    References
    ----------
    .. [1] The article, claims #29–#32 (research/facts.md §1 and §6).

    Examples
    --------
    3,000 vehicles, 2 min of delay each, 4 peak hours, +33 %, 30 CNY/h, 10 M CNY budget, 45 %
    saved: 3000 × 2/60 × 4 = 400 h/day; × 0.33/1.33 = 99.248 h/day; × 365 = 36,225.6 h/yr;
    × 30 = 1,086,767 CNY/yr; 10,000,000 × 0.45 = 4,500,000 CNY/yr.

    >>> r = traffic_signals(3000, 2, 4, 0.33, 30, 10_000_000, 0.45)
    >>> round(r.hours_saved_per_day, 3), round(r.hours_saved_per_year, 1)
    (99.248, 36225.6)
    >>> round(r.time_value_cny_per_year), round(r.maintenance_saved_cny_per_year)
    (1086767, 4500000)
    """
    _raise_first(validate_traffic(vehicles_per_peak_hour, delay_min_per_vehicle,
                                  peak_hours_per_day, efficiency_gain, value_of_time_cny_per_h,
                                  maintenance_budget_cny, maintenance_saving))
    delay_h = vehicles_per_peak_hour * delay_min_per_vehicle / 60.0 * peak_hours_per_day
    # gain / (1 + gain) equals 1 − 1/(1 + gain) without subtracting two numbers near 1.
    per_day = delay_h * (efficiency_gain / (1.0 + efficiency_gain))
    per_year = per_day * DAYS_PER_YEAR
    return TrafficResult(
        hours_saved_per_day=per_day,
        hours_saved_per_year=per_year,
        time_value_cny_per_year=per_year * value_of_time_cny_per_h,
        maintenance_saved_cny_per_year=maintenance_budget_cny * maintenance_saving,
    )


# 4. Protein–ligand dataset

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
    return _faults(
        _amount("complexes", complexes, positive=True),
        _amount("card_hours_per_complex", card_hours_per_complex, positive=True),
        _amount("cards", cards, positive=True),
        _optional(_amount, "before_days", before_days),
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
    _raise_first(validate_protein(complexes, card_hours_per_complex, cards, before_days))
    card_hours = float(complexes * card_hours_per_complex)
    wall_hours = card_hours / cards
    # before × 24 × cards / card_hours, dividing by the inputs one at a time: card_hours itself
    # could underflow to 0 for tiny valid inputs.
    speedup = (None if before_days is None
               else before_days * 24.0 / complexes / card_hours_per_complex * cards)
    return ProteinResult(card_hours=card_hours, wall_hours=wall_hours,
                         wall_days=wall_hours / 24.0, speedup=speedup)


# 5. R&D cycle

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
    return _faults(
        _amount("months_before", months_before, positive=True, hi=MONTHS_MAX),
        _amount("months_after", months_after, positive=True, hi=MONTHS_MAX),
        _amount("monthly_program_cost_cny", monthly_program_cost_cny),
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
    _raise_first(validate_rnd(months_before, months_after, monthly_program_cost_cny))
    saved = float(months_before - months_after)
    return RndResult(months_saved=saved, share_saved=saved / months_before,
                     cost_saved_cny=saved * monthly_program_cost_cny)


# 6. Inspection

# As claimed by the article, not confirmed elsewhere: Xi'an Shengtong's coal-mine model watches
# more than ten hazard classes (#27, "十余类", so 10 is a floor) and identifies accidents 20×
# more efficiently (#28).
ARTICLE_INSPECTION = {"speedup": 20.0, "hazard_classes": 10}


@dataclass(frozen=True)
class InspectionResult:
    """Staff time saved when each event is handled faster."""

    minutes_per_event_after: float  # = before / speedup
    hours_saved_per_day: float  # = events × (before − after) / 60
    hours_saved_per_year: float  # = per day × 365


def validate_inspection(events_per_day: float, minutes_per_event_before: float, speedup: float,
                        hazard_classes: float | None = None) -> list[InputError]:
    """Every fault of the inputs of `inspection`, in argument order (empty when all are valid).

    Parameters and rules are those of `inspection`; each input yields at most one fault
    (`not_a_number` before any range rule).
    """
    return _faults(
        _amount("events_per_day", events_per_day),
        _amount("minutes_per_event_before", minutes_per_event_before),
        _amount("speedup", speedup, positive=True),
        _optional(_amount, "hazard_classes", hazard_classes),
    )


def inspection(events_per_day: float, minutes_per_event_before: float, speedup: float,
               hazard_classes: float | None = None) -> InspectionResult:
    """Hours saved when a model identifies each safety event `speedup` times faster.

    Parameters
    ----------
    events_per_day : float
        Events (alarms, video clips) to identify a day, events/d (≥ 0).
    minutes_per_event_before : float
        Time to identify one event before, min (≥ 0).
    speedup : float
        How many times faster identification is, ratio (> 0; below 1 is a slow-down).
    hazard_classes : float, optional
        Hazard classes the model covers, count (≥ 0). Validated and kept for display; it does
        not enter the arithmetic (enter the events of all classes in events_per_day).

    Returns
    -------
    InspectionResult
        minutes_per_event_after (min), hours_saved_per_day (h/d), hours_saved_per_year (h/yr).

    Raises
    ------
    InputError
        The first fault that `validate_inspection` finds.

    Notes
    -----
    after = before / speedup; saved/day = events × (before − after) / 60;
    saved/year = saved/day × 365 (mines run every day).

    The article's "accident-identification efficiency ×20" (claim #28) is read as 20× less time
    per event; ">10 hazard classes" is claim #27. Both are as claimed by the article, not
    confirmed elsewhere. The article gives no event counts or times.

    References
    ----------
    .. [1] The article, claims #27, #28 (research/facts.md §1 and §6).

    Examples
    --------
    An illustration: 200 events a day at 6 min each, 20× faster: 6 / 20 = 0.3 min;
    200 × 5.7 / 60 = 19 h/day; × 365 = 6,935 h/yr.

    >>> r = inspection(200, 6, 20)
    >>> r.minutes_per_event_after, round(r.hours_saved_per_day, 9), round(r.hours_saved_per_year, 6)
    (0.3, 19.0, 6935.0)
    """
    _raise_first(validate_inspection(events_per_day, minutes_per_event_before, speedup,
                                     hazard_classes))
    after = minutes_per_event_before / speedup
    per_day = events_per_day * (minutes_per_event_before - after) / 60.0
    return InspectionResult(minutes_per_event_after=after, hours_saved_per_day=per_day,
                            hours_saved_per_year=per_day * DAYS_PER_YEAR)


# 7. Investment multiplier

# As claimed by the article, attributed to the 《智能计算中心创新发展指南》: at an 80 % application
# level (#37), ICC investment drives 2.9–3.4× growth of a city's AI core industry (#38). Not
# confirmed: only a page with broken encoding shows the numbers (facts §7).
ARTICLE_MULTIPLIER = {"multiplier_low": 2.9, "multiplier_high": 3.4, "application_level": 0.8}


@dataclass(frozen=True)
class MultiplierResult:
    """The range of AI-industry growth an investment is said to drive."""

    low_cny: float  # = investment × low multiplier
    high_cny: float  # = investment × high multiplier


def validate_multiplier(investment_cny: float, multiplier_low: float = 2.9,
                        multiplier_high: float = 3.4) -> list[InputError]:
    """Every fault of the inputs of `investment_multiplier`, in argument order (empty when all are valid).

    Parameters and rules are those of `investment_multiplier`; each input yields at most one
    fault (`not_a_number` before any range rule). A low multiplier above a valid high one is
    `too_large` on multiplier_low, with max = multiplier_high.
    """
    low = _amount("multiplier_low", multiplier_low)
    high = _amount("multiplier_high", multiplier_high)
    if low is None and high is None and multiplier_low > multiplier_high:
        low = InputError("multiplier_low", "too_large", max=float(multiplier_high))
    return _faults(_amount("investment_cny", investment_cny), low, high)


def investment_multiplier(investment_cny: float, multiplier_low: float = 2.9,
                          multiplier_high: float = 3.4) -> MultiplierResult:
    """The growth of a city's AI core industry that an ICC investment is claimed to drive.

    Parameters
    ----------
    investment_cny : float
        Investment in an intelligent computing center, CNY (≥ 0).
    multiplier_low, multiplier_high : float
        Low and high multiplier, ratio (≥ 0, low ≤ high). Defaults: the article's 2.9 and 3.4.

    Returns
    -------
    MultiplierResult
        low_cny, high_cny (CNY).

    Raises
    ------
    InputError
        The first fault that `validate_multiplier` finds.

    Notes
    -----
    low = investment × multiplier_low; high = investment × multiplier_high.

    Read this with care. The article attributes "2.9–3.4× at an 80 % application level" to the
    《智能计算中心创新发展指南》 (Guide on Innovative Development of Intelligent Computing
    Centers; claims #37, #38). Outside sources could not confirm it: the only page found with
    the numbers has broken encoding and shows "2.9 … 3.4 … 36 … 42" with no readable context.
    A readable related claim says that at 80 % application, ICC investment contributes 14–17 %
    to innovation (facts §7). CAICT's rule of thumb that 1 CNY invested in compute brings 3–4 CNY
    of GDP (facts §4.1) measures GDP, not the AI core industry, so it does not confirm the
    2.9–3.4 either. The multiplier is a claimed economic effect, not a measurement, and nothing
    here checks that a center reaches 80 % application.

    References
    ----------
    .. [1] 《智能计算中心创新发展指南》, State Information Center, January 2023, as cited by the
       article (claims #37, #38); the figures were not found in a readable copy.

    Examples
    --------
    The 12.8 bn CNY of the Qingyang ICC (claim #26, confirmed): 12.8e9 × 2.9 = 37.12 bn;
    12.8e9 × 3.4 = 43.52 bn CNY.

    >>> r = investment_multiplier(12.8e9)
    >>> r.low_cny / 1e9, r.high_cny / 1e9
    (37.12, 43.52)
    """
    _raise_first(validate_multiplier(investment_cny, multiplier_low, multiplier_high))
    return MultiplierResult(low_cny=float(investment_cny * multiplier_low),
                            high_cny=float(investment_cny * multiplier_high))


# Registry for the UI

@dataclass(frozen=True)
class Field:
    """One input of a calculator as the UI shows it."""

    name: str  # URL parameter name (public contract, e.g. "params_b")
    default: float | None  # None = the reader must enter it
    step: float
    source: str  # "article #5", "assumption", "Hoffmann et al. 2022", ...


@dataclass(frozen=True)
class Output:
    """One result of a calculator: an attribute of its result dataclass."""

    name: str
    unit: str
    digits: int  # decimal places to show


@dataclass(frozen=True)
class Calculator:
    """A calculator as the UI drives it, with inputs named as in the URL.

    `run` and `validate` take the fields by name (keyword-only; optional fields default to
    None) and report faults with `InputError.field` set to the URL name, not the name of the
    underlying function's parameter.
    """

    key: str  # "training", "inference", "traffic", "protein", "rnd", "inspection", "multiplier"
    fields: tuple[Field, ...]
    outputs: tuple[Output, ...]  # attribute names of the result dataclass
    run: Callable[..., object]  # called with the fields by name
    formula: str  # LaTeX of the formula
    validate: Callable[..., list[InputError]]  # every fault, by URL name; [] when all are valid


def _renamed(e: InputError, names: dict[str, str]) -> InputError:
    return InputError(names.get(e.field, e.field), e.code, **e.limits)


def _by_url_name(fn: Callable[..., object], names: tuple[tuple[str, str], ...],
                 optional: frozenset[str] = frozenset()) -> Callable[..., object]:
    """`fn` called with URL names (`names` pairs URL name → parameter); faults get URL names."""
    to_param = dict(names)
    to_url = {param: url for url, param in names}
    signature = inspect.Signature([
        inspect.Parameter(url, inspect.Parameter.KEYWORD_ONLY,
                          **({"default": None} if url in optional else {}))
        for url, _ in names
    ])

    def by_url(**kwargs: object) -> object:
        bound = signature.bind(**kwargs)  # TypeError on an unknown or missing name
        bound.apply_defaults()
        args = {to_param[url]: value for url, value in bound.arguments.items()}
        try:
            result = fn(**args)
        except InputError as e:
            raise _renamed(e, to_url) from None
        if isinstance(result, list):  # a validate_* list
            return [_renamed(e, to_url) for e in result]
        return result

    by_url.__signature__ = signature  # type: ignore[attr-defined]
    by_url.__name__ = by_url.__qualname__ = f"{fn.__name__}_by_url"
    return by_url


def _calculator(key: str, run: Callable[..., object], validate: Callable[..., list[InputError]],
                fields: tuple[tuple[str, str, float | None, float, str], ...],
                outputs: tuple[Output, ...], formula: str,
                optional: frozenset[str] = frozenset()) -> Calculator:
    # fields: (URL name, parameter name, default, step, source)
    names = tuple((url, param) for url, param, *_ in fields)
    return Calculator(
        key=key,
        fields=tuple(Field(url, default, step, source)
                     for url, _, default, step, source in fields),
        outputs=outputs,
        run=_by_url_name(run, names, optional),
        formula=formula,
        validate=_by_url_name(validate, names, optional),  # type: ignore[arg-type]
    )


ARTICLE = "article #{}".format
READER = "reader input"  # no source gives a value: the reader enters one
EXAMPLE = "example assumption"  # a neutral value only so that a result shows; change it

CALCULATORS: dict[str, Calculator] = {c.key: c for c in (
    _calculator(
        "training", training_time, validate_training,
        (
            ("params_b", "params_b", ARTICLE_TRAINING["params_b"], 0.5, ARTICLE(1)),
            ("tokens_b", "tokens_b", 60.0, 10.0, "Hoffmann et al. 2022: 20 tokens/parameter"),
            ("pflops", "pflops", ARTICLE_TRAINING["pflops"], 10.0, ARTICLE(5)),
            ("mfu", "mfu", 0.4, 0.05,
             "assumption; PaLM reached 46.2 % MFU (Chowdhery et al. 2022, arXiv:2204.02311)"),
            ("card_pflops", "card_pflops", 1000 / 4096, 0.01,
             "derived: Pengcheng Cloud Brain II, 1,000 P on 4,096 Ascend 910 (facts §3 #13)"),
        ),
        (Output("flops", "FLOP", 0), Output("seconds", "s", 0), Output("days", "d", 3),
         Output("card_hours", "card-h", 0)),
        r"t = \frac{6\,N\,D}{P \cdot 10^{15} \cdot \mathrm{MFU}},\quad"
        r"\text{card-h} = \frac{6\,N\,D}{P_\text{card} \cdot 10^{15} \cdot \mathrm{MFU} \cdot 3600}",
        optional=frozenset({"card_pflops"}),
    ),
    _calculator(
        "inference", inference_capacity, validate_inference,
        (
            ("calls_per_day", "calls_per_day", float(ARTICLE_INFERENCE["calls_per_day"]),
             100_000.0, ARTICLE(9)),
            ("tokens_per_call", "tokens_per_call", 1000.0, 100.0, EXAMPLE),
            ("peak_share", "peak_share", 0.1, 0.01, EXAMPLE),
            ("machine_tps", "machine_tps", ARTICLE_INFERENCE["machine_tps"], 500.0, ARTICLE(45)),
            ("users_per_machine", "users_per_machine",
             float(ARTICLE_INFERENCE["users_per_machine"]), 1.0, ARTICLE(43)),
        ),
        (Output("tokens_per_day", "tokens/d", 0), Output("peak_tokens_per_s", "tokens/s", 0),
         Output("machines", "machines", 0), Output("concurrent_users", "users", 0)),
        r"n = \left\lceil \frac{C \cdot T \cdot s_\text{peak}}{3600 \cdot r_\text{machine}}"
        r" \right\rceil,\quad U = n \cdot u",
        optional=frozenset({"users_per_machine"}),
    ),
    _calculator(
        "traffic", traffic_signals, validate_traffic,
        (
            ("vehicles", "vehicles_per_peak_hour", 3000.0, 100.0, EXAMPLE),
            ("delay_min", "delay_min_per_vehicle", 2.0, 0.5, EXAMPLE),
            ("peak_hours", "peak_hours_per_day", 4.0, 0.5, EXAMPLE),
            ("gain", "efficiency_gain", ARTICLE_TRAFFIC["efficiency_gain"], 0.01, ARTICLE(30)),
            ("value_of_time", "value_of_time_cny_per_h", None, 1.0, READER),
            ("maintenance_cny", "maintenance_budget_cny", None, 100_000.0, READER),
            ("maintenance_saving", "maintenance_saving", ARTICLE_TRAFFIC["maintenance_saving"],
             0.01, ARTICLE(32)),
        ),
        (Output("hours_saved_per_day", "vehicle-h/d", 1),
         Output("hours_saved_per_year", "vehicle-h/yr", 0),
         Output("time_value_cny_per_year", "CNY/yr", 0),
         Output("maintenance_saved_cny_per_year", "CNY/yr", 0)),
        r"H = V \cdot \frac{d}{60} \cdot h \cdot \left(1 - \frac{1}{1+g}\right) \cdot 365,\quad"
        r"\text{CNY} = H \cdot v,\quad M = B \cdot s",
    ),
    _calculator(
        "protein", protein_dataset, validate_protein,
        (
            ("complexes", "complexes", None, 100.0, READER),
            ("card_hours", "card_hours_per_complex", None, 0.1, READER),
            ("cards", "cards", None, 8.0, READER),
            ("before_days", "before_days", None, 1.0, READER),
        ),
        (Output("card_hours", "card-h", 0), Output("wall_hours", "h", 1),
         Output("wall_days", "d", 2), Output("speedup", "×", 1)),
        r"t_\text{wall} = \frac{n \cdot c}{k},\quad"
        r"\text{speed-up} = \frac{24 \cdot t_\text{before}}{t_\text{wall}}",
        optional=frozenset({"before_days"}),
    ),
    _calculator(
        "rnd", rnd_cycle, validate_rnd,
        (
            ("months_before", "months_before", ARTICLE_RND["months_before"], 1.0, ARTICLE(36)),
            ("months_after", "months_after", ARTICLE_RND["months_after"], 1.0, ARTICLE(36)),
            ("monthly_cost", "monthly_program_cost_cny", None, 100_000.0, READER),
        ),
        (Output("months_saved", "months", 1), Output("share_saved", "", 3),
         Output("cost_saved_cny", "CNY", 0)),
        r"\Delta m = m_0 - m_1,\quad s = \frac{\Delta m}{m_0},\quad \text{CNY} = \Delta m \cdot c",
    ),
    _calculator(
        "inspection", inspection, validate_inspection,
        (
            ("events_per_day", "events_per_day", None, 10.0, READER),
            ("minutes_before", "minutes_per_event_before", None, 1.0, READER),
            ("speedup", "speedup", ARTICLE_INSPECTION["speedup"], 1.0, ARTICLE(28)),
        ),
        (Output("minutes_per_event_after", "min", 2), Output("hours_saved_per_day", "h/d", 1),
         Output("hours_saved_per_year", "h/yr", 0)),
        r"t_1 = \frac{t_0}{k},\quad H = \frac{E \cdot (t_0 - t_1)}{60} \cdot 365",
    ),
    _calculator(
        "multiplier", investment_multiplier, validate_multiplier,
        (
            ("investment", "investment_cny", 12.8e9, 1e8, ARTICLE(26)),
            ("low", "multiplier_low", ARTICLE_MULTIPLIER["multiplier_low"], 0.1, ARTICLE(38)),
            ("high", "multiplier_high", ARTICLE_MULTIPLIER["multiplier_high"], 0.1, ARTICLE(38)),
        ),
        (Output("low_cny", "CNY", 0), Output("high_cny", "CNY", 0)),
        r"G \in [\,I \cdot k_\text{low},\; I \cdot k_\text{high}\,]",
    ),
)}
