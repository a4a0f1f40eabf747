"""The virtual clock: a scenario's events and its workflow's timers in time order, no threads, no sleeps.

A ticket is in one state at a time and a state has at most one timer, so at
most one timer is ever armed: the scheduler merges the scenario's events
(already in time order) with that one due instant instead of keeping a heap of
timers to cancel. Entering a state (again) arms its timer afresh and drops the
old one, so a timer fires only while the ticket is still in the state it was
armed for. When an event and a timer fall on the same instant, the event comes
first.

A timer's due instant is computed only when an event or the end of the run
comes late enough for it to matter: business time never runs faster than real
time, so a timer armed at t for d cannot fire before t + d.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, tzinfo
from typing import NamedTuple

from planops.engine.clock import BusinessCalendar
from planops.engine.machine import CompiledWorkflow, Token
from planops.engine.tickets import TicketView
from planops.limits import MAX_TIMER_EVENTS as MAX_TIMER_EVENTS
from planops.model.workflow import TICKET_EVENTS


class Record(NamedTuple):
    """One thing that happened: an event or a timer, and the transition it made (target None: none)."""

    at: datetime
    event: str
    source: str | None
    target: str | None
    timer: bool = False
    branch: int | None = None


class Timeline(NamedTuple):
    """What a simulation did, and where it stopped."""

    records: tuple[Record, ...]
    state: str
    owner: str | None
    path: tuple[str, ...]
    end: datetime
    problem: str | None = None


class Simulation:
    """One ticket running through a compiled workflow on a business calendar.

    The armed timer is kept as ``timer`` (state, entered, duration, event),
    ``earliest`` (when it could fire at the soonest) and ``due`` (its due
    instant, computed when first needed).
    """

    __slots__ = (
        "calendar",
        "due",
        "earliest",
        "fired",
        "owner",
        "path",
        "problem",
        "records",
        "timer",
        "token",
        "view",
        "wf",
        "zone",
    )

    def __init__(
        self, wf: CompiledWorkflow, calendar: BusinessCalendar, view: TicketView, created: datetime, zone: tzinfo = UTC
    ) -> None:
        initial = wf.initial
        self.wf, self.calendar, self.view, self.zone = wf, calendar, view, zone
        self.token = Token(initial)
        self.records: list[Record] = [Record(created, "created", None, initial)]
        self.path: list[str] = [initial]
        self.owner = wf.owners[initial]
        self.fired = 0
        self.problem: str | None = None
        self.timer: tuple[str, datetime, timedelta, str] | None = None
        self.earliest: datetime | None = None
        self.due: datetime | None = None
        if initial in wf.timers:
            self._arm(created, initial)

    def run(self, events: Sequence[tuple[datetime, str]], end: datetime) -> Timeline:
        """Fire ``events`` (UTC, in time order) and the timers due up to ``end``; stop at the first problem."""
        handles, token, records = self.wf.handles, self.token, self.records
        for at, event in events:
            earliest = self.earliest
            if earliest is not None and earliest <= at and not self._timers(at, inclusive=False):
                return self._timeline(records[-1].at)
            state = token._state
            if event in handles[state]:
                self._fire(at, event, False)
            elif event in TICKET_EVENTS:
                records.append(Record(at, event, state, None))
            else:
                self.problem = self._not_accepted(at, event)
                return self._timeline(at)
        if not self._timers(end, inclusive=True):
            return self._timeline(self.records[-1].at)
        return self._timeline(end)

    def _timeline(self, end: datetime) -> Timeline:
        return Timeline(tuple(self.records), self.token._state, self.owner, tuple(self.path), end, self.problem)

    def _not_accepted(self, at: datetime, event: str) -> str:
        state = self.token._state
        return (
            f"event '{event}' at {at.astimezone(self.zone).isoformat()} is not accepted in state '{state}' "
            f"(it accepts: {', '.join(self.wf.accepted(state))})"
        )

    def _timers(self, until: datetime, *, inclusive: bool) -> bool:
        """Fire every timer due before ``until`` (or at it, if ``inclusive``); False if they loop."""
        while (timer := self.timer) is not None:
            if self.earliest is not None and self.earliest > until:
                return True
            state, entered, after, event = timer
            due = self.due
            if due is None:
                due = self.due = self.calendar.add_utc(entered, after)
            if due > until or (due == until and not inclusive):
                return True
            self.timer = self.earliest = self.due = None
            self.fired += 1
            if self.fired > MAX_TIMER_EVENTS:
                self.problem = _loop_message(self.records)
                return False
            if event not in self.wf.handles[state]:
                self.problem = f"the timer of state '{state}' fires '{event}', which the state does not accept"
                return False
            self._fire(due, event, True)
        return True

    def _fire(self, at: datetime, event: str, timer: bool) -> None:
        token, wf = self.token, self.wf
        source = token._state
        branch = wf.fire(token, event, self.view)
        if branch is None:
            self.records.append(Record(at, event, source, None, timer, None))
            return
        target = token._state
        self.records.append(Record(at, event, source, target, timer, branch))
        self.path.append(target)
        self.owner = wf.owners[target] or self.owner
        if target in wf.timers:
            self._arm(at, target)
        else:
            self.timer = self.earliest = self.due = None

    def _arm(self, at: datetime, state: str) -> None:
        after, event = self.wf.timers[state]
        self.timer, self.earliest, self.due = (state, at, after, event), at + after, None


def _loop_message(records: Sequence[Record]) -> str:
    """Name the cycle the last timers went round."""
    states = [r.target for r in records[-50:] if r.timer and r.target is not None]
    cycle = states[-1:]
    for i in range(len(states) - 2, -1, -1):
        cycle.insert(0, states[i])
        if states[i] == states[-1]:
            break
    events = sorted({r.event for r in records[-50:] if r.timer})
    return (
        f"timers keep firing in a loop: {' → '.join(cycle)} (timer events: {', '.join(events)}); "
        f"stopped after {MAX_TIMER_EVENTS}: give the loop a way out or end the scenario earlier with until:"
    )
