"""The meaning checks, run after every file has its shape.

Each check module yields located findings with stable codes. ``CHECKS`` declares every check with what it
needs (today's date, a plan the engine can run); ``CODES`` lists every code planops reports, with a bad
example, for the handbook's reference.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from planops.checks import (
    budget,
    calendars,
    datasources,
    escalation,
    events,
    expressions,
    fields,
    intake,
    kpis,
    names,
    objects,
    pages,
    parameters,
    proofs,
    references,
    rules,
    runs,
    scenarios,
    staffing,
    team,
    workflows,
)
from planops.diagnostics import Code, Diagnostic
from planops.loader import codes as loader_codes
from planops.plan import CompiledPlan


@dataclass(frozen=True, slots=True)
class Check:
    """One check and what it needs: ``run(plan)``, or ``run(plan, today)`` when it needs today's date.

    A check that needs the engine runs only on a :class:`~planops.plan.ValidPlan` (no other check found an
    error), and only when the plan is checked to ``Level.ENGINE``. An ``advice`` check reports warnings only
    (its module's codes): a caller that asks only whether the plan is valid skips it.
    """

    name: str
    run: Callable[..., Iterable[Diagnostic]]
    needs_today: bool = False
    needs_engine: bool = False
    advice: bool = False

    def apply(self, plan: CompiledPlan, today: date) -> Iterable[Diagnostic]:
        return self.run(plan, today) if self.needs_today else self.run(plan)


CHECKS = (
    Check("objects", objects.check, needs_today=True),
    Check("names", names.check),
    Check("team", team.check),
    Check("references", references.check),
    Check("kpis", kpis.check),
    Check("fields", fields.check),
    Check("calendars", calendars.check, needs_today=True),
    Check("expressions", expressions.check),
    Check("rules", rules.check),
    Check("proofs", proofs.check, advice=True),
    Check("intake", intake.check),
    Check("workflows", workflows.check),
    Check("escalation", escalation.check),
    Check("budget", budget.check),
    Check("staffing", staffing.check),
    Check("coverage", staffing.coverage, advice=True),
    Check("datasources", datasources.check),
    Check("scenarios", scenarios.check),
    Check("events", events.check, needs_engine=True),
    Check("runs", runs.check, needs_engine=True),
)

CODES: dict[str, Code] = {
    c.code: c
    for module in (
        loader_codes,
        objects,
        team,
        references,
        kpis,
        calendars,
        fields,
        expressions,
        rules,
        proofs,
        intake,
        workflows,
        escalation,
        budget,
        staffing,
        datasources,
        scenarios,
        events,
        parameters,
        runs,
        pages,
    )
    for c in module.CODES
}


def run_checks(plan: CompiledPlan, today: date, *, engine: bool = False, advice: bool = True) -> list[Diagnostic]:
    """The findings of the checks that need the engine (``engine``), or of all the others; without the advice
    checks unless ``advice``."""
    return [
        d
        for check in CHECKS
        if check.needs_engine is engine and (advice or not check.advice)
        for d in check.apply(plan, today)
    ]
