"""The charts, maps and KPI sets of the pages, the story and its slides, all built here: a
figure shown in several places is never drawn from a copy, and each is built once for all
sessions (`shared`).

A builder reads its queries in the reader's language and returns a `Panel` (or None when a
table it needs is withdrawn: the frame has already said why); `show.panel` draws it on a
page, `atlas.build.slides` puts it on a slide.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

from atlas.build import charts, kpis, mapdata, maps, numbers
from atlas.data.datasets import data_dir
from atlas.i18n import Words, localized
from atlas.ui import cache, show
from atlas.ui.shell import data_faults, lang, query, t

ALL_CENTERS = dict(statuses=(), hubs=(), clusters=(), provinces=(), precisions=(), min_pflops=0.0)


@dataclass
class Kpi:
    label: str
    value: str
    note: str | None = None  # how it was derived, or what it is measured against


@dataclass
class Panel:
    """One chart, map or KPI set with what cites it. Exactly one of fig, deck, kpis is set."""

    key: str
    title: str
    data: pd.DataFrame  # the rows behind it, as exported
    source_ids: list[str]
    as_of: str | None = None
    derived: str | None = None
    fig: go.Figure | None = None
    deck: pdk.Deck | None = None
    legend: list[tuple[list[int], str]] = field(default_factory=list)  # a map's colour key
    kpis: list[Kpi] = field(default_factory=list)


def shared(build: Callable[..., Panel | None]) -> Callable[..., Panel | None]:
    """A builder whose panels all sessions share: built once per arguments, language and data
    folder, since each is 10-50 ms of pandas and Plotly work that every reader of a page or
    story step would otherwise repeat. The builder is handed the reader's language (`lang=`),
    so the cache's key is everything its result depends on. Whoever draws a panel only reads
    it. While a table has failed validation the builder runs every time, so its message shows
    on every run."""
    @functools.wraps(build)
    def built(*args, **kwargs) -> Panel | None:
        if data_faults():
            return _written(build(*args, lang=lang(), **kwargs), lang())
        return _built(build.__qualname__, str(data_dir()), lang(), args, tuple(sorted(kwargs.items())), build)

    return built


@st.cache_resource(show_spinner=False, max_entries=256)
def _built(builder: str, folder: str, language: str, args: tuple, kwargs: tuple, _build) -> Panel | None:
    # Keyed by the builder's name (`_build`, underscored, is not hashed); the folder is the
    # one its queries read (cache.run_query), the language is passed in.
    return _written(_build(*args, lang=language, **dict(kwargs)), language)


def _written(panel: Panel | None, language: str) -> Panel | None:
    """A panel whose chart writes its axis and hover numbers in `language` (万/亿, M/B)."""
    if panel is not None and panel.fig is not None:
        charts.number_axes(panel.fig, language)
    return panel


def map_inputs(centers: pd.DataFrame, regions: pd.DataFrame, options: maps.MapOptions,
               language: str | None = None) -> mapdata.MapInputs:
    """The map's inputs (`mapdata.map_inputs`) with what they need gathered here: the east-west
    links (a withdrawn table shows its message) and the served geometry."""
    urls, province_ids, errors = cache.get_geo()
    geo = mapdata.Geometry(urls, province_ids, errors, cache.get_outlines(mapdata.hub_outline_colors(regions)))
    return mapdata.map_inputs(centers, regions, query("east_west_links"), geo, options, language or lang())


@dataclass(frozen=True)
class MapView:
    """The map page's map for the filtered centers, and the same centers as its table shows them."""

    inputs: mapdata.MapInputs
    deck: pdk.Deck
    table: pd.DataFrame
    columns: dict[str, str]


def map_view(centers: pd.DataFrame, regions: pd.DataFrame, options: maps.MapOptions, *, tiles: bool,
             selection: tuple) -> MapView:
    """The map page's inputs, deck and table rows for `centers`, which `selection` (the year and
    the filters) chose. Shared by all sessions per data folder, language, selection, options and
    tiles: building the same deck again for each reader of the same view was ~12 % of a loaded
    server's time (py-spy, 20 readers). Whoever draws it only reads it. While a table has failed
    validation it is built on each run."""
    if data_faults():
        return _map_view(centers, regions, options, tiles, lang())
    return _shared_map_view(str(data_dir()), lang(), selection, options, tiles, centers, regions)


