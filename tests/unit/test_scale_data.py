"""The benchmark's scaled data folder: every synthetic row is marked, in English and in Chinese."""

import csv

from benchmarks.scale_data import NOTE, NOTE_ZH, scale


def test_every_synthetic_row_says_so_in_both_languages(tmp_path):
    summary = scale(tmp_path / "scaled", factor=3)
    assert sum(s["rows"] for s in summary.values()) > 2 * sum(s["real"] for s in summary.values())
    with open(tmp_path / "scaled" / "centers.csv", encoding="utf-8") as fh:
        synthetic = [r for r in csv.DictReader(fh) if "-syn" in r["id"]]
    assert len(synthetic) == 2 * summary["centers"]["real"]
    assert all(r["note_en"].startswith(NOTE) and r["note_zh"].startswith(NOTE_ZH) for r in synthetic)
    assert all("-syn" in r["source_id"] for r in synthetic)
