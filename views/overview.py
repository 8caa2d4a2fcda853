"""Overview (总览): headline KPIs, the national compute series, the story in five lines, the hubs."""

import streamlit as st

from atlas.build import kpis
from atlas.ui import briefs, panels, placement, show
from atlas.ui.shell import localize, query, t

st.title(t("overview.title"))
st.markdown(t("overview.intro"))

# Headline numbers
st.header(t("overview.kpi_header"))
status = query("centers_by_status")
latest = query("center_capacity_latest")
pue = query("national_latest", metric="avg_pue")
intelligent = query("national_latest", metric="intelligent_compute_eflops")

headline = []  # (label, value, as of, source ids, how derived) of each KPI, for the brief


def kpi(label: str, value: str, *, source_ids, as_of, derived=None, note=None, **options) -> None:
    """A KPI on the page (`show.kpi`), kept for the brief with `note` (else how it was derived)."""
    show.kpi(label, value, source_ids=source_ids, as_of=as_of, derived=derived, **options)
    headline.append((label, value, as_of, list(source_ids), note or derived))


row1 = st.columns(3)
if status is not None:
    counts = {s: 0 for s in ("operating", "under_construction", "planned")} | dict(zip(status["status"], status["centers"]))
    with row1[0]:
        kpi(t("overview.kpi_centers"), f"{sum(counts.values())}", source_ids=status["source_ids"].iloc[0],
            as_of=status["as_of"].max(), derived=t("overview.kpi_centers_caption", **counts))
if latest is not None:
    for col, kind in zip(row1[1:], ("operating", "planned")):
        total = kpis.capacity_total(latest, kind)
        mix = ", ".join(f"{p} {show.fmt_figure(v)}" for p, v in total.by_precision.items())
        with col:
            kpi(t(f"overview.kpi_{kind}"), show.with_unit(show.fmt_figure(total.pflops), "P"),
                source_ids=total.source_ids, as_of=total.as_of,
                derived=t("overview.kpi_capacity_derived", n=total.centers, mix=mix))


row2 = st.columns(3)
if latest is not None:
    with row2[0]:
        share = kpis.west_share(latest)
        operating = latest[latest["kind"] == "operating"]
        kpi(t("overview.kpi_west"), t("common.na") if share is None else f"{share:.0%}",
            source_ids=operating["source_id"], as_of=str(operating["as_of"].max()),
            derived=t("overview.kpi_west_derived"))
if pue is not None and not pue.empty:
    with row2[1]:
        now = pue.iloc[0]
        delta = None
        if len(pue) > 1:
            delta = t("overview.kpi_pue_delta", delta=now["value"] - pue.iloc[1]["value"], since=pue.iloc[1]["as_of"])
        kpi(t("overview.kpi_pue"), show.fmt_number(now["value"], now["qualifier"], 2), delta=delta,
            delta_color="inverse", source_ids=[now["source_id"]], as_of=now["as_of"], note=delta)
if intelligent is not None and not intelligent.empty:
    with row2[2]:
        now = intelligent.iloc[0]
        kpi(t("overview.kpi_intelligent"), f"{show.fmt_number(now['value'], now['qualifier'])} EFLOPS",
            source_ids=[now["source_id"]], as_of=now["as_of"],
            derived=t("overview.kpi_intelligent_basis", basis=t(f"basis.{now['basis']}")))

coverage = panels.coverage_line()
with st.container(horizontal=True, wrap=False):  # one row, so the first chart still starts on a laptop's first screen
    if coverage is not None:
        st.caption(coverage)
    if headline:
        briefs.button(briefs.overview_brief(headline), "overview", key="overview_brief")
if latest is not None:
    show.table_view(latest, key="capacity_table")

# National compute over time: the headline chart, on the first screen with the KPIs
st.header(t("overview.series_header"))
show.panel(panels.national_series())

# The decision in one panel: where 10 MW should go
placement.placement_answer()
st.header(t("panels.largest_title"))
show.panel(panels.largest_centers())

# The story in five lines
st.header(t("overview.story_header"))
st.caption(t("overview.story_note"))
claims = query("article_claims")
if claims is not None:
    by_num = claims.set_index("num")
    for line, nums in enumerate(((12, 13), (5, 8, 14), (17, 18, 23), (28, 30, 33, 36), (41, 42, 43, 45)), 1):
        badges = " ".join(show.badge(by_num.at[n, "check"], f"#{n} ") for n in nums)
        st.markdown(f"**{line}.** {t(f'overview.story_{line}')}  \n{badges}")
    show.source_line(["article"], as_of="2025")

# The 8 hubs at a glance
st.header(t("overview.hubs_header"))
hubs = query("hubs_overview")
if hubs is not None:
    rows = hubs.to_dict("records")
    view = hubs.assign(
        hub=[localize(r) for r in rows],
        region=hubs["region"].map(lambda r: t(f"common.{r}")),
        clusters=[localize(r, "clusters") for r in rows],
        pue_target=hubs["pue_target"].fillna(t("common.na")),
        figure=[t(f"overview.hubs_metric_{r['figure_metric']}",
                  value=show.fmt_number(r["figure_pflops"], r["figure_qualifier"]))
                if isinstance(r["figure_metric"], str) else t("common.na") for r in rows],
        figure_as_of=hubs["figure_as_of"].fillna(t("common.na")),
    )
    show.table(view, key="hubs", title=t("overview.hubs_header"), columns={
        "hub": t("overview.hubs_col_hub"), "region": t("overview.hubs_col_region"),
        "clusters": t("overview.hubs_col_clusters"), "pue_target": t("overview.hubs_col_pue"),
        "centers": t("overview.hubs_col_centers"), "figure": t("overview.hubs_col_figure"),
        "figure_as_of": t("overview.hubs_col_as_of")},
        source_ids=list(hubs["figure_source_id"].dropna()) + list(hubs["pue_target_source_id"].dropna()),
        derived=t("overview.hubs_derived"), static=True)
