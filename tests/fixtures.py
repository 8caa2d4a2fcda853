"""A small data folder with the shipped layout, written from a few rows per table.

Every table of data/datasets.yml gets a CSV; tables not given are header-only. Required
columns a test does not care about are filled with a valid value (the first allowed value, a
date, 1, false, or the column name), so a fixture states only what its test is about.
"""

from __future__ import annotations

import csv
from pathlib import Path

from atlas.data.datasets import DEFAULT_DATA_DIR, SCHEMA_FILE, load_schema

FILLER = {"string": None, "int": 1, "float": 1.0, "bool": "false", "date": "2024", "list": None}


def write_data_dir(folder: Path, rows: dict[str, list[dict]]) -> Path:
    schema = load_schema(DEFAULT_DATA_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SCHEMA_FILE).write_bytes((DEFAULT_DATA_DIR / SCHEMA_FILE).read_bytes())
    (folder / "geo").mkdir(exist_ok=True)
    for table, spec in schema.items():
        columns = spec["columns"]
        with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(columns), lineterminator="\n")
            writer.writeheader()
            for row in rows.get(table, []):
                full = {}
                for col, cspec in columns.items():
                    if col in row:
                        full[col] = row[col]
                    elif cspec.get("required"):
                        full[col] = (cspec["allowed"][0] if cspec.get("allowed")
                                     else FILLER[cspec["type"]] if FILLER[cspec["type"]] is not None else col)
                writer.writerow(full)
    return folder


def src(sid: str, quality: str = "A") -> dict:
    return {"id": sid, "title": f"Title {sid}", "publisher": f"Pub {sid}", "url": f"https://example.org/{sid}",
            "quality": quality}
