"""Every published run recomputed through the product's own calculators, within the tolerance its
row states; the check fails on a drifted row; the data names its sources and says what it derived."""

import doctest
import math

import pytest

from atlas.calc import published_runs
from atlas.calc.energy import energy_cost_carbon
from atlas.calc.published_runs import (
    PublishedRun,
    check_run,
    check_runs,
    mfu_range,
    missing_inputs,
)
from atlas.calc.training import training_time
from atlas.data.datasets import DEFAULT_DATA_DIR, load_catalog

CATALOG = load_catalog(DEFAULT_DATA_DIR)
ROWS = CATALOG.tables["published_runs"].to_dict("records")
IDS = [row["id"] for row in ROWS]


def test_docstring_examples():
    result = doctest.testmod(published_runs)
    assert result.failed == 0 and result.attempted >= 4


def test_the_table_loads_with_its_sources_and_enough_runs():
    assert "published_runs" not in CATALOG.errors
    assert len(ROWS) >= 8
    assert len({row["run"] for row in ROWS}) >= 8  # eight runs at least, not eight rows of one
    sources = set(CATALOG.tables["sources"]["id"])
    for row in ROWS:
        cited = {row["source_id"], row["peak_source_id"], *str(row["extra_source_ids"] or "").split(";")}
        assert {s for s in cited if isinstance(s, str) and s} <= sources, row["id"]


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_every_published_run_is_reproduced_within_its_tolerance(row):
    """The live check the lab shows: the product's calculators against the published figure."""
    result = check_run(PublishedRun.from_row(row))
    assert result.within, (f"{row['id']}: calculator {result.computed:.6g} vs published {result.published:.6g} "
                           f"({result.diff_pct:+.3f} %, row allows ±{row['tolerance_pct']} %)")


def test_the_check_uses_the_calculators_not_a_copy():
    """The figures are the calculators' own: recomputed here by calling them directly."""
    row = PublishedRun.from_row(next(r for r in ROWS if r["id"] == "llama2-70b-tco2e"))
    direct = energy_cost_carbon(row.accelerator_hours * row.power_w / 1e6, row.pue, 1.0, 0.0, 0.0,
                                row.grid_kg_per_kwh).tco2
    assert check_run(row).computed == direct
    flops = PublishedRun.from_row(next(r for r in ROWS if r["id"] == "gpt3-175b-flops"))
    assert check_run(flops).computed == training_time(175, 300, 1.0, 1.0).flops


@pytest.mark.parametrize(("field", "factor"), [("published_value", 1.05), ("grid_kg_per_kwh", 1.02),
                                                ("power_w", 0.9), ("tokens_b", 1.1)])
def test_a_drifted_row_fails_the_check(field, factor):
    """The test above can fail: a row whose figure or input moved beyond its tolerance is caught."""
    row = dict(next(r for r in ROWS if r["id"] == ("gpt3-175b-flops" if field == "tokens_b" else "llama2-7b-tco2e")))
    row[field] *= factor
    assert not check_run(PublishedRun.from_row(row)).within


def test_a_row_without_the_inputs_of_its_check_is_refused():
    row = PublishedRun("x", "tco2e", 10.0, 1.0, power_w=400, pue=1.0, accelerator_hours=1000)
    assert missing_inputs(row) == ["grid_kg_per_kwh"]
    with pytest.raises(ValueError, match="grid_kg_per_kwh"):
        check_run(row)
    with pytest.raises(ValueError, match="unknown check"):
        check_run(PublishedRun("x", "days", 10.0, 1.0))


def test_energy_with_a_count_and_hours_is_their_load_over_the_run():
    """LaMDA: 1024 chips × 289 W for 1,384.8 h at PUE 1.10 is the paper's 451 MWh."""
    row = PublishedRun("x", "energy_mwh", 451, 0.5, accelerator_count=1024, power_w=289, pue=1.1, hours=1384.8)
    assert check_run(row).computed == pytest.approx(1024 * 289 * 1384.8 * 1.1 / 1e6)


def test_implied_mfu_is_flops_over_hours_at_peak():
    row = PublishedRun("x", "tco2e", 1, 1, params_b=7, tokens_b=2000, peak_tflops=312, accelerator_hours=184_320)
    assert published_runs.implied_mfu(row) == pytest.approx(6 * 7e9 * 2e12 / (184_320 * 3600 * 312e12))
    assert published_runs.implied_mfu(PublishedRun("x", "flops", 1, 1, params_b=7, tokens_b=2000)) is None


def test_the_runs_calibrate_the_default_mfu():
    """The implied MFUs the lab sets the reader's assumption against: real, several, plausible."""
    spread = mfu_range(check_runs(ROWS))
    assert spread is not None and spread.n >= 5
    assert 0 < spread.low <= spread.median <= spread.high < 1
    assert spread.position(spread.low / 2) == "below" and spread.position(0.99) == "above"


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_derived_inputs_are_given_and_explained(row):
    """An input the publication does not state is used only when listed as derived, and the note
    says how: the Llama cards' grid factor is the one their own totals imply."""
    derived = [d for d in str(row["derived_inputs"] or "").split(";") if d]
    for name in derived:
        assert row[name] is not None and not (isinstance(row[name], float) and math.isnan(row[name])), (row["id"], name)
    if derived:
        assert "derived" in row["note_en"] and "推算" in row["note_zh"], row["id"]
    if row["check"] == "tco2e" and row["source_id"] in ("github-0b4f", "github-a7be"):
        assert "grid_kg_per_kwh" in derived  # the Llama cards state no grid factor


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_unit_follows_what_is_checked(row):
    assert row["unit"] == published_runs.UNITS[row["check"]]
