"""Every URL parameter of every page, fed bad values: wrong types, out of bounds, non-finite
numbers, very long strings, unicode, markup, SQL, path traversal and a sample of the Big List
of Naughty Strings.

The contract (atlas/ui/urlstate.py): a value the parameter cannot use is dropped from the URL and
replaced by the default, with one `st.warning` notice naming the parameter, the value (cut to
40 characters) and the reason; a usable value gets no notice. Nothing raises, and no
`st.error` appears except two on purpose: the calculators explain a usable but impossible
number (a negative load, PUE below 1: see `atlas.ui.energy_calculator.energy_params`), and the Data page's
SQL sandbox refuses a query with one of its fixed messages.

Each test opens one page with every parameter of a group set to the same bad value (each
parameter is read independently, so one run checks them all); `test_groups_cover_every_param`
keeps the groups in step with the Params the pages actually read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import pytest

from atlas.data.sandbox import MESSAGES as REFUSAL_CODES
from atlas.i18n import DEFAULT_LANG, LANGS, catalog, translate
from atlas.ui import urlstate
from atlas.ui.urlstate import MAX_LEN, Param
from tests.app.pages import open_fresh

# The parameters ------------------------------------------------------------------------------

ENERGY = tuple(p + f for p in ("", "b_") for f in ("it_mw", "pue", "price", "hours", "green", "grid", "pflops",
                                                   "w_per_pflops"))
PLACEMENT = ("workload", "load_mw", "run_hours", "budget_ms", "places", "ab_only", "fill")
CALC_FIELDS = {
    "training": ("params_b", "tokens_b", "pflops", "mfu", "card_pflops"),
    "inference": ("calls_per_day", "tokens_per_call", "peak_share", "machine_tps", "users_per_machine"),
    "traffic": ("vehicles", "delay_min", "peak_hours", "gain", "value_of_time", "maintenance_cny",
                "maintenance_saving"),
    "protein": ("complexes", "card_hours", "cards", "before_days"),
    "rnd": ("months_before", "months_after", "monthly_cost"),
    "inspection": ("events_per_day", "minutes_before", "speedup"),
    "multiplier": ("investment", "low", "high"),
}


@dataclass(frozen=True)
class Group:
    page: str
    context: dict[str, str]  # valid values that make the page read the group's parameters
    names: tuple[str, ...]  # the parameters fuzzed together
    calculators: bool = False  # a usable but impossible number gets the calculator's message


GROUPS = {
    "frame": Group("about", {}, ("lang", "present")),
    "map": Group("map", {"lang": "en"}, ("status", "hub", "cluster", "province", "precision", "min_pflops",
                                         "color", "measure", "layers", "tiles", "center")),
    "east-west": Group("east_west", {"lang": "en"}, PLACEMENT, calculators=True),
    "energy": Group("energy", {"lang": "en"}, ENERGY, calculators=True),
    "use-cases": Group("use_cases", {"lang": "en"}, tuple(f for fields in CALC_FIELDS.values() for f in fields),
                       calculators=True),
    "lab": Group("lab", {"lang": "en"}, ("calc", "scenarios")),
    **{f"lab-{key}": Group("lab", {"lang": "en", "calc": key, "scenarios": "3"},
                           tuple(p + f for p in ("", "s2_", "s3_") for f in fields), calculators=True)
       for key, fields in CALC_FIELDS.items()},
    "lab-energy": Group("lab", {"lang": "en", "calc": "energy"}, ENERGY, calculators=True),
    "lab-placement": Group("lab", {"lang": "en", "calc": "placement"}, PLACEMENT, calculators=True),
    "data": Group("data", {"lang": "en"}, ("table", "sql")),
    "story": Group("story", {"lang": "en"}, ("step",)),
}
PRIMARY = ("frame", "map", "east-west", "energy", "use-cases", "lab", "data", "story")
LAB_CALCS = tuple(g for g in GROUPS if g.startswith("lab-"))
EVERY_KIND = ("frame", "map", "data", "story")  # choice, choices, float, int, bool, str between them


# The values ----------------------------------------------------------------------------------

Value = Callable[[Param], str]


def first_choice_then(junk: str) -> Value:
    def value(p: Param) -> str:
        if p.kind == "choices":
            return f"{p.choices[0]},{junk}"
        if p.kind == "choice":
            return f"{p.choices[0]}{junk}"
        return f"1{junk}"
    return value


def upper(p: Param) -> str:
    return str(p.choices[0]).upper() if p.kind in ("choice", "choices") else "TRUE"


def beyond(bound: str) -> Value:
    """Just outside the parameter's bound (a number far out of range when it has none)."""
    def value(p: Param) -> str:
        limit = getattr(p, bound)
        if limit is None:
            return "-0.5" if bound == "min" else "1e7"
        return f"{limit - 1:.15g}" if bound == "min" else f"{limit + 1:.15g}"
    return value


