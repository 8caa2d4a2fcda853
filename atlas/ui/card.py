"""The card of one computing center: every field, its capacity figures with sources and
grades, the article's claims about it with their check badges, and its hub/cluster context."""

from __future__ import annotations

from typing import Callable

import pandas as pd
import streamlit as st

from atlas.i18n import to_hant
from atlas.ui import show
from atlas.ui.shell import lang, localize, query, t


def center_card(center_id: str, on_close: Callable[[], None]) -> None:
    card = query("center_card", center_id=center_id)
    if card is None or card.empty:
        return
    row = card.iloc[0].to_dict()
    na = t("common.na")

    with st.container(border=True, key="center_card"):
        head, close = st.columns([5, 1], vertical_alignment="center")
        head.header(show.escape_md(localize(row)))
        close.button(":material/close:", key="close_card", help=t("card.close"), on_click=on_close)
        if lang() != "en":
            st.caption(row["name_en"])
        fields = {
            t("card.city"): f"{localize(row, 'city')} · {localize(row, 'province')}",
            t("card.status"): t(f"status.{row['status']}") + (f" ({localize(row, 'status_note')})" if _has(row["status_note_en"]) else ""),
            t("card.opened"): row["opened"] if _has(row["opened"]) else na,
            t("card.operator"): _operator(row) or na,
            t("card.hub"): _hub_context(row) or t("card.no_hub"),
            t("card.cluster"): localize(row, "cluster") if _has(row["cluster_id"]) else t("card.no_cluster"),
            t("card.investment"): _investment(row) if _has(row["investment_cny_bn"]) else na,
            t("card.pue"): show.fmt_number(row["pue"], row["pue_qualifier"], 2) if _has(row["pue"]) else na,
            t("card.green"): f"{row['green_pct']:g} %" if _has(row["green_pct"]) else na,
            t("card.coords"): t(f"card.coords_{row['coord_precision']}", lat=row["lat"], lon=row["lon"])
            if _has(row["coord_precision"]) else t("card.no_coords"),
            t("card.note"): show.escape_md(localize(row, "note")) if _has(row["note_en"]) else na,
        }
        # A row with several sources says which gave which figure (field_sources)
        by_field = dict(pair.split(":", 1) for pair in str(row["field_sources"] or "").split(";") if ":" in pair)
        for column, label in (("opened", "card.opened"), ("investment_cny_bn", "card.investment"),
                              ("pue", "card.pue"), ("green_pct", "card.green")):
            if column in by_field and fields[t(label)] != na:
                fields[t(label)] += f" ({by_field[column]})"
        st.markdown("\n".join(f"- **{label}**: {value}" for label, value in fields.items()))
        show.source_line([row["source_id"], *str(row["extra_source_ids"] or "").split(";")],
                         as_of=row["as_of"] if _has(row["as_of"]) else None)

        figures = query("center_figures", center_id=center_id)
        if figures is not None and not figures.empty:
            st.markdown(f"**{t('card.figures')}**")
            view = figures.assign(
                kind=figures["kind"].map(lambda k: t(f"map.kind_{k}")),
                value=[f"{show.fmt_number(v, q)} {'P' if m == 'pflops' else t('card.cards')}"
                       for v, q, m in zip(figures["value"], figures["qualifier"], figures["metric"])],
                check=figures["check"].map(lambda c: t(f"check.{c}") if isinstance(c, str) else ""),
                scope=[localize(r, "scope") for r in figures.to_dict("records")],
            )
            show.table(view, key="card_figures", title=f"{localize(row)} · {t('card.figures')}", columns={
                "kind": t("map.col_kind"), "value": t("map.col_capacity"), "precision": t("map.col_precision"),
                "scope": t("card.scope"), "as_of": t("map.col_as_of"), "grade": t("map.col_grade"),
                "check": t("card.check")}, source_ids=figures["source_id"], static=True)

        claims = query("center_claims", center_id=center_id)
        if claims is not None and not claims.empty:
            st.markdown(f"**{t('card.claims')}**")
            for claim in claims.to_dict("records"):
                st.markdown(f"{show.claim_badge(claim)} {show.escape_md(show.claim_text(claim))}")
            show.source_line(["article"], as_of="2025")


def _has(value) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA and value != ""


def _investment(row: dict) -> str:
    """The investment (stored in bn CNY) as an amount: 128亿元, 12.8B CNY."""
    qualifier = row["investment_qualifier"] if isinstance(row["investment_qualifier"], str) else ""
    return qualifier + show.fmt_amount(row["investment_cny_bn"] * 1e9, "CNY")


def _operator(row: dict) -> str:
    if lang() != "en" and _has(row["operator_zh"]):
        return to_hant(row["operator_zh"]) if lang() == "zh-Hant" else row["operator_zh"]
    return row["operator_en"] if _has(row["operator_en"]) else ""


def _hub_context(row: dict) -> str:
    if not _has(row["hub_id"]):
        return ""
    target = ""
    if _has(row["hub_pue_target"]):
        target = " · " + t("card.pue_target", target=f"{row['hub_pue_target_qualifier'] or ''}{row['hub_pue_target']:g}")
    return f"{localize(row, 'hub')} ({t('common.' + row['hub_region'])}){target}"
