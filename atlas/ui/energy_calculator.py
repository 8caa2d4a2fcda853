"""The energy, cost and carbon calculator: two scenarios (an eastern and a western preset)
side by side, their inputs bound to the URL, and the difference between them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.calc.energy import (
    compare,
    energy_cost_carbon,
    it_mw_from_pflops,
    validate_energy,
)
from atlas.calc.inputs import InputError
from atlas.ui import briefs, cache, show
from atlas.ui.calculators import input_error
from atlas.ui.shell import fragment, query, read_params, t
from atlas.ui.urlstate import Param, bound_widget

FIELDS = ("it_mw", "pue", "price", "hours", "green", "grid")


def energy_params(prefix: str, defaults: dict[str, float]) -> list[Param]:
    """Scenario A uses the public names (it_mw, pue, price, hours, green, grid); B adds `b_`.
    Any finite number is accepted from the URL: the calculator itself explains what is
    impossible (a negative load, PUE below 1...), rather than silently replacing it."""
    return [Param(prefix + f, "float", defaults[f]) for f in FIELDS] + [
        Param(prefix + "pflops", "float", None), Param(prefix + "w_per_pflops", "float", None)]


@fragment
def energy_calculator(key: str = "energy") -> None:
    if query("decision_inputs", ab_only=False, article=False) is None:  # it has said why
        return
    presets = cache.energy_presets()
    values = {p: dict(zip(rows["field"], rows["value"])) for p, rows in presets.groupby("preset")}
    st.header(t("calc.energy_header"))
    st.markdown(t("calc.energy_intro"))
    st.latex(r"E = P_{IT}\,[\mathrm{MW}] \times 1000 \times \mathrm{PUE} \times h \qquad "
             r"C = E \times p \qquad \mathrm{CO_2} = E \times (1 - g) \times f \,/\, 1000")
    st.caption(t("calc.energy_symbols"))
    cols = st.columns(2)
    results, used = {}, {}
    for col, (prefix, preset) in zip(cols, (("", "east"), ("b_", "west"))):
        defaults = {"it_mw": 10.0, "hours": 8760.0, **values[preset]}
        params = energy_params(prefix, defaults)
        url = read_params(params)
        with col:
            results[preset], used[preset] = _energy_scenario(prefix, preset, params, url,
                                                             presets[presets["preset"] == preset])
    if all(results.values()):
        diff = compare(results["east"], results["west"])
        st.markdown(f"**{t('calc.difference')}**")
        c1, c2, c3 = st.columns(3)
        c1.metric(t("calc.d_kwh"), show.fmt_amount(diff.d_facility_kwh, "kWh", sign=True))
        c2.metric(t("calc.d_cost"), show.fmt_amount(diff.d_cost_cny, "CNY", sign=True),
                  delta=None if diff.pct_cost is None else f"{diff.pct_cost:+.1%}", delta_color="inverse")
        c3.metric(t("calc.d_tco2"), show.fmt_amount(diff.d_tco2, "tCO2", sign=True),
                  delta=None if diff.pct_tco2 is None else f"{diff.pct_tco2:+.1%}", delta_color="inverse")
        briefs.button(briefs.energy_brief(used, results, presets, diff), "energy", key=f"{key}_brief")


def _energy_scenario(prefix: str, preset: str, params: list[Param], url: dict, preset_rows: pd.DataFrame):
    """One scenario's inputs and metrics; returns its result (None for impossible inputs) and
    the inputs it used (for the brief)."""
    # The same Params (and defaults) that read the URL write it: a value differing from its
    # preset stays in the link, so a shared scenario keeps every input it was given.
    P = {p.name: p for p in params}
    st.markdown(f"**{t(f'calc.scenario_{preset}')}**")
    if st.button(t("calc.apply_preset", preset=t(f"calc.preset_{preset}")), key=f"{prefix}preset"):
        for field, value in zip(preset_rows["field"], preset_rows["value"]):
            st.session_state[f"url_{prefix}{field}"] = float(value)
            st.query_params[prefix + field] = f"{value:.10g}"
    show.source_line(preset_rows["source_id"], derived=t("calc.preset_rows", rows=", ".join(preset_rows["row_ref"])))
    if preset_rows["claim_id"].notna().any():
        st.caption(t("calc.preset_article", claims=", ".join(preset_rows["claim_id"].dropna())))

    it_mw = bound_widget(P[prefix + "it_mw"], url[prefix + "it_mw"], st.number_input, label=t("calc.it_mw"),
                         step=1.0, format="%.2f")
    with st.expander(t("calc.from_pflops")):
        pflops = bound_widget(P[prefix + "pflops"], url[prefix + "pflops"], st.number_input, label=t("calc.pflops"),
                              step=100.0)
        w_per = bound_widget(P[prefix + "w_per_pflops"], url[prefix + "w_per_pflops"], st.number_input,
                             label=t("calc.w_per_pflops"), step=1000.0, help=t("calc.w_per_pflops_help"))
        if pflops is not None and w_per is not None:
            try:
                it_mw = it_mw_from_pflops(pflops, w_per)
                st.caption(t("calc.it_from_pflops", mw=show.fmt_figure(it_mw, 2)))
            except InputError as error:  # e.g. a negative capacity from a link: say why, keep the MW input
                st.error(input_error(error))
    pue = bound_widget(P[prefix + "pue"], url[prefix + "pue"], st.number_input, label=t("calc.pue"), step=0.01)
    hours = bound_widget(P[prefix + "hours"], url[prefix + "hours"], st.number_input, label=t("calc.hours"), step=100.0)
    price = bound_widget(P[prefix + "price"], url[prefix + "price"], st.number_input, label=t("calc.price"),
                         step=0.01, format="%.3f")
    green = bound_widget(P[prefix + "green"], url[prefix + "green"], st.number_input, label=t("calc.green"),
                         step=0.05, format="%.4f", help=t("calc.green_help"))
    grid = bound_widget(P[prefix + "grid"], url[prefix + "grid"], st.number_input, label=t("calc.grid"),
                        step=0.01, format="%.4f", help=t("calc.grid_help"))

    errors = validate_energy(it_mw, pue, hours, price, green, grid)
    used = {"it_mw": it_mw, "pue": pue, "hours": hours, "price": price, "green": green, "grid": grid}
    if errors:
        st.error("\n\n".join(input_error(e) for e in errors), icon=":material/error:")
        return None, used
    result = energy_cost_carbon(it_mw, pue, hours, price, green, grid)
    st.metric(t("calc.facility_kwh"), show.fmt_amount(result.facility_kwh, "kWh"))
    st.metric(t("calc.cost"), show.fmt_amount(result.cost_cny, "CNY"))
    st.metric(t("calc.tco2"), show.fmt_amount(result.tco2, "tCO2"))
    return result, used
