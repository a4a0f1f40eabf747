"""A scenario's events are ones its workflow can take: accepted by some state, or a ticket event.

Which workflow: the one the scenario's ticket names, else the one it expects, else the one routing gives the
ticket (segment and rules, first match, as the engine does). Which state the ticket is in when an event comes
is the run's business (``planops test`` names it); here an event that no state of the workflow accepts at all
is reported, at its ``do:``.

Bad::

    kind: Scenario
    expect: {workflow: billing-dispute}
    events:
      - {at: +1h, do: aprove}   # event-not-accepted … (did you mean 'approve'?)
"""

from __future__ import annotations

from collections.abc import Iterator

from planops.diagnostics import ERROR, Code, Diagnostic, did_you_mean
from planops.model import Scenario
from planops.model.workflow import TICKET_EVENTS
from planops.plan import CompiledPlan, ValidPlan

NOT_ACCEPTED = Code(
    "event-not-accepted",
    ERROR,
    "A scenario event that no state of the ticket's workflow accepts (and not `respond` or `customer_reply`, "
    "which every state does).",
    "expect: {workflow: billing-dispute}\nevents:\n  - {at: +1h, do: aprove}\n",
)


def check(plan: ValidPlan) -> Iterator[Diagnostic]:
    """Run with the engine (after the other checks): routing finds the workflow of a ticket that names none."""
    from planops.engine import Engine, TicketError

    accepted = {
        name: sorted({event for state in wf.states.values() for event in state.on})
        for name, wf in plan.workflows.items()
    }
    sets = [set(events) for events in accepted.values()]
    everywhere = set(TICKET_EVENTS).union(set.intersection(*sets) if sets else set())
    engine = Engine.for_plan(plan)
    for scenario in plan.scenarios.values():
        if all(step.do in everywhere for step in scenario.events):
            continue  # every workflow takes these events: no need to know which one the ticket follows
        name = _named_workflow(scenario)
        if name is None:
            try:
                name = engine.workflow_of(scenario)
            except TicketError:
                continue  # the scenario's own failure says why
        if name in accepted:
            yield from _unaccepted(plan, scenario, name, accepted[name])


def _unaccepted(plan: CompiledPlan, scenario: Scenario, workflow: str, accepted: list[str]) -> Iterator[Diagnostic]:
    for i, step in enumerate(scenario.events):
        if step.do in accepted or step.do in TICKET_EVENTS:
            continue
        listed = ", ".join(accepted) if accepted else "none"
        yield NOT_ACCEPTED.at(
            plan,
            scenario,
            ("events", i, "do"),
            f"no state of workflow '{workflow}' accepts event '{step.do}'",
            hint=did_you_mean(step.do, [*accepted, *TICKET_EVENTS])
            or f"its states accept: {listed}; every state accepts {' and '.join(TICKET_EVENTS)}",
        )


def _named_workflow(scenario: Scenario) -> str | None:
    """The workflow the ticket gives, else the one the scenario expects (routing is asked only without either)."""
    given = scenario.ticket.get("workflow")
    if isinstance(given, str):
        return given
    return scenario.expect.workflow


CODES = [NOT_ACCEPTED]
