"""Test the pure map builders: marker scale, colours, styling expressions, curves, labels."""

import json
import math

import pandas as pd
import pytest

from atlas.build import maps
from atlas.data import geometry


@pytest.mark.parametrize(("pflops", "radius"), [
    (10, 7.0), (100, 11.0), (10_000, 19.0), (100_000, 23.0), (0.5, 3.0), (None, 5.0), (float("nan"), 5.0),
])
def test_marker_radius_is_logarithmic(pflops, radius):
    assert maps.marker_radius(pflops) == pytest.approx(radius)


def test_ramp_color_classes():
    assert maps.ramp_color(0, 100) == maps.BASE_FILL
    assert maps.ramp_color(1, 100) == maps.RAMP[0]
    assert maps.ramp_color(100, 100) == maps.RAMP[-1]
    assert maps.ramp_color(50, 100) == maps.RAMP[2]


def test_lookup_expression_is_a_conditional_chain():
    expr = maps.lookup({"gansu": [1, 2, 3], "hebei": 2}, [9, 9, 9])
    assert expr == ('properties.id === "gansu" ? [1, 2, 3] : (properties.id === "hebei" ? 2 : ([9, 9, 9]))')
    assert maps.lookup({}, 0.6) == "0.6"
    # ids are JSON-quoted, so a quote in an id cannot end the string early
    assert json.dumps("a'b\"c") in maps.lookup({"a'b\"c": 1}, 0)


def test_province_style_hubs_and_choropleth():
    style = maps.province_style(["gansu", "tibet"], values={"gansu": 10.0}, hub_of={"gansu": "gansu"},
                                shaded=False, hubs_shown=True)
    assert style["fill"] == {"gansu": maps.blend(maps.BASE_FILL, maps.HUB_COLORS["gansu"], 0.25)}
    shaded = maps.province_style(["gansu", "tibet"], values={"gansu": 10.0}, hub_of={}, shaded=True,
                                 hubs_shown=False)
    assert shaded["fill"] == {"gansu": maps.RAMP[-1], "tibet": maps.BASE_FILL}


