"""East Data West Compute (东数西算): the 8 hubs side by side, east vs west, and where a
workload should go."""

import streamlit as st

from atlas import calcui, kpis, panels, show
from atlas.frame import name, query, t

EAST_WEST_CLAIMS = (17, 24, 25, 40, 41, 42)  # prices, cheaper western compute, scheduling

st.title(t("ew.title"))
st.markdown(t("ew.intro"))

# The 8 hubs side by side
st.subheader(t("ew.hubs_header"))
hubs = query("hub_energy")
if hubs is not None:
    rows = hubs.to_dict("records")
    view = hubs.assign(
        hub=[name(r) for r in rows],
        region=hubs["region"].map(lambda r: t(f"common.{r}")),
        pue_target=[show.fmt_value(r["pue_target"], r["pue_target_qualifier"], 2) for r in rows],
        pue=[show.fmt_value(r["pue"], r["pue_qualifier"], 2, t(f"ew.pue_kind_{r['pue_kind']}")
                            if isinstance(r["pue_kind"], str) else None) for r in rows],
        green=[show.fmt_value(r["green"] * 100 if r["green"] == r["green"] else None, r["green_qualifier"], 1,
                              unit="%", claim=r["green_claim_id"]) for r in rows],
        price=[show.fmt_value(r["price"], r["price_qualifier"], 2, claim=r["price_claim_id"]) for r in rows],
        grid=[show.fmt_value(r["grid"], None, 4) for r in rows],
        latency=[show.fmt_value(r["latency_ms"], r["latency_qualifier"], 0, unit=" ms") for r in rows],
    )
    source_ids = [s for col in ("pue_target_source_id", "pue_source_id", "green_source_id", "price_source_id",
                                "grid_source_id", "latency_source_id") for s in hubs[col].dropna()]
    show.table(view, key="hub_energy", title=t("ew.hubs_header"), static=True, source_ids=source_ids, derived=t("ew.hubs_note"), columns={
        "hub": t("ew.col_hub"), "region": t("ew.col_region"), "pue_target": t("ew.col_pue_target"),
        "pue": t("ew.col_pue"), "green": t("ew.col_green"), "price": t("ew.col_price"),
        "grid": t("ew.col_grid"), "latency": t("ew.col_latency")})

# Capacity and racks over time
st.subheader(t("ew.scale_header"))
st.caption(t("ew.scale_note"))
left, right = st.columns(2)
for col, measure in ((left, "compute"), (right, "racks")):
    with col:
        show.panel(panels.hub_scale(measure))

# East vs west
if hubs is not None:
    st.subheader(t("ew.compare_header"))
    summary = kpis.region_ranges(hubs.assign(green=hubs["green"] * 100), {"pue_target": "pue_target", "price": "price", "grid": "grid",
                                        "green": "green", "latency_ms": "latency_ms"})
    view = summary.assign(measure=summary["measure"].map(lambda m: t(f"ew.measure_{m}")))
    show.table(view, key="east_west", title=t("ew.compare_header"), static=True, columns={
        "measure": t("ew.col_measure"), "east": t("common.east"), "west": t("common.west")},
        source_ids=source_ids, derived=t("ew.compare_note"))
    claims = query("claims_by_number", nums=EAST_WEST_CLAIMS)
    if claims is not None:
        st.markdown(f"**{t('ew.claims_header')}**")
        for claim in claims.to_dict("records"):
            st.markdown(f"{show.claim_badge(claim)} {show.escape_md(show.claim_text(claim))}  \n"
                        f":small[{show.escape_md(name(claim, 'check_note'))}]")
        show.source_line(["article"], as_of="2025")

# Scheduling: the latency that makes western compute usable from the east
st.subheader(t("panels.scheduling_title"))
show.panel(panels.scheduling())

# Where should a workload go?
if hubs is not None:
    calcui.placement_calculator(hubs)
