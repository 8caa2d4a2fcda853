"""The "Brief (PDF)" download beside a result: a `atlas.build.brief.Brief` filled from what the
page shows (written in the reader's language when the page runs, so the file matches the
screen), printed by headless Chromium only when the reader clicks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

import pandas as pd
import streamlit as st

from atlas.build import brief as briefs
from atlas.build import export, numbers
from atlas.ui import cache, downloads, show
from atlas.ui.calculator_specs import ArticleClaim, Calculator
from atlas.ui.shell import lang, t

ICON = ":material/picture_as_pdf:"


class BriefNotPrinted(RuntimeError):
    """Chromium failed or ran out of time while printing a brief."""


def sources(source_ids) -> tuple[briefs.Source, ...]:
    """The listed sources among `source_ids` (each once), as a brief cites them; as-of is the
    source's publication date."""
    def text(value) -> str:
        return "" if value is None or pd.isna(value) else str(value)

    return tuple(briefs.Source(text(r["publisher"]), text(r["title"]), text(r["url"]), text(r["quality"]),
                               text(r.get("published")))
                 for r in show._cited(source_ids).to_dict("records"))


def button(made: briefs.Brief, kind: str, *, key: str, where=st) -> None:
    """The brief's download: printed on click. Without Chromium on the server the button is
    disabled and says why (as the export menus say when an image could not be made)."""
    if export.chromium() is None:
        where.button(t("brief.button"), key=key, icon=ICON, disabled=True, help=t("brief.no_chromium"))
        where.caption(t("brief.no_chromium"))
        return

    failed = t("brief.failed")  # written now: the click's thread has no session to ask for the language

    def make() -> bytes:
        pdf = briefs.brief_pdf(made)
        if pdf is None:  # Streamlit logs it and tells the reader the file could not be made
            raise BriefNotPrinted(failed)
        return pdf

    downloads.button(t("brief.button"), make, briefs.file_name(kind, made.exported), key=key, where=where,
                     icon=ICON, help=t("brief.help"))


def _number(value: float | None, step: float) -> str:
    """An input as the reader typed it: up to as many decimals as its widget shows, none
    that are only trailing zeros (3, not 3.00; 0.2441)."""
    if value is None or not math.isfinite(value):  # inf from a link: n/a, as the result shows
        return show.fmt_figure(value)
    most = 0 if step >= 1 else 2 if step >= 0.01 else 4
    return show.fmt_figure(value, numbers.digits_of(value, most) if most else 0)


def calculator_brief(calc: Calculator, inputs: Sequence[dict], results: Sequence[object],
                     source_of) -> briefs.Brief:
    """A calculator's brief: one column per scenario that has a result (`inputs[i]` gave
    `results[i]`); from the second on, each figure also says its difference from the first.
    `source_of(field)`: where the field's default comes from, in the reader's words."""
    shown = [(i, r) for i, r in zip(inputs, results) if r is not None]
    many = len(inputs) > 1
    columns = tuple(t("calc.scenario_n", n=n) for n, (i, r) in enumerate(zip(inputs, results), 1)
                    if r is not None) if many else ("",)
    figures = []
    for output in calc.outputs:
        values = []
        first = getattr(shown[0][1], output.name)
        for n, (_, result) in enumerate(shown):
            value = getattr(result, output.name)
            written = show.fmt_amount(value, output.unit, output.digits)
            if n and first is not None and value is not None:
                written = t("brief.scenario_difference", value=written,
                            difference=show.fmt_amount(value - first, output.unit, output.digits, sign=True))
            values.append(written)
        figures.append(briefs.Row(t(f"calc.{calc.key}.out.{output.name}"), tuple(values)))
    rows = []
    for f in calc.fields:
        note = (t("brief.no_default", source=source_of(f)) if f.default is None else
                t("brief.default", value=_number(f.default, f.step), source=source_of(f)))
        rows.append(briefs.Row(t(f"calc.{calc.key}.{f.name}"),
                               tuple(_number(i.get(f.name), f.step) for i, _ in shown), note))
    article = any(isinstance(f.source, ArticleClaim) for f in calc.fields)
    return briefs.Brief(
        lang=lang(), title=t(f"calc.{calc.key}.title"), kind=t("brief.kind_calculator"), permalink=show.permalink(),
        figures=tuple(figures), columns=columns, formula=calc.text, inputs=tuple(rows),
        sources=sources(["article"] if article else []), release=cache.data_release(), exported=date.today())


