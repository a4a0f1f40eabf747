"""Checks that run the engine: what the scenarios leave untried.

They run only on a plan without errors (the engine needs valid references
and expressions), after every other check.
"""

from __future__ import annotations

from collections.abc import Iterator

from planops.diagnostics import WARNING, Code, Diagnostic
from planops.plan import ValidPlan

UNTESTED = Code(
    "untested-workflow",
    WARNING,
    "A workflow that no scenario's ticket is routed to: nothing shows that it works as written.",
    "kind: Workflow\nname: vip-escalation   # no scenario's ticket is routed here\n",
)

SCENARIO_FAILS = Code(
    "scenario-fails",
    WARNING,
    "A scenario that does not run as it expects; the handbook build reports it, as its worked example would be "
    "wrong (`planops test` shows why).",
    "kind: Scenario\nname: refund\nexpect: {path: [triage, resolved]}   # but the run goes elsewhere\n",
)


def check(plan: ValidPlan) -> Iterator[Diagnostic]:
    from planops.engine import Engine, TicketError

    engine = Engine.for_plan(plan)
    tested = set()
    for scenario in plan.scenarios.values():
        try:
            tested.add(engine.workflow_of(scenario))
        except TicketError:
            continue  # the scenario itself fails in `planops test`
    for name, workflow in plan.workflows.items():
        if name not in tested:
            yield UNTESTED.at(
                plan,
                workflow,
                ("name",),
                f"no scenario exercises workflow '{name}'",
                hint="add a Scenario whose ticket is routed to it; `planops route` shows where a ticket goes",
            )


CODES = [UNTESTED, SCENARIO_FAILS]
