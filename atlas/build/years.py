"""The network year by year: which centers are on the map in a year, their capacity then, and
two years side by side. Pure: the UI hands in the query results and the language.

A center's year (queries/center_years.sql) is the year it opened when the data gives one, else
the year of its earliest dated report ("first reported", never called "opened"); a center with
neither has no year and is counted apart, never given a guessed one. Capacity in a year is the
latest-capacity rule applied to the figures reported up to that year
(queries/center_capacity_as_of.sql). The latest year is "now": every center and figure in the
data counts, the ones with no known year included (that is the map with no year chosen).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from atlas.build import charts, kpis
from atlas.i18n import Words

FIRST_YEAR = 2021  # the network's build-out since the 2021 plan; earlier openings show from here


def latest_year(years: pd.DataFrame) -> int:
    """The newest year any center or capacity figure was reported in (center_years.latest_year)."""
    return int(years["latest_year"].max())


@dataclass(frozen=True)
class YearFigures:
    """The centers on the map in `year` and what they add up to (see `year_figures`)."""

    year: int
    centers: int  # on the map in the year
    opened: int  # of them, dated by their opening
    first_reported: int  # of them, dated by their first report
    unknown: int  # centers with no known year: shown in the latest year only, counted apart
    unknown_shown: bool
    operating_pflops: float | None
    operating_centers: int
    by_precision: dict[str, float]
    west_share: float | None
    source_ids: tuple[str, ...]


def on_map(years: pd.DataFrame, year: int) -> pd.Series:
    """A mask of the centers on the map in `year`: dated no later than it; in the latest year
    every center, those with no known year included."""
    if year >= latest_year(years):
        return pd.Series(True, index=years.index)
    return years["year"].notna() & (years["year"] <= year)


def year_figures(years: pd.DataFrame, capacity: pd.DataFrame, year: int) -> YearFigures:
    """Counts, operating PFLOPS and the western hubs' share for `year`.

    `years` is center_years; `capacity` is center_capacity_as_of for `year` (null in the latest
    year). Operating PFLOPS: the sum of the latest operating figure reported up to `year` of
    each center on the map then, added as reported whatever the precision (`kpis.capacity_total`;
    the mix is returned). West share: of those PFLOPS, the part in the hubs whose region is
    "west" in hubs.csv (`kpis.west_share`; centers outside every hub count in the whole only).
    """
    shown = years[on_map(years, year)]
    counted = capacity[capacity["center_id"].isin(shown["id"])]
    total = kpis.capacity_total(counted, "operating")
    unknown = int(years["year_kind"].isna().sum())
    return YearFigures(year, len(shown), int((shown["year_kind"] == "opened").sum()),
                       int((shown["year_kind"] == "first_reported").sum()), unknown,
                       year >= latest_year(years), total.pflops, total.centers, total.by_precision,
                       kpis.west_share(counted), total.source_ids)


def legend_line(figures: YearFigures, *, lang: str) -> str:
    """What the map shows in the year, said under it: the dated centers by how they are dated
    and the centers with no known year, counted apart."""
    t = Words(lang)
    line = t("years.legend", year=figures.year, n=figures.centers, opened=figures.opened,
             reported=figures.first_reported)
    if figures.unknown:
        line += " " + t("years.unknown_shown" if figures.unknown_shown else "years.unknown_hidden",
                        n=figures.unknown)
    return line


def series_marked(series: pd.DataFrame, year: int, *, title: str, y_title: str, break_label: str,
                  lang: str) -> go.Figure:
    """The national compute series (`charts.series_by_basis`, one line per basis) with `year`
    shaded and named in the title (the basis changes are labelled at the plot's head)."""
    fig = charts.series_by_basis(series, title=f"{title} · {year}", x_title="", y_title=y_title,
                                 break_label=break_label, lang=lang)
    fig.add_vrect(x0=pd.Timestamp(year, 1, 1), x1=pd.Timestamp(year, 12, 31), fillcolor="#D55E00", opacity=0.18,
                  line_width=0, layer="below")
    fig.update_layout(height=380)
    return fig
