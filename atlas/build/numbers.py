"""Numbers as the reader reads them: figures with their qualifier, table cells, a use case's
before → after, a calculator's result. Pure: the language is an argument (the UI passes the
reader's; builders and the load harness pass theirs).
"""

from __future__ import annotations

import math

import pandas as pd

from atlas.i18n import to_hant, translate, translate_unit

SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def fmt_number(value, qualifier: str | None = None, digits: int = 0, *, lang: str) -> str:
    """`>50,000`, `≈1.9`, or n/a for a missing value."""
    if missing(value):
        return translate("common.na", lang)
    prefix = qualifier if isinstance(qualifier, str) else ""
    return f"{prefix}{value:,.{digits}f}"


def fmt_value(value, qualifier=None, digits: int = 0, note: str | None = None, unit: str = "",
              claim: str | None = None, bare_flag: bool = False, *, lang: str) -> str:
    """A figure for a table cell: qualifier, number, unit, an optional note in brackets, and a
    flag when the figure is only the article's (the page explains the flag). `bare_flag`: the
    flag without its word, for a chart's bar label (its source line says what ⚑ means), where
    the word pushed the label past the chart's edge in half-page columns."""
    if value is None or pd.isna(value):
        return translate("common.na", lang)
    text = fmt_number(value, qualifier, digits, lang=lang) + unit
    if note:
        text += f" ({note})"
    if isinstance(claim, str) and claim:
        text += " " + ("⚑" if bare_flag else translate("show.article_flag", lang))
    return text


def fmt_before_after(row: dict, *, lang: str) -> str:
    """A use case's figure: "36 → 28 months", "≈6 months", "−45 %", or n/a when the article
    gives no number (e.g. "millimetre-level")."""
    def num(value) -> str | None:
        if value is None or pd.isna(value):
            return None
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")

    unit = row["unit"] if isinstance(row["unit"], str) else ""
    signed = unit == "% change"
    unit = "%" if signed else translate_unit(unit, lang)
    before, after = num(row["before"]), num(row["after"])
    qualifier = row["qualifier"] if isinstance(row["qualifier"], str) else ""
    if after is not None:
        after = qualifier + ("+" if signed and row["after"] > 0 else "") + after.replace("-", "−")
        text = f"{before} → {after}" if before is not None else after
    elif before is not None:
        text = f"{translate('uc.before', lang)} {qualifier}{before}"
    else:
        return translate("common.na", lang)
    return f"{text}{unit}" if unit.startswith("/") else f"{text} {unit}".strip()  # "1,000,000/day"


def fmt_result(value: float, digits: int, *, lang: str) -> str:
    """A calculator's result: thousands separators, or powers of ten beyond a trillion
    (1.08 × 10²¹ FLOPs); a result too large for a float (e.g. from 1e308 in a link) shows as
    n/a, not as a crash."""
    if not math.isfinite(value):
        return translate("common.na", lang)
    if abs(value) >= 1e12:
        mantissa, exponent = f"{value:.2e}".split("e")
        return f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"
    return f"{value:,.{digits}f}"


def claim_text(claim: dict, lang: str) -> str:
    """What the article says, in the reader's language (its own words in Chinese)."""
    if lang == "en":  # the English value alone ("90% lower") needs what it is about
        about = ", ".join(claim[k] for k in ("entity_en", "metric_en") if isinstance(claim.get(k), str))
        return f"{about}: {claim['value_text_en']}" if about else claim["value_text_en"]
    return to_hant(claim["article_text_zh"]) if lang == "zh-Hant" else claim["article_text_zh"]
