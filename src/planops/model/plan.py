"""The plan manifest and its KPIs."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from planops.model.base import Model, PlanObject
from planops.model.types import Duration, Name, Ref

TicketFieldType = Literal["string", "number", "integer", "bool", "list", "timestamp", "map"]
Cadence = Literal["month", "quarter", "half-year", "year"]


class Goal(Model):
    name: Name = Field(description="A short name for the goal.")
    statement: str = Field(description="What the goal is, in one sentence.")
    kpis: tuple[Ref, ...] = Field((), description="Names of the KPIs that measure this goal.")


class Review(Model):
    every: Cadence = Field(description="How often the plan is reviewed: month, quarter, half-year or year.")


class Plan(PlanObject):
    """The one manifest of a plan: what it is for and how it is reviewed."""

    kind: Literal["Plan"] = "Plan"
    title: str = Field(description="The plan's title.")
    version: str = Field(description='The plan version, e.g. "2026.4". Raise it when the meaning changes.')
    effective: date = Field(description="The date from which this plan applies.")
    review: Review = Field(Review(every="quarter"), description="The review cadence.")
    vision: str | None = Field(None, description="Where customer service is heading, in a few sentences.")
    goals: tuple[Goal, ...] = Field((), description="Goals, each linked to the KPIs that measure it.")
    ticket_fields: dict[str, TicketFieldType] = Field(
        {}, description="Ticket fields beyond the built-in ones that expressions may read, with their types."
    )


Measure = Literal[
    "first_response_time",
    "next_response_time",
    "resolution_time",
    "csat",
    "fcr",
    "nps",
    "ces",
    "volume",
    "reopen_rate",
    "backlog",
    "cost_per_ticket",
    "sla_attainment",
    "churn_rate",
]
Statistic = Literal["median", "mean", "p75", "p90", "p95", "rate", "sum", "count", "score"]


class Target(Model):
    max: Duration | float | None = Field(None, description="The value must stay at or below this.")
    min: float | None = Field(None, description="The value must stay at or above this.")

    @model_validator(mode="after")
    def _one_bound(self) -> Target:
        if (self.max is None) == (self.min is None):
            raise ValueError("a target has exactly one of 'max' or 'min'")
        return self


class KPI(PlanObject):
    """A measure of service with a target."""

    kind: Literal["KPI"] = "KPI"
    measures: Measure = Field(description="What is measured.")
    statistic: Statistic = Field("mean", description="How the measurements are summarised.")
    target: Target = Field(description="The target: {max: 2h} or {min: 4.5}.")
    unit: str | None = Field(None, description="The unit of a numeric target, e.g. '%' or 'points'.")
