"""The plan manifest and its KPIs."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from planops.limits import MAX_AMOUNT, MAX_VERSION_CHARS
from planops.model.base import Model, PlanObject
from planops.model.fields import FieldDecl
from planops.model.parameters import Parameters
from planops.model.types import Day, Duration, Name, Ref

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
    version: str = Field(
        min_length=1,
        max_length=MAX_VERSION_CHARS,
        description='The plan version, e.g. "2026.4". Raise it when the meaning changes.',
    )
    effective: Day = Field(description="The date from which this plan applies.")
    review: Review = Field(Review(every="quarter"), description="The review cadence.")
    vision: str | None = Field(None, description="Where customer service is heading, in a few sentences.")
    goals: tuple[Goal, ...] = Field((), description="Goals, each linked to the KPIs that measure it.")
    ticket_fields: dict[str, FieldDecl] = Field(
        {},
        max_length=1000,
        description="Ticket fields beyond the built-in ones, each a type (`invoice_id: string`) or a declaration "
        "(`{type: string, values: [billing, refund]}`, a map's `fields:`); `customer.tier: string` declares a nested "
        "field. A built-in field may be declared again to list its allowed values or more nested fields. Built in: "
        "channel, category, priority, segment, queue, workflow, amount (number), region, language, subject, tags "
        "(list), created (timestamp), customer (map: id, name, email, annual_value, country, language).",
    )
    parameters: Parameters = Field(
        {},
        description="Named values every `when:` may read as `plan.<name>` (e.g. refund_approval_limit: 500.0): "
        "a number, true/false, text or a duration like 2h, or {value: ..., description: ...}.",
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


Amount = Annotated[float, Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT)]


def _number_in_range(value: Any) -> Any:
    """A number given for ``max:`` is checked here, so that its finding is not the duration's "expected 30m"."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and not (math.isfinite(value) and abs(value) <= MAX_AMOUNT):
        raise ValueError(
            f"{value} is out of range for a target: give a number from {-MAX_AMOUNT:,} "
            f"to {MAX_AMOUNT:,}, or a duration like 8h"
        )
    return value


Bound = Annotated[Duration | float, BeforeValidator(_number_in_range)]


class Target(Model):
    max: Bound | None = Field(None, description="The value must stay at or below this.")
    min: Amount | None = Field(None, description="The value must stay at or above this.")

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
    by: dict[Name, dict[Name, Target]] = Field(
        {},
        max_length=20,
        description="Targets per dimension value, which replace `target:` where the report groups by that "
        "dimension: `{channel: {chat: {max: 5m}, email: {max: 8h}}}`. Dimensions: channel, segment, priority, "
        "queue, sla_policy, workflow, calendar. Each bound is the same kind as `target:` (max or min).",
    )
    unit: str | None = Field(None, description="The unit of a numeric target, e.g. '%' or 'points'.")
    hours: Literal["business", "calendar"] = Field(
        "business",
        description="How durations count: business (only the open hours of the ticket's calendar) or "
        "calendar (every hour).",
    )
