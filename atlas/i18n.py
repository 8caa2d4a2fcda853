"""Translations: every visible string is `translate(key, lang)` from atlas/locales/<lang>.toml.

zh-Hans is written by hand and is the default; zh-Hant.toml is generated from it with OpenCC
by scripts/make_zh_hant.py (then reviewed); en is written by hand. Data names (centers, hubs,
cities) are stored in Simplified Chinese and English and converted to Traditional on the fly.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

LANGS = ("zh-Hans", "zh-Hant", "en")
DEFAULT_LANG = "zh-Hans"
LOCALE_DIR = Path(__file__).parent / "locales"


@cache
def catalog(lang: str) -> dict[str, str]:
    """The flat key -> text mapping of one locale (nested TOML tables joined with dots)."""
    with open(LOCALE_DIR / f"{lang}.toml", "rb") as fh:
        return _flatten(tomllib.load(fh))


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    flat = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def translate(key: str, lang: str, **values) -> str:
    """The text for `key` in `lang`, with `{name}` fields filled from `values`.

    A missing key raises KeyError: tests check that every locale has every key, so a miss
    here is a bug to see, not a string to paper over.
    """
    text = catalog(lang)[key]
    return text.format(**values) if values else text


@cache
def _converter():
    import opencc  # opencc-python-reimplemented: pure Python, tables shipped in the wheel

    return opencc.OpenCC("s2tw")


def to_hant(text: str) -> str:
    """Simplified -> Traditional Chinese (OpenCC s2tw: Taiwan standard characters, as the source article uses)."""
    return _converter().convert(text)


def unit_key(unit: str) -> str:
    """The locale key of a dataset's unit: `unit.` and the unit with each run of non-letters as
    "_" ("calls/day" -> "unit.calls_day"); symbols such as % and PFLOPS have no entry."""
    return "unit." + re.sub(r"[^a-z0-9]+", "_", unit.lower()).strip("_")


def translate_unit(unit: str, lang: str) -> str:
    """A dataset's or calculator's unit in `lang`; a symbol such as % or PFLOPS stays as it is."""
    return catalog(lang).get(unit_key(unit), unit)


def localized(row, field: str, lang: str) -> str:
    """A data row's name in the chosen language: `<field>_en`, or `<field>_zh` (converted for
    zh-Hant); either falls back to the other, and a row with neither gives ""."""
    zh, en = (row.get(f"{field}_{suffix}") for suffix in ("zh", "en"))
    zh = zh if isinstance(zh, str) and zh else None
    en = en if isinstance(en, str) and en else None
    if lang == "en":
        return en or zh or ""
    if zh:
        return to_hant(zh) if lang == "zh-Hant" else zh
    return en or ""


class Words:
    """`translate` and `localized` bound to one language: what a builder that is handed the
    language calls `t(key)` and `t.localize(row)`."""

    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, key: str, **values) -> str:
        return translate(key, self.lang, **values)

    def localize(self, row, field: str = "name") -> str:
        return localized(row, field, self.lang)