def at_max(p: Param) -> str:
    """A usable edge value: the upper bound, the last choice, or a large plain number."""
    if p.kind in ("choice", "choices"):
        return str(p.choices[-1])
    if p.kind == "bool":
        return "false"
    return f"{p.max:.15g}" if p.max is not None else "1000000"


# Type and bound values: every group.
KIND_VALUES: dict[str, Value | str] = {
    "empty": "", "word": "abc", "negative": "-1", "zero": "0", "fraction": "2.5", "huge": "1e18",
    "tiny": "5e-324", "max-float": "1e308", "overflow-1e309": "1e309", "nan": "NaN", "inf": "inf",
    "minus-inf": "-Infinity", "hex": "0x10", "padded": " 1 ", "fullwidth-digits": "１２",
    "zero-width": "1\u200b", "valid-then-junk": first_choice_then("x"), "comma-only": ",", "upper-case": upper,
    "below-min": beyond("min"), "above-max": beyond("max"), "at-max": at_max,
}
# The calculator pages (the heaviest) skip the spellings that only test Python's number syntax.
CALC_PAGE_VALUES = tuple(v for v in KIND_VALUES if v not in ("padded", "fullwidth-digits", "hex", "comma-only",
                                                             "upper-case"))
# The calculators' numbers, on the lab's scenarios 1-3 (their path is the use-case page's).
LAB_VALUES = ("word", "negative", "zero", "tiny", "overflow-1e309", "nan", "above-max")

# Strings as a reader (or an attacker) might paste them: the groups that hold every kind.
DISPLAY_VALUES: dict[str, str] = {
    "long-10k": "A" * 10_000, "digits-2001": "1" * (MAX_LEN + 1), "digits-2000": "1" * MAX_LEN,
    "rtl-override": "\u202eevil\u202c", "arabic": "مرحبا بالعالم", "zero-width-joiners": "a\u200d\u200cb\ufeff",
    "emoji": "🔥💯👨‍👩‍👧", "cjk": "算力地图", "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>", "javascript-url": "javascript:alert(1)",
    "sql-drop": "1; DROP TABLE centers;--", "sql-or": "' OR '1'='1", "sql-select": "select * from centers",
    "path-traversal": "../../../../etc/passwd", "null-byte": "a\x00b", "newlines": "a\r\nb\n\nc",
    "percent-encoded": "%3Cscript%3E", "format-string": "{0}{name}%s%n",
}