@st.cache_resource(show_spinner=False, max_entries=128)
def _shared_map_view(folder: str, language: str, selection: tuple, options: maps.MapOptions, tiles: bool,
                     _centers: pd.DataFrame, _regions: pd.DataFrame) -> MapView:
    return _map_view(_centers, _regions, options, tiles, language)  # the frames are what the key selects


def _map_view(centers: pd.DataFrame, regions: pd.DataFrame, options: maps.MapOptions, tiles: bool,
              language: str) -> MapView:
    inputs = map_inputs(centers, regions, options, language)
    table, columns = mapdata.center_table(centers, language)
    return MapView(inputs, maps.build_deck(**inputs.deck_args, options=options, tiles=tiles), table, columns)


def label(frame: pd.DataFrame, field_name: str = "entity", *, lang: str) -> list[str]:
    """Each row's name in the reader's language (`<field>_zh` / `<field>_en`)."""
    return [localized(r, field_name, lang) for r in frame.to_dict("records")]


@shared
def centers_map(options: maps.MapOptions = maps.MapOptions(), *, lang: str, **filters) -> Panel | None:
    """Every center that passes `filters` (the map page's, e.g. min_pflops=1000) on the
    offline map (`maps.framed` frames it for a slide or an export)."""
    t = Words(lang)
    regions = query("map_regions")
    centers = query("map_centers", **(ALL_CENTERS | filters))
    if regions is None or centers is None:
        return None
    inputs = map_inputs(centers, regions, options, lang)
    deck = maps.build_deck(**inputs.deck_args, options=options)
    data = centers.assign(center=label(centers, "name", lang=lang), city=label(centers, "city", lang=lang))[
        ["center", "city", "status", "pflops", "precision", "capacity_as_of", "source_id"]]
    return Panel("centers_map", t("map.title"), data, [*inputs.source_ids, *centers["source_id"]],
                 as_of=centers["as_of"].max(), derived=t("map.coords_note"), deck=deck,
                 legend=[entry for line in inputs.legends for entry in line])


@shared
def largest_centers(top: int = 10, *, lang: str) -> Panel | None:
    """The listed centers with the largest latest capacity figure, operating or planned."""
    t = Words(lang)
    centers = query("map_centers", **ALL_CENTERS)
    if centers is None:
        return None
    rows = centers.dropna(subset=["pflops"]).nlargest(top, "pflops").copy()
    rows["entity"] = label(rows, "name", lang=lang)
    rows["kind_label"] = rows["capacity_kind"].map(lambda k: t(f"map.kind_{k}"))
    rows["text"] = [f"{numbers.fmt_number(p, q, lang=lang)} P ({prec})" for p, q, prec in
                    zip(rows["pflops"], rows["qualifier"], rows["precision"])]
    fig = charts.bars(rows, x="entity", y="pflops", text="text", color="kind_label", title=t("panels.largest_title"),
                      x_title="PFLOPS", y_title="", horizontal=True)
    data = rows[["entity", "pflops", "qualifier", "precision", "kind_label", "capacity_as_of", "source_id"]]
    return Panel("largest_centers", t("panels.largest_title"), data, list(rows["source_id"]),
                 as_of=rows["capacity_as_of"].dropna().max(), derived=t("panels.largest_derived"), fig=fig)


@shared
def national_series(*, lang: str) -> Panel | None:
    """China's compute over time, one line per reported basis (never joined across bases)."""
    t = Words(lang)
    series = query("national_compute_series")
    if series is None:
        return None
    series["series"] = series["basis"].map(lambda b: t(f"basis.{b}"))
    fig = charts.series_by_basis(series, title=t("overview.series_title"), x_title="",
                                 y_title=t("overview.series_y"), break_label=t("overview.series_break"), lang=lang)
    return Panel("national_series", t("overview.series_title"), series, list(series["source_id"]),
                 as_of=series["as_of"].max(), derived=t("overview.series_caption"), fig=fig)


@shared
def pue_trend(*, lang: str) -> Panel | None:
    """The national average PUE over time, with the policy targets as lines."""
    t = Words(lang)
    pue, targets = query("pue_figures_all"), query("pue_targets")
    if pue is None or targets is None:
        return None
    national = pue[pue["scope"].isin(["national", "group"])].assign(metric="pue", series=lambda f: label(f, lang=lang))
    fig = charts.points_over_time(national.rename(columns={"pue": "value"}), series="series",
                                  title=t("energy.pue_national"), y_title="PUE", lang=lang)
    for row in targets.assign(label=label(targets, "scope", lang=lang)).to_dict("records"):
        fig.add_hline(y=row["value"], line={"dash": "dot", "color": "#6b7280"}, annotation_font={"size": 12},
                      annotation_text=f"{row['qualifier'] or ''}{row['value']:g} · {t('energy.target')} {row['label']}")
    return Panel("pue_national", t("energy.pue_national"), national, [*national["source_id"], *targets["source_id"]],
                 as_of=national["as_of"].max(), fig=fig)


