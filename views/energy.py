"""Green compute (绿色算力): PUE, green power, grid carbon, electricity prices and use, and
the energy, cost and carbon calculator."""

import streamlit as st

from atlas import pages
from atlas.ui import energy_calculator, panels, show
from atlas.ui.shell import link_params, localize, query, t

st.title(t("energy.title"))
st.markdown(t("energy.intro"))

# PUE: the national average over time, the targets, and figures per hub and center
st.header(t("energy.pue_header"))
left, right = st.columns(2)
with left:
    show.panel(panels.pue_trend())
with right:
    show.panel(panels.pue_local())
claims = query("claims_by_number", nums=(18, 23))  # Ulanqab 1.47, Zhangbei 1.07
if claims is not None:
    for claim in claims.to_dict("records"):
        st.markdown(f"{show.claim_badge(claim)} {show.escape_md(show.claim_text(claim))}  \n"
                    f":small[{show.escape_md(localize(claim, 'check_note'))}]")

# Green power and grid carbon
st.header(t("energy.green_header"))
left, right = st.columns(2)
with left:
    show.panel(panels.green_shares())
with right:
    show.panel(panels.grid_factors())

# Electricity prices and data-center electricity use
left, right = st.columns(2)
with left:
    st.header(t("energy.price_header"))
    show.panel(panels.prices())
with right:
    st.header(t("energy.use_header"))
    show.panel(panels.electricity_use())

energy_calculator.energy_calculator()
st.page_link(pages.script("lab"), label=t("carbon.energy_link"), icon=":material/compare_arrows:",
             query_params=link_params(calc="carbon"))
