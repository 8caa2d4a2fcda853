"""The network year by year on the map and in the story: the year control with its play
button, the centers and capacity of a year, the year's figures beside another year's and the
national series marked at the year. What a center's year is: `atlas.build.years`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.build import maps, years
from atlas.data.datasets import data_dir
from atlas.i18n import Words
from atlas.ui import panels, show
from atlas.ui.shell import data_faults, lang, query, t
from atlas.ui.urlstate import Param, bound_widget, write

PLAY_SECONDS = 1.5  # a year's map stays this long while playing: long enough to read its count


def spec(latest: int) -> list[Param]:
    """`year` (default the latest: the map as it was before years existed) and `compare`."""
    return [Param("year", "int", latest, min=years.FIRST_YEAR, max=latest),
            Param("compare", "int", None, min=years.FIRST_YEAR, max=latest)]


def centers(year: int, latest: int, **filters) -> pd.DataFrame | None:
    """The map's centers in `year` (the latest year: map_centers itself, every center)."""
    if year >= latest:
        return query("map_centers", **filters)
    return query("map_centers_in_year", **filters, year=year)


def figures(frame: pd.DataFrame, year: int) -> years.YearFigures | None:
    """The year's figures of `frame` (center_years). Shared by all sessions per data folder and
    year: the map draws them three times a run, the same for every reader (with the year's
    chart, ~9 % of a loaded server's time, per py-spy). While a table has failed validation
    they are worked out on each run."""
    if data_faults():
        return _figures(frame, year)
    return _shared_figures(str(data_dir()), year, frame)


@st.cache_resource(show_spinner=False, max_entries=64)
def _shared_figures(folder: str, year: int, _frame: pd.DataFrame) -> years.YearFigures | None:
    return _figures(_frame, year)  # keyed by the folder whose center_years `_frame` is


def _figures(frame: pd.DataFrame, year: int) -> years.YearFigures | None:
    latest = years.latest_year(frame)
    capacity = query("center_capacity_as_of", year=None if year >= latest else year)
    return None if capacity is None else years.year_figures(frame, capacity, year)


def legend(frame: pd.DataFrame, year: int) -> None:
    """Under the map: the centers shown in `year`, by how they are dated, and those with no year."""
    f = figures(frame, year)
    if f is not None:
        st.caption(years.legend_line(f, lang=lang()))


def control(param: Param, value: int, *, key: str, label: str = "visible") -> int:
    """The year slider (bound to the URL) and its play button: playing steps a year every
    PLAY_SECONDS until the latest; playing from the latest starts again at the first year.
    `label="collapsed"` hides the slider's label (still read out), as the story does for room."""
    playing = f"{key}_playing"
    with st.container(horizontal=True, vertical_alignment="bottom"):
        year = bound_widget(param, value, st.slider, label=t("years.year"), min_value=years.FIRST_YEAR,
                            max_value=param.default, step=1, help=t("years.year_help"), label_visibility=label)
        on = st.session_state.get(playing, False)
        st.button(t("years.stop" if on else "years.play"), key=f"{key}_play", width="content", on_click=_toggle,
                  icon=":material/stop:" if on else ":material/play_arrow:", args=(param, year, playing))
    if st.session_state.get(playing):
        _ticker(param, playing)
    return year


def _toggle(param: Param, year: int, playing: str) -> None:
    start = not st.session_state.get(playing, False)
    if start and year >= param.default:
        write(param, years.FIRST_YEAR)
    st.session_state[playing] = start


def _ticker(param: Param, playing: str) -> None:
    """While playing: a fragment on a timer moves the URL's year on and reruns the page (the
    slider follows the URL). The run that draws it only arms it, so a year lasts a full tick."""
    armed = f"{playing}_armed"
    st.session_state[armed] = True

    @st.fragment(run_every=PLAY_SECONDS)
    def tick() -> None:
        if st.session_state.pop(armed, False):
            return
        try:
            current = param.parse(st.query_params.get(param.name, str(param.default)))
        except ValueError:
            current = param.default
        following = min(current + 1, param.default)
        write(param, following)
        st.session_state[playing] = following < param.default
        st.rerun()

    tick()


