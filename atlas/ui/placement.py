"""Where should a workload go: the placement calculator (every hub or province ranked by cost,
with the latency budget checked), the Overview's short answer, and the tables of the cited
inputs behind them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas import pages
from atlas.build import decision, numbers
from atlas.calc.inputs import InputError
from atlas.calc.placement import WORKLOADS, Site, rank_sites, west_vs_east
from atlas.ui import briefs, show
from atlas.ui.calculators import input_error
from atlas.ui.shell import fragment, lang, link_params, localize, query, read_params, t
from atlas.ui.urlstate import Param, bound_widget

PLACEMENT = [
    Param("workload", "choice", "training", choices=tuple(WORKLOADS)),
    Param("load_mw", "float", 10.0),
    Param("run_hours", "float", None),
    Param("budget_ms", "float", None),
    Param("places", "choice", "hubs", choices=("hubs", "provinces")),
    Param("ab_only", "bool", False),
    Param("fill", "bool", False),  # the article's unconfirmed figures (name kept for old links)
]
INPUT_DIGITS = {"price": 3, "pue": 2, "green": 1, "grid": 4, "latency": 0}


@fragment
def placement_calculator() -> None:
    P = {p.name: p for p in PLACEMENT}
    url = read_params(PLACEMENT)
    st.header(t("calc.place_header"), anchor="placement")
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
    c1, c2, c3 = st.columns(3)
    with c1:
        places = bound_widget(P["places"], url["places"], st.segmented_control, label=t("calc.places"),
                              options=("hubs", "provinces"), format_func=lambda p: t(f"calc.places_{p}"))
        places = places or "hubs"  # a segmented control can be cleared
    with c2:
        ab_only = bound_widget(P["ab_only"], url["ab_only"], st.toggle, label=t("calc.ab_only"),
                               help=t("calc.ab_only_help"))
    with c3:
        fill = bound_widget(P["fill"], url["fill"], st.toggle, label=t("calc.fill_gaps"), help=t("calc.fill_gaps_help"))

    inputs = query("decision_inputs", ab_only=ab_only, article=fill)
    if inputs is None:
        return
    kind = "hub" if places == "hubs" else "province"
    inputs = inputs[inputs["entity_kind"] == kind]
    names = {r["entity_id"]: localize(r) for r in inputs.to_dict("records")}
    sites = decision.sites(inputs, kind)
    with st.expander(t("calc.sites_edit")):
        st.caption(t("calc.sites_note"))
        table = pd.DataFrame([{"place": names[s.hub_id], "pue": s.pue, "price": s.price,
                               "green_pct": None if s.green is None else s.green * 100, "grid": s.grid,
                               "latency_ms": s.latency_ms} for s in sites])
        edited = st.data_editor(table, hide_index=True, key=f"placement_sites_{kind}", disabled=["place"],
                                column_config={c: t(f"calc.site_{c}") for c in table.columns})
    sites = [Site(s.hub_id, s.region, _num(r["pue"]), _num(r["price"]), _pct(r["green_pct"]), _num(r["grid"]),
                  _num(r["latency_ms"])) for s, r in zip(sites, edited.to_dict("records"))]
    try:
        placements = rank_sites(it_mw, hours, budget, sites, require_latency=kind == "hub")
    except InputError as error:
        st.error(input_error(error), icon=":material/error:")
        return
    _placement_answer(placements, names, kind)
    cells = {(r["entity_id"], r["field"]): r for r in inputs.to_dict("records")}
    table = pd.DataFrame([{
        "rank": str(p.rank) if p.rank else "–", "place": names[p.hub_id],
        "region": t(f"common.{p.region}") if p.region else t("calc.outside_hubs"),
        "cost": p.cost_cny, "tco2": p.tco2,  # raw in the exports, written for the reader on screen
        **{field: input_cell(cells.get((p.hub_id, field))) for field in decision.FIELDS},
        "fits": (t("calc.fits_yes") if p.meets_latency else t("calc.fits_no") if p.meets_latency is False
                 else t("calc.fits_unchecked")),
        "missing": ", ".join(t(f"calc.site_{m}") for m in p.missing) or "–",
    } for p in placements])
    show.table(table, key="placements", title=t("calc.place_header"), static=True, columns={
        "rank": "#", "place": t(f"calc.site_{kind}"), "region": t("ew.col_region"), "cost": t("calc.col_cost"),
        "tco2": t("calc.col_tco2"), "price": t("calc.site_price"), "pue": t("calc.site_pue"),
        "green": t("calc.site_green_pct"), "grid": t("calc.site_grid"), "latency": t("calc.col_latency"),
        "fits": t("calc.col_fits"), "missing": t("calc.col_missing")},
        source_ids=list(inputs["source_id"]), derived=t("calc.place_formula"),
        formats={"cost": show.fmt_figure, "tco2": show.fmt_figure})  # the unit is in the header
    yes_no = {True: t("brief.yes"), False: t("brief.no")}
    choices = [(t("calc.workload"), t(f"calc.workload_{workload}")),
               (t("calc.it_mw"), show.fmt_figure(it_mw, numbers.digits_of(it_mw, 2))),
               (t("calc.hours"), show.fmt_figure(hours)), (t("calc.budget_ms"), show.fmt_figure(budget)),
               (t("calc.places"), t(f"calc.places_{places}")), (t("calc.ab_only"), yes_no[bool(ab_only)]),
               (t("calc.fill_gaps"), yes_no[bool(fill)])]
    briefs.button(briefs.placement_brief(choices, table.to_dict("records"), kind, inputs["source_id"]),
                  "placement", key="placements_brief")
    unpriced = [names[p.hub_id] for p in placements if p.cost_cny is None]
    if unpriced:
        st.caption(t("calc.unpriced", places="、".join(unpriced) if lang() != "en" else ", ".join(unpriced)))
    if ab_only:
        _grade_c_dropouts(inputs, fill, names)
    with st.expander(t("calc.inputs_used")):
        inputs_table(inputs, names)


ANSWER = {"workload": "training", "load_mw": 10.0, "budget_ms": WORKLOADS["training"]["latency_ms"]}


def placement_answer() -> None:
    """The Overview's "Where should 10 MW go?": the placement's default answer for 10 MW of
    training, with its figures cited, and a link that opens the placement with these inputs."""
    inputs = query("decision_inputs", ab_only=False, article=False)
    if inputs is None:
        return
    inputs = inputs[inputs["entity_kind"] == "hub"]
    names = {r["entity_id"]: localize(r) for r in inputs.to_dict("records")}
    placements = rank_sites(ANSWER["load_mw"], WORKLOADS["training"]["hours"], ANSWER["budget_ms"],
                            decision.sites(inputs, "hub"))
    best = next((p for p in placements if p.rank == 1), None)
    east = west_vs_east(placements).best_east
    st.header(t("overview.answer_header", mw=f"{ANSWER['load_mw']:g}"))
    if best is None:
        st.info(t("calc.no_best"))
        return
    c1, c2, c3 = st.columns([1.4, 1, 1])
    c1.metric(t("overview.answer_best", budget=f"{ANSWER['budget_ms']:g}"), names[best.hub_id],
              help=t("overview.answer_best_help"))
    for col, label, unit, field in ((c2, "answer_cost", "CNY", "cost_cny"), (c3, "answer_tco2", "tCO2", "tco2")):
        value = getattr(best, field)
        col.metric(t(f"overview.{label}"), show.fmt_amount(value, unit), delta_color="inverse",
                   delta=None if east is None else show.delta(show.fmt_amount(value - getattr(east, field), unit, sign=True)),
                   help=t("overview.answer_vs", hub=names[east.hub_id]) if east else None)
    used = inputs[inputs["entity_id"].isin([best.hub_id] + ([east.hub_id] if east else []))]
    grade_c = [f"{names[r['entity_id']]} · " + t("decision.field_" + r["field"])
               for r in used.to_dict("records") if r["grade"] == "C"]
    grades = ", ".join(grade_c)
    show.source_line(used["source_id"], as_of=used["as_of"].max(),
                     derived=t("overview.answer_derived", east=names[east.hub_id] if east else t("common.na"))
                     + (" " + t("overview.answer_grade_c", cells=grades) if grades else ""))
    st.page_link(pages.script("east_west"), label=t("overview.answer_open"), icon=":material/swap_horiz:",
                 query_params=link_params(workload=ANSWER["workload"], load_mw=f"{ANSWER['load_mw']:g}"))


def input_cell(row: dict | None) -> str:
    """One input as a ranking cell: the figure, its grade (C marked), ⚑ for an article claim."""
    if row is None or pd.isna(row["value"]):
        return t("common.na")
    field = row["field"]
    value = row["value"] * 100 if field == "green" else row["value"]
    text = show.fmt_value(value, row["qualifier"], INPUT_DIGITS[field], claim=row["claim_id"], bare_flag=True)
    text = f"{text} · {t('calc.grade_c') if row['grade'] == 'C' else row['grade']}"
    return text if row["counts"] else f"({text})"  # context only: not subtracted from the carbon


def basis_text(row: dict) -> str:
    """What kind of figure an input is and whose: "grid agency purchase price · Anhui"."""
    text = t(f"decision.kind_{row['kind']}") + " · " + t(f"decision.level_{row['level']}")
    national_green = row["field"] == "green" and row["level"] == "national"  # "national (全国)" says it twice
    if isinstance(row["place_en"], str) and row["place_en"] and not national_green:
        text += f" ({localize(row, 'place')})"
    if row["field"] == "green" and not row["counts"]:
        text += " · " + t("decision.not_in_carbon")
    return text


def hubs_side_by_side(inputs: pd.DataFrame) -> None:
    """The hubs' inputs as one table: each cell the figure, its grade, kind, level and place."""
    cells = {(r["entity_id"], r["field"]): r for r in inputs.to_dict("records")}
    hubs = inputs.drop_duplicates("entity_id").sort_values(["region", "entity_id"]).to_dict("records")
    view = pd.DataFrame([{
        "hub": localize(h), "region": t(f"common.{h['region']}"),
        **{field: input_cell(cell) + " · " + basis_text(cell) if (cell := cells.get((h["entity_id"], field)))
           else t("common.na") for field in decision.FIELDS}} for h in hubs])
    show.table(view, key="hub_energy", title=t("ew.hubs_header"), static=True, source_ids=list(inputs["source_id"]),
               derived=t("decision.rules"), columns={
        "hub": t("ew.col_hub"), "region": t("ew.col_region"), "price": t("ew.col_price"), "pue": t("ew.col_pue"),
        "green": t("ew.col_green"), "grid": t("ew.col_grid"), "latency": t("ew.col_latency")})


