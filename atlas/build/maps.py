"""pydeck deck builders for the compute map: data in, `pdk.Deck` out. No Streamlit, no I/O.

pydeck reads every bare string prop as a JavaScript expression (`get_text="label"` reads the
column); literal strings are therefore quoted: `radius_units="'pixels'"`.

The base is the province boundaries shipped in data/geo/ (no tile server), so the map draws
with no internet. Colours come from the Okabe–Ito palette, which stays distinguishable for
the common colour-vision deficiencies; the choropleth uses a sequential blue ramp.
"""

from __future__ import annotations

import copy
import functools
import json
import math
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk
from pydeck.bindings import deck as pydeck_deck
from pydeck.bindings.json_tools import default_serialize

# pydeck asks, for each map provider of every Deck it builds, whether its Jupyter widget can
# load: a failed import of ipywidgets each time (4 ms a deck, 3 % of all script time under
# load, seen with py-spy). The answer cannot change while the process runs.
pydeck_deck.has_jupyter_extra = functools.cache(pydeck_deck.has_jupyter_extra)

# China's extent (lon, lat: west, south, east, north), the South China Sea islands included;
# the served boundaries give the same box (`atlas.data.geometry.extent`), this is the fallback.
CHINA_EXTENT = (73.5, 3.4, 135.1, 53.6)
TILE = 512  # deck.gl's Web-Mercator world is 512 px wide at zoom 0
FIT_PADDING = 12  # px kept free around China in a fitted view
# The first view before the browser has said how large the map is drawn: all of China in a
# 16:9 map of MAP_HEIGHT; Mercator stretches the north, hence the centre at 31°N.
INITIAL_VIEW = pdk.ViewState(latitude=31.0, longitude=104.3, zoom=2.9, min_zoom=2, max_zoom=9)
NARROW_VIEW = pdk.ViewState(latitude=31.0, longitude=104.3, zoom=2.65, min_zoom=2, max_zoom=9)
EXPORT_VIEW = pdk.ViewState(latitude=31.0, longitude=104.3, zoom=3.1, min_zoom=2, max_zoom=9)  # 1400×~760 map
MAP_HEIGHT = 680
MIN_MAP_HEIGHT = 280
LAYERS = ("provinces", "hubs", "clusters", "links", "centers")
DEFAULT_LAYERS = ("hubs", "clusters", "links", "centers")  # province shading is opt-in

# Status and hub colours from Okabe–Ito (as the charts' palette, atlas.build.charts.PALETTE;
# the legend reads these same dicts): apart under protanopia, deuteranopia and tritanopia
# (tests/unit/test_palette.py). "gansu" adds a dark brown, also checked there.
STATUS_COLORS = {"operating": [0, 114, 178], "under_construction": [230, 159, 0], "planned": [204, 121, 167]}
HUB_COLORS = {"jjj": [230, 159, 0], "yrd": [86, 180, 233], "gba": [0, 158, 115], "chengyu": [213, 94, 0],
              "inner-mongolia": [0, 114, 178], "guizhou": [204, 121, 167], "gansu": [120, 94, 40],
              "ningxia": [0, 0, 0]}
NO_HUB_COLOR = [150, 150, 150]
BASE_FILL = [236, 239, 243]
BORDER = [148, 156, 168]
# ColorBrewer "Blues", 5 classes: light to dark.
RAMP = [[222, 235, 247], [158, 202, 225], [107, 174, 214], [49, 130, 189], [8, 81, 156]]
LINK_MEASURED = [0, 114, 178, 200]
LINK_TARGET = [120, 120, 120, 150]


@dataclass(frozen=True)
class MapOptions:
    """What the reader chose: visible layers, marker colours, province measure, selection."""

    layers: tuple[str, ...] = DEFAULT_LAYERS
    color_by: str = "status"
    measure: str = "capacity"
    selected: str | None = None
    narrow: bool = False  # the map shares the row with a center's card


