"""SLA clocks (SPEC §2.1, §2.3): due times, met / breached / pending, and pauses.

* ``first_response`` starts at ``created``; the first ``respond`` stops it.
* ``next_response``: each ``customer_reply`` opens one (unless one is already
  open: the oldest unanswered message counts), the next ``respond`` stops it.
* ``resolution`` starts at ``created``; reaching a final state stops it.

A clock is ``met`` when its event comes at or before its due time,
``breached`` when it comes later or the run ends after the due time without
it, and ``pending`` otherwise. While the ticket is in a state whose ``pause:``
names a target, that clock stands still: on leaving, its due time moves later
by the open time spent there. A clock already run out when the pause begins
is not paused.

Clocks are computed from a run's records after the fact, so a scenario that
expects nothing about SLAs costs no calendar arithmetic for them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import MappingProxyType

from planops.engine.clock import BusinessCalendar
from planops.engine.machine import CompiledWorkflow
from planops.engine.simulator import Record
from planops.engine.tickets import instant

MET, BREACHED, PENDING = "met", "breached", "pending"


@dataclass(frozen=True, slots=True)
class ClockState:
    """A target's clock at some instant: its status and due time (``stopped``: when its event came)."""

    target: str
    status: str
    due: datetime
    paused: bool = False
    stopped: datetime | None = None


class _Clock:
    __slots__ = ("calendar", "due_at", "duration", "name", "paused_since", "start", "stopped")

    def __init__(self, calendar: BusinessCalendar, name: str, start: datetime, duration: timedelta) -> None:
        self.calendar, self.name, self.start, self.duration = calendar, name, start, duration
        self.due_at: datetime | None = None
        self.paused_since: datetime | None = None
        self.stopped: datetime | None = None

    @property
    def due(self) -> datetime:
        if self.due_at is None:
            self.due_at = self.calendar.add_utc(instant(self.start), self.duration)
        return self.due_at

    def pause(self, at: datetime) -> None:
        if self.stopped is None and self.paused_since is None and self.due > at:
            self.paused_since = at

    def resume(self, at: datetime) -> None:
        if self.paused_since is not None:
            self.due_at = self.calendar.add_utc(self.due, self.calendar.open_time(self.paused_since, at))
            self.paused_since = None

    def stop(self, at: datetime) -> None:
        if self.stopped is None:
            self.resume(at)
            self.stopped = at

    def state(self, end: datetime) -> ClockState:
        """The clock as seen at ``end`` (a paused clock as if the pause ended there)."""
        if self.stopped is not None:
            return ClockState(self.name, MET if self.stopped <= self.due else BREACHED, self.due, False, self.stopped)
        paused = self.paused_since is not None
        due = self.due
        if self.paused_since is not None:
            due = self.calendar.add_utc(due, self.calendar.open_time(self.paused_since, end))
        return ClockState(self.name, BREACHED if end > due else PENDING, due, paused)


class _Clocks:
    """The clocks of one ticket, advanced record by record."""

    def __init__(
        self, wf: CompiledWorkflow, calendar: BusinessCalendar, targets: Mapping[str, timedelta], created: datetime
    ) -> None:
        self.wf, self.calendar, self.targets = wf, calendar, targets
        self.paused: frozenset[str] = frozenset()
        self.first = self._new("first_response", created)
        self.resolution = self._new("resolution", created)
        self.replies: list[_Clock] = []

    def _new(self, name: str, start: datetime) -> _Clock | None:
        duration = self.targets.get(name)
        if duration is None:
            return None
        clock = _Clock(self.calendar, name, start, duration)
        if name in self.paused:
            clock.pause(start)
        return clock

    def running(self) -> list[_Clock]:
        found = [self.first, self.resolution, self.replies[-1] if self.replies else None]
        return [c for c in found if c is not None and c.stopped is None]

    def enter(self, state: str, at: datetime) -> None:
        new = self.wf.pauses[state]
        for clock in self.running():
            if clock.name in self.paused and clock.name not in new:
                clock.resume(at)
            elif clock.name in new and clock.name not in self.paused:
                clock.pause(at)
        self.paused = new
        if state in self.wf.finals and self.resolution is not None:
            self.resolution.stop(at)

    def apply(self, record: Record) -> None:
        if record.event == "respond":
            for clock in (self.first, self.replies[-1] if self.replies else None):
                if clock is not None:
                    clock.stop(record.at)
        elif record.event == "customer_reply" and (not self.replies or self.replies[-1].stopped is not None):
            clock = self._new("next_response", record.at)
            if clock is not None:
                self.replies.append(clock)
        if record.target is not None:
            self.enter(record.target, record.at)

    def states(self, end: datetime) -> dict[str, ClockState]:
        result = {c.name: c.state(end) for c in (self.first, self.resolution) if c is not None}
        if self.replies:
            states = [c.state(end) for c in self.replies]
            result["next_response"] = _combined(states)
        return {name: result[name] for name in ("first_response", "next_response", "resolution") if name in result}


def _combined(states: Sequence[ClockState]) -> ClockState:
    """All next-response clocks as one: breached if any was, pending if the last is open, else met."""
    last = states[-1]
    if any(s.status == BREACHED for s in states):
        return ClockState(last.target, BREACHED, last.due, last.paused, last.stopped)
    return last


def clock_states(
    wf: CompiledWorkflow,
    calendar: BusinessCalendar,
    targets: Mapping[str, timedelta],
    records: Sequence[Record],
    end: datetime,
) -> Mapping[str, ClockState]:
    """Every SLA clock of a run as it stands at ``end``, by target name."""
    clocks = _replay(wf, calendar, targets, records)
    for record in records[1:]:
        clocks.apply(record)
    return MappingProxyType(clocks.states(end))


def clock_trace(
    wf: CompiledWorkflow, calendar: BusinessCalendar, targets: Mapping[str, timedelta], records: Sequence[Record]
) -> list[Mapping[str, ClockState]]:
    """The clocks after each record, seen at its time: ``clock_states(records[:i], records[i - 1].at)`` for every
    i, in one replay (a trace of a thousand timers would otherwise replay half a million records)."""
    clocks = _replay(wf, calendar, targets, records)
    found: list[Mapping[str, ClockState]] = [MappingProxyType(clocks.states(records[0].at))]
    for record in records[1:]:
        clocks.apply(record)
        found.append(MappingProxyType(clocks.states(record.at)))
    return found


def _replay(
    wf: CompiledWorkflow, calendar: BusinessCalendar, targets: Mapping[str, timedelta], records: Sequence[Record]
) -> _Clocks:
    """The clocks as the first record (``created``) leaves them."""
    clocks = _Clocks(wf, calendar, targets, records[0].at)
    first = records[0]
    if first.target is not None:
        clocks.enter(first.target, first.at)
    return clocks
