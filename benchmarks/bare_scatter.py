"""Issue 18's baseline for the map page (benchmarks/pages.py): a bare page with one pydeck map
of one ScatterplotLayer holding as many points as the map page draws centers (every center
with coordinates in data/centers.csv), no boundaries, labels, filters, card or table."""

from pathlib import Path

import pandas as pd
import pydeck as pdk
import streamlit as st

points = pd.read_csv(Path(__file__).resolve().parents[1] / "data" / "centers.csv")[["lat", "lon"]].dropna()
st.pydeck_chart(pdk.Deck(
    layers=[pdk.Layer("ScatterplotLayer", data=points, get_position=["lon", "lat"], get_radius=10,
                      radius_units="'pixels'", get_fill_color=[0, 114, 178])],
    initial_view_state=pdk.ViewState(latitude=31.0, longitude=104.3, zoom=2.9), map_provider=None), height=680)
