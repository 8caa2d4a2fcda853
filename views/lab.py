"""What-if lab (推演): every calculator of the product in one place, with its formula, its
assumptions editable and cited, and up to three scenarios side by side."""

import streamlit as st

from atlas import pages
from atlas.ui import calculators, carbon_methods, energy_calculator, placement, published_runs
from atlas.ui.calculator_specs import CALCULATORS
from atlas.ui.shell import read_params, t
from atlas.ui.urlstate import Param, bound_widget

LAB = ("training", "inference", "energy", "carbon", "placement", "traffic", "protein", "rnd", "inspection", "multiplier")
SPEC = [Param("calc", "choice", "training", choices=LAB), Param("scenarios", "int", 1, min=1, max=3)]

st.title(t("lab.title"))
st.markdown(t("lab.intro"))
P = {p.name: p for p in SPEC}
url = read_params(SPEC)
left, right = st.columns([3, 1])
with left:
    calc = bound_widget(P["calc"], url["calc"], st.selectbox, label=t("lab.pick"), options=LAB,
                        format_func=lambda key: t(f"calc.{key}.title"))
if calc == "energy":
    energy_calculator.energy_calculator()
    published_runs.section()
elif calc == "carbon":
    carbon_methods.carbon_methods()
elif calc == "placement":
    placement.placement_calculator()
else:
    with right:
        scenarios = bound_widget(P["scenarios"], url["scenarios"], st.segmented_control, label=t("lab.scenarios"),
                                 options=(1, 2, 3))
    st.header(t(f"calc.{calc}.title"))
    calculators.calculator(CALCULATORS[calc], scenarios=scenarios or 1, key="lab", link_page=pages.script("lab"),
                           footer=published_runs.mfu_line if calc == "training" else None)
    if calc == "training":  # outside the calculator's fragment: an input's change does not redraw it
        published_runs.section(mfu=False)