# A sample of the Big List of Naughty Strings (MIT licence, Max Woolf),
# https://github.com/minimaxir/big-list-of-naughty-strings (blns.txt), one or two per section.
NAUGHTY_STRINGS = [
    "undefined",
    "null",
    "\\",
    "1/0",
    "0..0",
    "9" * 96,
    "1#INF",
    "0xffffffff",
    "1,000.00",
    "2.2250738585072011e-308",
    "!@#$%^&*()`~",
    "Ω≈ç√∫˜µ≤≥÷",
    "٠١٢٣٤٥٦٧٨٩",
    "１２３",
    "田中さんにあげて下さい",
    "사회과학원 어학연구소",
    "𠜎𠜱𠝹𠱓𠱸𠲖𠳏",
    "👩🏽",
    "🇺🇸🇷🇺🇸🇦",
    "ثم نفس سقطت وبالتحديد،, جزيرتي باستخدام أن دنو.",
    "\u202btest\u202b",
    "test\u2060test\u202b",
    "Ṱ̺̺̕o͞ ̷i̲̬͇̪͙n̝̗͕v̟̜̘̦͟o̶̙̰̠kè͚̮̺̪̹̱̤",
    "<svg><script>123<1>alert(123)</script>",
    "\"><script>alert(123)</script>",
    "<a href=\"\\x0Bjavascript:javascript:alert(1)\" id=\"fuzzelement1\">test</a>",
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    "1'; DROP TABLE users-- 1",
    "' OR 1=1 -- 1",
    "%",
    "$(touch /tmp/blns.fail)",
    "`touch /tmp/blns.fail`",
    "%*.*s",
    "../../../../../../../../../../../etc/passwd%00",
    "CON",
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><!DOCTYPE foo [ <!ELEMENT foo ANY >"
    "<!ENTITY xxe SYSTEM \"file:///etc/passwd\" >]><foo>&xxe;</foo>",
]
NAUGHTY_GROUPS = ("map", "data")  # every kind but int (story's step: see DISPLAY_VALUES)
VALUES: dict[str, Value | str] = {**KIND_VALUES, **DISPLAY_VALUES,
                                  **{f"blns-{i:02d}": s for i, s in enumerate(NAUGHTY_STRINGS)}}

# Bugs this fuzzing found (all fixed): the links that showed them stay as regression tests.
INF_CRASH = PFLOPS_CRASH = EMPTY_MAP_CRASH = ()
KNOWN_BUGS = {
    ("use-cases", "tiny"): INF_CRASH, ("use-cases", "max-float"): INF_CRASH, ("lab-protein", "tiny"): INF_CRASH,
    ("energy", "negative"): PFLOPS_CRASH, ("energy", "below-min"): PFLOPS_CRASH,
    ("lab-energy", "negative"): PFLOPS_CRASH,
    ("map", "at-max"): EMPTY_MAP_CRASH,
}
# The same bugs, each reduced to one link.
KNOWN_BUG_LINKS = [
    pytest.param("lab", {"calc": "multiplier", "investment": "1e308"}, marks=INF_CRASH, id="multiplier-inf"),
    pytest.param("lab", {"calc": "training", "pflops": "5e-324"}, marks=INF_CRASH, id="training-inf"),
    pytest.param("energy", {"pflops": "-1", "w_per_pflops": "1"}, marks=PFLOPS_CRASH, id="energy-negative-pflops"),  # noqa: E501
    pytest.param("map", {"min_pflops": "1000000"}, marks=EMPTY_MAP_CRASH, id="map-no-center-left"),
    pytest.param("map", {"status": "planned", "hub": "gansu", "precision": "FP64"}, marks=EMPTY_MAP_CRASH,
                 id="map-no-center-left-2"),
]


def cases():
    pairs = ([(g, v) for g in PRIMARY for v in (CALC_PAGE_VALUES if GROUPS[g].calculators else KIND_VALUES)]
             + [(g, v) for g in LAB_CALCS for v in LAB_VALUES]
             + [(g, v) for g in EVERY_KIND for v in DISPLAY_VALUES]
             + [(g, f"blns-{i:02d}") for g in NAUGHTY_GROUPS for i in range(len(NAUGHTY_STRINGS))])
    return [pytest.param(g, v, id=f"{g}-{v}", marks=KNOWN_BUGS.get((g, v), ())) for g, v in pairs]


def value_for(value_id: str, param: Param) -> str:
    value = VALUES[value_id]
    return value if isinstance(value, str) else value(param)


# What the page must show ----------------------------------------------------------------------


def shown(raw: str) -> str:
    """The value as a notice shows it: cut at 40 characters, whitespace runs as one space and
    backticks replaced, so that it cannot leave its code span."""
    cut = raw if len(raw) <= 40 else raw[:40] + "…"
    return " ".join(cut.split()).replace("`", "ˋ")


def notice(lang: str, name: str, raw: str, reason: str) -> str:
    return translate("frame.bad_param", lang, name=name, value=shown(raw), reason=reason)


def notice_head(lang: str, name: str = "") -> str:
    """The start of every notice (about `name`, if given): the template up to the value."""
    text = translate("frame.bad_param", lang, name=name or "\0", value="\0", reason="\0")
    return text.split("\0")[0]


def template_pattern(text: str) -> str:
    return re.sub(r"\\\{[^}]*\\\}", ".+", re.escape(text))


# A calculator's explanation of an impossible input: paragraphs of calc.err_* messages.
CALC_ERROR = re.compile("(?:{0})(?:\n\n(?:{0}))*".format("|".join(
    template_pattern(text) for key, text in catalog("en").items() if key.startswith("calc.err_"))), re.S)
REFUSALS = {translate(f"data.refused_{code}", "en") for code in REFUSAL_CODES}


@dataclass
class Read:
    """What one group's page reads from the URL, and its state with the context alone."""

    params: dict[str, Param]
    state: dict[str, object]


@pytest.fixture(scope="module")
def read():
    """Each group's Params, recorded as the page passes them to urlstate.read (one run each)."""
    found: dict[str, Read] = {}

    def get(group: str) -> Read:
        if group not in found:
            spec = GROUPS[group]
            seen: list[Param] = []
            real = urlstate.read

            def spy(params):
                seen.extend(params)
                return real(params)

            with pytest.MonkeyPatch.context() as mp:
                mp.setattr(urlstate, "read", spy)
                at = open_fresh(spec.page, spec.context)
            notices = [w.value for w in at.warning if w.value.startswith(tuple(notice_head(l) for l in LANGS))]
            assert not at.exception and not at.error and not notices, (group, at.error, notices)
            params = {p.name: p for p in seen}
            state = {k: at.session_state[k] for n in params for k in (f"url_{n}", n) if k in at.session_state}
            found[group] = Read(params, state)
        return found[group]

    return get


@pytest.mark.parametrize("group", list(GROUPS))
def test_group_names_are_read_by_its_page(read, group):
    spec = GROUPS[group]
    assert set(spec.names) <= set(read(group).params)


@pytest.mark.parametrize("page", sorted({g.page for g in GROUPS.values()}))
def test_every_param_a_page_reads_is_fuzzed(read, page):
    """Every Param the page passes to urlstate.read (in each group's context) is in a group."""
    fuzzed = {n for g in GROUPS.values() for n in g.names if g.page == page} | set(GROUPS["frame"].names)
    reads = {n for name, g in GROUPS.items() if g.page == page for n in read(name).params}
    assert reads - fuzzed == set()


def lang_of(values: dict[str, str]) -> str:
    raw = values.get("lang")
    return raw if raw in LANGS else DEFAULT_LANG


@pytest.mark.parametrize(("group", "value_id"), cases())
def test_bad_url_value_falls_back_with_a_notice(read, group, value_id):
    spec, info = GROUPS[group], read(group)
    values = {name: value_for(value_id, info.params[name]) for name in spec.names}
    at = open_fresh(spec.page, {**spec.context, **values})
    assert not at.exception, [e.value for e in at.exception]

    lang = lang_of({**spec.context, **values})
    warnings = [w.value for w in at.warning]
    accepted, refused = {}, {}
    for name, raw in values.items():
        try:
            accepted[name] = info.params[name].parse(raw)
        except ValueError as exc:
            refused[name] = str(exc)
    for name, reason in refused.items():
        # One notice, naming the parameter, the value as given (cut to 40 characters) and why.
        assert [w for w in warnings if w.startswith(notice_head(lang, name))] == [notice(lang, name, values[name], reason)]
        assert at.query_params.get(name) != raw  # gone from the URL (or replaced by what is shown) ...
        for key in (f"url_{name}", name):  # ... and its widget (or frame state) is at the default
            if key in info.state:
                assert at.session_state[key] == info.state[key], key
    for name in accepted:
        assert not [w for w in warnings if w.startswith(notice_head(lang, name))], name
    assert len([w for w in warnings if w.startswith(notice_head(lang))]) == len(refused)

    for error in (e.value for e in at.error):
        if spec.calculators and accepted and CALC_ERROR.fullmatch(error):
            continue  # a usable number the calculator explains (e.g. "IT load cannot be negative.")
        if group == "data" and "sql" in accepted and error in REFUSALS:
            continue  # the sandbox refused the query with its fixed message
        pytest.fail(f"unexpected error: {error!r}")


@pytest.mark.parametrize(("page", "params"), KNOWN_BUG_LINKS)
def test_usable_link_draws_its_page(page, params):
    at = open_fresh(page, {"lang": "en", **params})
    assert not at.exception
    assert not [w.value for w in at.warning if w.value.startswith(notice_head("en"))]  # every value is usable
    # An impossible input (a negative capacity) is explained by the calculator; nothing else errs.
    expected = ["Capacity cannot be negative."] if params.get("pflops") == "-1" else []
    assert [e.value for e in at.error] == expected


# The notice's value is Markdown inline code: it must stay one code span ------------------------

BREAKOUT = {
    "backtick-link": "`[Sign in again](https://evil.example/login)`",
    "backtick-image": "`![](https://evil.example/pixel.png)",
    "blank-line-heading": "x\n\n# Your session expired",
}


@pytest.mark.parametrize("value", BREAKOUT.values(), ids=BREAKOUT.keys())
def test_notice_keeps_the_value_inside_one_code_span(value):
    at = open_fresh("story", {"lang": "en", "step": value})
    text = next(w.value for w in at.warning if w.value.startswith(notice_head("en", "step")))
    head = notice_head("en", "step")  # "The link's value `step="
    # The whole value stays inside the code span: its backticks and line breaks are neutralised,
    # so the span ends where the notice's own text goes on.
    in_code, after = text[len(head):].split("`", 1)
    assert in_code == shown(value)
    assert after.startswith(" could not be used")


# The URL contract without Streamlit: the tricky spellings --------------------------------------

FLOAT = Param("x", "float", 1.0)
INT = Param("n", "int", 1, min=1, max=8)


@pytest.mark.parametrize(("param", "raw", "expected"), [
    (FLOAT, "NaN", None), (FLOAT, "inf", None), (FLOAT, "-Infinity", None), (FLOAT, "1e309", None),
    (FLOAT, "1" * 400, None),  # float() of 400 digits is inf
    (FLOAT, "1e308", 1e308), (FLOAT, "5e-324", 5e-324), (FLOAT, "-0", 0.0), (FLOAT, "0x10", None),
    (FLOAT, "1,5", None), (FLOAT, "1\u200b", None), (FLOAT, "", None),
    # Python's own number syntax, which the URL contract inherits: harmless, noted in the report.
    (FLOAT, " 1 ", 1.0), (FLOAT, "１２", 12.0), (FLOAT, "٣", 3.0), (FLOAT, "1_000", 1000.0),
    (INT, "2.0", None), (INT, "0", None), (INT, "9", None), (INT, "3", 3), (INT, "+3", 3), (INT, "٣", 3),
    (INT, "1" * 2000, None), (INT, "1" * (MAX_LEN + 1), None),
])
def test_number_spellings(param, raw, expected):
    if expected is None:
        with pytest.raises(ValueError):
            param.parse(raw)
    else:
        assert param.parse(raw) == expected
