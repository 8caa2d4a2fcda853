"""The placement's inputs from the data: one cited figure per place and input, as chosen by
`queries/decision_inputs.sql`, turned into calculator sites. Pure: frames in, sites out."""

from __future__ import annotations

import pandas as pd

from atlas.calc.placement import Site

FIELDS = ("price", "pue", "green", "grid", "latency")


def wide(inputs: pd.DataFrame, entity_kind: str) -> pd.DataFrame:
    """One row per place of `entity_kind` ("hub" or "province"), sorted by region then id: its
    region (empty outside the hubs), the value of each input (NaN where no figure exists) and
    `green_counts`, False where the green figure is only context (a province's or the
    country's renewable share of consumption, already inside the grid factor)."""
    rows = inputs[inputs["entity_kind"] == entity_kind]
    values = rows.pivot(index="entity_id", columns="field", values="value").reindex(columns=list(FIELDS))
    counts = rows[rows["field"] == "green"].set_index("entity_id")["counts"]
    region = rows.drop_duplicates("entity_id").set_index("entity_id")["region"].fillna("")
    out = values.assign(region=region, green_counts=counts.reindex(values.index).fillna(True).astype(bool))
    return out.reset_index().sort_values(["region", "entity_id"]).reset_index(drop=True)


def sites(inputs: pd.DataFrame, entity_kind: str) -> list[Site]:
    """One Site per place of `entity_kind`, None where no figure exists. A green figure that is
    only context enters as 0: all grid power at the place's grid factor. A place outside the
    hubs has no region; it is ranked but is neither east nor west."""
    def num(value) -> float | None:
        return None if pd.isna(value) else float(value)

    return [Site(r["entity_id"], r["region"], num(r["pue"]), num(r["price"]),
                 num(r["green"]) if r["green_counts"] or pd.isna(r["green"]) else 0.0, num(r["grid"]),
                 num(r["latency"]))
            for r in wide(inputs, entity_kind).to_dict("records")]


def changes(all_grades: pd.DataFrame, ab_only: pd.DataFrame) -> pd.DataFrame:
    """The inputs that differ when grade-C sources are left out: per place and field, the figure
    used with every grade and the one left (value NaN when none is left)."""
    keys = ["entity_kind", "entity_id", "field"]
    merged = all_grades.merge(ab_only, on=keys, how="left", suffixes=("", "_ab"))
    differs = (merged["row_ref"] != merged["row_ref_ab"]) | merged["row_ref_ab"].isna()
    return merged[differs & (merged["grade"] == "C")].reset_index(drop=True)


# The energy calculator's presets: the hub the article contrasts in the east (Zhangjiakou's
# Beijing–Tianjin–Hebei) and the one it is about in the west (Qingyang's Gansu).
PRESET_HUBS = {"east": "jjj", "west": "gansu"}
PRESET_FIELDS = ("price", "pue", "green", "grid")


def presets(inputs: pd.DataFrame) -> pd.DataFrame:
    """One row per preset (east, west) and energy input: value, qualifier, source, claim and the
    data row it comes from; the same figures the placement uses for those hubs. A green figure
    that is only context enters as 0 (all grid power), as in the placement."""
    rows = []
    for preset, hub in PRESET_HUBS.items():
        mine = inputs[(inputs["entity_kind"] == "hub") & (inputs["entity_id"] == hub)]
        for r in mine[mine["field"].isin(PRESET_FIELDS)].to_dict("records"):
            value = r["value"] if r["field"] != "green" or r["counts"] else 0.0
            rows.append({"preset": preset, "field": r["field"], "value": float(value), "qualifier": r["qualifier"],
                         "source_id": r["source_id"], "claim_id": r["claim_id"], "grade": r["grade"],
                         "row_ref": r["row_ref"]})
    return pd.DataFrame(rows, columns=["preset", "field", "value", "qualifier", "source_id", "claim_id", "grade",
                                       "row_ref"])
