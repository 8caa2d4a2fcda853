"""'Checked against published runs' in the lab, beside the training and energy calculators: each
published run's own inputs, the calculators' figure computed live (`atlas.calc.published_runs`),
the published figure, the difference and the tolerance its row allows, the run's implied MFU, and
one line that sets the reader's MFU assumption against those of the real runs.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.build import numbers
from atlas.calc.published_runs import PublishedRun, RunCheck, check_runs, mfu_range
from atlas.i18n import translate_unit
from atlas.ui import show
from atlas.ui.calculator_specs import CALCULATORS
from atlas.ui.shell import lang, query, read_params, t
from atlas.ui.urlstate import Param

DERIVED = "†"  # marks an input the publication does not state (the note says how it was derived)
DIGITS = {"FLOP": 0, "MWh": 1, "tCO2e": 2}
MFU_DEFAULT = next(f.default for f in CALCULATORS["training"].fields if f.name == "mfu")


def section(*, mfu: bool = True) -> None:
    """The runs table, then (with `mfu`) the reader's MFU against the runs'. The training
    calculator draws that line in its own fragment instead (`mfu_line`), so that an input's
    change redraws the line and not the table."""
    data = query("published_run_list")
    if data is None:  # the table failed validation; the frame has said which and why
        return
    checks = check_runs(data.to_dict("records"))
    st.subheader(t("runs.title"))
    st.markdown(t("runs.intro"))
    frame = _frame(data, checks)
    cited = [*data["source_id"], *data["peak_source_id"].dropna(),
             *(s for ids in data["extra_source_ids"].dropna() for s in ids.split(";"))]
    unit = data["unit"]  # the dataset's unit keys (FLOP, MWh, tCO2e); the frame's are translated
    show.table(frame, key="published_runs", title=t("runs.title"), columns=_columns(), source_ids=cited,
               as_of=f"{data['as_of'].min()} – {data['as_of'].max()}", links=("source_url",),
               derived=t("runs.derived", mark=DERIVED), formats={
                   "computed": [_amount(v, u) for v, u in zip(frame["computed"], unit)],
                   # as published: 451 MWh, not 451.0 (a computed figure keeps its unit's decimals)
                   "published": [_amount(v, u, numbers.digits_of(v)) for v, u in zip(frame["published"], unit)],
                   "diff_pct": [show.with_unit(show.fmt_figure(v, 2, sign=True), "%") for v in frame["diff_pct"]],
                   "tolerance_pct": [f"± {show.with_unit(show.fmt_figure(v, 1), '%')}" for v in frame["tolerance_pct"]],
                   "mfu_pct": [_percent(v) for v in frame["mfu_pct"]],
               })
    if mfu:
        st.markdown(_mfu_line(_reader_mfu(), checks))


def mfu_line() -> None:
    """The reader's MFU (the training calculator's `mfu`, from the URL, as the calculator
    itself reads and writes it) against the published runs' implied MFUs: one line."""
    data = query("published_run_list")
    if data is not None:
        st.markdown(_mfu_line(_reader_mfu(), check_runs(data.to_dict("records"))))


def _reader_mfu():
    return read_params([Param("mfu", "float", MFU_DEFAULT)])["mfu"]


def _frame(data: pd.DataFrame, checks: list[RunCheck]) -> pd.DataFrame:
    """The rows as the table shows and exports them: raw numbers (the unit in its own column),
    the checked quantity, the inputs and the verdict in the reader's language."""
    return pd.DataFrame({
        "run": data["run"],
        "check": [t(f"runs.check_{c}") for c in data["check"]],
        "inputs": [_inputs(row) for row in data.to_dict("records")],
        "computed": [c.computed for c in checks],
        "published": [c.published for c in checks],
        "unit": [translate_unit(u, lang()) for u in data["unit"]],
        "diff_pct": [c.diff_pct for c in checks],
        "tolerance_pct": data["tolerance_pct"].astype(float),
        "within": [t("runs.within_yes") if c.within else t("runs.within_no") for c in checks],
        "mfu_pct": [None if c.implied_mfu is None else c.implied_mfu * 100 for c in checks],
        "source_url": data["source_url"],
        "grade": data["grade"],
        "as_of": data["as_of"],
        "note": data["note_en" if lang() == "en" else "note_zh"],
    })