def test_curve_runs_from_start_to_end_and_bends():
    points = maps.curve((107.64, 35.71), (116.4, 39.9))
    assert points[0] == [107.64, 35.71] and points[-1] == [116.4, 39.9]
    middle = points[len(points) // 2]
    assert middle[1] > (35.71 + 39.9) / 2  # bends to the left of eastward travel (north)


def test_label_anchors_push_close_labels_apart():
    frame = pd.DataFrame({"label_lon": [103.0, 106.2, 120.0], "label_lat": [37.5, 37.3, 30.0]})
    assert maps.label_anchors(frame) == ["end", "start", "middle"]


def test_center_points_hollow_when_capacity_unknown():
    centers = pd.DataFrame({"id": ["a", "b", "c"], "lat": [30.0, 31.0, None], "lon": [110.0, 111.0, 112.0],
                            "status": ["operating", "planned", "planned"], "hub_id": [None, "gansu", None],
                            "pflops": [1000.0, None, 5.0], "tooltip": ["A", "B", "C"]})
    points = maps.center_points(centers, maps.MapOptions(color_by="hub")).set_index("id")
    assert list(points.index) == ["a", "b"]  # no coordinates, not on the map
    assert points.at["a", "fill"] == maps.NO_HUB_COLOR + [230]
    assert points.at["b", "fill"] == [255, 255, 255, 230] and points.at["b", "line"] == maps.HUB_COLORS["gansu"]


def test_deck_is_offline_unless_tiles_are_asked_for():
    args = dict(provinces_url="data:,{}", borders_url=None, outlines_url=None, maritime_url=None, province_ids=[], province_values={},
                hubs=pd.DataFrame(columns=["id", "provinces", "label", "label_lat", "label_lon"]),
                clusters=pd.DataFrame(), links=pd.DataFrame(), centers=pd.DataFrame(), options=maps.MapOptions())
    offline = json.loads(maps.build_deck(**args).to_json())
    assert "mapProvider" not in offline and offline["mapStyle"] == "__MAP_STYLE__"
    online = json.loads(maps.build_deck(**args, tiles=True).to_json())
    assert online["mapProvider"] == "carto"


def square(pid: str, x0: float) -> dict:
    ring = [[x0, 0.0], [x0 + 1, 0.0], [x0 + 1, 1.0], [x0, 1.0], [x0, 0.0]]
    return {"type": "Feature", "properties": {"id": pid}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_edges_draw_a_shared_border_once_and_keep_each_province_own():
    islands = {"type": "Feature", "properties": {"id": "c"}, "geometry": {"type": "MultiPolygon", "coordinates": [
        [[[5.0, 0.0], [6.0, 0.0], [5.0, 1.0], [5.0, 0.0]]], [[[7.0, 0.0], [8.0, 0.0], [7.0, 1.0], [7.0, 0.0]]]]}}
    borders, own = geometry.edges({"features": [square("a", 0.0), square("b", 1.0), islands]})
    assert len(own) == 4 + 4 + 3 + 3  # every ring's segments, with their province
    assert {s["id"] for s in own} == {"a", "b", "c"}
    assert len(borders) == len(own) - 1  # the side a and b share is drawn once
    assert sum({tuple(s["s"]), tuple(s["t"])} == {(1.0, 0.0), (1.0, 1.0)} for s in borders) == 1


def test_borders_and_hub_outlines_are_line_layers_over_an_unstroked_fill():
    hubs = pd.DataFrame({"id": ["gansu"], "provinces": ["gansu"], "label": ["Gansu"], "label_lat": [36.0],
                         "label_lon": [103.0]})
    args = dict(provinces_url="app/static/served/p.json", borders_url="app/static/served/b.json",
                outlines_url="app/static/served/o.json", maritime_url=None, province_ids=["gansu", "tibet"],
                province_values={}, hubs=hubs, clusters=pd.DataFrame(), links=pd.DataFrame(),
                centers=pd.DataFrame())
    layers = {layer["id"]: layer for layer in json.loads(maps.build_deck(**args, options=maps.MapOptions()).to_json())["layers"]}
    assert layers["provinces"]["stroked"] is False
    assert layers["borders"]["@@type"] == "LineLayer" and layers["borders"]["data"] == "app/static/served/b.json"
    assert layers["outlines"]["getColor"] == "@@=c"  # the served segments carry their hub's colour
    no_hubs = maps.build_deck(**args, options=maps.MapOptions(layers=("centers",))).to_json()
    assert "outlines" not in {layer["id"] for layer in json.loads(no_hubs)["layers"]}  # nothing to outline


def test_every_line_of_the_map_is_one_line_layer_program():
    """Test that the maritime boundary and the links are drawn by LineLayers, like the borders:
    no layer of the map needs a PathLayer's shader, ~0.6 s to set up in software WebGL."""
    links = pd.DataFrame({"from_lon": [106.0], "from_lat": [37.0], "to_lon": [121.0], "to_lat": [31.0],
                          "is_target": [False], "tooltip": ["Ningxia → Shanghai"]})
    args = dict(provinces_url="app/static/served/p.json", borders_url="app/static/served/b.json",
                outlines_url=None, maritime_url="app/static/served/m.json", province_ids=[], province_values={},
                hubs=pd.DataFrame(), clusters=pd.DataFrame(), links=links, centers=pd.DataFrame())
    spec = json.loads(maps.build_deck(**args, options=maps.MapOptions()).to_json())
    kinds = {layer["id"]: layer["@@type"] for layer in spec["layers"]}
    assert kinds == {"provinces": "GeoJsonLayer", "borders": "LineLayer", "maritime": "LineLayer", "links": "LineLayer"}
    pieces = next(layer for layer in spec["layers"] if layer["id"] == "links")["data"]
    assert len(pieces) == 24  # the arc's 25 points
    assert pieces[0]["s"] == [106.0, 37.0] and pieces[-1]["t"] == [121.0, 31.0]
    assert all(p["tooltip"] == "Ningxia → Shanghai" and p["color"] == maps.LINK_MEASURED for p in pieces)
    assert all(a["t"] == b["s"] for a, b in zip(pieces, pieces[1:]))  # no gap along the arc


def test_line_segments_split_every_line_string():
    lines = {"features": [{"geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1], [2, 0]]}},
                          {"geometry": {"type": "MultiLineString", "coordinates": [[[5, 5], [6, 6]], [[7, 7], [8, 8]]]}}]}
    assert geometry.line_segments(lines) == [{"s": [0, 0], "t": [1, 1]}, {"s": [1, 1], "t": [2, 0]},
                                             {"s": [5, 5], "t": [6, 6]}, {"s": [7, 7], "t": [8, 8]}]


def test_fit_view_shows_the_whole_world_at_zoom_0_in_512_px():
    """Test that a 512×512 px map fits the Web-Mercator world (±85.0511°) at zoom 0, centred."""
    view = maps.fit_view((-180, -85.0511, 180, 85.0511), 512, 512, padding=0)
    assert view.zoom == pytest.approx(0, abs=1e-3)
    assert (view.latitude, view.longitude) == (pytest.approx(0, abs=1e-3), 0)


@pytest.mark.parametrize("width, height, zoom", [
    (1024, 4096, 1.0),  # width-bound: 2·512 px for the world's width
    (4096, 1024, 1.0),  # height-bound
    (2048, 2048, 2.0),
])
def test_fit_view_takes_the_zoom_of_the_tighter_side(width, height, zoom):
    view = maps.fit_view((-180, -85.0511, 180, 85.0511), width, height, padding=0)
    assert view.zoom == pytest.approx(zoom, abs=1e-3)


def test_fit_view_centres_in_mercator_and_keeps_the_padding():
    """Test that China's box, fitted to a phone's 358×358 px map, is centred on its Mercator
    middle (north of the degrees' middle) and its corners land `padding` px inside the map."""
    west, south, east, north = maps.CHINA_EXTENT
    view = maps.fit_view(maps.CHINA_EXTENT, 358, 358, padding=12)
    assert view.longitude == pytest.approx((west + east) / 2)
    assert view.latitude > (south + north) / 2
    world = maps.TILE * 2 ** view.zoom
    x_west = 358 / 2 + (west - view.longitude) / 360 * world
    y_north = 358 / 2 - (maps.mercator_y(north) - maps.mercator_y(view.latitude)) / (2 * math.pi) * world
    y_south = 358 / 2 - (maps.mercator_y(south) - maps.mercator_y(view.latitude)) / (2 * math.pi) * world
    assert min(x_west, 358 - y_south) == pytest.approx(12, abs=0.2)  # the tighter side touches the padding
    assert x_west >= 11.8 and y_north >= 11.8 and y_south <= 358 - 11.8


@pytest.mark.parametrize("width, top, viewport, presenting, slide, expected", [
    (1100, 250, 900, False, False, 560),  # a laptop: what the screen leaves, at most MAP_HEIGHT
    (358, 300, 844, False, False, 358),  # a phone: a square as wide as the screen
    (1800, 200, 1080, True, False, 790),  # a presenter: the rest of the screen
    (1200, 260, 720, True, False, 432),  # a presenter's Map page on a short screen: at least 60 % of it
    (1200, 260, 720, True, True, 370),  # a story slide: exactly the rest, so the slide fits the screen
    (1200, 600, 720, True, True, maps.MIN_MAP_HEIGHT),  # never below the minimum
])
def test_map_height(width, top, viewport, presenting, slide, expected):
    assert maps.map_height(width, top, viewport, presenting=presenting, reserve=90, slide=slide) == expected


def test_geometry_extent_covers_every_shape():
    shapes = {"a": {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[80, 20], [90, 20], [90, 30], [80, 20]]]}}]},
        "b": {"type": "MultiLineString", "coordinates": [[[110, 5], [120, 10]]]}}
    assert geometry.extent(shapes) == (80, 5, 120, 30)
    assert geometry.extent({}) is None
