"""The meaning checks, run after every file has its shape.

Each check module yields located findings with stable codes; ``CODES`` lists
every code planops reports, with a bad example, for the handbook's reference.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from planops.checks import budget, expressions, loading, objects, pages, references, rules, runs, scenarios, workflows
from planops.checks.base import Code
from planops.diagnostics import Diagnostic
from planops.plan import CompiledPlan, ValidPlan

Check = Callable[[CompiledPlan], Iterable[Diagnostic]]

CHECKS: dict[str, Check] = {
    "references": references.check,
    "expressions": expressions.check,
    "rules": rules.check,
    "workflows": workflows.check,
    "budget": budget.check,
    "scenarios": scenarios.check,
}

ENGINE_CHECKS: dict[str, Callable[[ValidPlan], Iterable[Diagnostic]]] = {"runs": runs.check}
"""Checks that run the engine: only on a plan whose other checks found no error."""

CODES: dict[str, Code] = {
    c.code: c
    for module in (loading, objects, references, expressions, rules, workflows, budget, scenarios, runs, pages)
    for c in module.CODES
}


def run_checks(plan: CompiledPlan, today: date | None = None) -> list[Diagnostic]:
    """Every meaning finding of the plan (the shape findings come from loading)."""
    found = list(objects.check(plan, today))
    for check in CHECKS.values():
        found.extend(check(plan))
    return found
