"""URL parameters fed bad values: property tests of the parser, one page-level case per page and
kind of bad value, and every bug this fuzzing has found, kept as a named case.

The contract (atlas/ui/urlstate.py): a value the parameter cannot use is dropped from the URL and
replaced by the default, with one `st.warning` notice naming the parameter, the value (cut to
40 characters) and the reason; a usable value gets no notice. Nothing raises, and no
`st.error` appears except two on purpose: the calculators explain a usable but impossible
number (a negative load, PUE below 1: see `atlas.ui.energy_calculator.energy_params`), and the Data page's
SQL sandbox refuses a query with one of its fixed messages.

`Param.parse` and `parse()` are pure, so the many spellings of a bad value are property tests
of them (hypothesis; no Streamlit). A page only has to pass the parser's verdict on, so each
page gets one AppTest case per kind of bad value, with every parameter of a group set to that
value (each parameter is read independently, so one run checks them all).
`test_every_param_a_page_reads_is_fuzzed` keeps the groups in step with the Params the pages
actually read.
"""

from __future__ import annotations

import math
import re
import string
from dataclasses import dataclass
from typing import Callable

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from atlas.data.sandbox import MESSAGES as REFUSAL_CODES
from atlas.i18n import DEFAULT_LANG, LANGS, catalog, translate
from atlas.params import MAX_LEN, Notice, Param, parse
from atlas.ui import urlstate
from tests.app.pages import open_fresh

# The parameters ------------------------------------------------------------------------------

ENERGY = tuple(p + f for p in ("", "b_") for f in ("it_mw", "pue", "price", "hours", "green", "grid", "pflops",
                                                   "w_per_pflops"))
PLACEMENT = ("workload", "load_mw", "run_hours", "budget_ms", "places", "ab_only", "fill")
CARBON = ("gpus", "gpu_w", "job_h", "cores", "core_w", "mem_gb", "usage", "dc_pue", "green_share", "ga_pue", "psf",
          "factor", "basis")
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
                                         "color", "measure", "layers", "tiles", "center", "year", "compare")),
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
    "lab-carbon": Group("lab", {"lang": "en", "calc": "carbon"}, CARBON, calculators=True),
    "data": Group("data", {"lang": "en"}, ("table", "sql")),
    "story": Group("story", {"lang": "en"}, ("step",)),
}
LAB_GROUPS = tuple(g for g in GROUPS if g == "lab" or g.startswith("lab-"))


# The kinds of bad value ------------------------------------------------------------------------

Value = Callable[[Param], str]


def first_choice_then(junk: str) -> Value:
    def value(p: Param) -> str:
        if p.kind == "choices":
            return f"{p.choices[0]},{junk}"
        if p.kind == "choice":
            return f"{p.choices[0]}{junk}"
        return f"1{junk}"
    return value


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


# One value per kind: each page gets one case per kind (PAGE_CASES).
KINDS: dict[str, Value | str] = {
    "wrong-type": "abc",
    "empty": "",
    "negative": "-1",
    "out-of-bounds": beyond("max"),
    "non-finite": "NaN",
    "extreme-number": "1e308",  # usable where a number has no bound: results may overflow
    "usable-edge": at_max,
    "valid-then-junk": first_choice_then("x"),
    "too-long": "1" * (MAX_LEN + 1),
    "markup": "<script>alert(1)</script>",
    "unicode-controls": "\u202eevil\u202c\u200d\ufeff",
    "breaks-and-backticks": "a`\r\n\nb",
}

# The values of the bugs this fuzzing found (REGRESSIONS), by their original names.
FOUND: dict[str, Value | str] = {
    "tiny": "5e-324", "max-float": "1e308", "negative": "-1", "below-min": beyond("min"), "at-max": at_max,
}


def value_for(value: Value | str, param: Param) -> str:
    return value if isinstance(value, str) else value(param)


def page_cases():
    """One case per page and kind. The lab's calculators are groups of one page: each kind
    takes the next of them, so every calculator of the lab meets some kind."""
    cases = []
    for i, kind in enumerate(KINDS):
        for group in ("frame", "map", "east-west", "energy", "use-cases", LAB_GROUPS[i % len(LAB_GROUPS)],
                      "data", "story"):
            cases.append(pytest.param(group, KINDS[kind], id=f"{GROUPS[group].page}-{kind}-{group}"))
    return cases


