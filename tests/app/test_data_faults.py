"""Test that a data fault shows its exact message where the table is needed, and nowhere else."""

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from atlas.data.datasets import DEFAULT_DATA_DIR

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def broken_data(tmp_path, monkeypatch):
    """The shipped data with one bad value in national_series.csv (line 3, a non-number)."""
    folder = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    path = folder / "national_series.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",55,", ",fifty-five,", 1)
    path.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setenv("ATLAS_DATA_DIR", str(folder))
    return folder


MESSAGE = "national_series.csv, line 3, column 'value': 'fifty-five' is not a number"


def test_overview_names_the_fault_and_keeps_the_rest(broken_data):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors and all(MESSAGE in e for e in errors)
    assert all("national_series" in e for e in errors)
    labels = [m.label for m in at.metric]
    assert labels == ["Computing centers listed", "Operating capacity (listed centers)",
                      "Planned capacity (listed centers)", "Share in the western hubs",
                      "Cheapest hub within 200 ms", "Electricity a year", "CO₂ a year"]  # the placement needs no series


def test_sources_page_lists_the_fault(broken_data):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("views/about.py")
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert not at.error  # this page needs no series: it reports the fault without failing
    assert any(MESSAGE in c.value for c in at.code)