def mercator_y(lat: float) -> float:
    """Web-Mercator y of a latitude, in radians (0 at the equator, growing north)."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fit_view(extent: tuple[float, float, float, float], width: float, height: float,
             padding: float = FIT_PADDING) -> pdk.ViewState:
    """The Web-Mercator view that shows the lon/lat box `extent` (west, south, east, north)
    whole and as large as it goes in a `width` × `height` px map, `padding` px kept free.

    At zoom z the world is 512·2^z px wide, so the box needs 512·2^z·Δlon/360 px across and
    512·2^z·Δy/2π px down (y = Mercator y); z is the largest that fits both. The centre is
    the box's middle in Mercator, not in degrees (the north is stretched). A map of 512×512
    px shows the whole world (±85.05°) at zoom 0.
    """
    west, south, east, north = extent
    across = max(width - 2 * padding, 1) / (TILE * (east - west) / 360)
    down = max(height - 2 * padding, 1) / (TILE * (mercator_y(north) - mercator_y(south)) / (2 * math.pi))
    zoom = math.log2(min(across, down))
    middle = (mercator_y(north) + mercator_y(south)) / 2
    latitude = math.degrees(2 * math.atan(math.exp(middle)) - math.pi / 2)
    return pdk.ViewState(latitude=round(latitude, 4), longitude=round((west + east) / 2, 4), zoom=round(zoom, 3),
                         min_zoom=round(max(zoom - 1, 0), 3), max_zoom=9)


def map_height(width: float, top: float, viewport: float, *, presenting: bool, reserve: float,
               slide: bool = False) -> int:
    """The map's height in px for a map `width` px wide whose top is `top` px down a window
    `viewport` px high, with `reserve` px kept below it (legend, sources).

    A presenter's map fills the rest of the screen: on a story slide exactly (a slide is one
    screen), elsewhere at least 60 % of it (on a 1280×720 projector the Map page's title and
    year slider take a third of the screen, which left China 330 px tall; its legend then
    follows below). Elsewhere China (about as tall as it is wide in Mercator) gets a square up
    to MAP_HEIGHT, never taller than the screen leaves.
    """
    room = viewport - top - reserve
    if presenting:
        floor = MIN_MAP_HEIGHT if slide else max(0.6 * viewport, MIN_MAP_HEIGHT)
        return int(max(room, floor))
    return int(max(min(MAP_HEIGHT, width, max(room, 0.6 * viewport)), MIN_MAP_HEIGHT))


def with_view(deck: pdk.Deck, view: pdk.ViewState) -> pdk.Deck:
    """The same map (layers, tooltip, base map shared) opening at `view`."""
    moved = copy.copy(deck)
    moved.initial_view_state = view
    return moved


def marker_radius(pflops) -> float:
    """Marker radius in pixels: logarithmic, so 100 P and 100,000 P are both visible.

    r = 3 + 4·log10(PFLOPS): 10 P → 7 px, 100 P → 11 px, 10,000 P → 19 px, 100,000 P → 23 px.
    A center with no capacity figure gets 5 px (drawn hollow).
    """
    if pflops is None or pd.isna(pflops) or pflops <= 0:
        return 5.0
    return 3 + 4 * math.log10(max(pflops, 1.0))


def ramp_color(value: float, top: float) -> list[int]:
    """The choropleth colour of `value` on a 5-class scale from 0 to `top`; grey when empty."""
    if not value or not top:
        return BASE_FILL
    step = min(int(value / top * len(RAMP)), len(RAMP) - 1)
    return RAMP[step]


def curve(start: tuple[float, float], end: tuple[float, float], bend: float = 0.18,
          steps: int = 24) -> list[list[float]]:
    """A gentle arc from `start` to `end` (lon, lat) as a polyline: a quadratic Bézier whose
    control point sits `bend` × the distance off the midpoint, to the left of travel. On a
    flat map a deck.gl ArcLayer draws straight; this keeps east–west links readable."""
    (x0, y0), (x1, y1) = start, end
    cx, cy = (x0 + x1) / 2 - (y1 - y0) * bend, (y0 + y1) / 2 + (x1 - x0) * bend
    points = []
    for i in range(steps + 1):
        u = i / steps
        points.append([round((1 - u) ** 2 * x0 + 2 * (1 - u) * u * cx + u ** 2 * x1, 4),
                       round((1 - u) ** 2 * y0 + 2 * (1 - u) * u * cy + u ** 2 * y1, 4)])
    return points


def link_segments(links: pd.DataFrame) -> pd.DataFrame:
    """Each link's arc (`curve`) as its straight pieces (`s`, `t`), with the link's colour and
    tooltip on every piece: hovering any part of an arc names the link."""
    rows = []
    for link in links.itertuples():
        path = curve((link.from_lon, link.from_lat), (link.to_lon, link.to_lat))
        color = LINK_TARGET if link.is_target else LINK_MEASURED
        rows += [{"s": a, "t": b, "color": color, "tooltip": link.tooltip} for a, b in zip(path, path[1:])]
    return pd.DataFrame(rows, columns=["s", "t", "color", "tooltip"])


def ramp_classes(top: float) -> list[tuple[list[int], float]]:
    """The choropleth's classes: each colour with the upper bound of the values it shows."""
    return [(color, top * (i + 1) / len(RAMP)) for i, color in enumerate(RAMP)] if top else []