def energy_brief(values: dict[str, dict], results: dict[str, object], presets: pd.DataFrame,
                 difference) -> briefs.Brief:
    """The energy calculator's brief: the east and west scenarios and their difference, each
    input with the preset row it comes from (or the preset value, when the reader changed it)."""
    fields = ("it_mw", "pue", "hours", "price", "green", "grid")
    labels = {"it_mw": "calc.it_mw", "pue": "calc.pue", "hours": "calc.hours", "price": "calc.price",
              "green": "calc.green", "grid": "calc.grid"}
    digits = {"it_mw": 2, "pue": 2, "hours": 0, "price": 3, "green": 4, "grid": 4}
    outputs = (("facility_kwh", "d_facility_kwh", "pct_kwh", "calc.facility_kwh", "kWh"),
               ("cost_cny", "d_cost_cny", "pct_cost", "calc.cost", "CNY"),
               ("tco2", "d_tco2", "pct_tco2", "calc.tco2", "tCO2"))
    figures = []
    for name, d_name, pct_name, label, unit in outputs:
        written = [show.fmt_amount(getattr(results[p], name), unit) for p in ("east", "west")]
        diff = show.fmt_amount(getattr(difference, d_name), unit, sign=True)
        pct = getattr(difference, pct_name, None)
        written.append(diff if pct is None else t("brief.difference_pct", value=diff, pct=f"{pct:+.1%}"))
        figures.append(briefs.Row(t(label), tuple(written)))
    rows = []
    names = {"east": t("calc.scenario_east"), "west": t("calc.scenario_west")}
    # Each (preset, field)'s first row, looked up: twelve boolean filters of the frame were
    # ~5 % of the server's time under load (py-spy), on every run of the calculator.
    first: dict[tuple[str, str], dict] = {}
    for row in presets.to_dict("records"):
        first.setdefault((row["preset"], row["field"]), row)
    for f in fields:
        notes = []
        for preset in ("east", "west"):
            mine = first.get((preset, f))
            if mine is None:
                continue
            preset_value = float(mine["value"])
            changed = abs(values[preset][f] - preset_value) > 1e-12
            notes.append(f"{names[preset]}: " + (t("brief.energy_changed", value=show.fmt_figure(preset_value, digits[f]))
                                                 if changed else t("brief.energy_source", refs=mine["row_ref"])))
        rows.append(briefs.Row(t(labels[f]), tuple(show.fmt_figure(values[p][f], digits[f]) for p in ("east", "west")),
                               " · ".join(notes)))
    return briefs.Brief(
        lang=lang(), title=t("calc.energy_header"), kind=t("brief.kind_calculator"), permalink=show.permalink(),
        figures=tuple(figures), columns=(names["east"], names["west"], t("calc.difference")),
        input_columns=(names["east"], names["west"]),
        formula=("E = P_IT [MW] × 1000 × PUE × h", "C = E × p", "CO₂ = E × (1 − g) × f / 1000"),
        inputs=tuple(rows), sources=sources(presets["source_id"]), notes=(t("calc.energy_symbols"),),
        release=cache.data_release(), exported=date.today())


