"""Scenarios, actually run through the engine, for the worked examples.

Each scenario is checked once per build; its outcome (routing, the run with
its trace, any mismatch with what it expects) is what the worked example shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC
from typing import Any

from planops.checks.runs import SCENARIO_FAILS
from planops.diagnostics import Diagnostic
from planops.engine import Engine, Outcome
from planops.plan import ValidPlan


def run_all(plan: ValidPlan) -> dict[str, Outcome]:
    """Every scenario's outcome by name, in plan order."""
    engine = Engine.for_plan(plan)
    return {outcome.name: outcome for outcome in engine.check_all()}


def failures(outcomes: Mapping[str, Outcome]) -> list[Diagnostic]:
    """A finding per scenario that does not run as it expects: a worked example must be right."""
    from planops.output.values import expected_got

    found = []
    for o in outcomes.values():
        if not o.passed:
            zone = o.run.routed.zone if o.run else UTC  # mismatches come only with a run
            reasons = [*o.problems, *(expected_got(m, zone) for m in o.mismatches)]
            found.append(
                SCENARIO_FAILS.located(
                    o.path,
                    o.line,
                    1,
                    f"scenario '{o.name}' does not run as it expects "
                    f"({'; '.join(map(str, reasons))}); run 'planops test -k {o.name}'",
                )
            )
    return found


def problems(outcomes: Mapping[str, Outcome]) -> list[str]:
    """The build's warning lines for :func:`failures`, as ``planops validate`` prints findings."""
    from planops.output.findings import text

    return text(failures(outcomes)).splitlines()


def flatten(data: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """Ticket fields as ``customer.annual_value`` pairs, in the order written."""
    rows: list[tuple[str, Any]] = []
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            rows.extend(flatten(value, name + "."))
        else:
            rows.append((name, value))
    return rows