def tooltip_text(title: str, lines: list[str]) -> str:
    """Tooltip text, one fact a line. Plain text (Streamlit shows it as text, never as markup)."""
    return "\n".join([title, *[line for line in lines if line]])


def center_points(centers: pd.DataFrame, options: MapOptions) -> pd.DataFrame:
    """The centers as plot points: position, colour, radius, hollow or filled.

    `centers` needs id, lat, lon, status, hub_id, pflops and a prepared `tooltip` column.
    Centers without coordinates (the source names no city) are left off the map.
    """
    points = centers.dropna(subset=["lat", "lon"]).copy()
    if options.color_by == "hub":
        colors = points["hub_id"].map(lambda h: HUB_COLORS.get(h, NO_HUB_COLOR) if isinstance(h, str) else NO_HUB_COLOR)
    else:
        colors = points["status"].map(STATUS_COLORS)
    points["color"] = colors
    points["radius"] = points["pflops"].map(marker_radius)
    known = points["pflops"].notna()
    points["fill"] = [c + [230] if k else [255, 255, 255, 230] for c, k in zip(points["color"], known)]
    points["line"] = [[255, 255, 255] if k else c for c, k in zip(points["color"], known)]
    points = points.sort_values("radius", ascending=False)  # small markers drawn on top
    return points[["id", "lat", "lon", "radius", "fill", "line", "tooltip"]]


def province_style(provinces: list[str], *, values: dict[str, float], hub_of: dict[str, str],
                   shaded: bool, hubs_shown: bool) -> dict[str, dict[str, list[int]]]:
    """Fill per province id: a choropleth fill when `shaded`, else when `hubs_shown` the
    provinces of each hub tinted in the hub's colour (their outline is its own layer)."""
    top = max(values.values(), default=0)
    style = {"fill": {}}
    for pid in provinces:
        hub = hub_of.get(pid) if hubs_shown else None
        color = HUB_COLORS.get(hub, NO_HUB_COLOR) if hub else None
        if shaded:
            style["fill"][pid] = ramp_color(values.get(pid, 0), top)
        elif color:
            style["fill"][pid] = blend(BASE_FILL, color, 0.25)
    return style


def hub_of(hubs: pd.DataFrame) -> dict[str, str]:
    """The hub of every province inside one (`hubs` with id and `provinces`, ids joined by ";")."""
    return {pid: hub.id for hub in hubs.itertuples() for pid in str(hub.provinces).split(";")}


