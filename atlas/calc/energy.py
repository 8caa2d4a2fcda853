"""Annual energy, electricity cost and CO₂ of a data-center load.

Pure functions: numbers in, frozen dataclasses out. Impossible inputs raise
`atlas.calc.inputs.InputError`, whose `code` the UI translates; `validate_energy` lists every
fault so a form can mark them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from atlas.calc.inputs import InputError, every_fault, raise_first, range_fault

# PUE above 3 means two kWh of cooling and losses for every kWh of IT. China's average was 1.47
# in mid-2024 (source gsdjw-b9a6), so such a value is a typing error, not a data center.
PUE_MAX = 3.0
# A leap year: 366 × 24 h. More hours than that cannot fit in a year.
HOURS_MAX = 8784.0
# kg CO₂/kWh. Even coal-fired power is on the order of 1, so 2 is a generous ceiling.
GRID_MAX = 2.0


def _pue_fault(pue: float) -> InputError | None:
    # Two codes for one field, so the UI can say which side is wrong.
    low = range_fault("pue", pue, "pue_below_one", 1.0)
    return low if low is not None else range_fault("pue", pue, "pue_too_high", None, PUE_MAX)


def it_mw_from_pflops(pflops: float, w_per_pflops: float) -> float:
    """IT load in MW of `pflops` of compute at `w_per_pflops` watts per PFLOPS.

    Parameters
    ----------
    pflops : float
        Compute capacity, PFLOPS (≥ 0).
    w_per_pflops : float
        Power drawn by the IT equipment per PFLOPS, W/PFLOPS (≥ 0).

    Returns
    -------
    float
        IT load, MW.

    Notes
    -----
    MW = PFLOPS × W/PFLOPS / 1e6. The efficiency depends on chip and precision (FP16 vs FP64),
    so it is an input, not a constant here.

    Examples
    --------
    300 PFLOPS at 20,000 W/PFLOPS draws 6,000,000 W:

    >>> it_mw_from_pflops(300, 20_000)
    6.0
    """
    for field, value in (("pflops", pflops), ("w_per_pflops", w_per_pflops)):
        fault = range_fault(field, value, "negative", 0.0)
        if fault is not None:
            raise fault
    return pflops * w_per_pflops / 1e6


@dataclass(frozen=True)
class EnergyResult:
    """A year of one load: energy, cost and CO₂."""

    it_kwh: float  # IT energy a year
    facility_kwh: float  # = it_kwh × PUE, what the meter bills
    cost_cny: float  # = facility_kwh × price
    grid_kwh: float  # = facility_kwh × (1 − green): the part not covered by green power
    tco2: float  # = grid_kwh × grid factor (kg/kWh) / 1000


def validate_energy(it_mw: float, pue: float, hours: float, price: float, green: float,
                    grid: float) -> list[InputError]:
    """Every fault of the inputs of `energy_cost_carbon`, in argument order (empty when all are valid).

    Parameters and rules are those of `energy_cost_carbon`; each input yields at most one fault
    (`not_a_number` before any range rule).
    """
    return every_fault(
        range_fault("it_mw", it_mw, "negative", 0.0),
        _pue_fault(pue),
        range_fault("hours", hours, "hours_range", 0.0, HOURS_MAX),
        range_fault("price", price, "negative", 0.0),
        range_fault("green", green, "share_range", 0.0, 1.0),
        range_fault("grid", grid, "grid_range", 0.0, GRID_MAX),
    )


def energy_cost_carbon(it_mw: float, pue: float, hours: float, price: float, green: float,
                       grid: float) -> EnergyResult:
    """Annual facility energy, electricity cost and grid CO₂ of an IT load.

    Parameters
    ----------
    it_mw : float
        Average IT equipment load, MW (≥ 0).
    pue : float
        Power usage effectiveness, ratio (1–3).
    hours : float
        Hours the load runs a year, h/yr (0–8,784).
    price : float
        Electricity price, CNY/kWh (≥ 0).
    green : float
        Share of facility energy covered by green power, fraction (0–1).
    grid : float
        Grid emission factor, kg CO₂/kWh (0–2).

    Returns
    -------
    EnergyResult
        it_kwh, facility_kwh (kWh/yr), cost_cny (CNY/yr), grid_kwh (kWh/yr), tco2 (t CO₂/yr).

    Raises
    ------
    InputError
        The first fault that `validate_energy` finds.

    Notes
    -----
    IT kWh = IT MW × 1000 × hours;
    facility kWh = IT kWh × PUE;
    cost = facility kWh × price;
    tCO₂ = facility kWh × (1 − green) × grid / 1000.

    Green power is counted as zero-emission and the rest at the grid average; this is a
    location-based estimate, not a plant-by-plant one.

    References
    ----------
    .. [1] The Green Grid, PUE: PUE = total facility energy / IT equipment energy.
    .. [2] China MEE and NBS, electricity CO₂ emission factors for 2022, published Dec 2024:
       national average 0.5366 kg CO₂/kWh (reported by Beijing News; source id `daydaynews-bb63`
       in data/sources.csv).

    Examples
    --------
    10 MW of IT at PUE 1.2 for 8,760 h, 0.36 CNY/kWh, 30 % green power, national grid factor:
    10 × 1000 × 1.2 × 8760 = 105,120,000 kWh; × 0.36 = 37,843,200 CNY;
    × 0.7 = 73,584,000 grid kWh; × 0.5366 / 1000 = 39,485.1744 t CO₂.

    >>> r = energy_cost_carbon(10, 1.2, 8760, 0.36, 0.3, 0.5366)
    >>> round(r.facility_kwh), round(r.cost_cny), round(r.grid_kwh), round(r.tco2, 4)
    (105120000, 37843200, 73584000, 39485.1744)
    """
    raise_first(validate_energy(it_mw, pue, hours, price, green, grid))
    it_kwh = it_mw * 1000.0 * hours  # MW → kW, then kW × h = kWh
    facility_kwh = it_kwh * pue
    grid_kwh = facility_kwh * (1.0 - green)
    return EnergyResult(
        it_kwh=it_kwh,
        facility_kwh=facility_kwh,
        cost_cny=facility_kwh * price,
        grid_kwh=grid_kwh,
        tco2=grid_kwh * grid / 1000.0,  # kg → t
    )


@dataclass(frozen=True)
class Comparison:
    """Scenario `b` against scenario `a`: differences b − a and relative changes b/a − 1."""

    a: EnergyResult
    b: EnergyResult
    d_facility_kwh: float
    d_cost_cny: float
    d_tco2: float
    pct_cost: float | None  # None when a's cost is 0 (no base to divide by)
    pct_tco2: float | None  # None when a's tCO₂ is 0


def _pct(d: float, base: float) -> float | None:
    # d / base equals b/a − 1 but avoids the cancellation of subtracting 1 from a ratio near 1.
    return None if base == 0 else d / base


def compare(a: EnergyResult, b: EnergyResult) -> Comparison:
    """Compare scenario `b` with scenario `a`.

    Parameters
    ----------
    a, b : EnergyResult
        The base and the alternative.

    Returns
    -------
    Comparison
        d_* = b − a (kWh, CNY, t CO₂); pct_* = (b − a) / a as a fraction, None when a is 0.

    Examples
    --------
    Cutting PUE from 1.5 to 1.2 cuts energy, cost and CO₂ by 20 %:

    >>> a = energy_cost_carbon(10, 1.5, 8760, 0.36, 0.3, 0.5366)
    >>> b = energy_cost_carbon(10, 1.2, 8760, 0.36, 0.3, 0.5366)
    >>> c = compare(a, b)
    >>> round(c.d_facility_kwh), round(c.pct_cost, 12), round(c.pct_tco2, 12)
    (-26280000, -0.2, -0.2)
    """
    d_cost = b.cost_cny - a.cost_cny
    d_tco2 = b.tco2 - a.tco2
    return Comparison(
        a=a,
        b=b,
        d_facility_kwh=b.facility_kwh - a.facility_kwh,
        d_cost_cny=d_cost,
        d_tco2=d_tco2,
        pct_cost=_pct(d_cost, a.cost_cny),
        pct_tco2=_pct(d_tco2, a.tco2),
    )
