"""A scenario's timeline rules, in one place for the checks and the engine.

``planops validate`` turns their answers into located findings
(scenario-created, event-order, scenario-span); the engine raises them as a TicketError or a
ScenarioError. Both therefore say the same words; the engine shows times in
its calendar's zone, the checks as written.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from planops.diagnostics import shown
from planops.limits import MAX_SCENARIO_DAYS
from planops.model.scenario import Step, absolute
from planops.model.types import in_years

EXAMPLE = "2026-03-27T16:30:00+01:00"

Path = tuple[str | int, ...]


class CreatedError(ValueError):
    """A ticket's ``created`` that is not a timestamp planops can run."""


def parse_created(value: object) -> datetime:
    """``created`` (ISO 8601 text or a datetime) as an aware datetime from MIN_YEAR to MAX_YEAR, or CreatedError."""
    if value is None:
        raise CreatedError(f"the ticket has no 'created' (add created: {EXAMPLE})")
    when = value
    if isinstance(value, str):
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            when = None
    if not isinstance(when, datetime):
        raise CreatedError(
            f"ticket.created should be a timestamp with an offset like {EXAMPLE}, found {shown(repr(value))}"
        )
    if when.tzinfo is None or when.utcoffset() is None:
        raise CreatedError(f"ticket.created {shown(repr(value))} has no UTC offset (write it like {EXAMPLE})")
    try:
        return in_years(when)
    except ValueError as exc:
        raise CreatedError(f"ticket.created {exc}") from None


@dataclass(frozen=True, slots=True)
class OutOfOrder:
    """An event (or ``until:``) written before the time it must follow."""

    path: Path
    """Where it is written: ("events", i, "at") or ("until",)."""
    what: str
    """``event 'respond'`` or ``until:``."""
    at: datetime
    after: datetime | None
    """The latest event above it, or None when it comes before the ticket was created."""

    def message(self, zone: tzinfo | None = None) -> str:
        """The one wording of the rule, times shown in ``zone`` (None: as written)."""
        subject = _subject(self.path, self.what, self.at, zone)
        if self.after is None:
            return f"{subject} comes before the ticket was created"
        after = _shown(self.after, zone)
        if self.path == ("until",):
            return f"{subject} comes before the last event ({after})"
        return f"{subject} comes before the event above it ({after}); list events in time order"


def out_of_order(events: Sequence[Step], until: timedelta | datetime | None, created: datetime) -> Iterator[OutOfOrder]:
    """Every event written before ``created`` or before an event above it, then an ``until:`` before the last event."""
    start = _utc(created)  # each instant is compared in UTC (equality across zones fails in a DST fold)
    latest, latest_utc = created, start
    for i, step in enumerate(events):
        when = absolute(step.at, created)
        when_utc = _utc(when)
        if when_utc < start:
            yield OutOfOrder(("events", i, "at"), f"event '{step.do}'", when, None)
        elif when_utc < latest_utc:
            yield OutOfOrder(("events", i, "at"), f"event '{step.do}'", when, latest)
        if when_utc > latest_utc:
            latest, latest_utc = when, when_utc
    end = None if until is None else absolute(until, created)
    if end is not None and _utc(end) < latest_utc:
        yield OutOfOrder(("until",), "until:", end, None if _utc(end) < start else latest)


@dataclass(frozen=True, slots=True)
class TooLate:
    """An event (or ``until:``) more than MAX_SCENARIO_DAYS after the ticket was created."""

    path: Path
    what: str
    at: datetime

    def message(self, zone: tzinfo | None = None) -> str:
        """The one wording of the rule, the time shown in ``zone`` (None: as written)."""
        return (
            f"{_subject(self.path, self.what, self.at, zone)} is more than {MAX_SCENARIO_DAYS} days after "
            "the ticket was created; a scenario covers at most that (split it into several)"
        )


def too_late(events: Sequence[Step], until: timedelta | datetime | None, created: datetime) -> Iterator[TooLate]:
    """Every event, then an ``until:``, more than MAX_SCENARIO_DAYS after ``created``."""
    latest = _utc(created) + timedelta(days=MAX_SCENARIO_DAYS)
    for i, step in enumerate(events):
        when = absolute(step.at, created)
        if _utc(when) > latest:
            yield TooLate(("events", i, "at"), f"event '{step.do}'", when)
    end = None if until is None else absolute(until, created)
    if end is not None and _utc(end) > latest:
        yield TooLate(("until",), "until:", end)


def _utc(t: datetime) -> datetime:
    return t.astimezone(UTC)


def _subject(path: Path, what: str, at: datetime, zone: tzinfo | None) -> str:
    return f"until: {_shown(at, zone)}" if path == ("until",) else f"{what} at {_shown(at, zone)}"


def _shown(t: datetime, zone: tzinfo | None) -> str:
    return (t if zone is None else t.astimezone(zone)).isoformat()
