"""Sample tickets with a timeline and the outcome they must have."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BeforeValidator, Field, WithJsonSchema

from planops.model.base import Model, PlanObject
from planops.model.types import Name, Priority, Ref, TargetName, parse_duration

Outcome = Literal["met", "breached", "pending"]


def _parse_at(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if value.startswith("+"):
        return parse_duration(value[1:])
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"'{value}' is neither an offset like +30m nor a timestamp like 2026-03-27T16:30:00+01:00"
        ) from None


At = Annotated[
    timedelta | AwareDatetime,
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
    path: tuple[Name, ...] | None = Field(None, description="States visited after the initial one, in order.")
    state: Name | None = Field(None, description="The state at the end.")
    owner: Ref | None = Field(None, description="The role owning the ticket at the end.")
    sla: dict[TargetName, Outcome] | None = Field(None, description="met, breached or pending per SLA target.")
    due: dict[TargetName, AwareDatetime] | None = Field(None, description="Due times per SLA target.")


class Scenario(PlanObject):
    """A sample ticket, its timeline, and what must happen."""

    kind: Literal["Scenario"] = "Scenario"
    ticket: dict[str, Any] = Field(description="The ticket: channel, category, amount, customer, created…")
    events: tuple[Step, ...] = Field((), description="What happens, in time order.")
    until: At | None = Field(None, description="Run the clock to here, firing timers (default: the last event).")
    expect: Expect = Field(Expect(), description="What must be true at the end; only given keys are checked.")
