"""Write a SYNTHETIC data folder with about FACTOR times the rows of the shipped data, for benchmarks.

    uv run python benchmarks/scale_data.py OUT_DIR [--factor 100] [--source data]

OUT_DIR gets a copy of datasets.yml and geo/, one CSV per table and a README.txt saying that
the folder is synthetic. It must be new, empty or an earlier output of this script; the
shipped `data/` folder (and the source folder) are refused. The result is loaded with
`atlas.data.datasets.load_catalog` before the script returns: it fails unless every table
validates with no catalog error, so `Store(OUT_DIR)` loads it whole.

What the folder holds, table by table:

* The real rows, unchanged (copy 0). Queries that name real ids (decision presets, pue_targets,
  center_card with xian-future-ai) keep finding them, so their work is the same kind of work.
* FACTOR - 1 synthetic copies of every real row (copies 1 .. FACTOR-1). In copy k every key
  gets the suffix `-synNNNN` (`xian-future-ai` -> `xian-future-ai-syn0042`; a `~` as in
  `id~syn0042` would break the id pattern of datasets.yml) and every foreign key into a scaled
  table is remapped the same way, list columns item by item, so copy k is a parallel world
  that only points into copy k: joins keep their selectivity and grouped queries return
  FACTOR times the groups. Besides the declared keys, two key-like columns are suffixed:
  national_series.basis (a series id) and grid_carbon.scope_id (a province id for provincial
  rows, which then names the province of the same copy).
* Unique integer columns (provinces.adcode) get free values inside the validator's range.
* Dimension-like tables (hubs, clusters, provinces, sources, ...) are scaled like the others:
  it is the harsher test (800 hubs, 3400 provinces, 15600 sources) and it keeps every join
  one-to-one within a copy. The exceptions are forced by the schema and printed by the
  script: a table whose key cannot take a suffix or a new value within datasets.yml is kept
  at its real rows. Today that is `claims` (id must match ^claim-[0-9]{2}$ and num is unique
  in 1..46). References to such a table (claim_id, use_case_figures.claim_id) keep pointing
  at the real rows.
* Enum values are not keys and stay as they are: hubs.grid_region is one of seven grids, so
  synthetic hubs join the real regional grid factors (grid_carbon rows of copy k have
  scope_id `north-synNNNN`, which no hub names: they are scanned and filtered, never joined).
* The synthetic provinces have no boundary in geo/provinces.geojson (the map would not draw
  them); the validator does not require one.

How a synthetic row is marked (every one of them, in every scaled table):

* its key ends in `-synNNNN`;
* its source_id (and every other reference to sources) points to a synthetic source row whose
  title starts with "SYNTHETIC", whose url is https://synthetic.invalid/<id> and whose note
  says "synthetic row for benchmarking";
* its note column (note_en or note; for tables without one: use_cases.confirmed_en,
  hubs.role_en, latency.scope_en, provinces.name_en) starts with
  "synthetic row for benchmarking (copy k of '<real id>')", followed by the real text so
  string sizes stay realistic; its Chinese twin (note_zh, confirmed_zh) starts with NOTE_ZH.

Values (numbers, dates, enums, coordinates) are those of the real row, so every value stays
within the validator's ranges and the queries' filters select the same share of each copy.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import re
import shutil
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from atlas.data.datasets import (  # noqa: E402
    DEFAULT_DATA_DIR,
    SCHEMA_FILE,
    load_catalog,
    load_geo,
    load_schema,
)

README = "README.txt"
MARKER = "SYNTHETIC DATA FOR BENCHMARKING: not real figures, never copy these files into data/."
NOTE = "synthetic row for benchmarking"
NOTE_ZH = "基准测试用的合成数据行，并非真实数据"
# Tables without a note column: the text column that carries the mark instead.
MARK_FALLBACK = {"use_cases": "confirmed_en", "hubs": "role_en", "latency": "scope_en",
                 "provinces": "name_en"}
# Key-like columns that datasets.yml does not declare as keys but that name a row of one copy.
EXTRA_KEYS = {"national_series": ["basis"], "grid_carbon": ["scope_id"]}
SOURCES = "sources"


class Refused(Exception):
    """The output folder is not a safe place to write synthetic data."""


def suffix(value: str, copy: int, width: int) -> str:
    return f"{value}-syn{copy:0{width}d}"


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    text = path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    rows = [row for row in csv.reader(io.StringIO(text, newline="")) if row]
    return rows[0], rows[1:]


def check_out_dir(out: Path, source: Path) -> None:
    """Refuse the shipped data folder, the source folder and any non-empty folder we did not write."""
    out = out.resolve()
    for real in {DEFAULT_DATA_DIR.resolve(), source.resolve()}:
        if out == real or real in out.parents:
            raise Refused(f"{out} is (inside) the real data folder {real}: write the synthetic data elsewhere")
    if out.exists() and not out.is_dir():
        raise Refused(f"{out} exists and is not a folder")
    if out.exists() and any(out.iterdir()):
        readme = out / README
        if not (readme.is_file() and readme.read_text(encoding="utf-8").startswith(MARKER)):
            raise Refused(f"{out} is not empty and was not written by this script (no {README} marker)")


def keep_reason(name: str, spec: dict, rows: list[list[str]], header: list[str], factor: int, width: int):
    """Why a table cannot be scaled within datasets.yml (None if it can)."""
    columns = spec["columns"]
    keys = list(spec.get("primary_key") or [])
    keys += [c for c, cs in columns.items() if cs.get("unique") and c not in keys]
    for col in keys:
        cspec, i = columns[col], header.index(col)
        if cspec["type"] == "int":
            lo, hi = cspec.get("min"), cspec.get("max")
            if lo is not None and hi is not None and hi - lo + 1 < len(rows) * factor:
                return f"{col} is unique within {lo}..{hi}: no room for {factor}x {len(rows)} values"
        elif cspec["type"] == "string":
            pattern = cspec.get("pattern")
            bad = [r[i] for r in rows if r[i].strip() and pattern
                   and not re.fullmatch(pattern, suffix(r[i].strip(), factor - 1, width))]
            if bad:
                return f"{col} must match {pattern}: '{suffix(bad[0], 1, width)}' would not"
        else:
            return f"{col} is a {cspec['type']} key: no rule to make new values"
    return None


class IntAllocator:
    """Free values of a unique int column: value + copy, else value - copy, else the next free one."""

    def __init__(self, used: set[int], lo: int, hi: int):
        self.used, self.lo, self.hi = used, lo, hi

    def take(self, value: int, copy: int) -> int:
        start = min(max(value + copy, self.lo), self.hi)
        for candidate in itertools.chain([value + copy, value - copy], range(start, self.hi + 1),
                                         range(self.lo, start)):
            if self.lo <= candidate <= self.hi and candidate not in self.used:
                self.used.add(candidate)
                return candidate
        raise ValueError("no free value left")  # keep_reason checked there is room


def scale(out: Path, factor: int = 100, source: Path = DEFAULT_DATA_DIR) -> dict[str, dict]:
    """Write the synthetic folder; return {table: {"real": n, "rows": n, "kept": reason or None}}."""
    if factor < 1:
        raise ValueError("factor must be at least 1")
    out, source = Path(out), Path(source)
    check_out_dir(out, source)
    if (source / README).is_file() and (source / README).read_text(encoding="utf-8").startswith(MARKER):
        raise Refused(f"{source} is itself synthetic: scale the real data")
    schema = load_schema(source)
    width = max(4, len(str(factor - 1)))
    data = {name: read_csv(source / f"{name}.csv") for name in schema}

    kept = {name: keep_reason(name, spec, data[name][1], data[name][0], factor, width)
            for name, spec in schema.items()}
    if kept.get(SOURCES):
        raise Refused(f"sources cannot be scaled ({kept[SOURCES]}): synthetic rows could not be marked")
    scaled = {name for name, reason in kept.items() if reason is None}

    out.mkdir(parents=True, exist_ok=True)
    (out / README).write_text(readme_text(factor, source, kept, data), encoding="utf-8")
    shutil.copyfile(source / SCHEMA_FILE, out / SCHEMA_FILE)
    if (out / "geo").exists():
        shutil.rmtree(out / "geo")
    shutil.copytree(source / "geo", out / "geo")

    summary = {}
    for name, spec in schema.items():
        header, rows = data[name]
        out_rows = [list(r) for r in rows]
        if name in scaled and factor > 1:
            out_rows += synthetic_rows(name, spec, header, rows, factor, width, scaled)
        with open(out / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(out_rows)
        summary[name] = {"real": len(rows), "rows": len(out_rows), "kept": kept[name]}

    catalog = load_catalog(out)
    _, geo_errors = load_geo(out)
    if catalog.errors or geo_errors:
        faults = [str(e) for errs in catalog.errors.values() for e in errs] + [str(e) for e in geo_errors]
        raise AssertionError(f"the synthetic folder does not validate ({len(faults)} faults):\n  "
                             + "\n  ".join(faults[:20]))
    for name, info in summary.items():
        assert len(catalog.tables[name]) == info["rows"], name
    return summary


def synthetic_rows(name, spec, header, rows, factor, width, scaled) -> list[list[str]]:
    columns = spec["columns"]
    col = {c: header.index(c) for c in header}
    keys = list(spec.get("primary_key") or [])
    keys += [c for c, cs in columns.items() if cs.get("unique") and cs["type"] == "string" and c not in keys]
    keys += [c for c in EXTRA_KEYS.get(name, []) if c not in keys]
    for extra in EXTRA_KEYS.get(name, []):
        pattern = columns[extra].get("pattern")
        if pattern and any(r[col[extra]].strip() and not re.fullmatch(pattern, suffix(r[col[extra]].strip(), 1, width))
                           for r in rows):
            raise ValueError(f"{name}.{extra} cannot take a suffix (pattern {pattern})")
    fks = [(fk["column"], fk["references"].split(".")[0]) for fk in spec.get("foreign_keys") or []]
    fks = [(c, target) for c, target in fks if target in scaled]
    ints = {c: IntAllocator({int(r[col[c]]) for r in rows if r[col[c]].strip()},
                            columns[c].get("min", -2**63), columns[c].get("max", 2**63))
            for c, cs in columns.items() if cs.get("unique") and cs["type"] == "int"}
    mark = "note" if "note" in columns else "note_en" if "note_en" in columns else MARK_FALLBACK.get(name)
    # A Chinese reader of the scaled data sees the mark too.
    mark_zh = mark[:-3] + "_zh" if mark and mark.endswith("_en") and mark[:-3] + "_zh" in col else None
    id_col = keys[0] if keys else None

    seen = {tuple(r[col[k]] for k in keys) for r in rows} if keys else set()
    out = []
    for copy in range(1, factor):
        for line, row in enumerate(rows, start=2):
            new = list(row)
            real_id = row[col[id_col]].strip() if id_col else f"line {line}"
            for k in keys:
                if row[col[k]].strip():
                    new[col[k]] = suffix(row[col[k]].strip(), copy, width)
            for c, _target in fks:
                value = row[col[c]].strip()
                if value:
                    items = value.split(";") if columns[c]["type"] == "list" else [value]
                    new[col[c]] = ";".join(suffix(item, copy, width) for item in items)
            for c, alloc in ints.items():
                if row[col[c]].strip():
                    new[col[c]] = str(alloc.take(int(row[col[c]]), copy))
            text = f"{NOTE} (copy {copy} of '{real_id}')"
            for c, label in ((mark, text), (mark_zh, f"{NOTE_ZH}（'{real_id}' 的第 {copy} 份副本）")):
                if c:
                    new[col[c]] = f"{label}: {row[col[c]]}" if row[col[c]].strip() else label
            if name == SOURCES:
                new[col["title"]] = f"SYNTHETIC copy {copy} of source '{real_id}': {row[col['title']]}"
                new[col["url"]] = f"https://synthetic.invalid/{new[col['id']]}"
            if keys:
                key = tuple(new[col[k]] for k in keys)
                if key in seen:
                    raise ValueError(f"{name}: synthetic key {key} is already taken")
                seen.add(key)
            out.append(new)
    return out


def readme_text(factor: int, source: Path, kept: dict, data: dict) -> str:
    lines = [
        MARKER,
        "",
        f"Written by benchmarks/scale_data.py on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"from {source.resolve()} with --factor {factor}.",
        "",
        "Each scaled table holds its real rows unchanged plus synthetic copies of them. A synthetic",
        "row's key ends in -synNNNN, its source_id names a source whose title starts with",
        f"'SYNTHETIC' (url https://synthetic.invalid/...), and its note says '{NOTE}'.",
        "The figures are NOT real: use this folder only to time queries (ATLAS_DATA_DIR=<this folder>).",
        "",
        "Tables:",
    ]
    for name, reason in kept.items():
        n = len(data[name][1])
        lines.append(f"  {name}: {n} real rows" + (f", kept as is ({reason})" if reason
                                                    else f" -> {n * factor} rows"))
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="folder to write (new, empty, or an earlier output)")
    parser.add_argument("--factor", type=int, default=100, help="rows per real row (default 100)")
    parser.add_argument("--source", type=Path, default=DEFAULT_DATA_DIR, help="real data folder (default data/)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        summary = scale(args.out_dir, args.factor, args.source)
    except Refused as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 2
    real = sum(s["real"] for s in summary.values())
    rows = sum(s["rows"] for s in summary.values())
    for name, s in summary.items():
        print(f"{name:20} {s['real']:6} -> {s['rows']:7}" + (f"  kept: {s['kept']}" if s["kept"] else ""))
    print(f"{'total':20} {real:6} -> {rows:7}  (x{rows / real:.1f}); validated, no catalog errors; "
          f"{time.perf_counter() - start:.1f} s -> {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
