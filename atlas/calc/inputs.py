"""Impossible inputs: `InputError`, and the checks every calculator runs on its inputs.

Each calculator has a `validate_<name>` that lists every fault of its inputs, in argument
order, so a form can mark them all; the calculator itself raises the first. Each check below
returns the fault of one input, or None when the input is valid.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable


class InputError(ValueError):
    """An impossible input: `field` names it, `code` the rule (the UI translates it), `limits` any bounds.

    Codes
    -----
    not_a_number
        NaN or ±inf; for `amount_fault` and `share_fault` also no number at all (None, text)
        where a number is required.
    negative
        Below 0 where only 0 or more makes sense (`limits`: min).
    zero
        0 where only a value above 0 makes sense: a divisor, or a size that must exist (no limits).
        The inference calculator's `machine_tps` also gets it when it is so close to 0 that the
        machine count overflows.
    share_range
        A share outside 0–1 (min, max), e.g. a green-power share or an MFU.
    too_large
        An absurd size (max), or a low multiplier above the high one (max = the high one).
    pue_below_one
        PUE below 1: a facility cannot use less energy than its IT equipment (min).
    pue_too_high
        PUE above 3: physically implausible for a data center (max).
    hours_range
        Hours outside 0–8,784, the hours of a leap year (min, max).
    grid_range
        Grid emission factor outside 0–2 kg CO₂/kWh (min, max).
    """

    def __init__(self, field: str, code: str, **limits: float):
        self.field = field
        self.code = code
        self.limits = limits
        bounds = ", ".join(f"{k}={v:g}" for k, v in limits.items())
        super().__init__(f"{field}: {code}" + (f" ({bounds})" if bounds else ""))


def is_not_a_number(value: object) -> bool:
    """True for NaN, ±inf, and anything that is not a real number (None, text)."""
    return not isinstance(value, numbers.Real) or not math.isfinite(value)


def range_fault(field: str, value: float, code: str, lo: float | None,
                hi: float | None = None) -> InputError | None:
    """The fault of a number that must lie in [`lo`, `hi`] (either may be None: no bound), or None.

    A value out of range gets `code`, with the bounds given as limits. NaN is checked first:
    it fails no comparison.
    """
    if not math.isfinite(value):
        return InputError(field, "not_a_number")
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        limits = {k: v for k, v in (("min", lo), ("max", hi)) if v is not None}
        return InputError(field, code, **limits)
    return None


def amount_fault(field: str, value: float, *, positive: bool = False,
                 hi: float | None = None) -> InputError | None:
    """The fault of a quantity ≥ 0 (> 0 when `positive`, ≤ `hi` when given), or None."""
    if is_not_a_number(value):
        return InputError(field, "not_a_number")
    if value < 0:
        return InputError(field, "negative", min=0.0)
    if positive and value == 0:
        return InputError(field, "zero")
    if hi is not None and value > hi:
        return InputError(field, "too_large", max=hi)
    return None


def share_fault(field: str, value: float, *, positive: bool = False) -> InputError | None:
    """The fault of a share in 0–1 (in (0, 1] when `positive`), or None."""
    if is_not_a_number(value):
        return InputError(field, "not_a_number")
    if value < 0 or value > 1:
        return InputError(field, "share_range", min=0.0, max=1.0)
    if positive and value == 0:
        return InputError(field, "zero")
    return None


def optional_fault(check: Callable[..., InputError | None], field: str, value: float | None,
                   **rules: object) -> InputError | None:
    """`check` of an optional input: None means "not given"; anything else must pass the rule."""
    return None if value is None else check(field, value, **rules)


def every_fault(*faults: InputError | None) -> list[InputError]:
    """The faults found, in the order given (the Nones of valid inputs dropped)."""
    return [f for f in faults if f is not None]


def raise_first(faults: list[InputError]) -> None:
    """Raise the first fault, if there is any."""
    if faults:
        raise faults[0]
