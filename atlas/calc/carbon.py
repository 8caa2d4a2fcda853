"""The carbon of one compute job by three methods side by side: this product's, Green Algorithms'
and ML CO2 Impact's, on one set of inputs, with what makes their results differ.

Pure functions: numbers in, frozen dataclasses out. Impossible inputs raise
`atlas.calc.inputs.InputError` (field = the input's URL name, code translated by the UI);
`validate_methods` lists every fault so a form can mark them all.

The job: `gpus` accelerators of `gpu_w` watts (TDP) each and `cores` CPU cores of `core_w`
watts each, both used at `usage` of their TDP, with `mem_gb` of memory, for `job_h` hours, on a
grid of `grid` kg CO₂/kWh.

Sources
-------
- Green Algorithms: Lannelongue, Grealey & Inouye, "Green Algorithms: Quantifying the Carbon
  Footprint of Computation", Adv. Sci. 2021, 2100707; green-algorithms.org. Formula and
  defaults from its code (github.com/GreenAlgorithms/green-algorithms-tool, v3.0 data,
  `blueprints/form/form_blueprint.py`, `data/latest/referenceValues.csv`,
  `data/latest/defaults_PUE.csv`, `data/latest/TDP_gpu.csv`, `utils/handle_inputs.py`).
- ML CO2 Impact: Lacoste, Luccioni, Schmidt & Dandres, "Quantifying the Carbon Emissions of
  Machine Learning", arXiv:1910.09700 (2019); mlco2.github.io/impact. Formula and rounding from
  its calculator (github.com/mlco2/impact, `js/grayscale.js`, `setDetails`).
- Grid factors: MEE + NBS electricity CO₂ emission factors (data/grid_carbon.csv).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from atlas.calc.energy import GRID_MAX, HOURS_MAX, PUE_MAX, energy_cost_carbon
from atlas.calc.inputs import InputError, amount_fault, every_fault, raise_first, range_fault, share_fault

# Green Algorithms' published defaults (v3.0 data of its code, read 2026-12-07).
GA_MEMORY_W_PER_GB = 0.3725  # referenceValues.csv memoryPower, W per GB of memory available
GA_DEFAULT_PUE = 1.56  # defaults_PUE.csv "Unknown" (Uptime Institute 2024 survey): local server or unknown
GA_DEFAULT_PSF = 1.0  # the pragmatic scaling ("multiplicative") factor: one run
GA_DEFAULT_USAGE = 1.0  # the usage factor: cores at full TDP

# Bounds of the job's inputs. They reject typing errors, not real hardware: a GB200 superchip is
# about 2.7 kW, so 5 kW per accelerator is generous; 500 W per CPU core is 10× a whole desktop CPU.
GPUS_MAX = 1e6
GPU_W_MAX = 5000.0
CORES_MAX = 1e7
CORE_W_MAX = 500.0
MEM_GB_MAX = 1e8
PSF_MAX = 1e6


def js_to_fixed(value: float, digits: int) -> float:
    """`Number(Number(value).toFixed(digits))` of JavaScript, as ML CO2 Impact rounds.

    Parameters
    ----------
    value : float
        Any finite number.
    digits : int
        Decimals kept (0–100).

    Returns
    -------
    float
        The number nearest to the decimal that `toFixed` writes.

    Notes
    -----
    `toFixed` rounds the exact binary value of the double, half away from zero (ECMA-262,
    Number.prototype.toFixed: of two equally near integers n it takes the larger, after taking
    the sign off). So 1.005, stored as 1.00499999999999989…, gives 1.00, and 0.125, stored
    exactly, gives 0.13. Python's `round` rounds half to even and would give 0.12.
    `Decimal(value)` is that exact binary value. From 1e21 on, `toFixed` writes the number
    unchanged (in exponent form).

    Examples
    --------
    >>> js_to_fixed(1.005, 2), js_to_fixed(0.125, 2), js_to_fixed(2.675, 2), js_to_fixed(-0.125, 2)
    (1.0, 0.13, 2.67, -0.13)
    """
    if abs(value) >= 1e21:
        return float(value)
    return float(Decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def _pue(field: str, value: float) -> InputError | None:
    low = range_fault(field, value, "pue_below_one", 1.0)
    return low if low is not None else range_fault(field, value, "pue_too_high", None, PUE_MAX)


def validate_methods(gpus: float, gpu_w: float, job_h: float, cores: float, core_w: float, mem_gb: float,
                     usage: float, dc_pue: float, green_share: float, grid: float, ga_pue: float,
                     psf: float) -> list[InputError]:
    """Every fault of the inputs of `carbon_by_method`, in argument order (empty when all are valid).

    Each input yields at most one fault, named by its URL name: a negative or absurd count or
    power (`negative`, `too_large`), hours outside one leap year (`hours_range`: this product's
    formula is the energy calculator's, which is yearly), a usage or green share outside 0–1
    (`share_range`), a PUE below 1 or above 3 (`pue_below_one`, `pue_too_high`), a grid factor
    outside 0–2 kg/kWh (`grid_range`), a PSF of 0 (`zero`), NaN anywhere (`not_a_number`).
    A job with no accelerator, no core and no memory is not a fault: it draws 0 W.
    """
    return every_fault(
        amount_fault("gpus", gpus, hi=GPUS_MAX),
        amount_fault("gpu_w", gpu_w, hi=GPU_W_MAX),
        range_fault("job_h", job_h, "hours_range", 0.0, HOURS_MAX),
        amount_fault("cores", cores, hi=CORES_MAX),
        amount_fault("core_w", core_w, hi=CORE_W_MAX),
        amount_fault("mem_gb", mem_gb, hi=MEM_GB_MAX),
        share_fault("usage", usage),
        _pue("dc_pue", dc_pue),
        share_fault("green_share", green_share),
        range_fault("grid", grid, "grid_range", 0.0, GRID_MAX),
        _pue("ga_pue", ga_pue),
        amount_fault("psf", psf, positive=True, hi=PSF_MAX),
    )


def hardware_w(gpus: float, gpu_w: float, cores: float, core_w: float, mem_gb: float,
               usage: float = GA_DEFAULT_USAGE, mem_w_per_gb: float = GA_MEMORY_W_PER_GB) -> float:
    """Power drawn by a job's hardware, W, as Green Algorithms counts it (before PUE).

    Parameters
    ----------
    gpus, gpu_w : float
        Accelerators, and the TDP of each, W.
    cores, core_w : float
        CPU cores, and the TDP per core, W.
    mem_gb : float
        Memory available to the job, GB.
    usage : float
        Share of TDP the cores draw (0–1; Green Algorithms' default 1).
    mem_w_per_gb : float
        Memory power, W/GB (Green Algorithms' 0.3725).

    Returns
    -------
    float
        W = (gpus × gpu_w + cores × core_w) × usage + mem_gb × mem_w_per_gb.

    Notes
    -----
    Green Algorithms counts an accelerator as one "core" whose power is the card's TDP (its
    TDP_gpu.csv gives TDP_per_core = TDP; "Any" GPU = 200 W), so a GPU job is n_GPUs × TDP, plus
    the CPU cores that feed it ("Both" in its form) and the memory. Its form has a usage factor
    for CPUs and one for GPUs; here one `usage` serves both.

    Examples
    --------
    8 accelerators of 400 W, 12 cores of 12 W and 64 GB at full usage:
    8 × 400 + 12 × 12 = 3,344 W of cores; 64 × 0.3725 = 23.84 W of memory.

    >>> round(hardware_w(8, 400, 12, 12, 64), 6)
    3367.84
    """
    return (gpus * gpu_w + cores * core_w) * usage + mem_gb * mem_w_per_gb


@dataclass(frozen=True)
class ProductCarbon:
    """This product's formula on one job: the energy and both carbon figures."""

    kwh: float  # facility energy = IT kWh × PUE
    location_kg: float  # all of it at the grid factor
    market_kg: float  # the green share at zero, the rest at the grid factor


def product_carbon(it_w: float, pue: float, hours: float, green: float, grid: float) -> ProductCarbon:
    """This product's formula: IT power × PUE × hours × (1 − green share) × grid factor.

    Parameters
    ----------
    it_w : float
        IT power, W (≥ 0).
    pue : float
        Power usage effectiveness of the data center (1–3).
    hours : float
        Hours the job runs (0–8,784).
    green : float
        Share of the energy covered by green power (0–1).
    grid : float
        Grid factor, kg CO₂/kWh (0–2).

    Returns
    -------
    ProductCarbon
        kwh (facility energy), location_kg (green share ignored), market_kg (green share at 0).

    Raises
    ------
    InputError
        The first fault of `atlas.calc.energy.validate_energy` (fields it_mw, pue, hours, green, grid).

    Notes
    -----
    It is `atlas.calc.energy.energy_cost_carbon` (with no price) on the job: the location-based
    figure is its carbon with a green share of 0, the market-based one its carbon with the
    reader's share. Location-based counts every kWh at the grid average; market-based counts the
    contracted green power as zero-emission (GHG Protocol Scope 2 terms).

    Examples
    --------
    3,367.84 W at PUE 1.47 for 100 h on the 2023 national grid (0.5306 kg/kWh), 80 % green:
    3.36784 kW × 1.47 × 100 = 495.07248 kWh; × 0.5306 = 262.69 kg; × 0.2 = 52.54 kg.

    >>> r = product_carbon(3367.84, 1.47, 100, 0.8, 0.5306)
    >>> round(r.kwh, 5), round(r.location_kg, 2), round(r.market_kg, 2)
    (495.07248, 262.69, 52.54)
    """
    it_mw = it_w / 1e6
    location = energy_cost_carbon(it_mw, pue, hours, 0.0, 0.0, grid)
    market = energy_cost_carbon(it_mw, pue, hours, 0.0, green, grid)
    return ProductCarbon(kwh=location.facility_kwh, location_kg=location.tco2 * 1000.0,
                         market_kg=market.tco2 * 1000.0)


@dataclass(frozen=True)
class GreenAlgorithms:
    """Green Algorithms on one job."""

    power_w: float  # hardware power × PUE
    kwh: float  # × hours × PSF / 1000
    kg: float  # × carbon intensity


def green_algorithms(hours: float, gpus: float, gpu_w: float, cores: float, core_w: float, mem_gb: float,
                     grid: float, *, usage: float = GA_DEFAULT_USAGE, pue: float = GA_DEFAULT_PUE,
                     psf: float = GA_DEFAULT_PSF) -> GreenAlgorithms:
    """Green Algorithms' energy and carbon of a job.

    Parameters
    ----------
    hours : float
        Runtime, h.
    gpus, gpu_w, cores, core_w, mem_gb, usage
        The hardware, as in `hardware_w`.
    grid : float
        Carbon intensity, kg CO₂/kWh (Green Algorithms works in g/kWh; the result is the same).
    pue : float
        PUE; its default 1.56 is Green Algorithms' for a local server or an unknown data center
        (Uptime Institute 2024 survey); a personal computer gets 1, a known cloud its own.
    psf : float
        Pragmatic scaling factor: how many times the job ran (default 1).

    Returns
    -------
    GreenAlgorithms
        power_w (W, PUE included), kwh, kg CO₂e.

    Notes
    -----
    energy (kWh) = runtime × (n_cores × power per core × usage + memory GB × 0.3725 W/GB)
    × PUE × PSF / 1000; carbon = energy × carbon intensity (Lannelongue et al. 2021, and
    `form_blueprint.py` of its code, which applies PUE to the cores and the memory alike).
    Inputs are not checked here: `carbon_by_method` checks them all.

    Examples
    --------
    The job of `hardware_w` for 100 h at Green Algorithms' defaults, 0.5306 kg/kWh:
    3,367.84 W × 1.56 = 5,253.8304 W; × 100 h / 1000 = 525.38304 kWh; × 0.5306 = 278.77 kg.

    >>> r = green_algorithms(100, 8, 400, 12, 12, 64, 0.5306)
    >>> round(r.power_w, 4), round(r.kwh, 5), round(r.kg, 2)
    (5253.8304, 525.38304, 278.77)
    """
    power_w = pue * hardware_w(gpus, gpu_w, cores, core_w, mem_gb, usage)
    kwh = hours * power_w * psf / 1000.0
    return GreenAlgorithms(power_w=power_w, kwh=kwh, kg=kwh * grid)


@dataclass(frozen=True)
class MLCO2Impact:
    """ML CO2 Impact on one job, rounded as its calculator shows it."""

    kwh: float  # TDP × GPU-hours / 1000, to 0.01 kWh
    kg: float  # × carbon efficiency, to 0.01 kg
    factor: float  # the carbon efficiency used, kg/kWh
    exact_kg: float  # the same without any rounding


def ml_co2_impact(gpu_w: float, gpu_hours: float, grid: float, *, region_factor: bool = False) -> MLCO2Impact:
    """ML CO2 Impact's energy and carbon, with its calculator's rounding.

    Parameters
    ----------
    gpu_w : float
        TDP of one accelerator, W.
    gpu_hours : float
        Hours used, h: one accelerator's hours, so n accelerators × runtime for a job on n.
    grid : float
        Carbon efficiency, kg CO₂eq/kWh.
    region_factor : bool
        False: `grid` is typed in as a custom carbon efficiency and used as it is (how a China
        grid factor gets in: the calculator's China regions are AWS cn-north-1 and cn-northwest-1
        at 680 g/kWh). True: `grid` comes from the calculator's provider-region list, which it
        first rounds to 0.01 kg/kWh.

    Returns
    -------
    MLCO2Impact
        kwh and kg as the calculator shows them, the factor used, and the unrounded kg.

    Notes
    -----
    energy = twoDigits(TDP × hours / 1000); impact = custom, else twoDigits(g/kWh / 1000);
    co2 = twoDigits(energy × impact), where twoDigits(n) = Number(Number(n).toFixed(2))
    (`setDetails` in js/grayscale.js). No PUE, no CPU, no memory: the accelerator at its TDP.
    Inputs are not checked here: `carbon_by_method` checks them all.

    Examples
    --------
    8 × 100 h of a 400 W A100 (SXM4, its gpus.csv) at 0.5306 kg/kWh: 400 × 800 / 1000 = 320 kWh;
    × 0.5306 = 169.792 → 169.79 kg. With 0.5306 rounded as a region's factor would be: 0.53 → 169.6.
    An energy of 0.125 kWh is shown as 0.13 (toFixed rounds half up), and 1.005 kWh as 1 (the
    double is just below 1.005):

    >>> r = ml_co2_impact(400, 800, 0.5306)
    >>> r.kwh, r.kg, round(r.exact_kg, 6)
    (320.0, 169.79, 169.792)
    >>> ml_co2_impact(400, 800, 0.5306, region_factor=True).kg
    169.6
    >>> ml_co2_impact(125, 1, 1).kwh, ml_co2_impact(1005, 1, 1).kwh
    (0.13, 1.0)
    """
    kwh = js_to_fixed(gpu_w * gpu_hours / 1000.0, 2)
    factor = js_to_fixed(grid, 2) if region_factor else grid
    return MLCO2Impact(kwh=kwh, kg=js_to_fixed(kwh * factor, 2), factor=factor,
                       exact_kg=gpu_w * gpu_hours / 1000.0 * grid)


@dataclass(frozen=True)
class Difference:
    """Why a result differs from this product's location-based one: `code` names the reason (the
    UI writes carbon.diff_<code>), `values` fill in its figures, `ratio` = result / reference."""

    code: str
    values: dict
    ratio: float | None  # None when the reference is 0


@dataclass(frozen=True)
class Methods:
    """One job by the three methods, and the line that explains each difference."""

    it_w: float  # hardware power, W, before PUE: what this product takes as IT power
    product: ProductCarbon
    green_algorithms: GreenAlgorithms
    ml_co2: MLCO2Impact
    differences: tuple[Difference, ...]


def _ratio(value: float, base: float) -> float | None:
    return None if base == 0 else value / base


def carbon_by_method(gpus: float, gpu_w: float, job_h: float, cores: float, core_w: float, mem_gb: float,
                     usage: float, dc_pue: float, green_share: float, grid: float,
                     ga_pue: float = GA_DEFAULT_PUE, psf: float = GA_DEFAULT_PSF) -> Methods:
    """The carbon of one job by this product's formula, Green Algorithms' and ML CO2 Impact's.

    Parameters
    ----------
    gpus : float
        Accelerators (≥ 0).
    gpu_w : float
        TDP of one accelerator, W (0–5,000).
    job_h : float
        Runtime, h (0–8,784).
    cores : float
        CPU cores (≥ 0).
    core_w : float
        TDP per CPU core, W (0–500; Green Algorithms' "Any" CPU: 12).
    mem_gb : float
        Memory available, GB (≥ 0).
    usage : float
        Share of TDP drawn by accelerators and cores (0–1).
    dc_pue : float
        PUE of the data center, for this product's formula (1–3).
    green_share : float
        Share of green power, for this product's market-based figure (0–1).
    grid : float
        Grid factor, kg CO₂/kWh (0–2), for all three.
    ga_pue : float
        PUE in Green Algorithms (1–3; its default 1.56).
    psf : float
        Green Algorithms' pragmatic scaling factor (> 0; default 1).

    Returns
    -------
    Methods
        it_w, the three results, and the differences from this product's location-based kg:
        `ga` (PUE and PSF), `mlco2` (CPU and memory left out, no PUE, TDP at full use),
        `mlco2_rounding` (the shown kg against the unrounded one), `market` (the green share).

    Raises
    ------
    InputError
        The first fault that `validate_methods` finds.

    Notes
    -----
    This product's IT power is the hardware that Green Algorithms counts (`hardware_w`), so the
    product and Green Algorithms differ only by PUE and PSF; ML CO2 Impact counts the
    accelerators at full TDP and nothing else, without PUE: kg_ML / kg_product =
    (gpus × gpu_w) / (IT W × PUE) before rounding.

    Examples
    --------
    8 × 400 W for 100 h, 12 cores × 12 W, 64 GB, full usage, PUE 1.47, 80 % green, 0.5306 kg/kWh:

    >>> m = carbon_by_method(8, 400, 100, 12, 12, 64, 1.0, 1.47, 0.8, 0.5306)
    >>> round(m.product.location_kg, 2), round(m.product.market_kg, 2)
    (262.69, 52.54)
    >>> round(m.green_algorithms.kg, 2), m.ml_co2.kg
    (278.77, 169.79)
    >>> [(d.code, round(d.ratio, 4)) for d in m.differences]
    [('ga', 1.0612), ('mlco2', 0.6464), ('mlco2_rounding', 1.0), ('market', 0.2)]
    """
    raise_first(validate_methods(gpus, gpu_w, job_h, cores, core_w, mem_gb, usage, dc_pue, green_share,
                                 grid, ga_pue, psf))
    it_w = hardware_w(gpus, gpu_w, cores, core_w, mem_gb, usage)
    product = product_carbon(it_w, dc_pue, job_h, green_share, grid)
    ga = green_algorithms(job_h, gpus, gpu_w, cores, core_w, mem_gb, grid, usage=usage, pue=ga_pue, psf=psf)
    ml = ml_co2_impact(gpu_w, gpus * job_h, grid)
    base = product.location_kg
    # Share of the IT power that ML CO2 Impact leaves out: the CPU cores and the memory.
    left_out = 0.0 if it_w == 0 else (it_w - gpus * gpu_w * usage) / it_w
    differences = (
        Difference("ga", {"ga_pue": ga_pue, "dc_pue": dc_pue, "psf": psf}, _ratio(ga.kg, base)),
        Difference("mlco2", {"left_out": left_out, "dc_pue": dc_pue, "usage": usage}, _ratio(ml.kg, base)),
        Difference("mlco2_rounding", {"exact_kg": ml.exact_kg, "shown_kg": ml.kg}, _ratio(ml.kg, ml.exact_kg)),
        Difference("market", {"green_share": green_share}, _ratio(product.market_kg, base)),
    )
    return Methods(it_w=it_w, product=product, green_algorithms=ga, ml_co2=ml, differences=differences)