def hub_outline_colors(hubs: pd.DataFrame) -> dict[str, list[int]]:
    """The outline colour of every province inside a hub: its hub's colour."""
    return {pid: HUB_COLORS.get(hub, NO_HUB_COLOR) for pid, hub in hub_of(hubs).items()}


def lookup(mapping: dict[str, list[int] | float], default, field: str = "properties.id") -> str:
    """A deck.gl JSON expression giving each feature its value by `field` (a province id).

    The boundaries travel by URL (atlas.data.served) instead of inline GeoJSON (which Streamlit's
    deck component walks value by value: seconds for 27,000 points), so per-province styling
    is an accessor expression: a chain of conditionals.
    """
    expr = json.dumps(default)
    for key, value in sorted(mapping.items(), reverse=True):
        expr = f"{field} === {json.dumps(key)} ? {json.dumps(value)} : ({expr})"
    return expr


def blend(base: list[int], color: list[int], share: float) -> list[int]:
    return [round(b + (c - b) * share) for b, c in zip(base, color)]


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: pydeck pretty-prints (indent=2), which makes a
    map's spec several times larger on the wire and in the browser's parser."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def build_deck(*, provinces_url: str | None, borders_url: str | None, outlines_url: str | None,
               maritime_url: str | None, province_ids: list[str],
               province_values: dict[str, float], hubs: pd.DataFrame, clusters: pd.DataFrame,
               links: pd.DataFrame, centers: pd.DataFrame, options: MapOptions,
               tiles: bool = False, view: pdk.ViewState | None = None) -> pdk.Deck:
    """The whole map. `provinces_url`/`maritime_url` are URLs of the boundary files,
    `borders_url`/`outlines_url` of their segments (`atlas.data.geometry.edges`);
    `hubs` has `provinces` and a `label`; `clusters`, `links` and `centers` carry a prepared
    `tooltip` in the reader's language. `view` replaces the initial view (an export's frame)."""
    hubs_of = hub_of(hubs)
    style = province_style(province_ids, values=province_values, hub_of=hubs_of,
                           shaded="provinces" in options.layers, hubs_shown="hubs" in options.layers)
    layers = []
    if provinces_url:
        layers.append(pdk.Layer("GeoJsonLayer", id="provinces", data=provinces_url, stroked=False, filled=True,
                                get_fill_color=lookup(style["fill"], BASE_FILL)))
    if borders_url:
        layers.append(pdk.Layer("LineLayer", id="borders", data=borders_url, get_source_position="s",
                                get_target_position="t", get_color=BORDER, get_width=0.6, width_units="'pixels'"))
    if outlines_url and "hubs" in options.layers and hubs_of:
        # Each segment carries its hub's colour (`c`), rather than the browser evaluating a
        # chain of conditionals (`lookup`) on each of ~8,000 segments.
        layers.append(pdk.Layer("LineLayer", id="outlines", data=outlines_url, get_source_position="s",
                                get_target_position="t", get_color="c", get_width=2, width_units="'pixels'"))
    # Every line is a LineLayer (one shader program for borders, outlines, the maritime
    # boundary and the links): a PathLayer's program costs ~0.6 s more to set up in software
    # WebGL, on every page load (benchmarks/map_layers.py).
    if maritime_url:
        layers.append(pdk.Layer("LineLayer", id="maritime", data=maritime_url, get_source_position="s",
                                get_target_position="t", get_color=BORDER, get_width=1.2, width_units="'pixels'"))
    if "links" in options.layers and not links.empty:
        layers.append(pdk.Layer("LineLayer", id="links", data=link_segments(links), get_source_position="s",
                                get_target_position="t", get_color="color", get_width=2.5, width_units="'pixels'",
                                pickable=True))
    if "clusters" in options.layers and not clusters.empty:
        layers.append(pdk.Layer("ScatterplotLayer", id="clusters", data=clusters, get_position=["lon", "lat"],
                                get_radius=8, radius_units="'pixels'", get_fill_color=[255, 255, 255],
                                get_line_color=[17, 24, 39], stroked=True, line_width_min_pixels=2.5,
                                pickable=True))
    if "centers" in options.layers and not centers.empty:
        points = center_points(centers, options)
        layers.append(pdk.Layer("ScatterplotLayer", id="centers", data=points, get_position=["lon", "lat"],
                                get_radius="radius", radius_units="'pixels'", get_fill_color="fill",
                                get_line_color="line", stroked=True, line_width_min_pixels=1.2,
                                pickable=True, auto_highlight=True))
        chosen = points[points["id"] == options.selected]
        if not chosen.empty:
            layers.append(pdk.Layer("ScatterplotLayer", id="selected", data=chosen.assign(radius=chosen["radius"] + 6),
                                    get_position=["lon", "lat"], get_radius="radius", radius_units="'pixels'",
                                    filled=False, stroked=True, get_line_color=[17, 24, 39],
                                    line_width_min_pixels=3))
    if "hubs" in options.layers and not hubs.empty:
        layers.append(_labels("hub_labels", hubs, size=14, color=[31, 41, 55]))  # on top of markers
    # Offline unless asked: with map_provider=None and no map_style, pydeck sends a sentinel
    # that tells Streamlit to draw no basemap; an explicit map_style=None would let Streamlit
    # substitute a Carto style URL (a request to the internet).
    basemap = {"map_provider": "carto", "map_style": "light"} if tiles else {"map_provider": None}
    return CompactDeck(
        layers=layers,
        # A narrower map (beside a card) zooms out so all of China still fits its width.
        initial_view_state=view or (NARROW_VIEW if options.narrow else INITIAL_VIEW),
        tooltip={"text": "{tooltip}", "style": {"fontSize": "15px", "maxWidth": "380px", "whiteSpace": "pre-line"}},
        **basemap,
    )


