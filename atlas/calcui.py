"""The calculators on a page: inputs bound to the URL, results as labelled metrics, the formula,
and a clear message instead of a result for impossible input. Each runs in an `st.fragment`,
so changing an input reruns only its calculator."""

from __future__ import annotations

import math

import inspect

import pandas as pd
import streamlit as st

from atlas import show
from atlas.calc.energy import InputError, compare, energy_cost_carbon, it_mw_from_pflops, validate_energy
from atlas.calc.placement import WORKLOADS, Site, rank_sites, west_vs_east
from atlas.calc.usecases import CALCULATORS, EXAMPLE, READER
from atlas.frame import fragment, lang, name, query, read_params, t
from atlas.urlstate import Param, bound_widget

FIELDS = ("it_mw", "pue", "price", "hours", "green", "grid")


def input_error(error: InputError, calc_key: str | None = None) -> str:
    """The reader's message for an impossible input: which input, and why."""
    field = t(f"calc.{calc_key}.{error.field}") if calc_key else t(f"calc.field_{error.field}")
    return t(f"calc.err_{error.code}", field=field, **error.limits)


def default_source(calc, field) -> str:
    """Where a use-case calculator's default comes from, in the reader's language: the
    calculator module names it in English ("article #5", "reader input", or a reference)."""
    if field.source.startswith("article #"):
        return t("calc.source.article", n=field.source.removeprefix("article #"))
    if field.source in (READER, EXAMPLE):
        return t(f"calc.source.{'reader' if field.source == READER else 'example'}")
    return t(f"calc.{calc.key}.{field.name}_source")


# Energy, cost and carbon: two scenarios side by side

def energy_params(prefix: str, defaults: dict[str, float]) -> list[Param]:
    """Scenario A uses the public names (it_mw, pue, price, hours, green, grid); B adds `b_`.
    Any finite number is accepted from the URL: the calculator itself explains what is
    impossible (a negative load, PUE below 1...), rather than silently replacing it."""
    return [Param(prefix + f, "float", defaults[f]) for f in FIELDS] + [
        Param(prefix + "pflops", "float", None), Param(prefix + "w_per_pflops", "float", None)]


@fragment
def energy_calculator(key: str = "energy") -> None:
    presets = query("energy_presets")
    if presets is None:
        return
    values = {p: dict(zip(rows["field"], rows["value"])) for p, rows in presets.groupby("preset")}
    st.subheader(t("calc.energy_header"))
    st.markdown(t("calc.energy_intro"))
    st.latex(r"E = P_{IT}\,[\mathrm{MW}] \times 1000 \times \mathrm{PUE} \times h \qquad "
             r"C = E \times p \qquad \mathrm{CO_2} = E \times (1 - g) \times f \,/\, 1000")
    st.caption(t("calc.energy_symbols"))
    cols = st.columns(2)
    results = {}
    for col, (prefix, preset) in zip(cols, (("", "east"), ("b_", "west"))):
        defaults = {"it_mw": 10.0, "hours": 8760.0, **values[preset]}
        params = energy_params(prefix, defaults)
        url = read_params(params)
        with col:
            results[preset] = _energy_scenario(prefix, preset, params, url, presets[presets["preset"] == preset])
    if all(results.values()):
        diff = compare(results["east"], results["west"])
        st.markdown(f"**{t('calc.difference')}**")
        c1, c2, c3 = st.columns(3)
        c1.metric(t("calc.d_kwh"), f"{diff.d_facility_kwh / 1e6:+,.2f} M kWh")
        c2.metric(t("calc.d_cost"), f"{diff.d_cost_cny / 1e6:+,.2f} M CNY",
                  delta=None if diff.pct_cost is None else f"{diff.pct_cost:+.1%}", delta_color="inverse")
        c3.metric(t("calc.d_tco2"), f"{diff.d_tco2:+,.0f} t CO₂",
                  delta=None if diff.pct_tco2 is None else f"{diff.pct_tco2:+.1%}", delta_color="inverse")


def _energy_scenario(prefix: str, preset: str, params: list[Param], url: dict, preset_rows: pd.DataFrame):
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
                st.caption(t("calc.it_from_pflops", mw=f"{it_mw:,.2f}"))
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
    if errors:
        st.error("\n\n".join(input_error(e) for e in errors), icon=":material/error:")
        return None
    result = energy_cost_carbon(it_mw, pue, hours, price, green, grid)
    st.metric(t("calc.facility_kwh"), f"{result.facility_kwh / 1e6:,.2f} M kWh")
    st.metric(t("calc.cost"), f"{result.cost_cny / 1e6:,.2f} M CNY")
    st.metric(t("calc.tco2"), f"{result.tco2:,.0f} t CO₂")
    return result


# Placement: where should a workload go?

PLACEMENT = [
    Param("workload", "choice", "training", choices=tuple(WORKLOADS)),
    Param("load_mw", "float", 10.0),
    Param("run_hours", "float", None),
    Param("budget_ms", "float", None),
    Param("fill", "bool", False),
]


