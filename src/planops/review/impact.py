"""Which scenario tickets route differently: every ticket through both versions of the plan.

The tickets are those of the scenarios of both sides (the newer ticket where a
scenario is in both). Each is routed once per side by the engine; a ticket
whose segment, priority, queue, SLA policy, due times or workflow differ is
reported field by field.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from planops.output.escape import md_text
from planops.plan import CompiledPlan
from planops.review.changes import fmt

if TYPE_CHECKING:
    from planops.engine import Engine

FIELDS = ("segment", "priority", "queue", "sla_policy", "workflow")
Outcome = dict[str, str]


@dataclass(frozen=True, slots=True)
class TicketChange:
    """One way a scenario's ticket now routes differently."""

    scenario: str
    field: str  # segment, priority, queue, sla_policy, workflow, or "due first_response"…
    before: str
    after: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class Impact:
    changes: list[TicketChange] = field(default_factory=list)
    routed: int = 0
    notes: list[str] = field(default_factory=list)


def route_changes(old: CompiledPlan, new: CompiledPlan) -> Impact:
    """Route every scenario ticket through both plans and list what differs."""
    tickets = scenario_tickets(old, new)
    if not tickets:
        return Impact()
    before, note_a = route_all(old, tickets, "base")
    after, note_b = route_all(new, tickets, "head")
    impact = Impact(routed=len(tickets), notes=[n for n in (note_a, note_b) if n])
    if note_a or note_b:
        return impact
    for name in tickets:
        a, b = before[name], after[name]
        for key in dict.fromkeys([*a, *b]):
            if a.get(key) != b.get(key):
                impact.changes.append(TicketChange(name, key, a.get(key, "none"), b.get(key, "none")))
    return impact


def scenario_tickets(old: CompiledPlan, new: CompiledPlan) -> dict[str, dict[str, Any]]:
    tickets = {name: s.ticket for name, s in old.scenarios.items()}
    tickets.update({name: s.ticket for name, s in new.scenarios.items()})
    return dict(sorted(tickets.items()))


def route_all(plan: CompiledPlan, tickets: dict[str, dict[str, Any]], side: str) -> tuple[dict[str, Outcome], str]:
    """Each ticket's outcome on one plan; a note (Markdown) instead when the engine cannot run it."""
    from planops.engine import Engine

    try:
        engine = Engine.for_plan(plan)
    except Exception as exc:  # an invalid plan the engine refuses: the diff still shows the rest
        reason = md_text(_one_line(exc), start=False)
        return {}, f"Could not route the scenario tickets through the {side} plan: {reason}"
    return {name: outcome(engine, ticket) for name, ticket in tickets.items()}, ""


def outcome(engine: Engine, ticket: dict[str, Any]) -> Outcome:
    """What routing gives a ticket, as strings (due times in its calendar's zone); or why it can't be routed."""
    try:
        routed = engine.route(ticket)
        due = {target: at.astimezone(routed.zone) for target, at in sorted(routed.due.items())}
    except Exception as exc:  # TicketError, or a plan the engine cannot evaluate
        return {"routing": f"not routed: {_one_line(exc)}"}
    result = {key: fmt(getattr(routed, key)) for key in FIELDS}
    result.update((f"due {target}", fmt(at)) for target, at in due.items())
    return result


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__
