"""Carbon by method: one compute job, three published methods side by side (this product's,
Green Algorithms', ML CO2 Impact's), on an MEE/NBS grid factor chosen from the data, each
input bound to the URL."""

from __future__ import annotations

import streamlit as st

from atlas.calc.carbon import (
    GA_DEFAULT_PSF,
    GA_DEFAULT_PUE,
    GA_MEMORY_W_PER_GB,
    Methods,
    carbon_by_method,
    validate_methods,
)
from atlas.calc.inputs import InputError
from atlas.ui import briefs, show
from atlas.ui.calculators import input_error
from atlas.ui.shell import fragment, localize, query, read_params, t
from atlas.ui.urlstate import Param, bound_widget

# Defaults, each from a cited source (named in the widget's help and in the sources below):
# 8 × A100 SXM4 80 GB at 400 W (ML CO2 Impact's gpus.csv) for 100 h (its form's default hours);
# 12 cores at 12 W each ("Any" CPU) and 64 GB (Green Algorithms' form defaults); usage 1, PUE
# 1.56, PSF 1 (Green Algorithms' defaults); PUE 1.47, the national average of mid-2024
# (gsdjw-b9a6); green share 0.8, the 2025 goal for new data centers in the hub nodes
# (green_power: hub-new-dc-green-target-2025, feheadline-3b7e); the newest national factor.
DEFAULTS = {"gpus": 8.0, "gpu_w": 400.0, "job_h": 100.0, "cores": 12.0, "core_w": 12.0, "mem_gb": 64.0,
            "usage": 1.0, "dc_pue": 1.47, "green_share": 0.8, "ga_pue": GA_DEFAULT_PUE, "psf": GA_DEFAULT_PSF}
DEFAULT_FACTOR = "national-average-2023"
BASES = ("location", "market")
SOURCES = {"ga": "github-greenalgorithms-9c48", "mlco2": "github-mlco2-3d9b", "pue": "gsdjw-b9a6",
           "green": "feheadline-3b7e"}
# Widgets: the URL name, its step and display format.
JOB = (("gpus", 1.0, "%.0f"), ("gpu_w", 10.0, "%.0f"), ("job_h", 1.0, "%.1f"), ("cores", 1.0, "%.0f"),
       ("core_w", 0.5, "%.1f"), ("mem_gb", 1.0, "%.0f"), ("usage", 0.05, "%.2f"))
SITE = (("dc_pue", 0.01, "%.2f"), ("green_share", 0.05, "%.2f"))
GA = (("ga_pue", 0.01, "%.2f"), ("psf", 1.0, "%.0f"))


def carbon_params(factor_ids: tuple[str, ...]) -> list[Param]:
    """Every input's URL parameter. Any finite number is accepted from the URL: the calculator
    explains what is impossible rather than silently replacing it; the factor and the basis
    must be among their choices (a bad one falls back with a notice)."""
    default = DEFAULT_FACTOR if DEFAULT_FACTOR in factor_ids else factor_ids[0]
    return ([Param(name, "float", value) for name, value in DEFAULTS.items()]
            + [Param("factor", "choice", default, choices=factor_ids),
               Param("basis", "choice", "location", choices=BASES)])


def factor_label(row: dict) -> str:
    """"Sichuan 2023 · 0.1564 kg/kWh (MEE/NBS, grade B)" in the reader's language."""
    return t("carbon.factor_option", name=localize(row), year=row["year"],
             factor=show.fmt_figure(row["factor_kg_per_kwh"], 4), grade=row["quality"])


@fragment
def carbon_methods() -> None:
    factors = query("grid_factor_choices")
    if factors is None:
        return
    st.header(t("calc.carbon.title"))
    st.markdown(t("carbon.intro"))
    rows = {row["id"]: row for row in factors.to_dict("records")}
    params = carbon_params(tuple(rows))
    P = {p.name: p for p in params}
    url = read_params(params)

    def number(name: str, step: float, fmt: str) -> float:
        return bound_widget(P[name], url[name], st.number_input, label=t(f"calc.carbon.{name}"), step=step,
                            format=fmt, help=t(f"carbon.help_{name}"))

    job, site, ga = st.columns(3)
    with job:
        st.markdown(f"**{t('carbon.job')}**")
        values = {name: number(name, step, fmt) for name, step, fmt in JOB}
    with site:
        st.markdown(f"**{t('carbon.site')}**")
        factor_id = bound_widget(P["factor"], url["factor"], st.selectbox, label=t("calc.carbon.factor"),
                                 options=tuple(rows), format_func=lambda key: factor_label(rows[key]),
                                 help=t("carbon.help_factor"))
        factor = rows[factor_id]
        show.source_line([factor["source_id"]], as_of=str(factor["year"]),
                         derived=t("carbon.published", date=factor["published"]))
        basis = bound_widget(P["basis"], url["basis"], st.segmented_control, label=t("calc.carbon.basis"),
                             options=BASES, format_func=lambda key: t(f"carbon.basis_{key}"),
                             help=t("carbon.help_basis")) or "location"
        values |= {name: number(name, step, fmt) for name, step, fmt in SITE}
    with ga:
        st.markdown(f"**{t('carbon.ga_settings')}**")
        values |= {name: number(name, step, fmt) for name, step, fmt in GA}
        st.caption(t("carbon.ga_memory", w=show.fmt_figure(GA_MEMORY_W_PER_GB, 4)))

    grid = float(factor["factor_kg_per_kwh"])
    args = dict(values, grid=grid)
    errors = validate_methods(**args)
    if errors:
        st.error("\n\n".join(_fault(e) for e in errors), icon=":material/error:")
        return
    m = carbon_by_method(**args)
    differences = _results(m, args, basis)
    written = [(t(f"calc.carbon.{name}"), show.fmt_figure(values[name], _digits(fmt))) for name, _, fmt in JOB + SITE + GA]
    written.insert(len(JOB), (t("calc.carbon.factor"), factor_label(factor)))
    written.insert(len(JOB) + 1, (t("calc.carbon.basis"), t(f"carbon.basis_{basis}")))
    briefs.button(briefs.carbon_brief(m, written, basis, differences,
                                      [factor["source_id"], *SOURCES.values()]), "carbon", key="carbon_brief")


