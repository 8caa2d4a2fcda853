"""Test that the calculators stay pure: a module of atlas.calc imports only the standard library
and atlas.calc, and no module of atlas recovers a function's inputs by introspection."""

import ast
import sys
from pathlib import Path

import pytest

ATLAS = Path(__file__).resolve().parents[2] / "atlas"


def imported(path: Path) -> set[str]:
    """The absolute module names a file imports."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted((ATLAS / "calc").glob("*.py")), ids=lambda p: p.name)
def test_a_calculator_imports_only_the_standard_library_and_other_calculators(path):
    """Test that atlas.calc needs no Streamlit, no third-party package and no other layer."""
    outside = {m for m in imported(path)
               if m.split(".")[0] not in sys.stdlib_module_names and m.split(".")[:2] != ["atlas", "calc"]}
    assert outside == set()


@pytest.mark.parametrize("path", sorted(ATLAS.rglob("*.py")), ids=lambda p: str(p.relative_to(ATLAS)))
def test_no_module_inspects_signatures(path):
    """Test that inputs are declared (atlas.ui.calculator_specs), not recovered with `inspect`."""
    assert "inspect" not in {m.split(".")[0] for m in imported(path)}
