"""Test the three carbon methods: hand-checked figures, ML CO2 Impact's rounding, the faults, and
the defaults and grid factors the lab calculator takes from the data."""

import doctest
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atlas.calc import carbon
from atlas.calc.carbon import (
    carbon_by_method,
    green_algorithms,
    hardware_w,
    js_to_fixed,
    ml_co2_impact,
    product_carbon,
    validate_methods,
)
from atlas.calc.energy import energy_cost_carbon
from atlas.calc.inputs import InputError
from atlas.data.store import Store
from atlas.ui import carbon_methods

NAN, INF = math.nan, math.inf
# The worked example: 8 × 400 W for 100 h, 12 cores × 12 W, 64 GB, full usage, PUE 1.47,
# 80 % green, the 2023 national factor 0.5306 kg/kWh, Green Algorithms' PUE 1.56 and PSF 1.
WORKED = {"gpus": 8, "gpu_w": 400, "job_h": 100, "cores": 12, "core_w": 12, "mem_gb": 64, "usage": 1.0,
          "dc_pue": 1.47, "green_share": 0.8, "grid": 0.5306, "ga_pue": 1.56, "psf": 1.0}
no_db = settings(database=None)


def near(x):
    return pytest.approx(x, rel=1e-12)


def test_docstring_examples_hold():
    result = doctest.testmod(carbon)
    assert result.attempted >= 14 and result.failed == 0


# Exact values, computed by hand

def test_worked_example_by_hand():
    m = carbon_by_method(**WORKED)
    # 8 × 400 + 12 × 12 = 3,344 W; + 64 × 0.3725 = 23.84 W → 3,367.84 W
    assert m.it_w == near(3367.84)
    # product: 3.36784 kW × 1.47 × 100 h = 495.07248 kWh; × 0.5306 = 262.6854579 kg; × 0.2 = 52.5370916
    assert m.product.kwh == near(495.07248)
    assert m.product.location_kg == near(262.685457888)
    assert m.product.market_kg == near(52.5370915776)
    # Green Algorithms: 3,367.84 × 1.56 = 5,253.8304 W; × 100 / 1000 = 525.38304 kWh; × 0.5306
    assert m.green_algorithms.power_w == near(5253.8304)
    assert m.green_algorithms.kwh == near(525.38304)
    assert m.green_algorithms.kg == near(278.768241024)
    # ML CO2 Impact: 400 W × 800 GPU-h / 1000 = 320 kWh; × 0.5306 = 169.792 → 169.79
    assert (m.ml_co2.kwh, m.ml_co2.kg, m.ml_co2.factor) == (320.0, 169.79, 0.5306)
    assert m.ml_co2.exact_kg == near(169.792)


def test_product_is_the_energy_calculator():
    """This product's figure is `energy_cost_carbon` itself, not a copy of its formula."""
    r = product_carbon(3367.84, 1.47, 100, 0.8, 0.5306)
    e = energy_cost_carbon(3367.84 / 1e6, 1.47, 100, 0.0, 0.8, 0.5306)
    assert r.kwh == e.facility_kwh and r.market_kg == near(e.tco2 * 1000)


def test_product_faults_are_the_energy_calculators():
    with pytest.raises(InputError) as caught:
        product_carbon(1000, 0.9, 10, 0.0, 0.5)
    assert (caught.value.field, caught.value.code) == ("pue", "pue_below_one")


def test_green_algorithms_at_its_page_defaults():
    """Its form's defaults (12 h, 12 cores of 'Any' CPU at 12 W, 64 GB, local server: PUE 1.56)
    at its world-average intensity, 475 g/kWh: 12 × (144 + 23.84) × 1.56 / 1000 = 3.1419648 kWh;
    × 0.475 = 1.49243328 kg."""
    r = green_algorithms(12, 0, 0, 12, 12, 64, 0.475)
    assert r.kwh == near(3.1419648) and r.kg == near(1.49243328)


def test_green_algorithms_scales_with_psf_and_usage():
    base = green_algorithms(10, 1, 200, 0, 0, 0, 0.5)  # 200 W × 1.56 × 10 h = 3.12 kWh
    assert base.kwh == near(3.12)
    assert green_algorithms(10, 1, 200, 0, 0, 0, 0.5, psf=3).kwh == near(9.36)
    assert green_algorithms(10, 1, 200, 0, 0, 0, 0.5, usage=0.5).kwh == near(1.56)
    # usage scales the cores, not the memory: 0.5 × 200 + 100 × 0.3725 = 137.25 W
    assert hardware_w(1, 200, 0, 0, 100, usage=0.5) == near(137.25)