def _digits(fmt: str) -> int:
    return int(fmt[2])  # "%.2f" → 2


def _fault(error: InputError) -> str:
    """The message for an impossible input, led by the input's name where the message does not
    name it (the PUE messages do not, and this calculator has two PUEs)."""
    message, field = input_error(error, "carbon"), t(f"calc.carbon.{error.field}")
    return message if field in message else t("carbon.fault", field=field, message=message)


def _results(m: Methods, args: dict, basis: str) -> list[str]:
    """The three results with their formulas and sources; returns the lines that explain the
    differences, as written on the page."""
    st.subheader(t("carbon.results"))
    st.caption(t("carbon.it_power", w=show.fmt_amount(m.it_w, "W", digits=1), grid=show.fmt_figure(args["grid"], 4)))
    # Three fixed-width boxes that wrap: side by side on a wide screen, one under the other on a
    # phone (columns would squeeze two formulas into half a phone's width and cut them off).
    row = st.container(horizontal=True, wrap=True, gap="small")
    product, ga, ml = (row.container(width=300) for _ in range(3))
    green = r" \times (1 - g)" if basis == "market" else ""
    with product:
        kg = m.product.market_kg if basis == "market" else m.product.location_kg
        other = m.product.location_kg if basis == "market" else m.product.market_kg
        st.metric(t(f"carbon.product_{basis}"), show.fmt_amount(kg, "kgCO2", digits=2))
        _formula(r"E = P_{IT} \times \mathrm{PUE} \times h \,/\, 1000", r"\mathrm{CO_2} = E" + green + r" \times f")
        st.caption(t("carbon.energy", kwh=show.fmt_amount(m.product.kwh, "kWh", digits=2)) + " · "
                   + t(f"carbon.other_{basis}", kg=show.fmt_amount(other, "kgCO2", digits=2)))
        defaults = t("carbon.product_defaults", pue=show.fmt_figure(DEFAULTS["dc_pue"], 2),
                     green=show.fmt_figure(DEFAULTS["green_share"], 1))
        show.source_line([SOURCES["pue"], SOURCES["green"]], derived=defaults)
    with ga:
        st.metric(t("carbon.ga"), show.fmt_amount(m.green_algorithms.kg, "kgCO2", digits=2))
        _formula(r"P = (n_c P_c u + n_m P_m) \times \mathrm{PUE}", r"E = h \times P \times \mathrm{PSF} \,/\, 1000",
                 r"\mathrm{CO_2} = E \times CI")
        st.caption(t("carbon.energy", kwh=show.fmt_amount(m.green_algorithms.kwh, "kWh", digits=2)))
        show.source_line([SOURCES["ga"]])
    with ml:
        st.metric(t("carbon.mlco2"), show.fmt_amount(m.ml_co2.kg, "kgCO2", digits=2))
        _formula(r"E = \mathrm{round_2}(\mathrm{TDP} \times h \,/\, 1000)",
                 r"\mathrm{CO_2} = \mathrm{round_2}(E \times CI)")
        st.caption(t("carbon.energy", kwh=show.fmt_amount(m.ml_co2.kwh, "kWh", digits=2)))
        show.source_line([SOURCES["mlco2"]])
    st.markdown(f"**{t('carbon.why')}**")
    lines = [_difference(d.code, d.values, d.ratio) for d in m.differences]
    st.markdown("\n".join(f"- {line}" for line in lines))
    st.caption(t("carbon.symbols"))
    return lines


def _formula(*lines: str) -> None:
    """A method's formula one step a line (power, energy, carbon), aligned on "=", so it fits a
    third of the page."""
    st.latex(r"\begin{aligned}" + r" \\ ".join(line.replace(" = ", " &= ", 1) for line in lines) + r"\end{aligned}")


def _difference(code: str, values: dict, ratio: float | None) -> str:
    """The one line that explains a difference, its figures in the reader's language: shares
    as percentages, the unrounded ML CO2 Impact figure to four decimals (the rounding shows)."""
    figures = {}
    for name, value in values.items():
        if name in ("left_out", "green_share"):
            figures[name] = t("carbon.pct", pct=show.fmt_figure(value * 100, 1))
        else:
            figures[name] = show.fmt_figure(value, 4 if name == "exact_kg" else 2)
    digits = 4 if code == "mlco2_rounding" else 3
    ratio_text = t("common.na") if ratio is None else f"×{show.fmt_figure(ratio, digits)}"
    return t(f"carbon.diff_{code}", ratio=ratio_text, **figures)