def inputs_table(inputs: pd.DataFrame, names: dict[str, str]) -> None:
    rows = inputs.to_dict("records")
    view = pd.DataFrame([{
        "place": names[r["entity_id"]], "input": t(f"decision.field_{r['field']}"), "value": input_cell(r),
        "basis": basis_text(r), "as_of": r["as_of"], "source": r["source_id"]} for r in rows])
    show.table(view, key="placement_inputs", title=t("calc.inputs_used"), static=True, columns={
        "place": t("calc.site_hub") if (inputs["entity_kind"] == "hub").all() else t("calc.site_province"),
        "input": t("decision.col_input"), "value": t("decision.col_value"), "basis": t("decision.col_basis"),
        "as_of": t("decision.col_as_of"), "source": t("decision.col_source")},
        source_ids=list(inputs["source_id"]), derived=t("decision.rules"))


def _placement_answer(placements, names: dict[str, str], kind: str) -> None:
    saving = west_vs_east(placements)
    m1, m2, m3, m4 = st.columns(4)
    suffix = "" if kind == "hub" else "_province"
    for col, label, best in ((m1, f"calc.best_east{suffix}", saving.best_east),
                             (m2, f"calc.best_west{suffix}", saving.best_west)):
        col.metric(t(label), names[best.hub_id] if best else t("common.na"),
                   help=None if best else t("calc.no_best"))
    m3.metric(t("calc.saving"), show.fmt_amount(saving.saving_cny, "CNY"),
              delta=None if saving.saving_pct is None else f"{saving.saving_pct:.1%}", delta_color="off",
              help=t("calc.saving_help"))
    m4.metric(t("calc.saving_tco2"), show.fmt_amount(saving.saving_tco2, "tCO2"),
              help=t("calc.saving_tco2_help"))


def _grade_c_dropouts(kept: pd.DataFrame, fill: bool, names: dict[str, str]) -> None:
    """Say which figures the A/B switch left out (`kept`: the inputs in use, A/B only), and what
    took their place."""
    everything = query("decision_inputs", ab_only=False, article=fill)
    if everything is None:
        return
    dropped = decision.changes(everything[everything["entity_kind"] == kept["entity_kind"].iloc[0]], kept)
    if dropped.empty:
        st.caption(t("calc.ab_nothing_dropped"))
        return
    lines = []
    for r in dropped.to_dict("records"):
        after = (t("calc.ab_none_left") if pd.isna(r["value_ab"]) else
                 show.fmt_number(r["value_ab"] * (100 if r["field"] == "green" else 1), r["qualifier_ab"],
                                 INPUT_DIGITS[r["field"]]) + f" · {r['grade_ab']}")
        lines.append(t("calc.ab_dropped", place=names[r["entity_id"]], field=t(f"decision.field_{r['field']}"),
                       before=input_cell(r), source=r["source_id"], after=after))
    st.info("\n".join(f"- {line}" for line in lines), icon=":material/filter_alt:")


def _num(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _pct(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value) / 100