def test_ml_co2_impact_defaults():
    """Its page: 100 h, custom carbon efficiency 0.432 kg/kWh; an A100 PCIe at 250 W:
    25 kWh × 0.432 = 10.8 kg. A region's 680 g/kWh (AWS cn-north-1) becomes 0.68: 17 kg."""
    assert (ml_co2_impact(250, 100, 0.432).kwh, ml_co2_impact(250, 100, 0.432).kg) == (25.0, 10.8)
    assert ml_co2_impact(250, 100, 680 / 1000, region_factor=True).kg == 17.0


# ML CO2 Impact's rounding: JavaScript's toFixed, not Python's round

@pytest.mark.parametrize(("value", "digits", "expected"), [
    (0.125, 2, 0.13),  # an exact tie: toFixed takes the larger; round() the even 0.12
    (0.625, 2, 0.63),  # round() gives 0.62
    (2.5, 0, 3.0),  # round() gives 2
    (1.005, 2, 1.0),  # the double is 1.00499999…: down, in both
    (2.675, 2, 2.67),  # 2.67499999…
    (169.792, 2, 169.79),
    (-0.125, 2, -0.13),  # the sign is taken off first: half away from zero
    (0.0, 2, 0.0),
    (1e21, 2, 1e21),  # written in exponent form, unchanged
])
def test_js_to_fixed(value, digits, expected):
    assert js_to_fixed(value, digits) == expected


def test_ml_co2_rounds_energy_before_carbon():
    # 125 W × 1 h = 0.125 kWh → 0.13 (not 0.12); × 1 kg/kWh = 0.13 kg
    assert ml_co2_impact(125, 1, 1.0).kwh == 0.13 and ml_co2_impact(125, 1, 1.0).kg == 0.13
    # 5 W × 1 h = 0.005 kWh → 0.01; × 0.5 = 0.005 → 0.01 kg, though the exact carbon is 0.0025
    r = ml_co2_impact(5, 1, 0.5)
    assert (r.kwh, r.kg) == (0.01, 0.01) and r.exact_kg == near(0.0025)
    # 4 W × 1 h = 0.004 kWh → 0: the calculator shows no carbon at all
    assert ml_co2_impact(4, 1, 0.5).kg == 0.0
    # a custom factor is used as typed, a region's rounded: 0.5366 vs 0.54
    assert ml_co2_impact(1000, 1, 0.5366).kg == 0.54 and ml_co2_impact(1000, 10, 0.5366).kg == 5.37
    assert ml_co2_impact(1000, 10, 0.5366, region_factor=True).kg == 5.4


# The differences

@no_db
@given(gpus=st.integers(1, 64), gpu_w=st.floats(50, 1200), job_h=st.floats(0.5, 8784), cores=st.integers(0, 256),
       mem_gb=st.floats(0, 4096), usage=st.floats(0.05, 1), dc_pue=st.floats(1, 3), green=st.floats(0, 1),
       grid=st.floats(0.01, 2), ga_pue=st.floats(1, 3), psf=st.floats(1, 10))
def test_differences_are_the_named_factors(gpus, gpu_w, job_h, cores, mem_gb, usage, dc_pue, green, grid, ga_pue,
                                           psf):
    """Each line's ratio is exactly the factors it names."""
    m = carbon_by_method(gpus, gpu_w, job_h, cores, 12.0, mem_gb, usage, dc_pue, green, grid, ga_pue, psf)
    ratios = {d.code: d for d in m.differences}
    assert ratios["ga"].ratio == pytest.approx(ga_pue * psf / dc_pue, rel=1e-9)
    assert ratios["market"].ratio == pytest.approx(1 - green, rel=1e-9, abs=1e-12)
    assert ratios["mlco2_rounding"].values["exact_kg"] == pytest.approx(gpus * gpu_w * job_h / 1000 * grid, rel=1e-9)
    # unrounded, ML CO2 Impact / product = accelerators at full TDP / (IT power × PUE)
    assert m.ml_co2.exact_kg / m.product.location_kg == pytest.approx(gpus * gpu_w / (m.it_w * dc_pue), rel=1e-9)
    assert ratios["mlco2"].values["left_out"] == pytest.approx((cores * 12.0 * usage + mem_gb * 0.3725) / m.it_w,
                                                               rel=1e-9)


def test_no_hardware_gives_zero_and_no_ratio():
    m = carbon_by_method(0, 0, 100, 0, 0, 0, 1.0, 1.2, 0.3, 0.5)
    assert m.product.location_kg == 0 and m.green_algorithms.kg == 0 and m.ml_co2.kg == 0
    assert [d.ratio for d in m.differences] == [None, None, None, None]


