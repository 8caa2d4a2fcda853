"""Load the curated CSVs and validate them against data/datasets.yml.

Every fault is reported as a `DataError` naming the file, the line, the column and the rule,
e.g. ``centers.csv, line 7, column 'lat': 61.2 is above the maximum 53.6``. A table with a
fault is left out of the catalog (with its errors kept), so the pages that need it can show
the message while every other page keeps working. No Streamlit here: this runs under pytest.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import yaml

REPO_DIR = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = REPO_DIR / "data"
SCHEMA_FILE = "datasets.yml"

TYPES = ("string", "int", "float", "bool", "date", "list")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# Pandas dtypes that keep "unknown" as a real missing value instead of NaN-in-object or 0.
DTYPES = {"string": "string", "int": "Int64", "float": "Float64", "bool": "boolean",
          "date": "string", "list": "string"}


def data_dir() -> Path:
    """The data folder: $ATLAS_DATA_DIR if set (fixtures, updated data), else the shipped one."""
    return Path(os.environ.get("ATLAS_DATA_DIR") or DEFAULT_DATA_DIR)


@dataclass(frozen=True)
class DataError:
    """One validation fault, located as precisely as the fault allows."""

    file: str
    rule: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: {self.rule}"


@dataclass
class Catalog:
    """The validated tables, the schema that describes them and the faults of the others."""

    schema: dict
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    errors: dict[str, list[DataError]] = field(default_factory=dict)

    def error_text(self, table: str) -> str | None:
        errs = self.errors.get(table)
        return "\n".join(str(e) for e in errs) if errs else None


class SchemaError(Exception):
    """datasets.yml itself is missing or malformed: nothing can be loaded."""


def load_schema(folder: Path) -> dict:
    path = folder / SCHEMA_FILE
    try:
        schema = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SchemaError(f"{SCHEMA_FILE}: file not found in the data folder") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SchemaError(f"{SCHEMA_FILE}: not valid YAML ({exc.__class__.__name__})") from None
    if not isinstance(schema, dict) or not schema:
        raise SchemaError(f"{SCHEMA_FILE}: expected a mapping of table names to descriptions")
    for name, spec in schema.items():
        cols = spec.get("columns") if isinstance(spec, dict) else None
        if not isinstance(cols, dict) or not cols:
            raise SchemaError(f"{SCHEMA_FILE}: table '{name}' has no columns")
        for col, cspec in cols.items():
            if not isinstance(cspec, dict) or cspec.get("type") not in TYPES:
                raise SchemaError(f"{SCHEMA_FILE}: {name}.{col} needs a type among {', '.join(TYPES)}")
    return schema


def load_catalog(folder: Path | None = None) -> Catalog:
    """Read and validate every table listed in datasets.yml, then check the foreign keys."""
    folder = Path(folder) if folder else data_dir()
    catalog = Catalog(schema=load_schema(folder))
    for name, spec in catalog.schema.items():
        frame, errors = read_table(folder / f"{name}.csv", spec)
        if errors:
            catalog.errors[name] = errors
        else:
            catalog.tables[name] = frame
    _check_foreign_keys(catalog)
    return catalog


def read_table(path: Path, spec: dict) -> tuple[pd.DataFrame | None, list[DataError]]:
    """Parse one CSV against its spec; return the typed frame or the faults found."""
    fname = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [DataError(fname, "file not found")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark from a spreadsheet export is harmless
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [_encoding_error(fname, raw, exc)]
    if not text.strip():
        return None, [DataError(fname, "file is empty: expected a header row")]

    columns: dict = spec["columns"]
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    errors = _check_header(fname, header, columns)
    if errors:
        return None, errors

    records: list[list] = []
    lines: list[int] = []
    start = reader.line_num + 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not row:
                continue  # a blank line, e.g. a trailing newline
            if len(row) != len(header):
                errors.append(DataError(fname, f"row has {len(row)} fields, the header has {len(header)}", line))
                continue
            values = []
            for col, cell in zip(header, row):
                value, rule = parse_cell(cell, columns[col])
                if rule:
                    errors.append(DataError(fname, rule, line, col))
                values.append(value)
            records.append(values)
            lines.append(line)
    except csv.Error as exc:
        errors.append(DataError(fname, f"unreadable CSV ({exc})", reader.line_num))
    if errors:
        return None, errors

    frame = pd.DataFrame(records, columns=header)
    frame = frame.astype({c: DTYPES[columns[c]["type"]] for c in header})
    frame.attrs["lines"] = lines  # CSV line of each record, for foreign-key messages
    errors += _check_unique(fname, frame, lines, spec, columns)
    return (None, errors) if errors else (frame, [])


def parse_cell(cell: str, cspec: dict):
    """Convert one cell by its column spec: return (value, None) or (None, the broken rule)."""
    text = cell.strip()
    if text == "":
        return None, ("required value is empty" if cspec.get("required") else None)
    kind = cspec["type"]
    try:
        if kind == "int":
            value = int(text)
        elif kind == "float":
            value = float(text)
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueError
        elif kind == "bool":
            if text not in ("true", "false"):
                raise ValueError
            value = text == "true"
        elif kind == "date":
            value = _partial_date(text)
        else:
            value = text
    except ValueError:
        expected = {"int": "an integer", "float": "a number", "bool": "true or false",
                    "date": "a date YYYY, YYYY-MM or YYYY-MM-DD"}[kind]
        return None, f"'{_short(text)}' is not {expected}"
    allowed = cspec.get("allowed")
    if allowed is not None and value not in allowed:
        return None, f"'{_short(text)}' is not one of {', '.join(map(str, allowed))}"
    if "min" in cspec and value < cspec["min"]:
        return None, f"{text} is below the minimum {cspec['min']}"
    if "max" in cspec and value > cspec["max"]:
        return None, f"{text} is above the maximum {cspec['max']}"
    pattern = cspec.get("pattern")
    if pattern and not re.fullmatch(pattern, text):
        return None, f"'{_short(text)}' does not match the pattern {pattern}"
    return value, None


def _partial_date(text: str) -> str:
    match = PARTIAL_DATE.match(text)
    if not match:
        raise ValueError(text)
    year, month, day = match.groups()
    date(int(year), int(month or 1), int(day or 1))  # raises ValueError for 2025-13 or 2025-02-30
    return text


def _check_header(fname: str, header: list[str], columns: dict) -> list[DataError]:
    errors = []
    seen = set()
    for col in header:
        if col in seen:
            errors.append(DataError(fname, "column appears twice in the header", 1, col))
        seen.add(col)
        if col not in columns:
            errors.append(DataError(fname, "column is not described in datasets.yml", 1, col))
    for col in columns:
        if col not in seen:
            errors.append(DataError(fname, "required column is missing from the header", 1, col))
    return errors


def _check_unique(fname, frame, lines, spec, columns) -> list[DataError]:
    errors = []
    keys = [spec["primary_key"]] if spec.get("primary_key") else []
    keys += [[c] for c, cs in columns.items() if cs.get("unique")]
    for key in keys:
        dup = frame.duplicated(subset=key, keep="first")
        for idx in dup[dup].index:
            value = ", ".join(str(frame.at[idx, c]) for c in key)
            errors.append(DataError(fname, f"duplicate key '{value}'", lines[idx], "+".join(key)))
    return errors


def _check_foreign_keys(catalog: Catalog) -> None:
    """Each FK value must exist in the referenced column; list columns are checked item by item.

    A table that fails is withdrawn like any other broken table, and the check repeats, so a
    table that points into a withdrawn one is reported too.
    """
    changed = True
    while changed:
        changed = False
        for name in list(catalog.tables):
            errors = _foreign_key_errors(catalog, name)
            if errors:
                catalog.errors.setdefault(name, []).extend(errors)
                del catalog.tables[name]
                changed = True


def _foreign_key_errors(catalog: Catalog, name: str) -> list[DataError]:
    spec, frame, fname = catalog.schema[name], catalog.tables[name], f"{name}.csv"
    errors = []
    for fk in spec.get("foreign_keys") or []:
        col = fk["column"]
        target, target_col = fk["references"].split(".")
        if target not in catalog.tables:
            reason = "is not in datasets.yml" if target not in catalog.schema else "failed to load"
            errors.append(DataError(
                fname, f"cannot check foreign key to {fk['references']}: table '{target}' {reason}",
                None, col))
            continue
        known = set(catalog.tables[target][target_col].dropna())
        is_list = spec["columns"][col]["type"] == "list"
        for idx, value in frame[col].dropna().items():
            for item in (str(value).split(";") if is_list else [value]):
                if item not in known:
                    errors.append(DataError(fname, f"'{item}' is not a known {fk['references']}",
                                            frame.attrs["lines"][idx], col))
    return errors


def provenance(frame: pd.DataFrame) -> tuple[list[str], str | None, str | None]:
    """A table's cited source ids and the range of its as-of dates (partial ISO strings)."""
    ids = []
    for column in [c for c in frame.columns if c.endswith("source_id") or c.endswith("source_ids")]:
        for value in frame[column].dropna():
            ids += str(value).split(";")
    dates = frame["as_of"].dropna().astype(str) if "as_of" in frame else pd.Series(dtype=str)
    return list(dict.fromkeys(ids)), (dates.min() if len(dates) else None), (dates.max() if len(dates) else None)


