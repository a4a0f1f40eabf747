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
from typing import Any

from planops.diagnostics import ERROR, Code, Diagnostic, did_you_mean
from planops.expr import ExprError
from planops.model import Scenario
from planops.model.timeline import CreatedError, parse_created
from planops.model.workflow import TICKET_EVENTS
from planops.plan import CompiledPlan

NOT_ACCEPTED = Code(
    "event-not-accepted",
    ERROR,
    "A scenario event that no state of the ticket's workflow accepts (and not `respond` or `customer_reply`, "
    "which every state does).",
    "expect: {workflow: billing-dispute}\nevents:\n  - {at: +1h, do: aprove}\n",
)


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    accepted = {
        name: sorted({event for state in wf.states.values() for event in state.on})
        for name, wf in plan.workflows.items()
    }
    sets = [set(events) for events in accepted.values()]
    everywhere = set(TICKET_EVENTS).union(set.intersection(*sets) if sets else set())
    routers: list[Any] = []  # the router, made for the first scenario that needs it
    for scenario in plan.scenarios.values():
        if all(step.do in everywhere for step in scenario.events):
            continue  # every workflow takes these events: no need to know which one the ticket follows
        if not routers:
            routers.append(_router(plan))
        name = _workflow_name(scenario, routers[0])
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


def _workflow_name(scenario: Scenario, route: Any) -> str | None:
    given = scenario.ticket.get("workflow")
    if isinstance(given, str):
        return given
    if scenario.expect.workflow is not None:
        return scenario.expect.workflow
    return route(scenario.ticket) if route is not None else None


def _router(plan: CompiledPlan) -> Any:
    """The workflow routing gives a ticket (segment, then the first rule that matches), or None while an
    expression does not compile (that is its own finding)."""
    from planops.engine import FirstMatch, TicketError, TicketView

    seg, routing = plan.segmentation, plan.routing
    if routing is None:
        return None
    try:
        segments = FirstMatch([s.when for s in seg.segments] if seg else [])
        rules = FirstMatch([r.when for r in routing.rules])
    except ExprError:
        return None

    def route(ticket: dict[str, Any]) -> str | None:
        try:
            view = TicketView({**ticket, "created": parse_created(ticket.get("created"))})
            if seg is not None and view.data.get("segment") is None:
                found = segments.first(view)
                if found is not None:
                    view.set("segment", seg.segments[found].name)
            found = rules.first(view)
        except (CreatedError, TicketError):
            return None  # the ticket's own finding (scenario-created, ticket-value)
        return None if found is None else routing.rules[found].set.workflow

    return route


CODES = [NOT_ACCEPTED]
