"""The layers of atlas/ as the folders say: only atlas/ui/ (and the pages, app.py) may import
Streamlit, directly or through another atlas module; calc/ stands alone; data/ knows nothing of
build/ or ui/; build/ nothing of ui/. Checked on the import statements (which module breaks the
rule) and by importing every module outside ui/ in a fresh interpreter (nothing slips in)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "atlas"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path) -> set[str]:
    """Every module `path` imports (absolute names; `from atlas.x import y` counts atlas.x.y
    when that is a module)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in MODULES)
    return found


def closure(module: str) -> dict[str, str]:
    """Every module reachable from `module` through atlas imports -> the atlas module that
    imports it (so a failure names the link that breaks the rule)."""
    seen, todo = {}, [module]
    while todo:
        current = todo.pop()
        for imported in imports(MODULES[current]):
            if imported not in seen:
                seen[imported] = current
                if imported in MODULES:
                    todo.append(imported)
    return seen


LAYERS = ("calc", "data", "build", "ui")


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else "shared"  # atlas.i18n, atlas.pages, ...


FORBIDDEN = {  # layer -> prefixes no module of it may reach
    "calc": ("streamlit", "atlas.data", "atlas.build", "atlas.ui", "atlas.i18n", "atlas.pages", "atlas.params"),
    "data": ("streamlit", "atlas.build", "atlas.ui", "atlas.calc"),
    "build": ("streamlit", "atlas.ui"),
    "shared": ("streamlit", "atlas.data", "atlas.build", "atlas.ui", "atlas.calc"),
}


def reaches(reached: dict[str, str], prefix: str) -> list[str]:
    return sorted(f"{via} imports {m}" for m, via in reached.items() if m == prefix or m.startswith(prefix + "."))


@pytest.mark.parametrize("module", [m for m in MODULES if layer(m) in FORBIDDEN and m != "atlas"])
def test_module_stays_in_its_layer(module):
    reached = closure(module)
    broken = [line for prefix in FORBIDDEN[layer(module)] for line in reaches(reached, prefix)]
    assert broken == [], f"{module} ({layer(module)}) reaches what its layer may not"


def test_every_atlas_module_is_in_a_known_layer():
    assert {layer(m) for m in MODULES} == {*LAYERS, "shared"}
    assert sorted(m for m in MODULES if layer(m) == "shared") == ["atlas", "atlas.i18n", "atlas.pages", "atlas.params"]


def test_the_rule_catches_a_streamlit_import(tmp_path, monkeypatch):
    """The check above is not vacuous: a pure module that reaches Streamlit through another
    atlas module is caught, with the link named."""
    (tmp_path / "pure.py").write_text("from atlas.build import helper\n")
    (tmp_path / "helper.py").write_text("import streamlit as st\n")
    monkeypatch.setitem(MODULES, "atlas.build.pure", tmp_path / "pure.py")
    monkeypatch.setitem(MODULES, "atlas.build.helper", tmp_path / "helper.py")
    assert reaches(closure("atlas.build.pure"), "streamlit") == ["atlas.build.helper imports streamlit"]


def test_nothing_outside_ui_loads_streamlit_when_imported():
    """Importing every module outside atlas/ui/ loads no Streamlit (nor anything of ui/), in a
    fresh interpreter: what the static check cannot see (a third-party import that pulls it
    in) shows here."""
    pure = [m for m in MODULES if layer(m) != "ui" and not m.endswith("__main__")]
    code = ("import importlib, sys\n"
            f"for m in {pure!r}: importlib.import_module(m)\n"
            "print(sorted(m for m in sys.modules if m == 'streamlit' or m.startswith(('streamlit.', 'atlas.ui'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_load_harness_computes_its_expectations_without_streamlit():
    """benchmarks/load.py checks what pages show against the calculators, the storyline and the
    locales: all of that is pure, so the harness loads no Streamlit."""
    code = "import sys, benchmarks.load; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
