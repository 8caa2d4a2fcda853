"""The map's geometry as the browser fetches it: the boundary files of data/geo/, the province
borders as segments, each published once as a served file (`atlas.data.served`)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from atlas.data import served
from atlas.data.datasets import DataError, load_geo


@dataclass
class Served:
    urls: dict[str, str]  # provinces, borders, maritime -> URL
    province_ids: list[str]
    errors: list[DataError]
    outlines: list[dict] = field(default_factory=list)  # every province's own segments
    extent: tuple[float, float, float, float] | None = None  # west, south, east, north of all shapes


def edges(provinces: dict) -> tuple[list[dict], list[dict]]:
    """The province boundaries as straight segments, for the map's line layers.

    Returns every border once (`s`, `t`: a segment shared by two provinces, or a coast) and
    every province's own segments (`s`, `t`, `id`: for outlining a hub's provinces). Drawn
    as deck.gl LineLayers instead of the polygon layer's own strokes: that layer draws each
    stroke as a mitred path, and with software WebGL (no GPU: the test machines, headless
    snapshots) re-drawing the 27,000 border points took about 1.5 s on every map change.
    """
    shared, own = {}, []
    for feature in provinces["features"]:
        geometry, pid = feature["geometry"], feature["properties"]["id"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for ring in (ring for polygon in polygons for ring in polygon):
            for a, b in zip(ring, ring[1:]):
                shared.setdefault(tuple(sorted((tuple(a), tuple(b)))), None)
                own.append({"s": a, "t": b, "id": pid})
    return [{"s": list(a), "t": list(b)} for a, b in shared], own


def line_segments(lines: dict) -> list[dict]:
    """The (Multi)LineStrings of a FeatureCollection as straight segments (`s`, `t`), drawn by
    the same deck.gl LineLayer program as the borders: a PathLayer's shader alone costs about
    0.6 s to set up in software WebGL, a LineLayer's under 0.15 s (benchmarks/map_layers.py --programs)."""
    segments = []
    for feature in lines["features"]:
        geometry = feature["geometry"]
        parts = [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]
        segments += [{"s": a, "t": b} for part in parts for a, b in zip(part, part[1:])]
    return segments


def extent(shapes: dict) -> tuple[float, float, float, float] | None:
    """The lon/lat box (west, south, east, north) of every point of the GeoJSON `shapes`
    (FeatureCollections or bare geometries), or None when they hold none."""
    lons, lats = [], []

    def walk(coords) -> None:
        if coords and isinstance(coords[0], (int, float)):
            lons.append(coords[0])
            lats.append(coords[1])
        else:
            for part in coords:
                walk(part)

    for shape in shapes.values():
        for feature in shape.get("features", [shape]):
            geometry = feature.get("geometry", feature) or {}
            walk(geometry.get("coordinates", []))
    return (min(lons), min(lats), max(lons), max(lats)) if lons else None


def publish(folder) -> Served:
    """Every boundary file of `folder`'s data/geo/ and the borders, served."""
    shapes, errors = load_geo(folder)
    box = extent({name: shapes[name] for name in ("provinces", "maritime") if name in shapes})
    ids = [f["properties"]["id"] for f in shapes.get("provinces", {}).get("features", [])]
    outlines = []
    if "provinces" in shapes:
        shapes["borders"], outlines = edges(shapes["provinces"])
    if "maritime" in shapes:
        shapes["maritime"] = line_segments(shapes["maritime"])
    urls = {name: served.publish(name, as_json(geo)) for name, geo in shapes.items()}
    return Served(urls, ids, errors, outlines, box)


def outlines_url(geo: Served, colors: dict[str, list[int]]) -> str | None:
    """The URL of the own segments of the provinces in `colors` (a hub's outline), each with
    its province's colour (`c`), or None when there are none."""
    segments = [{**s, "c": colors[s["id"]]} for s in geo.outlines if s["id"] in colors]
    return served.publish("outlines", as_json(segments)) if segments else None


def as_json(value) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()
