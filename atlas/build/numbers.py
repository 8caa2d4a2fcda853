"""Numbers as the reader reads them: figures with their qualifier, table cells, a use case's
before → after, a calculator's result, an amount with its unit. Pure: the language is an
argument (the UI passes the reader's; builders and the load harness pass theirs).

Digits, grouping, decimal mark and the compact forms come from CLDR through Babel, not from
hand-written suffixes: Chinese counts in 万 (10⁴) and 亿 (10⁸), so an amount from 1万 up is
written 3784万元 or 1.05亿千瓦时 (CLDR's zh pattern: no grouping inside the 万 figure, no space
before the magnitude or a Chinese unit word, as in CLDR's zh unit patterns, e.g. 12千瓦时);
English from a million up is 37.84M CNY, 2.5B CNY (CLDR en: K/M/B/T, with English's plain
grouping below a million). 繁體 follows CLDR zh_Hant (萬/億), the Taiwan forms that the
OpenCC s2tw text of the zh-Hant pages uses. Beyond a trillion a figure is written with a power
of ten (1.08 × 10²¹), as before.
"""

from __future__ import annotations

import math
import unicodedata
from functools import cache

import pandas as pd
from babel.numbers import format_compact_decimal, get_decimal_symbol, get_group_symbol

from atlas.i18n import to_hant, translate, translate_unit

SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
LOCALES = {"en": "en", "zh-Hans": "zh_Hans_CN", "zh-Hant": "zh_Hant_TW"}  # app language → CLDR locale
COMPACT_FROM = {"en": 1e6, "zh-Hans": 1e4, "zh-Hant": 1e4}  # 1 million; 1万
SCIENTIFIC_FROM = 1e12
MINUS = "−"  # U+2212, the minus sign, not a hyphen


def missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def separators(lang: str) -> str:
    """The decimal mark and the grouping separator of `lang` (CLDR), as Plotly's `separators`."""
    return get_decimal_symbol(LOCALES[lang]) + get_group_symbol(LOCALES[lang])


@cache
def _symbols(lang: str) -> dict[str, str]:
    decimal, group = separators(lang)
    return str.maketrans({",": group, ".": decimal})


def plain(value: float, digits: int = 0, *, lang: str) -> str:
    """`value` with `digits` decimals and the locale's grouping and decimal mark, no sign
    handling (Python's rounding, so figures read the same as before Babel)."""
    return f"{value:,.{digits}f}".translate(_symbols(lang))


def fmt_figure(value, digits: int = 0, *, lang: str, sign: bool = False) -> str:
    """A computed figure in the reader's language: plain below the language's compact threshold
    (9,999 / 999,999), then 万/亿 or M/B, then a power of ten from a trillion on; a minus sign
    (−) for negatives, `+` for positives when `sign`; n/a for a missing or non-finite value.
    `digits`: decimals of a plain figure; a compact one shows up to two (none from 1000万 on:
    four digits already)."""
    if missing(value) or not math.isfinite(value):
        return translate("common.na", lang)
    size = abs(value)
    if size >= SCIENTIFIC_FROM:
        mantissa, exponent = f"{size:.2e}".split("e")
        body = f"{mantissa.translate(_symbols(lang))} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"
    elif size >= COMPACT_FROM[lang]:
        body = format_compact_decimal(size, locale=LOCALES[lang], fraction_digits=2)
        if len(body.split(get_decimal_symbol(LOCALES[lang]))[0].rstrip("万萬亿億")) >= 4:
            body = format_compact_decimal(size, locale=LOCALES[lang], fraction_digits=0)
    else:
        body = plain(size, digits, lang=lang)
    if not any(c in "123456789" for c in body):  # rounds to zero: no sign
        return body
    return (MINUS if value < 0 else "+" if sign else "") + body


