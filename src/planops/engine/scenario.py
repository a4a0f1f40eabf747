"""Running a Scenario (SPEC §2.3) and comparing what happened with what it expects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from types import MappingProxyType
from typing import Any

from planops.engine.machine import CompiledWorkflow
from planops.engine.prepared import Prepared, ScenarioError
from planops.engine.router import Routed
from planops.engine.simulator import Record, Simulation, Timeline
from planops.engine.sla import ClockState, clock_states, clock_trace
from planops.engine.tickets import TicketError, TicketView, instant
from planops.model import Scenario
from planops.model.types import TARGETS


@dataclass(frozen=True, slots=True)
class TraceRow:
    """One line of a trace: when, what, from → to, who owns the ticket then, and the SLA clocks then."""

    at: datetime
    event: str
    source: str | None
    target: str | None
    owner: str | None
    timer: bool
    clocks: Mapping[str, ClockState]
    note: str | None = None
    """The ``note:`` of the scenario event this row is (a timer's row, and the ticket's creation, have none)."""


@dataclass(frozen=True, eq=False)
class Run:
    """What happened to a scenario's ticket: routing, the records of the run, and (on demand) its SLA clocks."""

    scenario: Scenario
    routed: Routed
    workflow: CompiledWorkflow
    timeline: Timeline

    @property
    def state(self) -> str:
        return self.timeline.state

    @property
    def owner(self) -> str | None:
        return self.timeline.owner

    @property
    def path(self) -> tuple[str, ...]:
        """Every state the ticket was in, in order: the initial one first, then one per move of the trace.

        A state entered again is listed again, a transition to the state the
        ticket is in too (the engine enters it afresh: its timer restarts).
        """
        return self.timeline.path

    @property
    def end(self) -> datetime:
        return self.timeline.end

    @property
    def problem(self) -> str | None:
        return self.timeline.problem

    @property
    def records(self) -> tuple[Record, ...]:
        return self.timeline.records

    @cached_property
    def targets(self) -> Mapping[str, timedelta]:
        return MappingProxyType({name: d for name in TARGETS if (d := self.routed.target(name)) is not None})

    @cached_property
    def clocks(self) -> Mapping[str, ClockState]:
        """Each SLA target's clock at the end of the run."""
        return self.clocks_at(len(self.records), self.end)

    def clocks_at(self, count: int, end: datetime) -> Mapping[str, ClockState]:
        """The clocks after the first ``count`` records, seen at ``end``."""
        return clock_states(self.workflow, self.routed.calendar, self.targets, self.records[:count], end)

    @property
    def sla(self) -> dict[str, str]:
        return {name: clock.status for name, clock in self.clocks.items()}

    @property
    def due(self) -> dict[str, datetime]:
        return {name: clock.due for name, clock in self.clocks.items()}

    @cached_property
    def trace(self) -> tuple[TraceRow, ...]:
        clocks = clock_trace(self.workflow, self.routed.calendar, self.targets, self.records)
        return tuple(
            TraceRow(record.at, record.event, record.source, record.target, owner, record.timer, seen, note)
            for record, owner, seen, note in zip(self.records, self.owners, clocks, self.notes, strict=True)
        )

    @cached_property
    def notes(self) -> tuple[str | None, ...]:
        """Each record's event note: the first record is the ticket's creation, then each event
        makes exactly one record, in the order written, between the timers' records."""
        steps = iter(self.scenario.events)
        return (None, *(None if record.timer else next(steps).note for record in self.records[1:]))

    @cached_property
    def owners(self) -> tuple[str | None, ...]:
        """Who owns the ticket after each record (a state without an owner keeps the one before)."""
        found, owner = [], None
        for record in self.records:
            if record.target is not None:
                owner = self.workflow.owners[record.target] or owner
            found.append(owner)
        return tuple(found)


@dataclass(frozen=True, slots=True)
class Mismatch:
    """An expectation that did not hold: ``key`` is e.g. ``state`` or ``sla.first_response``."""

    key: str
    expected: Any
    actual: Any
    hint: str | None = None
    """How to fix a likely cause, when one is known (a path written without its initial state)."""


def run_scenario(prepared: Prepared, routed: Routed, view: TicketView, workflow: CompiledWorkflow) -> Run:
    """Run a routed scenario's events and timers on the virtual clock (ScenarioError: events out of order)."""
    zone = routed.zone
    events, end = prepared.timeline(zone)
    timeline = Simulation(workflow, routed.calendar, view, prepared.created, zone).run(events, end)
    return Run(prepared.scenario, routed, workflow, timeline)


def mismatches(prepared: Prepared, run: Run) -> list[Mismatch]:
    """Every expectation of the scenario that the run does not meet."""
    routed = run.routed
    found = [
        Mismatch(key, value, actual) for key, value in prepared.routing if (actual := getattr(routed, key)) != value
    ]
    if not prepared.checks_run:
        return found
    expect = prepared.scenario.expect
    if expect.path is not None and expect.path != run.path:
        found.append(Mismatch("path", expect.path, run.path, _path_hint(expect.path, run.path)))
    _compare(found, "state", expect.state, run.state)
    _compare(found, "owner", expect.owner, run.owner)
    for name, status in (expect.sla or {}).items():
        clock = run.clocks.get(name)
        _compare(found, f"sla.{name}", status, clock.status if clock else None)
    for name, due in (expect.due or {}).items():
        clock = run.clocks.get(name)
        if clock is None or clock.due != instant(due):
            found.append(Mismatch(f"due.{name}", due, clock.due if clock else None))
    return found


def _path_hint(expected: tuple[str, ...], actual: tuple[str, ...]) -> str | None:
    """The fix for a path written as before it listed the initial state: the run's path without its first."""
    if expected != actual[1:]:
        return None
    return f"path now starts with the initial state '{actual[0]}': write [{', '.join(actual)}]"


def _compare(found: list[Mismatch], key: str, expected: Any, actual: Any) -> None:
    if expected is not None and expected != actual:
        found.append(Mismatch(key, expected, actual))


__all__ = ["Mismatch", "Run", "ScenarioError", "TicketError", "TraceRow", "mismatches", "run_scenario"]