@shared
def prices(*, lang: str) -> Panel | None:
    """Electricity prices per place, the article's own figures flagged."""
    t = Words(lang)
    rows = query("electricity_price_list")
    if rows is None:
        return None
    rows["entity"] = label(rows, "place", lang=lang)
    rows["kind_label"] = rows["kind"].map(lambda k: t(f"energy.price_{k}"))
    rows["text"] = [numbers.fmt_value(r["price_cny_kwh"], r["qualifier"], 3, claim=r["claim_id"], bare_flag=True, lang=lang)
                    for r in rows.to_dict("records")]
    fig = charts.bars(rows, x="entity", y="price_cny_kwh", text="text", color="kind_label",
                      title=t("energy.price_title"), x_title=t("energy.price_unit"), y_title="", horizontal=True)
    return Panel("prices", t("energy.price_title"), rows, list(rows["source_id"]), as_of=rows["as_of"].max(),
                 derived=t("energy.article_flag_note"), fig=fig)


@shared
def hub_prices(*, lang: str) -> Panel | None:
    """Each national hub's electricity price as the placement uses it (`decision_inputs`: one
    cited figure per hub, its kind, level and grade), east against west: eight bars, few
    enough for a slide."""
    t = Words(lang)
    inputs = query("decision_inputs", ab_only=False, article=False)
    if inputs is None:
        return None
    rows = inputs[(inputs["entity_kind"] == "hub") & (inputs["field"] == "price")].sort_values("value", ascending=False)
    rows = rows.assign(entity=label(rows, "name", lang=lang), side=rows["region"].map(lambda r: t(f"common.{r}")))
    rows["text"] = [f"{numbers.fmt_value(r['value'], r['qualifier'], 3, lang=lang)} · {r['grade']}"
                    f"{' ⚠' if r['grade'] == 'C' else ''}" for r in rows.to_dict("records")]  # kinds: in the note
    fig = charts.bars(rows, x="entity", y="value", text="text", color="side", title=t("panels.hub_prices_title"),
                      x_title=t("energy.price_unit"), y_title="", horizontal=True)
    fig.update_xaxes(range=[0, rows["value"].max() * 1.4])  # room for each bar's label
    data = rows[["entity", "region", "value", "qualifier", "kind", "level", "place_en", "as_of", "grade", "source_id"]]
    return Panel("hub_prices", t("panels.hub_prices_title"), data, list(rows["source_id"]), as_of=rows["as_of"].max(),
                 derived=t("panels.hub_prices_derived"), fig=fig)


@shared
def pue_local(*, lang: str) -> Panel | None:
    """PUE per hub and center, one labelled bar per figure (a place with a design and a
    minimum value gets two), against the theoretical floor of 1.0."""
    t = Words(lang)
    pue = query("pue_figures_all")
    if pue is None:
        return None
    local = pue[~pue["scope"].isin(["national", "hub_clusters", "group"])].copy()
    local["entity"] = [f"{n} · {t('energy.kind_' + k)}" for n, k in zip(label(local, lang=lang), local["kind"])]
    local["text"] = [numbers.fmt_value(r["pue"], r["qualifier"], 2, claim=r["claim_id"], bare_flag=True, lang=lang)
                     for r in local.to_dict("records")]
    fig = charts.bars(local, x="entity", y="pue", text="text", title=t("energy.pue_local"), x_title="PUE",
                      y_title="", horizontal=True, lines=[(1.0, t("energy.pue_floor"))])
    fig.update_xaxes(range=[1.0, max(1.7, local["pue"].max() + 0.4)])  # from the floor, with room for the labels
    reported = local.loc[local["as_of_kind"] != "plan", "as_of"]  # a target year is no "as of"
    return Panel("pue_local", t("energy.pue_local"), local, list(local["source_id"]), as_of=reported.max(),
                 derived=t("energy.article_flag_note"), fig=fig)


