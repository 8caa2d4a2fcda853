"""Compute map (算力地图): every center on an offline map of China, with filters in the URL."""

import streamlit as st

from atlas.build import maps
from atlas.ui import fit, panels, show, years
from atlas.ui.card import center_card
from atlas.ui.shell import localize, query, read_params, t
from atlas.ui.urlstate import Param, bound_widget, write

STATUSES = ("operating", "under_construction", "planned")
PRECISIONS = ("FP16", "FP32", "FP64", "n.s.")

st.title(t("map.title"))
st.caption(t("map.intro"))

regions, dated = query("map_regions"), query("center_years")
if regions is None or dated is None:
    st.stop()
ids = {kind: tuple(regions.loc[regions["kind"] == kind, "id"]) for kind in ("hub", "cluster", "province")}
labels = {r["id"]: localize(r) for r in regions.to_dict("records")}
all_centers = query("map_centers", statuses=(), hubs=(), clusters=(), provinces=(), precisions=(), min_pflops=0.0)
center_ids = tuple(all_centers["id"]) if all_centers is not None else ()

SPEC = [
    Param("status", "choices", (), choices=STATUSES),
    Param("hub", "choices", (), choices=ids["hub"]),
    Param("cluster", "choices", (), choices=ids["cluster"]),
    Param("province", "choices", (), choices=ids["province"]),
    Param("precision", "choices", (), choices=PRECISIONS),
    Param("min_pflops", "float", 0.0, min=0, max=1_000_000),
    Param("color", "choice", "status", choices=("status", "hub")),
    Param("measure", "choice", "capacity", choices=("capacity", "count")),
    Param("layers", "choices", maps.DEFAULT_LAYERS, choices=maps.LAYERS),
    Param("tiles", "bool", False),
    Param("center", "choice", None, choices=center_ids),
    *years.spec(int(dated["latest_year"].max())),
]
P = {p.name: p for p in SPEC}
url = read_params(SPEC)

# Filters, in the sidebar so the map keeps the page's width
with st.sidebar:
    st.header(t("map.filters"))
    status = bound_widget(P["status"], url["status"], st.multiselect, label=t("map.f_status"), options=STATUSES,
                          format_func=lambda s: t(f"status.{s}"), placeholder=t("map.all"))
    hubs = bound_widget(P["hub"], url["hub"], st.multiselect, label=t("map.f_hub"), options=ids["hub"],
                        format_func=labels.get, placeholder=t("map.all"))
    clusters = bound_widget(P["cluster"], url["cluster"], st.multiselect, label=t("map.f_cluster"),
                            options=ids["cluster"], format_func=labels.get, placeholder=t("map.all"))
    provinces = bound_widget(P["province"], url["province"], st.multiselect, label=t("map.f_province"),
                             options=ids["province"], format_func=labels.get, placeholder=t("map.all"))
    precisions = bound_widget(P["precision"], url["precision"], st.multiselect, label=t("map.f_precision"),
                              options=PRECISIONS, placeholder=t("map.all"), help=t("map.f_precision_help"))
    min_pflops = bound_widget(P["min_pflops"], url["min_pflops"], st.number_input, label=t("map.f_min_pflops"),
                              min_value=0.0, max_value=1_000_000.0, step=100.0, help=t("map.f_min_pflops_help"))
    st.header(t("map.display"))
    color_by = bound_widget(P["color"], url["color"], st.segmented_control, label=t("map.color_by"),
                            options=("status", "hub"), format_func=lambda c: t(f"map.color_{c}"))
    measure = bound_widget(P["measure"], url["measure"], st.segmented_control, label=t("map.measure"),
                           options=("capacity", "count"), format_func=lambda m: t(f"map.measure_{m}"))
    layers = bound_widget(P["layers"], url["layers"], st.pills, label=t("map.layers"), options=maps.LAYERS,
                          selection_mode="multi", format_func=lambda layer: t(f"map.layer_{layer}"))
    tiles = bound_widget(P["tiles"], url["tiles"], st.toggle, label=t("map.tiles"), help=t("map.tiles_help"))

year = years.control(P["year"], url["year"], key="map")
filters = dict(statuses=tuple(status), hubs=tuple(hubs), clusters=tuple(clusters), provinces=tuple(provinces),
               precisions=tuple(precisions), min_pflops=float(min_pflops or 0))
centers = years.centers(year, P["year"].default, **filters)
if centers is None:
    st.stop()


def select_center(center_id: str | None) -> None:
    write(P["center"], center_id)


def on_map_select() -> None:
    picked = st.session_state["map_deck"].selection.get("objects", {}).get("centers") or []
    if picked:
        select_center(picked[0]["id"])


selected = st.query_params.get("center") if st.query_params.get("center") in center_ids else None
options = maps.MapOptions(layers=tuple(layers or ()), color_by=color_by or "status",
                          measure=measure or "capacity", selected=selected, narrow=selected is not None)
shared = panels.map_view(centers, regions, options, tiles=bool(tiles), selection=(year, *sorted(filters.items())))
inputs, deck, view, columns = shared.inputs, shared.deck, shared.table, shared.columns

# The filtered centers as the table and the map's export show them (no date when none match)
as_of = centers["as_of"].max() if centers["as_of"].notna().any() else None

map_col, card_col = st.columns([2, 1]) if selected else (st.container(), None)
with map_col:
    if inputs.geo_error:
        st.error(t("map.geo_error") + "\n\n    " + inputs.geo_error)
    fit.map_chart(deck, key="map_deck", reserve=130, on_select=on_map_select, selection_mode="single-object")
    for entries in inputs.legends:
        show.legend(entries)
    years.legend(dated, year)
    with st.container(horizontal=True, wrap=False):
        show.source_line(inputs.source_ids, derived=t("map.coords_note"))
        show.map_export(deck, key="map", title=t("map.title"), legend=[e for line in inputs.legends for e in line],
                        data=show.shown(view, columns), source_ids=[*inputs.source_ids, *centers["source_id"]],
                        as_of=as_of)
if card_col is not None:
    with card_col:
        center_card(selected, on_close=lambda: select_center(None))

years.section(dated, year, P["compare"], url["compare"])

# The filtered centers: counts, capacity, and the table (a row click opens the card)
st.header(t("map.table_header"))
panels.center_counts(centers, STATUSES)
coverage = panels.coverage_line()  # under the counts, so the map keeps the first screen
if coverage is not None:
    st.caption(coverage)
picked = show.table(view, key="centers_table", title=t("map.table_header"), columns=columns,
                    source_ids=centers["source_id"], as_of=as_of, selectable=True)
if picked is not None and centers.iloc[picked]["id"] != selected:
    select_center(centers.iloc[picked]["id"])
    st.rerun()