@fragment
def placement_calculator(hubs: pd.DataFrame) -> None:
    P = {p.name: p for p in PLACEMENT}
    url = read_params(PLACEMENT)
    st.subheader(t("calc.place_header"))
    st.markdown(t("calc.place_intro"))
    c1, c2, c3, c4 = st.columns(4)
    with c1:
        workload = bound_widget(P["workload"], url["workload"], st.selectbox, label=t("calc.workload"),
                                options=tuple(WORKLOADS), format_func=lambda w: t(f"calc.workload_{w}"))
    preset = WORKLOADS[workload]
    with c2:
        it_mw = bound_widget(P["load_mw"], url["load_mw"], st.number_input, label=t("calc.it_mw"), step=1.0)
    with c3:
        hours = bound_widget(P["run_hours"], url["run_hours"] or preset["hours"], st.number_input,
                             label=t("calc.hours"), step=100.0)
    with c4:
        budget = bound_widget(P["budget_ms"], url["budget_ms"] or preset["latency_ms"], st.number_input,
                              label=t("calc.budget_ms"), step=1.0, help=t("calc.budget_help"))
    fill = bound_widget(P["fill"], url["fill"], st.toggle, label=t("calc.fill_gaps"), help=t("calc.fill_gaps_help"))

    sites = _sites(hubs, fill)
    with st.expander(t("calc.sites_edit")):
        st.caption(t("calc.sites_note"))
        edited = st.data_editor(sites, hide_index=True, key="placement_sites", disabled=["hub", "region"],
                                column_config={c: t(f"calc.site_{c}") for c in sites.columns})
    try:
        placements = rank_sites(it_mw, hours, budget, [
            Site(r["id"], r["region_id"], _num(r["pue"]), _num(r["price"]), _pct(r["green_pct"]), _num(r["grid"]),
                 _num(r["latency_ms"])) for r in edited.assign(id=list(hubs["id"]), region_id=list(hubs["region"])).to_dict("records")])
    except InputError as error:
        st.error(input_error(error), icon=":material/error:")
        return
    saving = west_vs_east(placements)
    names = dict(zip(hubs["id"], (name(r) for r in hubs.to_dict("records"))))
    m1, m2, m3 = st.columns(3)
    for col, label, best in ((m1, "calc.best_east", saving.best_east), (m2, "calc.best_west", saving.best_west)):
        col.metric(t(label), names[best.hub_id] if best else t("common.na"),
                   help=None if best else t("calc.no_best"))
    m3.metric(t("calc.saving"), t("common.na") if saving.saving_cny is None else f"{saving.saving_cny / 1e6:,.2f} M CNY",
              delta=None if saving.saving_pct is None else f"{saving.saving_pct:.1%}", delta_color="off",
              help=t("calc.saving_help"))
    table = pd.DataFrame([{
        "rank": str(p.rank) if p.rank else "–", "hub": names[p.hub_id], "region": t(f"common.{p.region}"),
        "cost": t("common.na") if p.cost_cny is None else f"{p.cost_cny / 1e6:,.2f}",
        "tco2": t("common.na") if p.tco2 is None else f"{p.tco2:,.0f}",
        "latency": t("common.na") if p.latency_ms is None else f"{p.latency_ms:g}",
        "fits": t("calc.fits_yes") if p.meets_latency else t("calc.fits_no") if p.meets_latency is False else t("common.na"),
        "missing": ", ".join(t(f"calc.site_{m}") for m in p.missing) or "–",
    } for p in placements])
    show.table(table, key="placements", title=t("calc.place_header"), static=True, columns={
        "rank": "#", "hub": t("ew.col_hub"), "region": t("ew.col_region"), "cost": t("calc.col_cost"),
        "tco2": t("calc.col_tco2"), "latency": t("calc.col_latency"), "fits": t("calc.col_fits"),
        "missing": t("calc.col_missing")}, source_ids=_site_sources(hubs), derived=t("calc.place_formula"))


def _sites(hubs: pd.DataFrame, fill: bool) -> pd.DataFrame:
    """Each hub's inputs from the data, blank where the data has none. Figures only the article
    gives (a price, a green share) count only with `fill`, which also puts the article's
    eastern peak price where an eastern hub has no price: none of them is confirmed elsewhere."""
    sites = pd.DataFrame({
        "hub": [name(r) for r in hubs.to_dict("records")],
        "region": hubs["region"].map(lambda r: t(f"common.{r}")),
        "pue": hubs["pue_target"].fillna(hubs["pue"]),
        "price": hubs["price"].where(fill | hubs["price_claim_id"].isna()),
        "green_pct": (hubs["green"] * 100).where(fill | hubs["green_claim_id"].isna()),
        "grid": hubs["grid"], "latency_ms": hubs["latency_ms"]})
    presets = query("energy_presets") if fill else None
    if presets is not None:
        east_peak = presets.loc[(presets["preset"] == "east") & (presets["field"] == "price"), "value"]
        if not east_peak.empty:
            east = (hubs["region"] == "east").to_numpy() & sites["price"].isna().to_numpy()
            sites.loc[east, "price"] = float(east_peak.iloc[0])
    return sites.reset_index(drop=True)