def overview_brief(kpis: Sequence[tuple[str, str, str | None, Sequence[str], str | None]]) -> briefs.Brief:
    """The Overview's headline figures: each (label, value, as-of, source ids, how derived),
    with its as-of date and grades beside it, and every source they cite."""
    rows, cited = [], []
    for label, value, as_of, ids, derived in kpis:
        ids = [i for i in dict.fromkeys(ids) if isinstance(i, str) and i]
        grades = "/".join(sorted(set(show._cited(ids)["quality"])))
        note = [t("show.as_of", date=as_of)] if as_of else []
        note += [f"{t('common.grade')} {grades}"] if grades else []
        note += [derived] if derived else []
        rows.append(briefs.Row(label, (value,), " · ".join(note)))
        cited += ids
    return briefs.Brief(
        lang=lang(), title=t("brief.overview_title"), kind=t("brief.kind_overview"), permalink=show.permalink(),
        figures=tuple(rows), sources=sources(cited), release=cache.data_release(), exported=date.today())


PLACES_SHOWN = 10  # a province-wide ranking has 31 rows: the brief keeps the first, the link holds all


def placement_brief(choices: Sequence[tuple[str, str]], rows: Sequence[dict], kind: str,
                    source_ids) -> briefs.Brief:
    """The placement calculator's brief: the ranking as the page's table writes it (`rows`: rank,
    place, cost, tco2, fits, in the page's order), the reader's choices (label, written value)
    and the sources of the inputs used."""
    figures = tuple(briefs.Row(f"{r['rank']}. {r['place']}", (show.fmt_amount(r["cost"], "CNY"),
                                                                show.fmt_amount(r["tco2"], "tCO2"), r["fits"]))
                    for r in rows[:PLACES_SHOWN])
    notes = [t("calc.place_formula")]
    if len(rows) > PLACES_SHOWN:
        notes.append(t("brief.more_places", n=len(rows) - PLACES_SHOWN))
    return briefs.Brief(
        lang=lang(), title=t("calc.place_header"), kind=t("brief.kind_calculator"), permalink=show.permalink(),
        figures=figures, columns=(t("calc.col_cost"), t("calc.col_tco2"), t("calc.col_fits")),
        formula=("E = P_IT [MW] × 1000 × PUE × h", "C = E × p", "CO₂ = E × (1 − g) × f / 1000"),
        inputs=tuple(briefs.Row(label, (value,)) for label, value in choices), input_columns=("",),
        sources=sources(source_ids), notes=tuple(notes), release=cache.data_release(), exported=date.today())


def carbon_brief(m, inputs: Sequence[tuple[str, str]], basis: str, differences: Sequence[str],
                 source_ids) -> briefs.Brief:
    """The carbon-by-method calculator's brief: the three methods' carbon and energy side by
    side (this product's on the reader's basis), the job's inputs as written on the page
    (label, value), each method's formula, the lines that explain the differences and the
    sources (the grid factor's and each method's)."""
    product_kg = m.product.market_kg if basis == "market" else m.product.location_kg
    kg = (product_kg, m.green_algorithms.kg, m.ml_co2.kg)
    kwh = (m.product.kwh, m.green_algorithms.kwh, m.ml_co2.kwh)
    green = " × (1 − g)" if basis == "market" else ""
    return briefs.Brief(
        lang=lang(), title=t("calc.carbon.title"), kind=t("brief.kind_calculator"), permalink=show.permalink(),
        figures=(briefs.Row(t("brief.carbon_kg"), tuple(show.fmt_amount(v, "kgCO2", digits=2) for v in kg)),
                 briefs.Row(t("brief.carbon_kwh"), tuple(show.fmt_amount(v, "kWh", digits=2) for v in kwh))),
        columns=(t(f"carbon.product_{basis}"), t("carbon.ga"), t("carbon.mlco2")),
        formula=(f"{t(f'carbon.product_{basis}')}: E = P_IT × PUE × h / 1000; CO₂ = E{green} × f",
                 f"{t('carbon.ga')}: E = h × (n_c P_c u + n_m P_m) × PUE × PSF / 1000; CO₂ = E × CI",
                 f"{t('carbon.mlco2')}: E = round₂(TDP × h / 1000); CO₂ = round₂(E × CI)"),
        inputs=tuple(briefs.Row(label, (value,)) for label, value in inputs), input_columns=("",),
        notes=(*differences, t("carbon.symbols")), sources=sources(source_ids),
        release=cache.data_release(), exported=date.today())
