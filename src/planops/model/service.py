"""SLA policies and routing: what a ticket is promised and where it goes."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planops.limits import MAX_ORDER
from planops.model.base import Model, PlanObject
from planops.model.types import Expr, Name, PositiveDuration, Priority, Ref


class Targets(Model):
    first_response: PositiveDuration | None = Field(None, description="Time to the first public reply.")
    next_response: PositiveDuration | None = Field(None, description="Time to answer each later customer message.")
    resolution: PositiveDuration | None = Field(None, description="Time to a final state.")


class SLAPolicy(PlanObject):
    """Response and resolution targets per priority, in a calendar's business hours."""

    kind: Literal["SLAPolicy"] = "SLAPolicy"
    order: int = Field(
        ge=-MAX_ORDER,
        le=MAX_ORDER,
        description="Policies are tried by ascending order; the first that matches applies.",
    )
    when: Expr | None = Field(None, description="CEL: which tickets this policy applies to (none: all).")
    calendar: Ref | None = Field(None, description="The Calendar the targets are counted in (none: 24x7).")
    targets: dict[Priority, Targets] = Field(description="Targets per priority: urgent, high, normal, low.")


class Assignment(Model):
    priority: Priority | None = Field(None, description="urgent, high, normal or low.")
    queue: Ref | None = Field(None, description="A queue that a Team role serves.")
    workflow: Ref | None = Field(None, description="The Workflow the ticket follows.")


class Rule(Model):
    name: Name = Field(description="The rule's name.")
    when: Expr | None = Field(None, description="CEL: which tickets this rule takes. The last rule has none.")
    set: Assignment = Field(description="What the rule sets on the ticket (values the ticket has are kept).")
    description: str | None = Field(None, description="Markdown shown in the handbook.")


class Routing(PlanObject):
    """Ordered routing rules: the first whose `when:` matches sets priority, queue and workflow."""

    kind: Literal["Routing"] = "Routing"
    rules: tuple[Rule, ...] = Field(min_length=1, description="Rules in order; the last is the default.")
