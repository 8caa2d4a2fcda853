"""Meta-tests: the repo's parts agree with each other."""

import ast
import csv
import re
from pathlib import Path

import pytest

from atlas.data.datasets import DEFAULT_DATA_DIR, load_schema
from atlas.data.store import query_names, query_params, query_text
from atlas.i18n import LANGS, catalog, unit_key
from atlas.ui.calculator_specs import (
    CALCULATORS,
    EXAMPLE,
    READER,
    ArticleClaim,
    Reference,
)

REPO = Path(__file__).resolve().parents[2]


def test_every_csv_is_described_and_every_description_has_a_csv():
    schema = load_schema(DEFAULT_DATA_DIR)
    files = {p.stem for p in DEFAULT_DATA_DIR.glob("*.csv")}
    assert files == set(schema)


@pytest.mark.parametrize("lang", LANGS)
def test_every_locale_has_the_same_keys(lang):
    reference = catalog("zh-Hans")
    keys = catalog(lang)
    assert sorted(set(reference) - set(keys)) == [], f"{lang} misses keys"
    assert sorted(set(keys) - set(reference)) == [], f"{lang} has extra keys"
    assert all(value.strip() for value in keys.values())


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_match_across_locales(lang):
    fields = re.compile(r"\{(\w+)[^}]*\}")
    reference = catalog("zh-Hans")
    for key, text in catalog(lang).items():
        assert set(fields.findall(text)) == set(fields.findall(reference[key])), key


def test_zh_hant_is_generated_from_zh_hans():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_zh_hant", REPO / "scripts" / "make_zh_hant.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    source = (REPO / "atlas/locales/zh-Hans.toml").read_text(encoding="utf-8")
    assert (REPO / "atlas/locales/zh-Hant.toml").read_text(encoding="utf-8") == module.convert(source), \
        "run: uv run python scripts/make_zh_hant.py"


