"""The architecture as a test: who may import whom (see CONTRIBUTING.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "planops"

# A package and the planops packages it must never import, even lazily: lower layers know nothing of higher ones.
FORBIDDEN = {
    "loader": ("checks", "engine", "review", "handbook", "output", "commands", "pipeline"),
    "model": ("loader", "checks", "engine", "review", "handbook", "output", "commands", "pipeline"),
    "engine": ("checks", "review", "handbook", "output", "commands"),
    "checks": ("review", "handbook", "output", "commands"),
    "output": ("commands", "handbook"),
    "celcheck": ("checks", "engine", "review", "handbook", "output", "commands", "pipeline"),
    "actuals": ("checks", "review", "handbook", "output", "commands"),  # its sample command loads a plan
}


def imports(path: Path) -> list[str]:
    """Every planops module a source file imports, at the top or inside a function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return [name for name in found if name == "planops" or name.startswith("planops.")]


def test_outside_the_engine_only_its_public_api_is_imported() -> None:
    reaching_in = [
        (str(p.relative_to(SRC)), name)
        for p in SRC.rglob("*.py")
        if "engine" not in p.parts
        for name in imports(p)
        if name.startswith("planops.engine.")
    ]
    assert reaching_in == []


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_lower_layers_do_not_import_higher_ones(package: str) -> None:
    wrong = [
        (str(p.relative_to(SRC)), name)
        for p in (SRC / package).rglob("*.py")
        for name in imports(p)
        if name.split(".")[1:2] and name.split(".")[1] in FORBIDDEN[package]
    ]
    assert wrong == []
