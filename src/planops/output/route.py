"""How one ticket is routed (``planops route``): aligned lines for people, a JSON object for tools."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from planops.engine import Routed
from planops.model.types import TARGETS, format_duration
from planops.output import Printed
from planops.output.escape import json_text, text_lines
from planops.output.values import when, zone_name


def routed_dict(routed: Routed) -> dict[str, Any]:
    """What routing decided, JSON-ready."""
    zone = routed.zone
    return {
        "segment": routed.segment,
        "priority": routed.priority,
        "queue": routed.queue,
        "workflow": routed.workflow,
        "rule": routed.rule,
        "sla_policy": routed.sla_policy,
        "calendar": routed.calendar_name,
        "timezone": zone_name(zone),
        "created": routed.created.isoformat(),
        "due": {name: due.astimezone(zone).isoformat() for name, due in routed.due.items()},
    }


def text(routed: Routed) -> str:
    """``segment:    vip``, one fact a line, values aligned."""
    zone = routed.zone
    calendar = f"{routed.calendar_name} ({zone_name(zone)})" if routed.calendar_name else "none (every hour counts)"
    targets = ", ".join(f"{n} {format_duration(d)}" for n in TARGETS if (d := routed.target(n)) is not None)
    rows = [
        ("segment", routed.segment or "none"),
        ("priority", routed.priority or "none"),
        ("queue", routed.queue or "none"),
        ("workflow", routed.workflow),
        ("rule", routed.rule or "none (the ticket names priority, queue and workflow)"),
        ("sla policy", routed.sla_policy or "none"),
        ("targets", targets or "none"),
        ("calendar", calendar),
        ("created", when(routed.created, zone)),
        *((f"due {name}", when(due, zone)) for name, due in routed.due.items()),
    ]
    width = max(len(key) for key, _ in rows) + 1
    return text_lines(f"{key + ':':<{width}} {value}" for key, value in rows)


FORMATS: dict[str, Callable[[Routed], Printed]] = {
    "text": lambda routed: Printed(text(routed)),
    "json": lambda routed: Printed(json_text(routed_dict(routed))),
}