@shared
def green_shares(*, lang: str) -> Panel | None:
    """Green power's share per place and measure, the article's own figures flagged."""
    t = Words(lang)
    green = query("green_shares")
    if green is None:
        return None
    green["entity"] = [f"{n} · {t('energy.metric_' + m)}" for n, m in zip(label(green, lang=lang), green["metric"])]
    green["text"] = [numbers.fmt_value(r["value"], r["qualifier"], 1, unit="%", claim=r["claim_id"], bare_flag=True, lang=lang)
                     for r in green.to_dict("records")]
    fig = charts.bars(green, x="entity", y="value", text="text", title=t("energy.green_title"),
                      x_title="%", y_title="", horizontal=True)
    return Panel("green", t("energy.green_title"), green, list(green["source_id"]), as_of=green["as_of"].max(),
                 derived=t("energy.article_flag_note"), fig=fig)


@shared
def grid_factors(*, lang: str) -> Panel | None:
    """Grid carbon factors (kg CO2/kWh) per grid, national and regional (2022 figures)."""
    t = Words(lang)
    grid = query("grid_factors")
    if grid is None:
        return None
    grid["entity"] = label(grid, "name", lang=lang)
    grid["scope_label"] = grid["scope"].map(lambda s: t(f"energy.scope_{s}"))
    grid["text"] = grid["factor_kg_per_kwh"].map(lambda v: f"{v:.4f}")
    fig = charts.bars(grid, x="entity", y="factor_kg_per_kwh", text="text", color="scope_label",
                      title=t("energy.grid_title"), x_title="kg CO₂/kWh", y_title="", horizontal=True)
    return Panel("grid", t("energy.grid_title"), grid, list(grid["source_id"]), as_of="2022",
                 derived=t("energy.grid_note"), fig=fig)


@shared
def electricity_use(*, lang: str) -> Panel | None:
    """Data centers' electricity use per year (TWh), forecasts marked as such."""
    t = Words(lang)
    use = query("dc_electricity_series")
    if use is None:
        return None
    use["scope_label"] = use["scope"].map(lambda s: t(f"energy.use_{s}"))
    use["year_label"] = use["year"].astype(str) + use["is_forecast"].map(lambda f: f" ({t('energy.forecast')})" if f else "")
    use["text"] = [numbers.fmt_value(r["twh"], r["qualifier"], 0, lang=lang) for r in use.to_dict("records")]
    fig = charts.bars(use, x="year_label", y="twh", text="text", color="scope_label",
                      title=t("energy.use_title"), x_title="", y_title="TWh")
    return Panel("dc_use", t("energy.use_title"), use, list(use["source_id"]), as_of=use["as_of"].max(),
                 derived=t("energy.use_note"), fig=fig)


@shared
def hub_scale(measure: str, *, lang: str) -> Panel | None:
    """The hubs' compute ("compute", log scale) or racks ("racks") over time, one series per hub
    and scope."""
    t = Words(lang)
    series = query("hub_scale_series")
    if series is None:
        return None
    rows = series[series["measure"] == measure].copy()
    # One series per hub, scope and metric (total vs intelligent compute are different bases);
    # a figure that conflicts with another source's is flagged ⚠ in its series name.
    rows["series"] = [f"{t.localize(r)} · {t.localize(r, 'scope')}" + ("" if r["metric"] == "racks" else f" · {t('ew.metric_' + r['metric'])}")
                      + (" ⚠" if isinstance(r["conflicts_with"], str) else "") for r in rows.to_dict("records")]
    fig = charts.points_over_time(rows, series="series", title=t(f"ew.scale_{measure}"),
                                  y_title=t(f"ew.scale_{measure}_unit"), lang=lang, log=measure == "compute")
    return Panel(f"scale_{measure}", t(f"ew.scale_{measure}"), rows, list(rows["source_id"]), as_of=rows["as_of"].max(),
                 fig=fig)


# The headline figure of each use case, in the article's order.
CASE_FIGURES = (("coal-mine-inspection", 28), ("traffic-signals", 30), ("protein-ligand", 33),
                ("vehicle-rnd", 36), ("deepseek-zhengzhou", 9), ("investment-multiplier", 38))