def _site_sources(hubs: pd.DataFrame) -> list[str]:
    columns = ("pue_target_source_id", "price_source_id", "green_source_id", "grid_source_id", "latency_source_id")
    return [s for c in columns for s in hubs[c].dropna()]


def _num(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _pct(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value) / 100


# Any calculator of the registry (atlas.calc.usecases.CALCULATORS), in up to three scenarios

SCENARIO_PREFIXES = ("", "s2_", "s3_")


def training_check():
    """The training calculator at its defaults: the article's 3B model on the 300P center."""
    calc = CALCULATORS["training"]
    return calc.run(**{f.name: f.default for f in calc.fields})


def calc_params(calc, prefix: str = "") -> list[Param]:
    """A calculator's URL parameters: its public field names, with a prefix for scenarios 2 and 3."""
    return [Param(prefix + f.name, "float", f.default) for f in calc.fields]


def scenario(calc, prefix: str = "", *, compact: bool = False):
    """Inputs (bound to the URL), then the results as metrics or the reason there are none.
    Returns the result, or None when an input is missing or impossible."""
    params = calc_params(calc, prefix)
    url = read_params(params)
    values = {}
    for field, param in zip(calc.fields, params):
        values[field.name] = bound_widget(
            param, url[param.name], st.number_input, label=t(f"calc.{calc.key}.{field.name}"),
            step=field.step, help=t("calc.field_source", source=default_source(calc, field)), format=_format(field.step))
    optional = {n for n, p in inspect.signature(calc.run).parameters.items() if p.default is None}
    missing = [f.name for f in calc.fields if values[f.name] is None and f.name not in optional]
    if missing:
        st.info(t("calc.enter_values", fields=", ".join(t(f"calc.{calc.key}.{m}") for m in missing)),
                icon=":material/edit:")
        return None
    errors = calc.validate(**values)
    if errors:
        st.error("\n\n".join(input_error(e, calc.key) for e in errors), icon=":material/error:")
        return None
    result = calc.run(**values)
    for output in calc.outputs:
        value = getattr(result, output.name)
        shown = t("common.na") if value is None else f"{fmt_result(value, output.digits)} {show.unit_text(output.unit)}".strip()
        st.metric(t(f"calc.{calc.key}.out.{output.name}"), shown)
    return result


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def fmt_result(value: float, digits: int) -> str:
    """Thousands separators, or powers of ten beyond a trillion (1.08 × 10²¹ FLOPs); a result
    too large for a float (e.g. from 1e308 in a link) shows as n/a, not as a crash."""
    if not math.isfinite(value):
        return t("common.na")
    if abs(value) >= 1e12:
        mantissa, exponent = f"{value:.2e}".split("e")
        return f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"
    return f"{value:,.{digits}f}"


def _format(step: float) -> str:
    return "%.0f" if step >= 1 else "%.2f" if step >= 0.01 else "%.4f"


@fragment
def calculator(calc, *, scenarios: int = 1, key: str = "", link_page: str | None = None) -> None:
    """A calculator with its formula and 1–3 scenarios side by side; from the second on, each
    result shows its difference from the first. With `link_page`, each scenario gets a link
    that opens it alone (its inputs under the public names)."""
    st.latex(calc.formula)
    st.caption(t("calc.assumptions") + " " + " · ".join(
        f"{t(f'calc.{calc.key}.{f.name}')}: {t('common.na') if f.default is None else f'{f.default:g}'} ({default_source(calc, f)})"
        for f in calc.fields))
    cols = st.columns(scenarios)
    results = []
    for col, prefix in zip(cols, SCENARIO_PREFIXES[:scenarios]):
        with col:
            if scenarios > 1:
                st.markdown(f"**{t('calc.scenario_n', n=SCENARIO_PREFIXES.index(prefix) + 1)}**")
            results.append(scenario(calc, prefix))
            if link_page:
                inputs = {f.name: st.session_state.get(f"url_{prefix}{f.name}") for f in calc.fields}
                st.page_link(link_page, label=t("calc.scenario_link"), icon=":material/link:", query_params={
                    "lang": lang(), "calc": calc.key, **{k: f"{v:.10g}" for k, v in inputs.items() if v is not None}})
    if scenarios > 1 and results[0] is not None:
        st.markdown(f"**{t('calc.differences')}**")
        rows = []
        for n, result in enumerate(results[1:], 2):
            if result is None:
                continue
            for output in calc.outputs:
                a, b = getattr(results[0], output.name), getattr(result, output.name)
                if a is None or b is None:
                    continue
                rows.append({"scenario": f"{n} − 1", "output": t(f"calc.{calc.key}.out.{output.name}"),
                             "difference": f"{b - a:+,.{output.digits}f} {show.unit_text(output.unit)}".strip(),
                             "ratio": f"{b / a:.2f}×" if a else t("common.na")})
        if rows:
            show.table(pd.DataFrame(rows), key=f"{key}_diff", static=True,
                       title=f"{t(f'calc.{calc.key}.title')} · {t('calc.differences')}", columns={
                "scenario": t("calc.col_scenario"), "output": t("calc.col_output"),
                "difference": t("calc.col_difference"), "ratio": t("calc.col_ratio")})
