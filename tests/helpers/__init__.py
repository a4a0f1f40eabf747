"""Helpers for tests: edit plan files, run the checks, read finding places."""

from __future__ import annotations

from pathlib import Path

from planops.diagnostics import Diagnostic
from planops.pipeline import check_plan


def edit(path: Path, old: str, new: str) -> None:
    """Replace text that must be there exactly once."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} appears {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def findings(root: Path) -> list[Diagnostic]:
    _plan, found = check_plan(root)
    return found


def where(found: list[Diagnostic], root: Path) -> list[tuple[str, int, int, str]]:
    """(file relative to the plan root, line, col, code) of each finding."""
    return [(Path(d.path).resolve().relative_to(root.resolve()).as_posix(), d.line, d.col, d.code) for d in found]
