"""A bare page drawing the map page's own deck (atlas.ui.panels.centers_map, default view) with only the
layers named in `?layers=` (ids, comma-separated; all when absent), its boundaries inlined as data
URLs. benchmarks/map_layers.py times it layer by layer against a bare scatter layer, to show
where the map page's drawing time goes."""

import pydeck as pdk
import streamlit as st

from atlas.build import maps
from atlas.data import served
from atlas.ui import panels



class Inlined(maps.CompactDeck):
    def to_json(self) -> str:  # this script's folder has no static/ to serve the boundaries from
        return served.inline(super().to_json())


deck = panels.centers_map().deck
wanted = st.query_params.get("layers")
layers = [layer for layer in deck.layers if wanted is None or layer.id in wanted.split(",")]
spec = Inlined(layers=layers, initial_view_state=deck.initial_view_state, tooltip=deck._tooltip,
                        map_provider=None)
st.pydeck_chart(pdk.Deck(layers=[], map_provider=None) if not layers else spec, height=680)
