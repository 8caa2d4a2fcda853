"""Headline numbers derived from query results. Pure functions: frames in, numbers out.

Each derived figure says how it was derived (the pages show that text beside it).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class CapacityTotal:
    """The sum of the latest reported PFLOPS of one kind (operating or planned)."""

    pflops: float | None
    centers: int
    by_precision: dict[str, float]
    as_of: str | None
    source_ids: tuple[str, ...]


def capacity_total(latest: pd.DataFrame, kind: str) -> CapacityTotal:
    """Sum `pflops` over the rows of `kind` in the per-center latest-capacity frame.

    Figures at different precisions are added as reported (there is no sound conversion
    between FP16 and FP32 throughput across chips), so the mix is returned for display.
    """
    rows = latest[latest["kind"] == kind]
    if rows.empty:
        return CapacityTotal(None, 0, {}, None, ())
    mix = rows.groupby("precision")["pflops"].sum().sort_values(ascending=False)
    return CapacityTotal(
        pflops=float(rows["pflops"].sum()),
        centers=int(rows["center_id"].nunique()),
        by_precision={str(k): float(v) for k, v in mix.items()},
        as_of=str(rows["as_of"].max()),
        source_ids=tuple(dict.fromkeys(rows["source_id"])),
    )


@dataclass(frozen=True)
class Coverage:
    """How much of the national figure the listed centers account for."""

    listed_pflops: float
    centers: int
    national_pflops: float
    national_as_of: str
    national_source_id: str
    share: float


def coverage(latest: pd.DataFrame, national: pd.DataFrame, precision: str = "FP16") -> Coverage | None:
    """Listed operating PFLOPS against the newest national intelligent-compute figure at `precision`.

    Formula: sum of the listed centers' latest operating PFLOPS reported no later than the
    national figure's year, leaving out FP64 (supercomputers' Linpack, a different measure),
    divided by the national figure (EFLOPS × 1000). The listed figures are FP16 or of unstated
    precision, so the share is an indication of coverage, not a measured fraction.
    """
    base = national[national["precision"] == precision].sort_values("as_of", ascending=False).head(1)
    if base.empty:
        return None
    row = base.iloc[0]
    year = str(row["as_of"])[:4]
    rows = latest[(latest["kind"] == "operating") & (latest["precision"] != "FP64")
                  & latest["as_of"].fillna("0000").astype(str).str[:4].le(year)]
    national_pflops = float(row["value"]) * 1000
    listed = float(rows["pflops"].sum())
    return Coverage(listed, int(rows["center_id"].nunique()), national_pflops, str(row["as_of"]),
                    str(row["source_id"]), listed / national_pflops)


def west_share(latest: pd.DataFrame) -> float | None:
    """Share (0–1) of the listed centers' operating PFLOPS that lies in the western hubs.

    Formula: sum(operating PFLOPS of centers whose hub is in the west) / sum(operating PFLOPS
    of all listed centers). Centers outside every hub count in the denominator only.
    """
    rows = latest[latest["kind"] == "operating"]
    total = rows["pflops"].sum()
    if not total:
        return None
    return float(rows.loc[rows["region"] == "west", "pflops"].sum() / total)


def region_ranges(hubs: pd.DataFrame, measures: dict[str, str], na: str = "n/a") -> pd.DataFrame:
    """East vs west: for each measure, the range of the hubs' known values and how many hubs
    have one (e.g. "0.34–0.36 (3 of 5 hubs)"). A range, not an average: the hubs' figures
    come from different sources and dates, so averaging them would suggest a precision they
    do not have."""
    rows = []
    for measure, column in measures.items():
        row = {"measure": measure}
        for region in ("east", "west"):
            values = hubs.loc[hubs["region"] == region, column]
            known = values.dropna()
            if known.empty:
                row[region] = f"{na} (0/{len(values)})"
            else:
                low, high = known.min(), known.max()
                span = f"{low:.4g}" if low == high else f"{low:.4g}–{high:.4g}"
                row[region] = f"{span} ({len(known)}/{len(values)})"
        rows.append(row)
    return pd.DataFrame(rows)
