"""What the ticket router page knows of the plan: one JSON object, built from the compiled plan.

It holds the form's fields, the segments, routing rules and SLA policies in
plan order (each ``when:`` with, where the page cannot evaluate it, what in it
stops the page — planops.handbook.router.evaluable — and its top-level ``&&``
operands the page can evaluate: one of them false, and the rule cannot match,
as CEL's ``&&`` is false when any operand is), the channels, each
workflow's first owner, the plan's parameters, the calendars as open
intervals and the time zones as offsets (planops.handbook.router.clocks).

Plan text is untrusted: :func:`script_json` writes the object so that nothing
in it can end the ``<script type="application/json">`` element it sits in.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from typing import Any

from planops.engine import Engine
from planops.expr import split_top_level
from planops.handbook.router import clocks
from planops.handbook.router.evaluable import FORM_TYPES, blocker
from planops.model.types import PRIORITIES, TARGETS
from planops.parameters import cel_type, values
from planops.plan import ValidPlan
from planops.ticketfields import TicketField, walk

FIRST_FIELDS = ("channel", "category", "amount")
"""Offered whether rules read them or not: what every ticket has."""
GIVEN_FIELDS = ("segment", "priority", "queue", "workflow")
"""Offered as values a ticket may arrive with: rules fill in only what is missing."""
NOT_INPUT = frozenset({"created", *GIVEN_FIELDS})


def router_data(plan: ValidPlan, today: date) -> dict[str, Any]:
    """The whole object the page reads."""
    parameters = _parameters(plan)
    year = plan.manifest.effective.year if plan.manifest else today.year
    first, last = clocks.year_range(year)
    engine = Engine.for_plan(plan)
    calendars = {name: clocks.calendar_data(engine.calendars[name], first, last) for name in plan.calendars}
    zone_names = {"UTC", *(str(c["zone"]) for c in calendars.values())}
    fields = plan.ticket_schema.fields
    return {
        "fields": form_fields(plan),
        "given": [_input(name, fields[name], _given_values(plan, name)) for name in GIVEN_FIELDS],
        **_rules(plan, {name: p["type"] for name, p in parameters.items()}),
        "channels": {
            name: {"calendar": c.calendar, "segments": list(c.segments) if c.segments is not None else None}
            for name, c in plan.channels.items()
        },
        "workflows": {name: _first_owner(plan, name) for name in plan.workflows},
        "parameters": parameters,
        "calendars": calendars,
        "zones": clocks.zones(zone_names, first, last),
        "range": [first.isoformat(), last.isoformat()],
    }


def _rules(plan: ValidPlan, params: Mapping[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Segments, routing rules and SLA policies, in the order they are tried."""
    fields = plan.ticket_schema.fields

    def rule(kind: str, name: str, when: str | None) -> dict[str, Any]:
        stops = blocker(when, fields, params)
        parts = (split_top_level(when, "&&") or []) if when and stops else []
        guards = [p for p in parts if blocker(p, fields, params) is None]
        return {"kind": kind, "name": name, "when": when, "blocker": stops, "guards": guards}

    segments = plan.segmentation.segments if plan.segmentation else ()
    rules = plan.routing.rules if plan.routing else ()
    return {
        "segments": [rule("segment", s.name, s.when) for s in segments],
        "rules": [{**rule("routing rule", r.name, r.when), "set": r.set.model_dump(exclude_none=True)} for r in rules],
        "policies": [
            {**rule("SLA policy", p.name, p.when), "calendar": p.calendar, "targets": _targets(p.targets)}
            for p in plan.sla_policies
        ],
    }


def form_fields(plan: ValidPlan) -> list[dict[str, Any]]:
    """The ticket fields the form asks for: channel, category, amount, then every other field a rule reads."""
    fields = plan.ticket_schema.fields
    read = set(_fields_read(plan))
    chosen = [name for name, f in walk(fields) if name in FIRST_FIELDS and f.type in FORM_TYPES]
    chosen += [name for name, f in walk(fields) if name in read and name not in chosen and f.type in FORM_TYPES]
    by_name = dict(walk(fields))
    return [_input(name, by_name[name], by_name[name].values) for name in chosen if name not in NOT_INPUT]


def _fields_read(plan: ValidPlan) -> Iterator[str]:
    from planops.expr import field_refs

    sources = [s.when for s in (plan.segmentation.segments if plan.segmentation else ())]
    sources += [r.when for r in (plan.routing.rules if plan.routing else ())]
    sources += [p.when for p in plan.sla_policies]
    for source in sources:
        for ref in field_refs(source or ""):
            yield ref.name


def _input(name: str, f: TicketField, allowed: tuple[Any, ...] | None) -> dict[str, Any]:
    return {
        "name": name,
        "type": f.type,
        "description": f.description,
        "values": [v for v in allowed if _plain(v)] if allowed is not None else None,
    }


def _plain(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def _given_values(plan: ValidPlan, name: str) -> tuple[str, ...]:
    if name == "segment":
        return plan.segment_names
    if name == "priority":
        return PRIORITIES
    if name == "queue":
        return tuple(sorted(plan.queues))
    return tuple(plan.workflows)


def _targets(targets: Mapping[Any, Any]) -> dict[str, dict[str, int]]:
    """Per priority, each target's duration in seconds."""
    result: dict[str, dict[str, int]] = {}
    for priority, found in targets.items():
        durations = {name: getattr(found, name) for name in TARGETS}
        result[priority] = {k: _secs(v) for k, v in durations.items() if isinstance(v, timedelta)}
    return result


def _secs(value: timedelta) -> int:
    return int(value.total_seconds())


def _first_owner(plan: ValidPlan, workflow: str) -> dict[str, Any]:
    wf = plan.workflows[workflow]
    state = wf.states.get(wf.initial)
    owner = state.owner if state is not None else None
    role = plan.roles.get(owner) if owner else None
    return {"initial": wf.initial, "owner": owner, "title": role.title if role else None}


def _parameters(plan: ValidPlan) -> dict[str, dict[str, Any]]:
    """Each parameter by name, with its type; the value where the page reads it (integers as text: BigInt).

    A number JSON cannot hold (infinite) is typed ``unbounded number``: rules reading it are not evaluated.
    """
    found: dict[str, dict[str, Any]] = {}
    for name, value in values(plan.manifest).items():
        kind = cel_type(value)
        if kind == "number" and not math.isfinite(float(value)):  # type: ignore[arg-type]
            kind = "unbounded number"
        shown = (str(value) if kind == "integer" else value) if kind in FORM_TYPES else None
        found[name] = {"type": kind, "value": shown}
    return found


def script_json(data: Any) -> str:
    """JSON for a ``<script type="application/json">`` element: ``<``, ``>`` and ``&`` as escapes.

    Without ``<`` no ``</script>`` or ``<!--`` can end or bend the element, whatever a plan's text holds.
    """
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