# Bugs this fuzzing found (all fixed), each as the group and value that showed it:
# a result too large for a float (inf) crashed the calculators' formatting; a negative PFLOPS
# crashed the energy calculator's MW-from-PFLOPS line; a map filter that left no center crashed
# on the NaN of an empty as-of date.
REGRESSIONS = [
    pytest.param(group, FOUND[value], id=f"{bug}-{group}-{value}")
    for bug, group, value in [
        ("inf-crash", "use-cases", "tiny"), ("inf-crash", "use-cases", "max-float"),
        ("inf-crash", "lab-protein", "tiny"),
        ("negative-pflops-crash", "energy", "negative"), ("negative-pflops-crash", "energy", "below-min"),
        ("negative-pflops-crash", "lab-energy", "negative"),
        ("empty-map-crash", "map", "at-max"),
    ]
]
# The same bugs, each reduced to one link.
REGRESSION_LINKS = [
    pytest.param("lab", {"calc": "multiplier", "investment": "1e308"}, id="inf-crash-multiplier"),
    pytest.param("lab", {"calc": "training", "pflops": "5e-324"}, id="inf-crash-training"),
    pytest.param("energy", {"pflops": "-1", "w_per_pflops": "1"}, id="negative-pflops-crash-energy"),
    pytest.param("map", {"min_pflops": "1000000"}, id="empty-map-crash-min-pflops"),
    pytest.param("map", {"status": "planned", "hub": "gansu", "precision": "FP64"}, id="empty-map-crash-filters"),
]


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


@pytest.mark.slow
@pytest.mark.parametrize("group", list(GROUPS))
def test_group_names_are_read_by_its_page(read, group):
    spec = GROUPS[group]
    assert set(spec.names) <= set(read(group).params)


@pytest.mark.slow
@pytest.mark.parametrize("page", sorted({g.page for g in GROUPS.values()}))
def test_every_param_a_page_reads_is_fuzzed(read, page):
    """Every Param the page passes to urlstate.read (in each group's context) is in a group."""
    fuzzed = {n for g in GROUPS.values() for n in g.names if g.page == page} | set(GROUPS["frame"].names)
    reads = {n for name, g in GROUPS.items() if g.page == page for n in read(name).params}
    assert reads - fuzzed == set()


def lang_of(values: dict[str, str]) -> str:
    raw = values.get("lang")
    return raw if raw in LANGS else DEFAULT_LANG


def check_page_falls_back(read, group: str, value: Value | str) -> None:
    """Open the group's page with every parameter of the group set to `value`: each value the
    parser refuses gets exactly its notice and the default, each usable one none."""
    spec, info = GROUPS[group], read(group)
    values = {name: value_for(value, info.params[name]) for name in spec.names}
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
        assert at.query_params.get(name) != values[name]  # gone from the URL (or replaced by what is shown) ...
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


@pytest.mark.slow
@pytest.mark.parametrize(("group", "value"), page_cases())
def test_bad_url_value_falls_back_with_a_notice(read, group, value):
    check_page_falls_back(read, group, value)


@pytest.mark.parametrize(("group", "value"), REGRESSIONS)
def test_found_bug_stays_fixed(read, group, value):
    check_page_falls_back(read, group, value)


@pytest.mark.parametrize(("page", "params"), REGRESSION_LINKS)
def test_usable_link_draws_its_page(page, params):
    at = open_fresh(page, {"lang": "en", **params})
    assert not at.exception
    assert not [w.value for w in at.warning if w.value.startswith(notice_head("en"))]  # every value is usable
    # An impossible input (a negative capacity) is explained by the calculator; nothing else errs.
    expected = [translate("calc.err_negative", "en", field=translate("calc.field_pflops", "en"))] \
        if params.get("pflops") == "-1" else []
    assert [e.value for e in at.error] == expected


# The notice's value is Markdown inline code: it must stay one code span (a bug this fuzzing found:
# a backtick in a link's value could end the span and put a live link in the app's warning).

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
    assert after == notice("en", "step", value, "expected a number")[len(head) + len(in_code) + 1:]


# The parser, property by property (no Streamlit) -------------------------------------------------

