"""A bare page for benchmarks/map_layers.py --programs: one scatter layer of the centers plus, per
name in `?types=` (comma-separated), one layer of a deck.gl type with two tiny rows. Its time is
what setting up that layer type's shader program costs, whatever its data."""

from pathlib import Path

import pandas as pd
import pydeck as pdk
import streamlit as st

points = pd.read_csv(Path(__file__).resolve().parents[1] / "data" / "centers.csv")[["lat", "lon"]].dropna()
rows = pd.DataFrame({"s": [[100, 30], [110, 35]], "t": [[105, 40], [115, 25]],
                     "path": [[[100, 30], [105, 40], [110, 30]], [[110, 35], [115, 25]]],
                     "polygon": [[[100, 30], [105, 40], [110, 30]], [[110, 35], [115, 25], [120, 35]]],
                     "label": ["京津冀", "长三角"]})
TYPES = {
    "scatter": pdk.Layer("ScatterplotLayer", data=points, get_position=["lon", "lat"], get_radius=12,
                         radius_units="'pixels'", get_fill_color=[230, 159, 0]),
    "line": pdk.Layer("LineLayer", data=rows, get_source_position="s", get_target_position="t", get_width=2,
                      width_units="'pixels'", get_color=[0, 0, 0]),
    "path": pdk.Layer("PathLayer", data=rows, get_path="path", get_width=2, width_units="'pixels'", get_color=[0, 0, 0]),
    "polygon": pdk.Layer("SolidPolygonLayer", data=rows, get_polygon="polygon", get_fill_color=[200, 200, 200]),
    "text": pdk.Layer("TextLayer", data=rows, get_position="s", get_text="label", character_set="`京津冀长三角`",
                      size_units="'pixels'", get_size=14),
}
types = [name for name in st.query_params.get("types", "").split(",") if name in TYPES]
st.pydeck_chart(pdk.Deck(
    layers=[pdk.Layer("ScatterplotLayer", data=points, get_position=["lon", "lat"], get_radius=10,
                      radius_units="'pixels'", get_fill_color=[0, 114, 178]), *(TYPES[name] for name in types)],
    initial_view_state=pdk.ViewState(latitude=31.0, longitude=104.3, zoom=2.9), map_provider=None), height=680)
