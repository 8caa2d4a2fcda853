"""The placement's inputs from the data: one cited figure per place and input, as chosen by
`queries/decision_inputs.sql`, turned into calculator sites. Pure: frames in, sites out."""

from __future__ import annotations

import pandas as pd

from atlas.calc.placement import Site

FIELDS = ("price", "pue", "green", "grid", "latency")


def sites(inputs: pd.DataFrame, entity_kind: str) -> list[Site]:
    """One Site per place of `entity_kind` ("hub" or "province"), None where no figure exists.

    A green figure that does not count in the carbon figure (a province's renewable share of
    consumption, already inside its grid factor) enters as 0: all grid power at that factor.
    A place outside the hubs has no region; it is ranked but is neither east nor west.
    """
    rows = inputs[inputs["entity_kind"] == entity_kind]
    out = []
    for entity_id, group in rows.groupby("entity_id", sort=True):
        by_field = {r["field"]: r for r in group.to_dict("records")}

        def value(field: str) -> float | None:
            row = by_field.get(field)
            return None if row is None or pd.isna(row["value"]) else float(row["value"])

        green = value("green")
        if green is not None and not by_field["green"]["counts"]:
            green = 0.0
        first = group.iloc[0]
        out.append(Site(entity_id, first["region"] if isinstance(first["region"], str) else "",
                        value("pue"), value("price"), green, value("grid"), value("latency")))
    return out


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
