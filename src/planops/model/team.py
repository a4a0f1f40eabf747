"""The people who do the work and the money it costs."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planops.limits import MAX_HEADCOUNT, MAX_MONEY, MAX_SHIFTS
from planops.model.base import Model, PlanObject
from planops.model.staffing import Share, Shift
from planops.model.types import Name, Ref


class Role(Model):
    name: Name = Field(description="The role's name; workflows and owners refer to it.")
    title: str = Field(description="The job title.")
    tier: int = Field(ge=0, le=5, description="Support tier: 1 frontline, 2 specialists, 3 managers…")
    headcount: float = Field(1, ge=0, le=MAX_HEADCOUNT, description="People in this role (fractions for shared roles).")
    monthly_cost: float = Field(0, ge=0, le=MAX_MONEY, description="Monthly cost of one person in this role.")
    queues: tuple[Name, ...] = Field((), description="Queues this role serves.")
    escalation_contact: bool = Field(False, description="Whether this role is an escalation contact.")
    reports_to: Ref | None = Field(None, description="The role this one reports to.")
    github: str | None = Field(
        None, pattern=r"^@[A-Za-z0-9-]+(/[A-Za-z0-9_.-]+)?$", description="GitHub user or team, e.g. @acme/billing."
    )
    description: str | None = Field(None, description="Markdown shown in the handbook.")
    shifts: tuple[Shift, ...] = Field(
        (),
        max_length=MAX_SHIFTS,
        description="When the role works: each shift a calendar or hours and the agents on it at once "
        "(`planops staff` and the coverage checks read them).",
    )
    shrinkage: Share = Field(
        0.0,
        lt=1,
        description="The share of paid time not spent on tickets: breaks, training, meetings, absence (e.g. 30%).",
    )
    max_occupancy: Share = Field(
        1.0, gt=0, description="The busiest share of available time an agent may be kept on tickets (e.g. 85%)."
    )


class Team(PlanObject):
    """Roles, tiers, headcount and escalation contacts."""

    kind: Literal["Team"] = "Team"
    roles: tuple[Role, ...] = Field(min_length=1, description="The team's roles.")


Category = Literal["tools", "training", "outsourcing", "facilities", "travel", "other"]


class CostLine(Model):
    name: str = Field(description="What the money is for.")
    category: Category = Field("other", description="tools, training, outsourcing, facilities, travel or other.")
    monthly: float = Field(ge=0, le=MAX_MONEY, description="Monthly cost.")
    description: str | None = Field(None, description="Markdown shown in the handbook.")


class Budget(PlanObject):
    """Monthly cost lines; salaries are derived from Team."""

    kind: Literal["Budget"] = "Budget"
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO currency code, e.g. USD.")
    monthly_limit: float = Field(gt=0, le=MAX_MONEY, description="The most the support function may cost a month.")
    lines: tuple[CostLine, ...] = Field((), description="Cost lines besides salaries.")
