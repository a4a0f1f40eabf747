"""The plan models, one per kind: they are also the JSON Schema."""

from __future__ import annotations

from planops.model.base import PlanObject
from planops.model.calendar import Calendar
from planops.model.customers import Channel, Segmentation
from planops.model.datasource import DataSource
from planops.model.plan import KPI, Plan
from planops.model.scenario import Scenario
from planops.model.service import Routing, SLAPolicy
from planops.model.team import Budget, Team
from planops.model.workflow import Workflow

__all__ = [
    "KPI",
    "Budget",
    "Calendar",
    "Channel",
    "DataSource",
    "Plan",
    "PlanObject",
    "Routing",
    "SLAPolicy",
    "Scenario",
    "Segmentation",
    "Team",
    "Workflow",
]