def _columns() -> dict[str, str]:
    # The verdict first, the long inputs after it: at 1440 px the inputs pushed the figures out of view.
    return {key: t(f"runs.col_{key}") for key in (
        "run", "check", "computed", "published", "diff_pct", "tolerance_pct", "within", "mfu_pct", "inputs",
        "source_url", "grade", "as_of", "unit", "note")}


def _inputs(row: dict) -> str:
    """The publication's inputs in one cell: N, D, accelerators, peak, hours, power, PUE, grid;
    derived ones marked †."""
    derived = set(str(row.get("derived_inputs") or "").split(";")) if _known(row.get("derived_inputs")) else set()
    run = PublishedRun.from_row(row)
    parts = []

    def add(field: str, text: str) -> None:
        parts.append(text + (DERIVED if field in derived else ""))

    if run.params_b is not None:
        add("params_b", t("runs.in_params", n=show.fmt_figure(run.params_b * 1e9)))
    if run.tokens_b is not None:
        add("tokens_b", t("runs.in_tokens", n=show.fmt_figure(run.tokens_b * 1e9)))
    if _known(row.get("accelerator")):
        count = "" if run.accelerator_count is None else f"{show.fmt_number(run.accelerator_count)} × "
        parts.append(count + row["accelerator"] + (DERIVED if "accelerator_count" in derived else ""))
    if run.peak_tflops is not None:
        add("peak_tflops", t("runs.in_peak", n=show.fmt_number(run.peak_tflops, digits=numbers.digits_of(run.peak_tflops))))
    if run.hours is not None:
        add("hours", show.with_unit(show.fmt_number(run.hours, digits=numbers.digits_of(run.hours)), translate_unit("h", lang())))
    if run.accelerator_hours is not None:
        add("accelerator_hours", show.fmt_amount(run.accelerator_hours, "card-h"))
    if run.power_w is not None:
        add("power_w", f"{show.fmt_number(run.power_w)} W")
    if run.pue is not None:
        add("pue", f"PUE {show.fmt_number(run.pue, digits=numbers.digits_of(run.pue))}")
    if run.grid_kg_per_kwh is not None:
        add("grid_kg_per_kwh", f"{show.fmt_number(run.grid_kg_per_kwh, digits=numbers.digits_of(run.grid_kg_per_kwh, 4))} kg/kWh")
    return " · ".join(parts)


def _mfu_line(mfu, checks: list[RunCheck]) -> str:
    """One line: the reader's MFU (the training calculator's) against the runs' implied MFUs."""
    spread = mfu_range(checks)
    if spread is None:
        return t("runs.mfu_none")
    values = {"n": spread.n, "low": _percent(spread.low * 100), "median": _percent(spread.median * 100),
              "high": _percent(spread.high * 100)}
    if mfu is None or not 0 < mfu <= 1:  # the calculator says why; compare nothing impossible
        return t("runs.mfu_runs_only", **values)
    return t("runs.mfu_line", mfu=_percent(mfu * 100), position=t(f"runs.position_{spread.position(mfu)}"), **values)


def _amount(value: float, unit: str, digits: int | None = None) -> str:
    return show.fmt_amount(value, unit, DIGITS.get(unit, 0) if digits is None else digits)


def _percent(value) -> str:
    return t("common.na") if numbers.missing(value) else show.with_unit(show.fmt_figure(value, 1), "%")


def _known(cell) -> bool:
    return isinstance(cell, str) and cell != ""
