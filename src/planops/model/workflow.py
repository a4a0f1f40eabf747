"""Escalation workflows: states, events, guards and timers."""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

from pydantic import Field

from planops.model.base import Model, PlanObject
from planops.model.types import Expr, Name, PositiveDuration, Ref, TargetName, Text

TICKET_EVENTS: tuple[str, ...] = ("respond", "customer_reply")


class Branch(Model):
    to: Ref = Field(description="The state the ticket moves to.")
    when: Expr | None = Field(None, description="CEL guard; the first branch that matches is taken.")


class Timeout(Model):
    after: PositiveDuration = Field(description="Business time in the state before the event fires.")
    event: Name = Field(description="The event fired when the time runs out.")


class State(Model):
    title: str | None = Field(None, description="A human title for the step.")
    description: Text | None = Field(None, description="Markdown shown in the handbook.")
    owner: Ref | None = Field(None, description="The Team role that works the ticket in this state.")
    on: dict[Name, Ref | tuple[Branch, ...]] = Field(
        {}, description="Events this state accepts and where each leads (a state, or ordered branches)."
    )
    timeout: Timeout | None = Field(None, description="Fire an event after some business time in this state.")
    pause: tuple[TargetName, ...] = Field((), description="SLA targets whose clocks stop while here.")
    escalate_before: TargetName | tuple[TargetName, ...] | None = Field(
        None,
        description="SLA targets the timer must fire before (an error where it cannot); without it, any target "
        "the timer may fire after is a warning; [] for a timer that protects none (closing a ticket, say).",
    )
    final: bool = Field(False, description="Whether the ticket is done when it gets here.")

    def branches(self, event: str) -> tuple[Branch, ...]:
        target = self.on[event]
        return (Branch(to=target),) if isinstance(target, str) else target

    @property
    def protects(self) -> tuple[str, ...] | None:
        """The targets ``escalate_before:`` names (None when not given)."""
        found = self.escalate_before
        return (found,) if isinstance(found, str) else found

    @property
    def timer(self) -> tuple[timedelta, str] | None:
        return (self.timeout.after, self.timeout.event) if self.timeout else None


class Workflow(PlanObject):
    """An escalation workflow, compiled into a state machine."""

    kind: Literal["Workflow"] = "Workflow"
    initial: Ref = Field(description="The state a new ticket starts in.")
    states: dict[Name, State] = Field(min_length=1, description="The workflow's states by name.")

    def edges(self) -> list[tuple[str, str, int, str]]:
        """Every (from, event, branch index, to) of the graph."""
        return [
            (name, event, i, branch.to)
            for name, state in self.states.items()
            for event in state.on
            for i, branch in enumerate(state.branches(event))
        ]