def section(frame: pd.DataFrame, year: int, param: Param, value: int | None) -> None:
    """The whole network in `year` beside another year (`compare`), and the national series
    marked at the year."""
    st.header(t("years.header"))
    st.caption(t("years.method"))
    left, right = st.columns([1, 1], gap="large")
    with left:
        other = bound_widget(param, value, st.selectbox, label=t("years.compare"),
                             options=[None, *range(years.FIRST_YEAR, param.max + 1)],
                             format_func=lambda y: t("years.no_compare") if y is None else str(y),
                             placeholder=t("years.no_compare"))  # None is no choice: Streamlit's own text is English
        shown = [figures(frame, y) for y in sorted({year, other or year})]
        if None in shown:
            return
        for col, f in zip(st.columns(len(shown)), shown):
            with col:
                _year_metrics(f, shown[0] if f is not shown[0] else None)
        show.source_line([s for f in shown for s in f.source_ids], derived=t("years.derived"))
    with right:
        national(year)


def _year_metrics(f: years.YearFigures, before: years.YearFigures | None) -> None:
    st.markdown(f"**{f.year}**")
    pflops = t("common.na") if f.operating_pflops is None else f"{show.fmt_number(f.operating_pflops)} P"
    share = t("common.na") if f.west_share is None else f"{f.west_share:.0%}"
    delta = None if before is None else f"{f.centers - before.centers:+d}"
    st.metric(t("years.m_centers"), f.centers, delta=delta, help=t("years.m_centers_help", unknown=f.unknown))
    st.metric(t("years.m_operating"), pflops, help=t("years.m_operating_help", n=f.operating_centers,
              mix=", ".join(f"{p} {show.fmt_number(v)}" for p, v in f.by_precision.items())))
    st.metric(t("years.m_west"), share, help=t("years.m_west_help"))


def national(year: int) -> None:
    """The national compute series (one line per basis), marked at `year`."""
    show.panel(national_marked(year))


@panels.shared
def national_marked(year: int, *, lang: str) -> panels.Panel | None:
    words = Words(lang)
    series = query("national_compute_series")
    if series is None:
        return None
    series["series"] = series["basis"].map(lambda b: words(f"basis.{b}"))
    fig = years.series_marked(series, year, title=words("overview.series_title"), y_title=words("overview.series_y"),
                              break_label=words("overview.series_break"), lang=lang)
    return panels.Panel("years_series", words("overview.series_title"), series, list(series["source_id"]),
                        as_of=series["as_of"].max(), derived=words("overview.series_caption"), fig=fig)


@panels.shared
def buildout(year: int | None = None, *, lang: str) -> panels.Panel | None:
    """The story's build-out step: every center on the map in `year` (None: the latest), its
    line of figures as the panel's `derived` text."""
    words = Words(lang)
    frame, regions = query("center_years"), query("map_regions")
    if frame is None or regions is None:
        return None
    latest = years.latest_year(frame)
    year = latest if year is None else year
    shown, f = centers(year, latest, **panels.ALL_CENTERS), figures(frame, year)
    if shown is None or f is None:
        return None
    options = maps.MapOptions()
    inputs = panels.map_inputs(shown, regions, options, lang)
    data = shown.assign(center=panels.label(shown, "name", lang=lang), city=panels.label(shown, "city", lang=lang))[
        ["center", "city", "status", "pflops", "precision", "capacity_as_of", "source_id"]]
    return panels.Panel("buildout", words("years.map_title", year=year), data,
                        [*inputs.source_ids, *shown["source_id"]], as_of=shown["as_of"].max(), derived=years.legend_line(f, lang=lang),
                        deck=maps.build_deck(**inputs.deck_args, options=options),
                        legend=[entry for line in inputs.legends for entry in line])
