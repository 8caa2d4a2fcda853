"""Industry use cases (百业应用): the article's cases with their before/after figures, check
badges, the center they ran on, and a calculator for each."""

import streamlit as st

from atlas import pages
from atlas.ui import calculators, panels, show
from atlas.ui.calculator_specs import CALCULATORS
from atlas.ui.shell import link_params, localize, query, t

# Which calculator tests each case's claim (the scheduling case is the placement question).
CASE_CALCULATORS = {
    "coal-mine-inspection": ("training", "inspection"),
    "traffic-signals": ("traffic",),
    "protein-ligand": ("protein",),
    "vehicle-rnd": ("rnd",),
    "deepseek-zhengzhou": ("inference",),
    "deepseek-qingyang": (),  # the inference calculator above takes this case's preset too
    "investment-multiplier": ("multiplier",),
    "scheduling-platform": (),
}
ORDER = ("coal-mine-inspection", "traffic-signals", "protein-ligand", "vehicle-rnd", "deepseek-zhengzhou",
         "deepseek-qingyang", "scheduling-platform", "investment-multiplier")

st.title(t("uc.title"))
st.markdown(t("uc.intro"))
show.panel(panels.use_case_headlines())
st.divider()

cases = query("use_case_list")
figures = query("use_case_figures_checked")
if cases is None or figures is None:
    st.stop()
cases = cases.set_index("id")

for case_id in ORDER:
    case = cases.loc[case_id].to_dict() | {"id": case_id}
    st.header(localize(case))
    st.markdown(f"**{t('uc.who')}**: {show.escape_md(localize(case, 'org'))} · "
                f"**{t('uc.platform')}**: {show.escape_md(localize(case, 'platform'))}")
    if isinstance(case["center_id"], str):
        st.page_link(pages.script("map"), label=t("uc.on_map", center=localize(case, "center")), icon=":material/map:",
                     query_params=link_params(center=case["center_id"]))
    rows = figures[figures["use_case_id"] == case_id]
    for row in rows.to_dict("records"):
        value = show.fmt_before_after(row)
        metric = localize(row, "metric")
        badge = show.badge(row["check"], "#%d " % row["claim_num"])
        st.markdown(f"{badge} {show.escape_md(metric)}: **{value}**")
    if case_id == "coal-mine-inspection":  # the article's half year against compute alone
        check = calculators.training_check()
        st.warning(t("uc.training_check", days=f"{check.days:.1f}", hours=f"{check.seconds / 3600:.1f}"),
                   icon=":material/calculate:")
    st.caption(t("uc.confirmed", text=localize(case, "confirmed")))
    if isinstance(case["comparable_case_en"], str):
        st.caption(t("uc.comparable", text=localize(case, "comparable_case")))
        show.source_line([case["comparable_source_id"]])
    show.source_line(["article"], as_of="2025")
    for key in CASE_CALCULATORS[case_id]:
        with st.expander(t("uc.calculator", name=t(f"calc.{key}.title")), expanded=key == CASE_CALCULATORS[case_id][0]):
            calculators.calculator(CALCULATORS[key], key=f"{case_id}_{key}")
    if case_id == "scheduling-platform":
        st.page_link(pages.script("east_west"), label=t("uc.placement_link"), icon=":material/swap_horiz:",
                     query_params=link_params())
    st.divider()
