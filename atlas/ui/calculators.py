"""The calculators of `atlas.ui.calculator_specs` on a page: inputs bound to the URL, results as
labelled metrics, the formula, up to three scenarios side by side, and a clear message instead of
a result for impossible input. Each runs in an `st.fragment`, so changing an input reruns only
its calculator. The energy and placement calculators, with inputs of their own, are in
`atlas.ui.energy_calculator` and `atlas.ui.placement`; they share `input_error`.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from atlas.calc.inputs import InputError
from atlas.calc.training import TrainingResult
from atlas.i18n import translate_unit
from atlas.ui import briefs, show
from atlas.ui.calculator_specs import (
    CALCULATORS,
    EXAMPLE,
    READER,
    ArticleClaim,
    Calculator,
    Field,
)
from atlas.ui.shell import fragment, lang, read_params, t
from atlas.ui.urlstate import Param, bound_widget


def input_error(error: InputError, calc_key: str | None = None) -> str:
    """The reader's message for an impossible input: which input, and why."""
    field = t(f"calc.{calc_key}.{error.field}") if calc_key else t(f"calc.field_{error.field}")
    return t(f"calc.err_{error.code}", field=field, **error.limits)


def default_source(calc: Calculator, field: Field) -> str:
    """Where a calculator's default comes from, in the reader's language."""
    source = field.source
    if isinstance(source, ArticleClaim):
        return t("calc.source.article", n=source.number)
    if source is READER:
        return t("calc.source.reader")
    if source is EXAMPLE:
        return t("calc.source.example")
    return t(f"calc.{calc.key}.{field.name}_source")  # a Reference


# Any calculator of the list (atlas.ui.calculator_specs.CALCULATORS), in up to three scenarios

SCENARIO_PREFIXES = ("", "s2_", "s3_")


def training_check() -> TrainingResult:
    """The training calculator at its defaults: the article's 3B model on the 300P center."""
    calc = CALCULATORS["training"]
    return calc.run(**{f.name: f.default for f in calc.fields})


def calc_params(calc: Calculator, prefix: str = "") -> list[Param]:
    """A calculator's URL parameters: its public field names, with a prefix for scenarios 2 and 3."""
    return [Param(prefix + f.name, "float", f.default) for f in calc.fields]


def scenario(calc: Calculator, prefix: str = "", *, compact: bool = False):
    """Inputs (bound to the URL), then the results as metrics or the reason there are none.
    Returns the result, or None when an input is missing or impossible."""
    params = calc_params(calc, prefix)
    url = read_params(params)
    values = {}
    for field, param in zip(calc.fields, params):
        values[field.name] = bound_widget(
            param, url[param.name], st.number_input, label=t(f"calc.{calc.key}.{field.name}"),
            step=field.step, help=t("calc.field_source", source=default_source(calc, field)), format=_format(field.step))
    missing = [f.name for f in calc.fields if values[f.name] is None and not f.optional]
    if missing:
        st.info(t("calc.enter_values", fields=", ".join(t(f"calc.{calc.key}.{m}") for m in missing)),
                icon=":material/edit:")
        return None
    errors = calc.validate(**values)
    if errors:
        st.error("\n\n".join(input_error(e, calc.key) for e in errors), icon=":material/error:")
        return None
    result = calc.run(**values)
    for output in calc.outputs:
        value = getattr(result, output.name)
        st.metric(t(f"calc.{calc.key}.out.{output.name}"), show.fmt_amount(value, output.unit, output.digits))
    return result


def _format(step: float) -> str:
    return "%.0f" if step >= 1 else "%.2f" if step >= 0.01 else "%.4f"


@fragment
def calculator(calc: Calculator, *, scenarios: int = 1, key: str = "", link_page: str | None = None,
               footer: Callable[[], None] | None = None) -> None:
    """A calculator with its formula and 1–3 scenarios side by side; from the second on, each
    result shows its difference from the first. With `link_page`, each scenario gets a link
    that opens it alone (its inputs under the public names). `footer` draws more below it in
    the same fragment, so what it shows follows the inputs as they change (the lab's line that
    sets the reader's MFU against the published runs')."""
    st.latex(calc.formula)
    st.caption(t("calc.assumptions") + " " + " · ".join(
        f"{t(f'calc.{calc.key}.{f.name}')}: {t('common.na') if f.default is None else f'{f.default:g}'} ({default_source(calc, f)})"
        for f in calc.fields))
    cols = st.columns(scenarios)
    results, given = [], []
    for col, prefix in zip(cols, SCENARIO_PREFIXES[:scenarios]):
        with col:
            if scenarios > 1:
                st.markdown(f"**{t('calc.scenario_n', n=SCENARIO_PREFIXES.index(prefix) + 1)}**")
            results.append(scenario(calc, prefix))
            inputs = {f.name: st.session_state.get(f"url_{prefix}{f.name}") for f in calc.fields}
            given.append(inputs)
            if link_page:
                st.page_link(link_page, label=t("calc.scenario_link"), icon=":material/link:", query_params={
                    "lang": lang(), "calc": calc.key, **{k: f"{v:.10g}" for k, v in inputs.items() if v is not None}})
    if scenarios > 1 and results[0] is not None:
        st.markdown(f"**{t('calc.differences')}**")
        rows, written = [], []
        for n, result in enumerate(results[1:], 2):
            if result is None:
                continue
            for output in calc.outputs:
                a, b = getattr(results[0], output.name), getattr(result, output.name)
                if a is None or b is None:
                    continue
                rows.append({"scenario": f"{n} − 1", "output": t(f"calc.{calc.key}.out.{output.name}"),
                             "difference": b - a, "unit": translate_unit(output.unit, lang()),
                             "ratio": f"{b / a:.2f}×" if a else t("common.na")})
                written.append(show.fmt_amount(b - a, output.unit, output.digits, sign=True))
        if rows:
            show.table(pd.DataFrame(rows), key=f"{key}_diff", static=True,
                       title=f"{t(f'calc.{calc.key}.title')} · {t('calc.differences')}", columns={
                "scenario": t("calc.col_scenario"), "output": t("calc.col_output"),
                "difference": t("calc.col_difference"), "unit": t("calc.col_unit"), "ratio": t("calc.col_ratio")},
                       formats={"difference": written})
    if results[0] is not None:  # the brief of what is on screen: every scenario with a result
        briefs.button(briefs.calculator_brief(calc, given, results, lambda f: default_source(calc, f)),
                      calc.key, key=f"{key}_{calc.key}_brief")
    if footer is not None:
        footer()