@shared
def use_case_headlines(*, lang: str) -> Panel | None:
    """One before/after figure per use case, as the article gives it (each is a claim)."""
    t = Words(lang)
    cases, figures = query("use_case_list"), query("use_case_figures_checked")
    if cases is None or figures is None:
        return None
    names = {r["id"]: t.localize(r) for r in cases.to_dict("records")}
    rows = pd.concat([figures[(figures["use_case_id"] == case) & (figures["claim_num"] == num)].head(1)
                      for case, num in CASE_FIGURES])
    kpis = [Kpi(names[r["use_case_id"]], numbers.fmt_before_after(r, lang=lang), t.localize(r, "metric")) for r in rows.to_dict("records")]
    return Panel("use_case_headlines", t("panels.cases_title"), rows, ["article", *rows["source_id"].dropna()],
                 as_of="2025", derived=t("panels.cases_derived"), kpis=kpis)


@shared
def scheduling(*, lang: str) -> Panel | None:
    """East Data West Compute scheduling: the latency that makes western compute usable from
    the east, and what one western machine served (the article's figures, with their checks)."""
    t = Words(lang)
    latency, figures = query("latency_figures"), query("use_case_figures_checked")
    if latency is None or figures is None:
        return None
    by_id = latency.set_index("id")
    kpis = [Kpi(t(f"panels.latency_{key}"), f"{by_id.at[row, 'qualifier'] or ''}{by_id.at[row, 'ms']:g} ms",
                t("panels.latency_note", date=by_id.at[row, "as_of"]))
            for key, row in (("hub", "hub-to-hub-2025-06"), ("qingyang", "qingyang-to-east-2025-03"))
            if row in by_id.index]
    machine = figures[figures["use_case_id"] == "deepseek-qingyang"].dropna(subset=["after"])
    kpis += [Kpi(t.localize(r, "metric"), numbers.fmt_before_after(r, lang=lang), t("panels.article_figure", num=r["claim_num"]))
             for r in machine.to_dict("records")]
    used = latency[latency["id"].isin(["hub-to-hub-2025-06", "qingyang-to-east-2025-03"])]
    data = pd.concat([used.assign(kind="latency"), machine.assign(kind="use case")], ignore_index=True)
    return Panel("scheduling", t("panels.scheduling_title"), data, [*used["source_id"], "article"],
                 as_of=used["as_of"].max(), kpis=kpis)


@shared
def claim_checks(*, lang: str) -> Panel | None:
    """The article's claims by what outside sources say of them."""
    t = Words(lang)
    claims = query("article_claims")
    if claims is None:
        return None
    order = ("confirmed", "partly", "contradicted", "not_found")
    counts = claims["check"].value_counts().reindex(order, fill_value=0).rename_axis("check").reset_index(name="n")
    counts["entity"] = counts["check"].map(lambda c: t(f"check.{c}"))
    counts["text"] = counts["n"].astype(str)
    fig = charts.bars(counts, x="entity", y="n", text="text", title=t("panels.claims_title", n=len(claims)),
                      x_title=t("panels.claims_unit"), y_title="", horizontal=True)
    return Panel("claim_checks", t("panels.claims_title", n=len(claims)), counts, ["article"], as_of="2025",
                 derived=t("panels.claims_derived"), fig=fig)


def center_counts(centers: pd.DataFrame, statuses: tuple[str, ...]) -> None:
    """The filtered centers counted: all, by status, and their operating and planned PFLOPS."""
    counts = centers["status"].value_counts()
    cols = st.columns(4)
    cols[0].metric(t("map.count"), len(centers))
    cols[1].metric(t("map.count_by_status"), " · ".join(f"{counts.get(s, 0)}" for s in statuses),
                   help=" · ".join(t(f"status.{s}") for s in statuses))
    for col, kind in zip(cols[2:], ("operating", "planned")):
        rows = centers[centers["capacity_kind"] == kind]
        col.metric(t(f"map.total_{kind}"), show.with_unit(show.fmt_figure(rows["pflops"].sum()), "P"),
                   help=t("map.total_help", n=len(rows)))


def coverage_line() -> str | None:
    """How much of China's intelligent compute the listed centers account for, dated (the
    Overview and the map say it under their figures; the national figure is the Overview's
    intelligent-compute KPI, with its source)."""
    latest, national = query("center_capacity_latest"), query("national_latest", metric="intelligent_compute_eflops")
    if latest is None or national is None:
        return None
    cover = kpis.coverage(latest, national)
    if cover is None:
        return None
    return t("overview.coverage", listed=show.fmt_figure(cover.listed_pflops), n=cover.centers,
             national=show.fmt_number(cover.national_pflops / 1000), as_of=cover.national_as_of,
             share=f"{cover.share:.0%}", source=cover.national_source_id)
