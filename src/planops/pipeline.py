"""The one gate every edge passes: load the plan once, check it to a level, say whether it is valid.

``validate``, ``test``/``route``/``simulate``, ``review``, ``codeowners``, ``diff``, the handbook and the
pytest plugin all load through here; only a plan without errors becomes a :class:`ValidPlan`, the form
the engine accepts.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import NamedTuple

from planops.diagnostics import Diagnostic, Severity, sort_key
from planops.plan import CompiledPlan, ValidPlan


class Level(enum.IntEnum):
    """How far to check a plan."""

    SHAPE = 1  # every file parsed and every document's shape checked: objects to read (review, codeowners)
    MEANING = 2  # and the checks across files: references, reachability, rules (what the engine needs)
    ENGINE = 3  # and the checks that run the engine on the plan (warnings only: what `validate` adds)


class Checked(NamedTuple):
    """A loaded plan with its findings (sorted by file and line); a ValidPlan when it has no error."""

    plan: CompiledPlan
    findings: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.findings if d.severity is Severity.ERROR]

    @property
    def valid(self) -> ValidPlan | None:
        return self.plan if isinstance(self.plan, ValidPlan) else None


def check_plan(root: Path, today: date | None = None, *, level: Level = Level.ENGINE, advice: bool = True) -> Checked:
    """Load the plan folder ``root`` and check it to ``level``; without ``advice``, only what decides whether
    it is valid (no check that reports warnings only: a caller that shows only errors)."""
    from planops.diagnostics import reset_suggestions
    from planops.loader.compile import load_plan

    reset_suggestions()
    plan, findings = load_plan(root)
    return deepen(Checked(plan, findings), level, today, advice=advice)


def check_files(
    root: str,
    files: Iterable[tuple[str, bytes]],
    today: date | None = None,
    *,
    unread: Iterable[Diagnostic] = (),
    level: Level = Level.MEANING,
) -> Checked:
    """``check_plan`` for plan files read elsewhere (a git revision): (display path, bytes) pairs, and the
    findings of the files that could not be read (links)."""
    from planops.diagnostics import reset_suggestions
    from planops.loader.compile import load_files

    reset_suggestions()
    plan, findings = load_files(root, files, unread)
    return deepen(Checked(plan, findings), level, today)


def deepen(loaded: Checked, level: Level, today: date | None = None, *, advice: bool = True) -> Checked:
    """Check a plan that was checked to ``Level.SHAPE`` only further, to ``level``.

    For callers that act on the shape first (the diff compares nothing when a side does not load).
    """
    plan, findings = loaded.plan, list(loaded.findings)
    if level >= Level.MEANING:  # the checks import the CEL library: only when they run
        from planops.checks import run_checks
        from planops.gc_pause import gc_paused

        day = today or date.today()
        with gc_paused():
            findings.extend(run_checks(plan, day, advice=advice))
            if not any(d.severity is Severity.ERROR for d in findings):
                plan = ValidPlan.of(plan)
                if level >= Level.ENGINE:
                    findings.extend(run_checks(plan, day, engine=True))
    # dict.fromkeys drops repeats in a stable order: findings that tie on the sort key keep their order run to run
    return Checked(plan, sorted(dict.fromkeys(findings), key=sort_key))
