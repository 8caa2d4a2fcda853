"""Green compute (绿色算力): PUE, green power, grid carbon, electricity prices and use, and
the energy, cost and carbon calculator."""

import streamlit as st

from atlas import calcui, charts, panels, show
from atlas.frame import query, t
from atlas.panels import label

st.title(t("energy.title"))
st.markdown(t("energy.intro"))

# PUE: the national average over time, the targets, and figures per hub and center
st.subheader(t("energy.pue_header"))
pue = query("pue_figures_all")
targets = query("pue_targets")
if pue is not None and targets is not None:
    left, right = st.columns(2)
    with left:
        show.panel(panels.pue_trend())
    with right:
        local = pue[~pue["scope"].isin(["national", "group"])].copy()
        # One bar per figure: a place with a design and a minimum value gets two labelled bars.
        local["entity"] = [f"{n} · {t('energy.kind_' + k)}" for n, k in zip(label(local), local["kind"])]
        local["text"] = [show.fmt_value(r["pue"], r["qualifier"], 2, claim=r["claim_id"])
                         for r in local.to_dict("records")]
        fig = charts.bars(local, x="entity", y="pue", text="text", title=t("energy.pue_local"), x_title="PUE",
                          y_title="", horizontal=True, lines=[(1.0, t("energy.pue_floor"))])
        fig.update_xaxes(range=[1.0, max(1.7, local["pue"].max() + 0.55)])  # room for "1.47 ⚑ article"
        show.chart(fig, local, key="pue_local", source_ids=local["source_id"], as_of=local["as_of"].max(),
                   derived=t("energy.article_flag_note"))
    claims = query("claims_by_number", nums=(18, 23))  # Ulanqab 1.47, Zhangbei 1.07
    if claims is not None:
        for claim in claims.to_dict("records"):
            st.markdown(f"{show.claim_badge(claim)} {show.escape_md(show.claim_text(claim))}  \n"
                        f":small[{show.escape_md(claim['check_note_en'])}]")

# Green power and grid carbon
st.subheader(t("energy.green_header"))
green = query("green_shares")
grid = query("grid_factors")
left, right = st.columns(2)
if green is not None:
    with left:
        green["entity"] = [f"{n} · {t('energy.metric_' + m)}" for n, m in zip(label(green), green["metric"])]
        green["text"] = [show.fmt_value(r["value"], r["qualifier"], 1, unit="%", claim=r["claim_id"])
                         for r in green.to_dict("records")]
        fig = charts.bars(green, x="entity", y="value", text="text", title=t("energy.green_title"),
                          x_title="%", y_title="", horizontal=True)
        show.chart(fig, green, key="green", source_ids=green["source_id"], as_of=green["as_of"].max(),
                   derived=t("energy.article_flag_note"))
if grid is not None:
    with right:
        grid["entity"] = label(grid, "name")
        grid["scope_label"] = grid["scope"].map(lambda s: t(f"energy.scope_{s}"))
        grid["text"] = grid["factor_kg_per_kwh"].map(lambda v: f"{v:.4f}")
        fig = charts.bars(grid, x="entity", y="factor_kg_per_kwh", text="text", color="scope_label",
                          title=t("energy.grid_title"), x_title="kg CO₂/kWh", y_title="", horizontal=True)
        show.chart(fig, grid, key="grid", source_ids=grid["source_id"], as_of="2022",
                   derived=t("energy.grid_note"))

# Electricity prices and data-center electricity use
left, right = st.columns(2)
with left:
    st.subheader(t("energy.price_header"))
    show.panel(panels.prices())
use = query("dc_electricity_series")
if use is not None:
    with right:
        st.subheader(t("energy.use_header"))
        use["scope_label"] = use["scope"].map(lambda s: t(f"energy.use_{s}"))
        use["year_label"] = use["year"].astype(str) + use["is_forecast"].map(lambda f: f" ({t('energy.forecast')})" if f else "")
        use["text"] = [show.fmt_value(r["twh"], r["qualifier"], 0) for r in use.to_dict("records")]
        fig = charts.bars(use, x="year_label", y="twh", text="text", color="scope_label",
                          title=t("energy.use_title"), x_title="", y_title="TWh")
        show.chart(fig, use, key="dc_use", source_ids=use["source_id"], as_of=use["as_of"].max(),
                   derived=t("energy.use_note"))

calcui.energy_calculator()
