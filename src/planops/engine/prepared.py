"""A scenario read once into what every run of it needs.

A scenario's ticket is checked and its ``created`` parsed, its events turned
into UTC instants and its expectations into (key, value) pairs once per
engine, as machines are built once: running a scenario again (``planops
serve`` rebuilds, ``pytest`` re-runs, the handbook's worked examples) then
routes, simulates and compares, nothing else. Problems found while reading
are kept and raised by each run, so a scenario fails the same way every time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from planops.engine.tickets import TicketError, instant, view_of
from planops.model import Scenario
from planops.model.scenario import absolute
from planops.model.timeline import OutOfOrder, TooLate, out_of_order, too_late
from planops.plan import CompiledPlan

ROUTING_KEYS = ("segment", "priority", "queue", "workflow", "sla_policy")
RUN_KEYS = frozenset({"path", "state", "owner", "sla", "due"})


class ScenarioError(ValueError):
    """A scenario that cannot run as written (events out of order)."""


Event = tuple[datetime, str]


@dataclass(frozen=True, slots=True, eq=False)
class Prepared:
    """A scenario's ticket (``created`` parsed), events (UTC, as written), end, and the expectations it gives."""

    scenario: Scenario
    ticket: Mapping[str, Any]
    problem: str | None
    """Why the plan cannot take the ticket (then nothing else is read)."""
    created: datetime
    events: tuple[Event, ...]
    disorder: OutOfOrder | TooLate | None
    """The first event (or ``until:``) written out of time order, else the first beyond the scenario's span."""
    until: datetime | None
    routing: tuple[tuple[str, Any], ...]
    """Expected routing values: (segment | priority | queue | workflow | sla_policy, value)."""
    checks_run: bool
    """Whether the scenario expects anything of the run (path, state, owner, SLA)."""

    def timeline(self, zone: tzinfo) -> tuple[tuple[Event, ...], datetime]:
        """The events and the instant the run ends; ScenarioError (times shown in ``zone``) if they are disordered."""
        events = self.events
        if self.disorder is not None:
            raise ScenarioError(self.disorder.message(zone))
        return events, self.until if self.until is not None else events[-1][0] if events else self.created


def prepare(scenario: Scenario, plan: CompiledPlan) -> Prepared:
    """Read a scenario once; a ticket the plan cannot take is kept as ``problem``."""
    try:
        ticket = view_of(scenario.ticket, plan).data
    except TicketError as exc:
        return Prepared(scenario, {}, str(exc), datetime.min, (), None, None, (), False)
    created = instant(ticket["created"])
    events = tuple((instant(absolute(step.at, created)), step.do) for step in scenario.events)
    disorder = next(out_of_order(scenario.events, scenario.until, created), None) or next(
        too_late(scenario.events, scenario.until, created), None
    )
    until = None if scenario.until is None else instant(absolute(scenario.until, created))
    expect = scenario.expect
    given = expect.model_fields_set
    routing = tuple((k, v) for k in ROUTING_KEYS if k in given and (v := getattr(expect, k)) is not None)
    return Prepared(scenario, ticket, None, created, events, disorder, until, routing, not given.isdisjoint(RUN_KEYS))