def _translation_keys_used() -> set[str]:
    keys = set()
    for path in [REPO / "app.py", *REPO.glob("views/*.py"), *REPO.glob("atlas/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "t"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                keys.add(node.args[0].value)
    return keys


def test_every_literal_translation_key_exists():
    missing = sorted(_translation_keys_used() - set(catalog("zh-Hans")))
    assert missing == []


@pytest.mark.parametrize("name", query_names())
def test_query_states_grain_and_params_on_its_first_line(name):
    first = query_text(name).splitlines()[0]
    assert first.startswith("-- One row"), first
    declared = re.search(r"Params: (.*)$", first)
    assert declared, f"{name}: first line must end with 'Params: ...'"
    named = set(re.findall(r"\$(\w+)", declared.group(1)))
    assert named == query_params(query_text(name))


def test_every_query_param_is_supplied_by_its_callers():
    """Each run_query/query call in the app passes exactly the $params its SQL uses."""
    calls = []
    for path in [REPO / "app.py", *REPO.glob("views/*.py"), *REPO.glob("atlas/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            func = getattr(node, "func", None)
            fname = getattr(func, "id", getattr(func, "attr", None))
            if (isinstance(node, ast.Call) and fname in ("query", "run_query") and node.args
                    and isinstance(node.args[0], ast.Constant)):
                calls.append((path.name, node.args[0].value, {k.arg for k in node.keywords}))
    assert calls
    for where, name, given in calls:
        if None in given:  # **kwargs: the names given literally must still be real params
            assert given - {None} <= query_params(query_text(name)), f"{where}: {name}"
        else:
            assert given == query_params(query_text(name)), f"{where}: {name}"


def test_readme_test_command_is_what_ci_runs():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = re.search(r"```(?:bash|sh)\n# Run all the tests.*\n(.+)\n```", readme).group(1).strip()
    ci_lines = [l for l in (REPO / ".ci/run").read_text().splitlines() if l and not l.startswith(("#", "set ", "cd "))]
    assert ci_lines == [command]


# Units that read the same in every language (symbols and SI-style units).
SAME_IN_EVERY_LANGUAGE = {"", "%", "% change", "PFLOPS"}


@pytest.mark.parametrize("lang", LANGS)
def test_every_unit_of_a_use_case_figure_is_translated(lang):
    with open(DEFAULT_DATA_DIR / "use_case_figures.csv", encoding="utf-8") as fh:
        units = {row["unit"] for row in csv.DictReader(fh)} - SAME_IN_EVERY_LANGUAGE
    words = catalog(lang)
    keys = {unit: unit_key(unit) for unit in units}
    assert sorted(unit for unit, key in keys.items() if key not in words) == []
    if lang != "en":
        assert all(re.search(r"[\u4e00-\u9fff]", words[key]) for key in keys.values())


@pytest.mark.parametrize("path", sorted(DEFAULT_DATA_DIR.glob("*.csv")), ids=lambda p: p.name)
def test_a_name_means_one_thing_in_each_language(path):
    """Names in English and Chinese pair one to one: charts group rows by the shown name, so two
    English series sharing one Chinese name were drawn as one line in Chinese (PUE 2021, of all
    data and compute centers, joined to the later figures for compute centers only)."""
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    fields = rows[0].keys() if rows else ()
    for en in (f for f in fields if f.endswith("_en") and f[:-3] + "_zh" in fields):
        zh = en[:-3] + "_zh"
        pairs = {(r[en], r[zh]) for r in rows if r[en] and r[zh]}
        for side, other in ((0, 1), (1, 0)):
            seen: dict[str, set[str]] = {}
            for pair in pairs:
                seen.setdefault(pair[side], set()).add(pair[other])
            assert {k: v for k, v in seen.items() if len(v) > 1} == {}, (en, zh)


# Notes written in English and translated: the Chinese must carry the same figures and sources.
NOTES = {"claims.csv": ("check_note",), "use_cases.csv": ("confirmed", "comparable_case"),
         "centers.csv": ("status_note", "note"), "published_runs.csv": ("note",)}
# A figure is compared by value, so "1.9 billion" may read 19亿, "10k" 1万 and "phase 2" 二期.
SCALES = {"trillion": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "M": 1e6, "thousand": 1e3, "k": 1e3,
          "万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}
FIGURE = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(trillion|billion|bn\b|million|M\b|thousand|k\b|万亿|亿|万|千)?")
PHASE = re.compile("([一二三四五六七八九])([期号])")  # 一期 is "phase 1", 天河一号 "Tianhe-1"


def figures(text: str) -> set[float]:
    text = PHASE.sub(lambda m: f"{'一二三四五六七八九'.index(m[1]) + 1}{m[2]}", text)
    return {float(f"{float(n.replace(',', '')) * SCALES.get(unit, 1):.9g}")
            for n, unit in FIGURE.findall(text)}


def test_figures_are_compared_by_value():
    assert figures("1.9 billion yuan, 30 bn CNY, 3 M servers, 10k cards, 2,000 km") == figures(
        "19亿元、300亿元、300万台服务器、1万张卡、2000 km")
    assert figures("phase 2") == figures("二期")
    assert figures("3 billion") != figures("3亿")


@pytest.mark.parametrize(("file", "field"), [(f, c) for f, cs in NOTES.items() for c in cs])
def test_every_note_reads_in_chinese_with_the_same_figures_and_sources(file, field):
    with open(DEFAULT_DATA_DIR / "sources.csv", encoding="utf-8") as fh:
        sources = [row["id"] for row in csv.DictReader(fh) if "-" in row["id"]]
    with open(DEFAULT_DATA_DIR / file, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        en, zh = row[f"{field}_en"], row[f"{field}_zh"]
        assert bool(en) == bool(zh), (row["id"], field)
        assert re.search(r"[\u4e00-\u9fff]", zh) or not zh, (row["id"], field)
        assert figures(en) <= figures(zh), (row["id"], field, en, zh)
        assert [s for s in sources if s in en and s not in zh] == [], (row["id"], field)


def test_every_calculator_default_names_its_source_in_every_language():
    """The calculators name a default's source in English; the page shows it from the locales,
    whose English must say exactly the same."""
    en = catalog("en")
    assert (en["calc.source.reader"], en["calc.source.example"]) == (READER.english, EXAMPLE.english)
    for calc in CALCULATORS.values():
        for field in calc.fields:
            if isinstance(field.source, ArticleClaim):
                assert en["calc.source.article"].format(n=field.source.number) == field.source.english
            elif isinstance(field.source, Reference):
                assert en[f"calc.{calc.key}.{field.name}_source"] == field.source.english
            else:
                assert field.source in (READER, EXAMPLE)


@pytest.mark.parametrize("lang", LANGS)
def test_every_calculator_unit_is_translated(lang):
    units = {o.unit for calc in CALCULATORS.values() for o in calc.outputs} - {"", "FLOP", "×"}
    words = catalog(lang)
    assert sorted(u for u in units if unit_key(u) not in words) == []
