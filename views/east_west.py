"""East Data West Compute (东数西算): the 8 hubs side by side, east vs west, and where a
workload should go."""

import streamlit as st

from atlas.build import decision, kpis
from atlas.ui import panels, placement, show
from atlas.ui.shell import localize, query, t

EAST_WEST_CLAIMS = (17, 24, 25, 40, 41, 42)  # prices, cheaper western compute, scheduling

st.title(t("ew.title"))
st.markdown(t("ew.intro"))

# The 8 hubs side by side
st.header(t("ew.hubs_header"))
inputs = query("decision_inputs", ab_only=False, article=False)
hubs = None
if inputs is not None:
    inputs = inputs[inputs["entity_kind"] == "hub"]
    placement.hubs_side_by_side(inputs)
    hubs = decision.wide(inputs, "hub")
    source_ids = list(inputs["source_id"])

# Capacity and racks over time
st.header(t("ew.scale_header"))
st.caption(t("ew.scale_note"))
left, right = st.columns(2)
for col, measure in ((left, "compute"), (right, "racks")):
    with col:
        show.panel(panels.hub_scale(measure))

# East vs west
if hubs is not None:
    st.header(t("ew.compare_header"))
    # a green figure that is only context (already in the grid factor) is no green share
    summary = kpis.region_ranges(hubs.assign(green=hubs["green"].where(hubs["green_counts"]) * 100), {
        "pue": "pue", "price": "price", "grid": "grid", "green": "green", "latency_ms": "latency"})
    view = summary.assign(measure=summary["measure"].map(lambda m: t(f"ew.measure_{m}")))
    show.table(view, key="east_west", title=t("ew.compare_header"), static=True, columns={
        "measure": t("ew.col_measure"), "east": t("common.east"), "west": t("common.west")},
        source_ids=source_ids, derived=t("ew.compare_note"))
    claims = query("claims_by_number", nums=EAST_WEST_CLAIMS)
    if claims is not None:
        st.markdown(f"**{t('ew.claims_header')}**")
        for claim in claims.to_dict("records"):
            st.markdown(f"{show.claim_badge(claim)} {show.escape_md(show.claim_text(claim))}  \n"
                        f":small[{show.escape_md(localize(claim, 'check_note'))}]")
        show.source_line(["article"], as_of="2025")

# Scheduling: the latency that makes western compute usable from the east
st.header(t("panels.scheduling_title"))
show.panel(panels.scheduling())

# Where should a workload go?
placement.placement_calculator()
