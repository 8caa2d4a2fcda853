"""Test that URL values parse to typed state and bad ones fall back to defaults with a notice."""

import pytest

from atlas.params import Notice, Param, parse

SPEC = [
    Param("lang", "choice", "zh-Hans", choices=("zh-Hans", "zh-Hant", "en")),
    Param("status", "choices", (), choices=("operating", "under_construction", "planned")),
    Param("min_pflops", "float", 0.0, min=0, max=1_000_000),
    Param("step", "int", 1, min=1, max=8),
    Param("present", "bool", False),
    Param("sql", "str", ""),
]
DEFAULTS = {"lang": "zh-Hans", "status": (), "min_pflops": 0.0, "step": 1, "present": False, "sql": ""}


def test_missing_parameters_take_defaults_silently():
    assert parse({}, SPEC) == (DEFAULTS, [])


def test_good_values_are_typed():
    values, notices = parse({"lang": "en", "status": "planned,operating,planned", "min_pflops": "100",
                             "step": "3", "present": "1", "sql": "select 1"}, SPEC)
    assert notices == []
    assert values == {"lang": "en", "status": ("planned", "operating"), "min_pflops": 100.0,
                      "step": 3, "present": True, "sql": "select 1"}


@pytest.mark.parametrize(("name", "raw", "reason"), [
    ("lang", "fr", "expected one of zh-Hans, zh-Hant, en"),
    ("lang", "<script>alert(1)</script>", "expected one of zh-Hans, zh-Hant, en"),
    ("status", "operating,closed", "expected some of operating, under_construction, planned"),
    ("status", ",", "expected some of operating, under_construction, planned"),
    ("min_pflops", "abc", "expected a number"),
    ("min_pflops", "nan", "expected a finite number"),
    ("min_pflops", "inf", "expected a finite number"),
    ("min_pflops", "-5", "expected a value from 0 to 1e+06"),
    ("step", "2.5", "expected a number"),
    ("step", "9", "expected a value from 1 to 8"),
    ("step", "9" * 400, "expected a value from 1 to 8"),
    ("present", "yes", "expected 1 or 0"),
    ("sql", "x" * 2001, "too long"),
])
def test_bad_value_falls_back_to_default_with_notice(name, raw, reason):
    values, notices = parse({name: raw}, SPEC)
    assert values == DEFAULTS
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    assert notices == [Notice(name, shown, reason)]


def test_unknown_parameters_are_ignored():
    assert parse({"utm_source": "x", "lang": "en"}, SPEC) == ({**DEFAULTS, "lang": "en"}, [])
