"""How many machines a daily volume of model calls needs at its busiest hour.

The package docstring (`atlas.calc`) gives the conventions: faults, division, sources.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from atlas.calc.inputs import (
    InputError,
    amount_fault,
    every_fault,
    optional_fault,
    raise_first,
    share_fault,
)

# Sizes beyond any real system; above them an input is a typing error.
CALLS_MAX = 1e12  # a trillion calls a day, ~125 per person on Earth
TOKENS_PER_CALL_MAX = 1e7  # ten million tokens per call, beyond any context window of 2025
# The machine count is rounded up, but floating point can put an exact integer a hair above
# itself (36,000 × 1,000 × 0.07 / 3600 / 100 = 7.000000000000001). Shaving a relative 1e-12
# first keeps such a case at 7 machines; it is monotone, so more calls never mean fewer machines.
_CEIL_SHAVE = 1.0 - 1e-12


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
    calls = amount_fault("calls_per_day", calls_per_day, hi=CALLS_MAX)
    tokens = amount_fault("tokens_per_call", tokens_per_call, hi=TOKENS_PER_CALL_MAX)
    share = share_fault("peak_share", peak_share, positive=True)
    tps = amount_fault("machine_tps", machine_tps, positive=True)
    # The caps keep the peak finite, so an infinite quotient can only come from a tiny divisor.
    if all(f is None for f in (calls, tokens, share, tps)) and not math.isfinite(
            _peak(calls_per_day, tokens_per_call, peak_share) / machine_tps):
        tps = InputError("machine_tps", "zero")
    return every_fault(calls, tokens, share, tps,
                   optional_fault(amount_fault, "users_per_machine", users_per_machine))


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
    raise_first(validate_inference(calls_per_day, tokens_per_call, peak_share, machine_tps,
                                    users_per_machine))
    peak = _peak(calls_per_day, tokens_per_call, peak_share)
    machines = math.ceil(peak / machine_tps * _CEIL_SHAVE)
    users = None if users_per_machine is None else float(machines * users_per_machine)
    return InferenceResult(tokens_per_day=float(calls_per_day * tokens_per_call),
                           peak_tokens_per_s=peak, machines=machines, concurrent_users=users)