def exact_compact(value: float, lang: str) -> bool:
    """Whether `fmt_figure` writes `value` compactly and without rounding it (20,000 → 2万,
    1,000,000 → 1M): a cited figure may take the short form only when it loses nothing."""
    size = abs(float(value))
    if not COMPACT_FROM[lang] <= size < SCIENTIFIC_FROM:
        return False
    steps = (1e4, 1e8) if lang != "en" else (1e6, 1e9)
    mantissa = size / (steps[1] if size >= steps[1] else steps[0])
    return round(mantissa, 0 if mantissa >= 1000 else 2) == mantissa


def with_unit(figure: str, unit_word: str, *, lang: str) -> str:
    """A figure and its unit word: "12 h", "1,000,000/day", and in Chinese no space before a
    Chinese word (CLDR's zh unit patterns: 12小时, 3784万元)."""
    if not unit_word:
        return figure
    if unit_word.startswith("/") or (lang != "en" and unicodedata.name(unit_word[0], "").startswith("CJK")):
        return figure + unit_word
    return f"{figure} {unit_word}"


def fmt_amount(value, unit: str = "", *, lang: str, digits: int = 0, sign: bool = False) -> str:
    """An amount with its unit in the reader's language: `unit` is the base unit's key
    ('CNY', 'kWh', 't', 'tCO2', 'FLOP', 'card-h'...; its words in locales/*.toml [unit]), so
    37,843,200 CNY reads 3784万元 / 3784萬元 / 37.84M CNY, 105,120,000 kWh 1.05亿千瓦时 /
    1.05億千瓦時 / 105.12M kWh; n/a alone when there is no figure."""
    figure = fmt_figure(value, digits, lang=lang, sign=sign)
    if figure == translate("common.na", lang):
        return figure
    return with_unit(figure, translate_unit(unit, lang) if unit else "", lang=lang)


def fmt_number(value, qualifier: str | None = None, digits: int = 0, *, lang: str) -> str:
    """A cited figure: `>50,000`, `≈1.9`, `>10万` (the short form only when it loses no digit),
    or n/a for a missing value."""
    if missing(value):
        return translate("common.na", lang)
    prefix = qualifier if isinstance(qualifier, str) else ""
    if exact_compact(value, lang):
        return prefix + fmt_figure(value, lang=lang).replace(MINUS, "-")
    return prefix + plain(value, digits, lang=lang)


def digits_of(value, most: int = 2) -> int:
    """The decimals a cited figure is written with: none for a whole number, else as many as it
    has, up to `most` (PUE 1.3 → 1, 1.25 → 2; a rounding error like 1.2999999 → 2)."""
    if missing(value) or float(value).is_integer():
        return 0
    return len(f"{float(value):.{most}f}".rstrip("0").split(".")[1])


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
        if exact_compact(value, lang):  # 3,000,000,000 parameters: 30亿 / 3B, as the article writes it
            return fmt_figure(abs(value), lang=lang)
        return plain(value, 0, lang=lang) if float(value).is_integer() else plain(value, 2, lang=lang).rstrip("0")

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
    return with_unit(text, unit, lang=lang)  # "1M/day", "36 → 28个月"


def fmt_result(value: float, digits: int, *, lang: str) -> str:
    """A calculator's result: `fmt_figure` (3784万 / 37.84M, 1.08 × 10²¹; a result too large for
    a float, e.g. from 1e308 in a link, shows as n/a, not as a crash)."""
    return fmt_figure(value, digits, lang=lang)


def claim_text(claim: dict, lang: str) -> str:
    """What the article says, in the reader's language (its own words in Chinese)."""
    if lang == "en":  # the English value alone ("90% lower") needs what it is about
        about = ", ".join(claim[k] for k in ("entity_en", "metric_en") if isinstance(claim.get(k), str))
        return f"{about}: {claim['value_text_en']}" if about else claim["value_text_en"]
    return to_hant(claim["article_text_zh"]) if lang == "zh-Hant" else claim["article_text_zh"]
