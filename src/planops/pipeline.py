"""The main job every edge shares: load the plan once, check its shape and meaning."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planops.diagnostics import Diagnostic, Severity, sort_key
from planops.plan import CompiledPlan


def check_plan(root: Path, today: date | None = None, *,
               engine_checks: bool = True) -> tuple[CompiledPlan, list[Diagnostic]]:
    """Load and check the plan below ``root``; findings sorted by file and line.

    ``engine_checks`` (routing every scenario ticket: warnings only) can be left out by callers that act on errors.
    """
    from planops.checks import ENGINE_CHECKS, run_checks
    from planops.diagnostics import reset_suggestions
    from planops.gc_pause import gc_paused
    from planops.loader.compile import load_plan

    reset_suggestions()
    plan, findings = load_plan(root)
    with gc_paused():
        findings.extend(run_checks(plan, today))
        if engine_checks and not any(d.severity is Severity.ERROR for d in findings):
            for check in ENGINE_CHECKS.values():
                findings.extend(check(plan))
    # dict.fromkeys drops repeats in a stable order: findings that tie on the sort key keep their order run to run
    return plan, sorted(dict.fromkeys(findings), key=sort_key)