def framed(deck: pdk.Deck, view: pdk.ViewState = EXPORT_VIEW) -> pdk.Deck:
    """The same map, offline (no tiles), with another initial view: an export's 1400×900 page
    instead of the app's map box. The layers are shared, not copied."""
    return CompactDeck(layers=deck.layers, initial_view_state=view, tooltip=deck._tooltip, map_provider=None)


def label_anchors(frame: pd.DataFrame, near: tuple[float, float] = (5.0, 2.0)) -> list[str]:
    """Text anchor per label: where two labels sit within `near` (° lon, ° lat) of each other,
    the western one ends at its point and the eastern one starts there, so they don't overlap."""
    anchors = []
    for row in frame.itertuples():
        anchor = "middle"
        for other in frame.itertuples():
            if other.Index != row.Index and abs(other.label_lon - row.label_lon) < near[0] \
                    and abs(other.label_lat - row.label_lat) < near[1]:
                anchor = "end" if row.label_lon < other.label_lon else "start"
        anchors.append(anchor)
    return anchors


def _labels(layer_id: str, frame: pd.DataFrame, *, size: int, color: list[int]) -> pdk.Layer:
    # The glyph atlas needs every character up front (CJK names are far outside ASCII).
    # pydeck reads a bare string as a JavaScript expression; backticks make it a literal.
    characters = "`" + "".join(sorted(set("".join(frame["label"])) - {"`"})) + "`"
    frame = frame.assign(anchor=label_anchors(frame))[["label_lon", "label_lat", "label", "anchor"]]
    return pdk.Layer("TextLayer", id=layer_id, data=frame, get_position=["label_lon", "label_lat"], get_text="label",
                     get_text_anchor="anchor",
                     get_size=size, size_units="'pixels'", get_color=color, character_set=characters,
                     font_family="'Noto Sans CJK SC, Noto Sans SC, sans-serif'", font_weight=600,
                     outline_width=2, outline_color=[255, 255, 255],
                     font_settings={"sdf": True})
