"""Every kind of plan document, declared once.

The loader, the schema, the checks, the diff and the handbook all read this
table; nothing else lists the kinds. Adding a kind means writing its model
(``planops.model``), then one line here; ``tests/test_kinds.py`` proves that
every kind is served by every part (a comparator, a diff section, a handbook
page that shows it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from planops.model import (
    KPI,
    Budget,
    Calendar,
    Channel,
    DataSource,
    Plan,
    PlanObject,
    Routing,
    Scenario,
    Segmentation,
    SLAPolicy,
    Team,
    Workflow,
)
from planops.review import kinds as compare
from planops.review.changes import Change, Maker
from planops.review.workflows import workflow

Comparator = Callable[[Maker, Any, Any], list[Change]]


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of plan document and how each part of planops serves it."""

    name: str  # as written after `kind:`
    model: type[PlanObject]
    label: str  # how the handbook and the diff name one object: "SLA policy"
    group: str  # the diff section its changes go to (a key of DIFF_SECTIONS)
    heading: str  # that section's heading
    rank: int  # where that section comes in the diff: what changes how tickets are served first
    page: str  # the handbook page (Markdown source URI) that shows its objects; "{name}" is the object's name
    anchor: str | None = None  # the object's anchor on that page ("kpi-{name}"), None for the page itself
    one: bool = False  # a plan holds at most one document of this kind
    compare: Comparator = compare.generic  # what changed inside one object between two revisions
    material: bool = True  # whether its changes change the plan's meaning (scenarios are examples, not rules)
    named_as: str | None = None  # the word checks use when an object refers to one of these ("calendar")
    holds: tuple[str, ...] = ()  # names of things defined inside its objects that others refer to ("queue")

    def target(self, name: str) -> tuple[str, str | None]:
        """The handbook page and anchor that show the object ``name``."""
        anchor = self.anchor.format(name=name) if self.anchor else None
        return self.page.format(name=name), anchor


KINDS: tuple[Kind, ...] = (  # in the order of the SPEC (and of the schema and the loader's hints)
    Kind("Plan", Plan, "Plan", "plan", "Plan", 0, "index.md", one=True, compare=compare.plan),
    Kind("KPI", KPI, "KPI", "kpi", "KPI targets", 4, "kpis.md", "kpi-{name}", compare=compare.kpi, named_as="KPI"),
    Kind(
        "Segmentation",
        Segmentation,
        "Segmentation",
        "segments",
        "Segments",
        8,
        "segments.md",
        one=True,
        compare=compare.segmentation,
        holds=("segment",),
    ),
    Kind(
        "Channel",
        Channel,
        "Channel",
        "channels",
        "Channels",
        9,
        "channels.md",
        "channel-{name}",
        compare=compare.channel,
        named_as="channel",
    ),
    Kind(
        "Calendar",
        Calendar,
        "Calendar",
        "calendar",
        "Calendars",
        7,
        "channels.md",
        "calendar-{name}",
        compare=compare.calendar,
        named_as="calendar",
    ),
    Kind(
        "SLAPolicy",
        SLAPolicy,
        "SLA policy",
        "sla",
        "SLA targets",
        1,
        "sla.md",
        "policy-{name}",
        compare=compare.sla,
        named_as="sla_policy",
    ),
    Kind("Routing", Routing, "Routing", "routing", "Routing", 2, "routing.md", one=True, compare=compare.routing),
    Kind(
        "Team",
        Team,
        "Team",
        "team",
        "Team",
        5,
        "team.md",
        "team-{name}",
        compare=compare.team,
        holds=("queue", "owner"),
    ),
    Kind(
        "Workflow",
        Workflow,
        "Workflow",
        "workflow",
        "Workflows",
        3,
        "workflows/{name}.md",
        compare=workflow,
        named_as="workflow",
    ),
    Kind("Budget", Budget, "Budget", "budget", "Budget", 6, "budget.md", one=True, compare=compare.budget),
    Kind(
        "Scenario",
        Scenario,
        "Scenario",
        "scenarios",
        "Scenarios",
        10,
        "scenarios/index.md",
        "scenario-{name}",
        compare=compare.scenario,
        material=False,
    ),
    Kind(
        "DataSource",
        DataSource,
        "Data source",
        "datasources",
        "Data sources",
        11,
        "index.md",  # read by `planops report`, not served to tickets: no page of its own yet
    ),
)

BY_NAME: MappingProxyType[str, Kind] = MappingProxyType({k.name: k for k in KINDS})
MODELS: MappingProxyType[str, type[PlanObject]] = MappingProxyType({k.name: k.model for k in KINDS})

# Diff sections in the order reviewers read them: one per kind, then the ones every kind shares.
DIFF_SECTIONS: MappingProxyType[str, str] = MappingProxyType(
    {
        **{k.group: k.heading for k in sorted(KINDS, key=lambda k: k.rank)},
        "review": "Reviews",
        "text": "Titles and descriptions",
    }
)
NATURAL_KIND: MappingProxyType[str, str] = MappingProxyType({k.group: k.name for k in KINDS})

# The word a check uses for a reference ("calendar", "queue") -> the kind that defines it, and whether
# it is defined inside that kind's objects rather than as one of them.
REFERENCED: MappingProxyType[str, tuple[str, bool]] = MappingProxyType(
    {
        **{k.named_as: (k.name, False) for k in KINDS if k.named_as},
        **{word: (k.name, True) for k in KINDS for word in k.holds},
    }
)


def label(kind: str) -> str:
    """How users read a kind's name ("SLA policy" for SLAPolicy); unknown names as they are."""
    found = BY_NAME.get(kind)
    return found.label if found else kind
