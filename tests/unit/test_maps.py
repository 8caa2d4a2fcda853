"""Test the pure map builders: marker scale, colours, styling expressions, curves, labels."""

import json

import pandas as pd
import pytest

from atlas import maps


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
    assert style["line"] == {"gansu": maps.HUB_COLORS["gansu"]} and style["width"] == {"gansu": 2}
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
    args = dict(provinces_url="data:,{}", maritime_url=None, province_ids=[], province_values={},
                hubs=pd.DataFrame(columns=["id", "provinces", "label", "label_lat", "label_lon"]),
                clusters=pd.DataFrame(), links=pd.DataFrame(), centers=pd.DataFrame(), options=maps.MapOptions())
    offline = json.loads(maps.build_deck(**args).to_json())
    assert "mapProvider" not in offline and offline["mapStyle"] == "__MAP_STYLE__"
    online = json.loads(maps.build_deck(**args, tiles=True).to_json())
    assert online["mapProvider"] == "carto"