# A sample of the Big List of Naughty Strings (MIT licence, Max Woolf),
# https://github.com/minimaxir/big-list-of-naughty-strings (blns.txt), one or two per section,
# and strings as a reader (or an attacker) might paste them.
NAUGHTY_STRINGS = [
    "undefined", "null", "\\", "1/0", "0..0", "9" * 96, "1#INF", "0xffffffff", "1,000.00",
    "2.2250738585072011e-308", "!@#$%^&*()`~", "Ω≈ç√∫˜µ≤≥÷", "٠١٢٣٤٥٦٧٨٩", "１２３", "田中さんにあげて下さい",
    "사회과학원 어학연구소", "𠜎𠜱𠝹𠱓𠱸𠲖𠳏", "👩🏽", "🇺🇸🇷🇺🇸🇦", "ثم نفس سقطت وبالتحديد،, جزيرتي باستخدام أن دنو.",
    "\u202btest\u202b", "test\u2060test\u202b", "Ṱ̺̺̕o͞ ̷i̲̬͇̪͙n̝̗͕v̟̜̘̦͟o̶̙̰̠kè͚̮̺̪̹̱̤",
    "<svg><script>123<1>alert(123)</script>", "\"><script>alert(123)</script>",
    "<a href=\"\\x0Bjavascript:javascript:alert(1)\" id=\"fuzzelement1\">test</a>",
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>", "1'; DROP TABLE users-- 1", "' OR 1=1 -- 1", "%",
    "$(touch /tmp/blns.fail)", "`touch /tmp/blns.fail`", "%*.*s", "../../../../../../../../../../../etc/passwd%00",
    "CON",
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><!DOCTYPE foo [ <!ELEMENT foo ANY >"
    "<!ENTITY xxe SYSTEM \"file:///etc/passwd\" >]><foo>&xxe;</foo>",
    "", "abc", "-1", "0", "2.5", "1e18", "5e-324", "1e308", "1e309", "NaN", "inf", "-Infinity", "0x10", " 1 ",
    "１２", "1\u200b", ",", "TRUE", "A" * 10_000, "1" * (MAX_LEN + 1), "1" * MAX_LEN, "\u202eevil\u202c",
    "a\u200d\u200cb\ufeff", "🔥💯👨‍👩‍👧", "算力地图", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
    "1; DROP TABLE centers;--", "select * from centers", "a\x00b", "a\r\nb\n\nc", "%3Cscript%3E", "{0}{name}%s%n",
]

NAME = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)
CHOICE = st.text(string.ascii_letters + string.digits + "-_.", min_size=1, max_size=10)  # no commas, as in the app
BOUND = st.integers(-10**6, 10**6)  # the app's bounds are plain numbers (0, 1, 8, 1e6)
NUMBERISH = st.one_of(
    st.integers().map(str), st.floats().map(repr), st.floats().map(lambda f: f"{f:.15g}"),
    st.from_regex(r"[-+ ]?[0-9０-９٠-٩_]{0,6}([.,][0-9]{0,4})?([eE][-+]?[0-9]{1,4})?", fullmatch=True),
)
RAW = st.one_of(st.text(), st.sampled_from(NAUGHTY_STRINGS), NUMBERISH)
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # 2 shared cores


@st.composite
def bounds(draw, integers: bool):
    if draw(st.booleans()):
        return None, None
    low, high = sorted((draw(BOUND), draw(BOUND)))
    return (low, high) if integers else (float(low), float(high))


@st.composite
def params(draw, kinds=("str", "bool", "choice", "choices", "int", "float")):
    """A Param as the app declares them: a kind, a default, choices, both bounds or none."""
    name, kind = draw(NAME), draw(st.sampled_from(kinds))
    if kind in ("choice", "choices"):
        choices = tuple(draw(st.lists(CHOICE, min_size=1, max_size=6, unique=True)))
        default = choices[0] if kind == "choice" else ()
        return Param(name, kind, default, choices=choices)
    if kind in ("int", "float"):
        low, high = draw(bounds(kind == "int"))
        default = low if low is not None else (0 if kind == "int" else None)
        return Param(name, kind, default, min=low, max=high)
    return Param(name, kind, False if kind == "bool" else "")


def outcome(param: Param, raw: str):
    """("ok", value) or ("refused", reason): anything else propagates and fails the test."""
    try:
        return "ok", param.parse(raw)
    except ValueError as exc:
        return "refused", str(exc)


@PROPERTY
@given(params(), RAW)
def test_parse_gives_a_value_or_a_reason_and_never_raises_anything_else(param, raw):
    verdict, detail = outcome(param, raw)
    if verdict == "refused":
        assert detail and "\n" not in detail
    elif len(raw) > MAX_LEN:
        pytest.fail("a value over MAX_LEN was accepted")


@PROPERTY
@given(params(), st.text(min_size=1, max_size=20))
def test_a_value_over_the_length_limit_is_refused_as_too_long(param, tail):
    raw = ("1" * MAX_LEN + tail)[: MAX_LEN + len(tail)]
    assert outcome(param, raw) == ("refused", "too long")


@PROPERTY
@given(params(kinds=("int", "float")), RAW)
@example(Param("x", "float", 0.0, min=0.0, max=1.0), "1e309")
@example(Param("n", "int", 1, min=1, max=8), "9" * 400)
def test_an_accepted_number_is_finite_typed_and_in_bounds(param, raw):
    verdict, value = outcome(param, raw)
    if verdict == "ok":
        assert type(value) is (int if param.kind == "int" else float)
        assert param.kind == "int" or math.isfinite(value)
        assert param.min is None or param.min <= value <= param.max
    else:
        assert value in ("expected a number", "expected a finite number", "too long",
                         f"expected a value from {param.min:g} to {param.max:g}" if param.min is not None else "")


