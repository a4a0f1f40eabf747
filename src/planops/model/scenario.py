"""Sample tickets with a timeline and the outcome they must have."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from planops.diagnostics import shown
from planops.limits import MAX_INTEGER, MAX_SCENARIO_EVENTS, MAX_TICKET_ITEMS, MAX_YAML_DEPTH
from planops.model.base import Model, PlanObject
from planops.model.types import Name, Priority, Ref, TargetName, Timestamp, in_years, parse_duration

Outcome = Literal["met", "breached", "pending"]


def _parse_at(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if value.startswith("+"):
        return parse_duration(value[1:])
    try:
        return in_years(datetime.fromisoformat(value))
    except ValueError as exc:
        if str(exc).endswith("computes in"):
            raise
        raise ValueError(
            f"'{shown(value)}' is neither an offset like +30m nor a timestamp like 2026-03-27T16:30:00+01:00"
        ) from None


At = Annotated[
    timedelta | Timestamp,
    BeforeValidator(_parse_at),
    WithJsonSchema(
        {
            "type": "string",
            "description": "An offset after `created` (+30m, +2h, +3d; a day is 24 hours) "
            "or an ISO 8601 timestamp with an offset.",
        }
    ),
]


def absolute(at: timedelta | datetime, created: datetime) -> datetime:
    """An ``At`` as an instant: an offset counts from ``created``, a timestamp stands for itself."""
    return created + at if isinstance(at, timedelta) else at


class Step(Model):
    at: At = Field(description="When: +30m after created, or an ISO timestamp with offset.")
    do: Name = Field(description="The event: respond, customer_reply, or one the current state accepts.")
    note: str | None = Field(None, description="Why this happens, for the worked example.")


class Expect(Model):
    segment: Ref | None = Field(None, description="The segment the ticket falls into.")
    priority: Priority | None = Field(None, description="The priority routing gives it.")
    queue: Ref | None = Field(None, description="The queue routing gives it.")
    workflow: Ref | None = Field(None, description="The workflow it follows.")
    sla_policy: Ref | None = Field(None, description="The SLA policy that applies.")
    path: tuple[Name, ...] | None = Field(
        None,
        description="Every state the ticket was in, in order, the initial state first: [triage, resolved]. "
        "A state entered again is listed again, also after an event that leads to the state the ticket is in.",
    )
    state: Name | None = Field(None, description="The state at the end.")
    owner: Ref | None = Field(None, description="The role owning the ticket at the end.")
    sla: dict[TargetName, Outcome] | None = Field(None, description="met, breached or pending per SLA target.")
    due: dict[TargetName, Timestamp] | None = Field(None, description="Due times per SLA target.")
    refused: bool | None = Field(
        None,
        description="true: the plan refuses the ticket, as its segment may not use its channel (the channel's "
        "segments:); nothing else is then checked. false: the ticket is taken.",
    )


class Scenario(PlanObject):
    """A sample ticket, its timeline, and what must happen."""

    kind: Literal["Scenario"] = "Scenario"
    ticket: dict[str, Any] = Field(description="The ticket: channel, category, amount, customer, created…")
    events: tuple[Step, ...] = Field((), max_length=MAX_SCENARIO_EVENTS, description="What happens, in time order.")
    until: At | None = Field(None, description="Run the clock to here, firing timers (default: the last event).")
    expect: Expect = Field(Expect(), description="What must be true at the end; only given keys are checked.")


Problem = tuple[tuple[str | int, ...], str]
"""Where in a ticket (its keys and indexes), and what is wrong there."""


def value_problems(ticket: Mapping[Any, Any]) -> list[Problem]:
    """Each ticket value beyond planops.limits, in the order written.

    A list or mapping holds at most MAX_TICKET_ITEMS entries (comprehensions
    cost in proportion) and nests at most MAX_YAML_DEPTH deep; a number is
    finite and at most MAX_INTEGER in size. Every route and every scenario
    comes here, so plain values are passed over without a call.
    """
    found: list[Problem] = []
    _collect((), ticket, found)
    return found


def _collect(path: tuple[str | int, ...], container: Any, found: list[Problem]) -> None:
    entries = container.items() if isinstance(container, Mapping) else enumerate(container)
    for key, value in entries:
        kind = value.__class__
        if kind is str or kind is bool or value is None:
            continue
        if (kind is int and -MAX_INTEGER <= value <= MAX_INTEGER) or (kind is float and math.isfinite(value)):
            continue
        here = (*path, key)
        if isinstance(value, Mapping | list | tuple):
            if len(value) > MAX_TICKET_ITEMS:
                found.append(
                    (
                        here,
                        f"ticket field '{_dotted(here)}' holds {len(value):,} items; "
                        f"a ticket's list or mapping holds at most {MAX_TICKET_ITEMS:,}",
                    )
                )
            elif len(here) >= MAX_YAML_DEPTH:
                found.append((here, f"ticket field '{_dotted(here)}' nests deeper than {MAX_YAML_DEPTH} levels"))
            else:
                _collect(here, value, found)
        elif isinstance(value, float):
            found.append((here, f"ticket field '{_dotted(here)}' is {value}; a number must be finite"))
        elif isinstance(value, int) and not isinstance(value, bool):
            found.append(
                (
                    here,
                    f"ticket field '{_dotted(here)}' is beyond ±{MAX_INTEGER:,} "
                    "(write an identifier in quotes, as text)",
                )
            )


def _dotted(path: tuple[str | int, ...]) -> str:
    return shown("".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip("."))


GIVEN_NAMES = {"channel": "email", "segment": "vip", "priority": "high", "queue": "billing", "workflow": "support"}
"""Fields the engine reads as names when a ticket gives them (routing keeps given values), with an example each."""


def not_a_name(ticket: Mapping[str, Any]) -> str | None:
    """The first of GIVEN_NAMES that the ticket gives as something other than text (a list, a mapping, a number)."""
    return next((k for k in GIVEN_NAMES if ticket.get(k) is not None and not isinstance(ticket[k], str)), None)


def describe(value: Any) -> str:
    """What a value is, for a message: "a list", "a mapping", "3 (a number)"."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, int | float):
        return f"{value!r:.40} (a number)"
    if isinstance(value, str):
        return f"{value!r:.40} (text)"
    return f"a {type(value).__name__} ({value!r:.40})"
