"""Published training runs recomputed by the product's own calculators: does 6 N D give the
FLOPs a paper states, and do accelerator-hours × power × PUE × grid factor give the MWh and
tCO₂e a model card states? And what share of peak did each run achieve (its implied MFU)?

The rows are `data/published_runs.csv` (one published figure each, with the publication's
inputs and the tolerance the row allows). Nothing here repeats a formula: FLOPs and card-hours
come from `atlas.calc.training.training_time`, energy and CO₂ from
`atlas.calc.energy.energy_cost_carbon`, so a change to either calculator shows here at once.
The package docstring (`atlas.calc`) gives the conventions: faults, division, sources.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from numbers import Number, Real

from atlas.calc.energy import EnergyResult, energy_cost_carbon
from atlas.calc.training import training_time

CHECKS = ("flops", "energy_mwh", "tco2e")  # what a row checks, as data/datasets.yml allows
UNITS = {"flops": "FLOP", "energy_mwh": "MWh", "tco2e": "tCO2e"}


@dataclass(frozen=True)
class PublishedRun:
    """One published figure and the publication's inputs behind it (None where not given).

    Units: params_b and tokens_b in billions; peak_tflops per accelerator at the training
    precision; power_w per accelerator; hours wall-clock; accelerator_hours in accelerator-h;
    grid_kg_per_kwh in kg CO₂e/kWh; published_value in the unit of `check` (`UNITS`);
    tolerance_pct in ± %.
    """

    id: str
    check: str
    published_value: float
    tolerance_pct: float
    params_b: float | None = None
    tokens_b: float | None = None
    accelerator_count: int | None = None
    peak_tflops: float | None = None
    power_w: float | None = None
    pue: float | None = None
    hours: float | None = None
    accelerator_hours: float | None = None
    grid_kg_per_kwh: float | None = None

    @classmethod
    def from_row(cls, row: Mapping) -> PublishedRun:
        """A run from a row of published_runs (a dict or a pandas row): unknown cells (None,
        NaN, pandas NA) become None and extra columns are ignored."""
        return cls(**{f.name: _known(row.get(f.name)) for f in fields(cls)})

    @property
    def card_hours(self) -> float | None:
        """Accelerator-hours: as published, else accelerators × wall-clock hours."""
        if self.accelerator_hours is not None:
            return float(self.accelerator_hours)
        if self.accelerator_count is not None and self.hours is not None:
            return float(self.accelerator_count) * self.hours
        return None


def _known(cell):
    """The cell, or None when it is unknown: None, NaN, or anything neither text nor a number
    (pandas' NA; this module imports only the standard library)."""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, Number) and not (isinstance(cell, Real) and math.isnan(cell)):
        return cell
    return None


@dataclass(frozen=True)
class RunCheck:
    """The calculator's figure for one published run against the published one."""

    id: str
    check: str
    computed: float  # in the unit of `check`
    published: float
    diff_pct: float  # (computed / published − 1) × 100
    tolerance_pct: float
    within: bool  # |diff_pct| ≤ tolerance_pct
    implied_mfu: float | None  # fraction; None without tokens, parameters, hours and peak


def missing_inputs(run: PublishedRun) -> list[str]:
    """The inputs the row's check needs and does not have (empty when it can be computed)."""
    if run.check == "flops":
        needed = {"params_b": run.params_b, "tokens_b": run.tokens_b}
    else:
        needed = {"power_w": run.power_w, "pue": run.pue, "accelerator_hours": run.card_hours}
        if run.check == "tco2e":
            needed["grid_kg_per_kwh"] = run.grid_kg_per_kwh
    return [name for name, value in needed.items() if value is None]


def run_energy(run: PublishedRun) -> EnergyResult:
    """The run's facility energy and CO₂ from `energy_cost_carbon` (no price, no green power).

    The calculator takes an IT load and the hours it runs, at most a year. With an accelerator
    count and wall-clock hours, the load is count × power. A publication that gives only
    accelerator-hours is passed as the load of all of them for one hour: energy depends only on
    load × hours, so every split gives the same kWh.

    Examples
    --------
    Llama 2 70B: 1,720,320 GPU-hours at 400 W is 688.128 MW for one hour; PUE 1 (the card's
    400 W already includes it) and 0.4235 kg/kWh give 688,128 kWh and 291.4222 t.

    >>> r = run_energy(PublishedRun("x", "tco2e", 291.42, 0.1, power_w=400, pue=1,
    ...                             accelerator_hours=1_720_320, grid_kg_per_kwh=0.4235))
    >>> round(r.facility_kwh), round(r.tco2, 4)
    (688128, 291.4222)
    """
    if run.accelerator_count is not None and run.hours is not None:
        it_mw, hours = run.accelerator_count * run.power_w / 1e6, run.hours
    else:
        it_mw, hours = run.card_hours * run.power_w / 1e6, 1.0
    return energy_cost_carbon(it_mw, run.pue, hours, price=0.0, green=0.0, grid=run.grid_kg_per_kwh or 0.0)


def implied_mfu(run: PublishedRun) -> float | None:
    """The share of peak the run achieved: 6 N D / (accelerator-hours × 3600 × peak FLOP/s).

    Computed with `training_time`: the card-hours the run needs at 100 % MFU on its
    accelerators, divided by the card-hours it published. None unless parameters, tokens,
    peak and hours are all given. The published hours include everything the run spent
    (restarts, failures, evaluation), so this is lower than a utilization measured while running.

    Examples
    --------
    Llama 2 70B: 6 × 70e9 × 2e12 = 8.4e23 FLOP; 1,720,320 GPU-hours × 3600 s × 312e12 FLOP/s
    (A100, BF16) = 1.9323e24 FLOP; 8.4e23 / 1.9323e24 = 0.4347.

    >>> round(implied_mfu(PublishedRun("x", "tco2e", 291.42, 0.1, params_b=70, tokens_b=2000,
    ...                                peak_tflops=312, accelerator_hours=1_720_320)), 4)
    0.4347
    """
    hours = run.card_hours
    if None in (run.params_b, run.tokens_b, run.peak_tflops, hours) or not hours:
        return None
    # pflops only sets the cluster's time, not card-hours: one card stands for the cluster.
    at_peak = training_time(run.params_b, run.tokens_b, run.peak_tflops / 1000, 1.0,
                            card_pflops=run.peak_tflops / 1000)
    return at_peak.card_hours / hours


def check_run(run: PublishedRun) -> RunCheck:
    """Recompute one published figure with the product's calculators.

    Parameters
    ----------
    run : PublishedRun
        The publication's inputs and figure.

    Returns
    -------
    RunCheck
        computed (FLOP, MWh or t CO₂e), published, diff_pct = (computed / published − 1) × 100,
        within = |diff_pct| ≤ tolerance_pct, implied_mfu (fraction or None).

    Raises
    ------
    ValueError
        The check is unknown, an input it needs is missing (`missing_inputs`) or the published
        figure is not positive.
    atlas.calc.inputs.InputError
        An input the calculators refuse (e.g. a PUE above 3).

    Notes
    -----
    flops: FLOPs = 6 · N · D from `training_time` (its cluster and MFU do not change FLOPs).
    energy_mwh: facility kWh = IT MW × 1000 × PUE × hours from `energy_cost_carbon`, / 1000.
    tco2e: the same kWh × grid factor / 1000 (no green power: the publications' location-based
    figures).

    Examples
    --------
    GPT-3: 6 × 175e9 × 300e9 = 3.15e23 FLOP against the paper's 3.14e23: +0.318 %, within 1 %.

    >>> c = check_run(PublishedRun("gpt3", "flops", 3.14e23, 1.0, params_b=175, tokens_b=300))
    >>> c.computed, round(c.diff_pct, 3), c.within, c.implied_mfu
    (3.15e+23, 0.318, True, None)
    """
    if run.check not in CHECKS:
        raise ValueError(f"{run.id}: unknown check {run.check!r} (one of {', '.join(CHECKS)})")
    missing = missing_inputs(run)
    if missing:
        raise ValueError(f"{run.id}: checking {run.check} needs {', '.join(missing)}")
    if not run.published_value > 0:
        raise ValueError(f"{run.id}: the published figure must be positive")
    if run.check == "flops":
        # 6 N D does not depend on the cluster: any valid peak and MFU give the same FLOPs.
        computed = training_time(run.params_b, run.tokens_b, 1.0, 1.0).flops
    else:
        energy = run_energy(run)
        computed = energy.facility_kwh / 1000.0 if run.check == "energy_mwh" else energy.tco2
    diff_pct = (computed / run.published_value - 1.0) * 100.0
    return RunCheck(id=run.id, check=run.check, computed=computed, published=run.published_value,
                    diff_pct=diff_pct, tolerance_pct=run.tolerance_pct,
                    within=abs(diff_pct) <= run.tolerance_pct, implied_mfu=implied_mfu(run))


def check_runs(rows: Iterable[Mapping]) -> list[RunCheck]:
    """`check_run` for every row of published_runs, in order."""
    return [check_run(PublishedRun.from_row(row)) for row in rows]


@dataclass(frozen=True)
class MfuRange:
    """The implied MFUs of the runs that have one (fractions)."""

    n: int
    low: float
    median: float
    high: float

    def position(self, mfu: float) -> str:
        """Where a reader's MFU stands: "below", "within" or "above" the runs' range."""
        return "below" if mfu < self.low else "above" if mfu > self.high else "within"


def mfu_range(checks: Iterable[RunCheck]) -> MfuRange | None:
    """Range and median of the implied MFUs among `checks`; None when none has one.

    Every value counts once as given: the data gives a run the inputs of an MFU on one of its
    rows only (the notes of the others say where it is), so no run is counted twice.

    Examples
    --------
    >>> r = mfu_range([RunCheck("a", "tco2e", 1, 1, 0, 1, True, 0.30),
    ...                RunCheck("b", "flops", 1, 1, 0, 1, True, None),
    ...                RunCheck("c", "tco2e", 1, 1, 0, 1, True, 0.44),
    ...                RunCheck("d", "tco2e", 1, 1, 0, 1, True, 0.38)])
    >>> r.n, r.low, r.median, r.high, r.position(0.4)
    (3, 0.3, 0.38, 0.44, 'within')
    """
    values = [c.implied_mfu for c in checks if c.implied_mfu is not None and math.isfinite(c.implied_mfu)]
    if not values:
        return None
    return MfuRange(n=len(values), low=min(values), median=statistics.median(values), high=max(values))