@PROPERTY
@given(params(kinds=("choice",)), st.one_of(CHOICE, RAW))
def test_a_choice_accepts_exactly_its_choices(param, raw):
    if raw in param.choices:
        assert outcome(param, raw) == ("ok", raw)
    elif len(raw) <= MAX_LEN:
        assert outcome(param, raw) == ("refused", f"expected one of {', '.join(param.choices)}")


@PROPERTY
@given(params(kinds=("choices",)), st.data())
def test_choices_accept_a_comma_list_of_their_choices_deduplicated_in_order(param, data):
    items = data.draw(st.lists(st.one_of(st.sampled_from(param.choices), CHOICE, st.just("")), max_size=8))
    raw = ",".join(items)
    named = [item for item in items if item]
    if named and all(item in param.choices for item in named):
        assert outcome(param, raw) == ("ok", tuple(dict.fromkeys(named)))
    else:
        assert outcome(param, raw) == ("refused", f"expected some of {', '.join(param.choices)}")


@PROPERTY
@given(params(kinds=("bool",)), st.one_of(st.sampled_from(["1", "0", "true", "false"]), RAW))
def test_a_bool_accepts_exactly_1_0_true_false(param, raw):
    expected = {"1": True, "true": True, "0": False, "false": False}
    if len(raw) <= MAX_LEN:  # (longer ones: test_a_value_over_the_length_limit_is_refused_as_too_long)
        assert outcome(param, raw) == (("ok", expected[raw]) if raw in expected else ("refused", "expected 1 or 0"))


@st.composite
def usable(draw):
    """A Param and a value it can hold (what a widget writes to the URL)."""
    param = draw(params())
    if param.kind == "str":
        return param, draw(st.text(max_size=MAX_LEN))
    if param.kind == "bool":
        return param, draw(st.booleans())
    if param.kind == "choice":
        return param, draw(st.sampled_from(param.choices))
    if param.kind == "choices":
        return param, tuple(draw(st.lists(st.sampled_from(param.choices), min_size=1, unique=True)))
    if param.kind == "int":
        return param, draw(st.integers(param.min, param.max))
    # Unbounded: below 1e300. Within 10 significant digits of the largest float a value is
    # written rounded up past it ('1.797693135e+308' for 1.7976931345e308), which reads back as
    # inf: that link falls back to the default with a notice, as any unusable value does.
    limit = 1e300 if param.max is None else param.max
    return param, draw(st.floats(param.min if param.min is not None else -limit, limit))


@PROPERTY
@given(usable())
def test_a_value_written_to_the_url_reads_back(case):
    param, value = case
    verdict, back = outcome(param, param.dump(value))
    assert verdict == "ok", back
    if param.kind == "float":  # written with 10 significant digits, so a link reads as typed
        assert math.isclose(back, value, rel_tol=1e-9, abs_tol=0.0)
    else:
        assert back == value


@st.composite
def specs_and_urls(draw):
    spec = draw(st.lists(params(), max_size=6, unique_by=lambda p: p.name))
    names = [p.name for p in spec] + draw(st.lists(NAME, max_size=3))  # and unknown names
    raw = draw(st.dictionaries(st.sampled_from(names), RAW, max_size=len(names))) if names else {}
    return spec, raw


@PROPERTY
@given(specs_and_urls())
def test_parse_reads_each_param_alone_and_gives_one_notice_per_refused_value(case):
    spec, raw = case
    values, notices = parse(raw, spec)
    assert list(values) == [p.name for p in spec]  # unknown names are ignored
    expected_notices = []
    for param in spec:
        if param.name not in raw:
            assert values[param.name] == param.default
            continue
        verdict, detail = outcome(param, raw[param.name])
        if verdict == "ok":
            assert values[param.name] == detail
        else:
            assert values[param.name] == param.default
            text = raw[param.name]
            expected_notices.append(Notice(param.name, text if len(text) <= 40 else text[:40] + "…", detail))
    assert notices == expected_notices


@pytest.mark.slow
@PROPERTY
@given(data=st.data())
def test_every_param_the_pages_read_gives_a_value_or_a_reason(read, data):
    """The properties above, on the Params the app declares (recorded from its pages)."""
    group = data.draw(st.sampled_from(list(GROUPS)))
    param = data.draw(st.sampled_from(list(read(group).params.values())))
    raw = data.draw(RAW)
    verdict, detail = outcome(param, raw)
    if verdict == "ok" and param.kind in ("int", "float"):
        assert param.kind == "int" or math.isfinite(detail)
        assert param.min is None or param.min <= detail <= param.max
    elif verdict == "ok":
        assert param.kind in ("str", "bool", "choice", "choices")


# The tricky spellings, one by one --------------------------------------------------------------

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