GEO_FILES = {"provinces": "provinces.geojson", "maritime": "maritime.geojson"}


def load_geo(folder: Path | None = None) -> tuple[dict[str, dict], list[DataError]]:
    """The boundary files of data/geo/ as GeoJSON dicts, and the faults of those that failed.

    Each province feature needs a `properties.id` (the provinces table's id).
    """
    folder = (Path(folder) if folder else data_dir()) / "geo"
    shapes, errors = {}, []
    for name, fname in GEO_FILES.items():
        try:
            geo = json.loads((folder / fname).read_text(encoding="utf-8"))
        except FileNotFoundError:
            errors.append(DataError(f"geo/{fname}", "file not found"))
            continue
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            line = getattr(exc, "lineno", None)
            errors.append(DataError(f"geo/{fname}", f"not valid UTF-8 JSON ({exc.__class__.__name__})", line))
            continue
        features = geo.get("features") if isinstance(geo, dict) else None
        if not isinstance(features, list) or not features:
            errors.append(DataError(f"geo/{fname}", "expected a GeoJSON FeatureCollection with features"))
            continue
        if name == "provinces" and not all(isinstance(f.get("properties"), dict) and f["properties"].get("id")
                                           for f in features):
            errors.append(DataError(f"geo/{fname}", "every feature needs properties.id (a province id)"))
            continue
        shapes[name] = geo
    return shapes, errors


def _encoding_error(fname: str, raw: bytes, exc: UnicodeDecodeError) -> DataError:
    line_start = raw.rfind(b"\n", 0, exc.start) + 1
    line = raw.count(b"\n", 0, exc.start) + 1
    header = next(csv.reader([raw.split(b"\n", 1)[0].decode("utf-8", "replace")]), [])
    prefix = raw[line_start:exc.start].decode("utf-8", "replace")
    field_no = len(next(csv.reader([prefix + "x"]))) - 1
    column = header[field_no] if field_no < len(header) else None
    return DataError(fname, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
                     line, column)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
