"""The matched baseline for benchmarks/pages.py: a bare page holding as many elements of each
kind as an app page draws (counted in the browser by pages.py), each with trivial content.
Against it, a page's ratio is the cost of its own data, queries, layout and text, not of how
many charts or inputs it shows.

    /?metrics=6&charts=2&texts=18&captions=11&headings=6&expanders=3&popovers=3 (any kind left out: 0)
"""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from bare_pydeck import (
    deck,  # the script's folder is on the path when streamlit runs it
)

KINDS = ("metrics", "charts", "maps", "tables", "static", "inputs", "selects", "areas", "choices", "buttons",
         "texts", "captions", "latex", "headings", "alerts", "links", "expanders", "popovers")
count = {kind: int(st.query_params.get(kind, 0)) for kind in KINDS}
small = pd.DataFrame({"name": [f"row {i}" for i in range(12)], "value": range(12)})

for i in range(count["headings"]):
    st.subheader(f"Heading {i}")
for i in range(count["maps"]):
    st.pydeck_chart(deck(), height=680, key=f"map{i}")
for i in range(count["texts"]):
    st.markdown(f"Line **{i}** of bare text, about as long as a caption or a source line on a page.")
for i in range(count["captions"]):
    st.caption(f"Caption {i}: a source line with its date, 2025-06-30.")
for i in range(count["latex"]):
    st.latex(r"E = P_{IT} \times 1000 \times \mathrm{PUE} \times h")
for i in range(count["alerts"]):
    st.info(f"Note {i}.")
cols = st.columns(4)
for i in range(count["metrics"]):
    cols[i % 4].metric(f"Metric {i}", f"{i * 42:,}")
for i in range(count["inputs"]):
    st.number_input(f"Input {i}", value=float(i), key=f"in{i}")
for i in range(count["selects"]):
    st.selectbox(f"Choice {i}", ("a", "b", "c"), key=f"sel{i}")
for i in range(count["areas"]):
    st.text_area(f"Text {i}", "SELECT 1", key=f"area{i}")
for i in range(count["choices"]):
    st.checkbox(f"Option {i}", key=f"check{i}")
for i in range(count["buttons"]):
    st.button(f"Button {i}", key=f"button{i}")
for i in range(count["links"]):
    st.page_link("https://example.com", label=f"Link {i}")
for i in range(count["charts"]):
    st.plotly_chart(go.Figure(go.Bar(x=list(small["name"]), y=list(small["value"]))), key=f"chart{i}")
for i in range(count["tables"]):
    st.dataframe(small, hide_index=True, key=f"table{i}")
for i in range(count["static"]):
    st.table(small.head(6))
for i in range(count["expanders"]):
    with st.expander(f"Details {i}"):
        st.write("Folded text.")
for i in range(count["popovers"]):
    with st.popover(f"Export {i}"):
        st.write("Formats.")
