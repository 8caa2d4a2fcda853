"""The baseline for benchmarks/pages.py: a bare page with one pydeck map of as many layers
as the map page draws (6), on the same boundaries passed the same way (data URLs) and the
same 41 points, with no filters, card or table."""

import base64
from pathlib import Path

import pandas as pd
import pydeck as pdk
import streamlit as st

DATA = Path(__file__).resolve().parents[1] / "data"
provinces, maritime = ("data:application/geo+json;base64," + base64.b64encode(
    (DATA / "geo" / name).read_bytes()).decode() for name in ("provinces.geojson", "maritime.geojson"))


def deck() -> pdk.Deck:
    points = pd.read_csv(DATA / "centers.csv")[["lat", "lon"]].dropna()
    seats = pd.read_csv(DATA / "clusters.csv")[["lat", "lon"]]
    paths = pd.DataFrame({"path": [[[107.6, 35.7], [116.4, 39.9]], [[106.6, 26.6], [113.3, 23.1]]]})
    labels = pd.DataFrame({"lat": [39.9, 31.2], "lon": [116.4, 121.5], "label": ["京津冀", "长三角"]})
    return pdk.Deck(
        layers=[
            pdk.Layer("GeoJsonLayer", data=provinces, get_fill_color=[236, 239, 243], get_line_color=[148, 156, 168]),
            pdk.Layer("GeoJsonLayer", data=maritime, filled=False, get_line_color=[148, 156, 168]),
            pdk.Layer("PathLayer", data=paths, get_path="path", get_color=[0, 114, 178], get_width=2.5,
                      width_units="'pixels'"),
            pdk.Layer("ScatterplotLayer", data=seats, get_position=["lon", "lat"], get_radius=8,
                      radius_units="'pixels'", get_fill_color=[255, 255, 255]),
            pdk.Layer("ScatterplotLayer", data=points, get_position=["lon", "lat"], get_radius=10,
                      radius_units="'pixels'", get_fill_color=[0, 114, 178]),
            pdk.Layer("TextLayer", data=labels, get_position=["lon", "lat"], get_text="label",
                      character_set="`京津冀长三角`", size_units="'pixels'", get_size=14),
        ],
        initial_view_state=pdk.ViewState(latitude=31.0, longitude=104.3, zoom=2.9),
        map_provider=None,
    )


if __name__ == "__main__":  # as `streamlit run` runs it; benchmarks/bare_mix.py imports deck()
    st.pydeck_chart(deck(), height=680)