# Faults

NEG, SHARE = {"min": 0.0}, {"min": 0.0, "max": 1.0}


@pytest.mark.parametrize(("field", "value", "code", "limits"), [
    ("gpus", -1.0, "negative", NEG),
    ("gpus", 1.1e6, "too_large", {"max": 1e6}),
    ("gpus", NAN, "not_a_number", {}),
    ("gpu_w", 5001.0, "too_large", {"max": 5000.0}),
    ("gpu_w", -400.0, "negative", NEG),
    ("job_h", -1.0, "hours_range", {"min": 0.0, "max": 8784.0}),
    ("job_h", 8785.0, "hours_range", {"min": 0.0, "max": 8784.0}),
    ("cores", INF, "not_a_number", {}),
    ("core_w", 501.0, "too_large", {"max": 500.0}),
    ("mem_gb", -64.0, "negative", NEG),
    ("usage", 1.5, "share_range", SHARE),
    ("dc_pue", 0.9, "pue_below_one", {"min": 1.0}),
    ("dc_pue", 3.1, "pue_too_high", {"max": 3.0}),
    ("green_share", -0.1, "share_range", SHARE),
    ("grid", 2.5, "grid_range", {"min": 0.0, "max": 2.0}),
    ("ga_pue", 0.5, "pue_below_one", {"min": 1.0}),
    ("psf", 0.0, "zero", {}),
    ("psf", -2.0, "negative", NEG),
])
def test_each_fault_has_its_code_and_limits(field, value, code, limits):
    faults = validate_methods(**{**WORKED, field: value})
    assert [(f.field, f.code, f.limits) for f in faults] == [(field, code, limits)]
    with pytest.raises(InputError) as caught:
        carbon_by_method(**{**WORKED, field: value})
    assert (caught.value.field, caught.value.code) == (field, code)


def test_every_fault_is_listed_in_argument_order():
    bad = {**WORKED, "gpus": -1, "job_h": 9000, "usage": 2, "dc_pue": 0.5, "psf": 0}
    assert [f.field for f in validate_methods(**bad)] == ["gpus", "job_h", "usage", "dc_pue", "psf"]


def test_bounds_themselves_are_allowed():
    edge = {"gpus": 1e6, "gpu_w": 5000, "job_h": 8784, "cores": 1e7, "core_w": 500, "mem_gb": 1e8, "usage": 1,
            "dc_pue": 3, "green_share": 1, "grid": 2, "ga_pue": 1, "psf": 1e6}
    assert validate_methods(**edge) == []
    assert math.isfinite(carbon_by_method(**edge).green_algorithms.kg)


# The calculator's defaults and grid factors, from the data

@pytest.fixture(scope="module")
def store():
    return Store()


def test_ui_defaults_are_the_cited_figures(store):
    """The calculator's PUE and green-share defaults are the rows its sources line cites."""
    tables = store.catalog.tables
    pue = tables["national_series"].set_index("id").loc["avg-pue-2024-06"]
    assert (pue["value"], pue["source_id"]) == (carbon_methods.DEFAULTS["dc_pue"], carbon_methods.SOURCES["pue"])
    green = tables["green_power"].set_index("id").loc["hub-new-dc-green-target-2025"]
    assert (green["value"] / 100, green["source_id"]) == (carbon_methods.DEFAULTS["green_share"],
                                                          carbon_methods.SOURCES["green"])
    assert carbon_methods.DEFAULT_FACTOR in set(store.run("grid_factor_choices")["id"])
    sources = set(tables["sources"]["id"])
    assert set(carbon_methods.SOURCES.values()) <= sources
    assert carbon_methods.DEFAULTS["ga_pue"] == carbon.GA_DEFAULT_PUE == 1.56 and carbon_methods.DEFAULTS["psf"] == 1.0


def test_grid_factors_cover_every_scope_for_2021_to_2023(store):
    rows = store.run("grid_factor_choices")
    average = rows[rows["kind"] == "average"]
    counts = average.groupby(["year", "scope"]).size().to_dict()
    for year in (2021, 2022, 2023):
        assert counts[(year, "national")] == 1
        assert counts[(year, "regional")] == 7
        assert counts[(year, "provincial")] == 30
    # every factor names its source and its grade
    assert rows["quality"].isin(["A", "B"]).all()
    assert rows[rows["id"] == "sichuan-2023"]["factor_kg_per_kwh"].item() == 0.1564
