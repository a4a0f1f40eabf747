"""Helpdesk exports converted into the canonical rows (SPEC §5.2): what every format's converter shares.

A converter reads its file in file order and gives :class:`Rows`: one ticket row per ticket (its
fields as text, ``row`` the 1-based record of the file it came from) and the events derived from it.
Nothing is validated here: the reader checks the rows as it checks a canonical file, so the same bad
rows are counted the same way, with the source file's row numbers. A value a converter cannot read
(a priority or status the format does not define, a number of minutes that is not a number) marks its
ticket with ``problem`` (a key of ``reader.KINDS``) and leaves the ticket out.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

PROBLEM = "_problem"
"""The ticket key naming why a converter could not read the row (absent when it could)."""


@dataclass(frozen=True, slots=True)
class Event:
    """One canonical event; ``row`` is the source record it was derived from."""

    row: int
    ticket_id: str | None
    at: str | None
    event: str
    value: str | None = None


@dataclass(slots=True)
class Rows:
    """The canonical rows of a converted export, in file order."""

    tickets: list[dict[str, str | None]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)

    def add(self, ticket: dict[str, str | None], events: list[Event]) -> None:
        """A ticket and its events; a repeated id's events are dropped (the reader leaves the row out)."""
        self.tickets.append(ticket)
        ticket_id = ticket.get("id")
        if ticket_id is None or ticket_id not in self.seen:
            self.events += events
        if ticket_id is not None:
            self.seen.add(ticket_id)


def csv_records(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Each data row of a CSV export with a header (a UTF-8 byte order mark is skipped), numbered from 1.

    Raises ValueError if a ``required`` column is missing.
    """
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        header = [name.strip() for name in reader.fieldnames or []]
        missing = [name for name in required if name not in header]
        if missing:
            expected = ", ".join(required)
            raise ValueError(
                f"expected the columns {expected}; {', '.join(missing)} missing (found: {', '.join(header)})"
            )
        for number, record in enumerate(reader, start=1):
            yield number, {key.strip(): (value or "").strip() for key, value in record.items() if key}


def text(value: object) -> str | None:
    """A field as the text a CSV would hold: None and "" stay missing, numbers without a trailing .0."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def number(value: str | None) -> float | None:
    """A finite number given as text (None for a missing one); raises ValueError for anything else."""
    if value is None or value.strip() == "":
        return None
    found = float(value.strip().replace(",", ""))
    if not math.isfinite(found):
        raise ValueError(value)
    return found


def instant(value: str | None, zone: str | None) -> datetime | None:
    """The UTC instant of an export timestamp (naive ones in ``zone``, fold=0 as the engine reads them)."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        if zone is None:
            return None
        parsed = parsed.replace(tzinfo=ZoneInfo(zone))
    return parsed.astimezone(UTC)


def later(start: str | None, minutes: float | None, zone: str | None) -> str | None:
    """The ISO 8601 UTC instant ``minutes`` after timestamp ``start``; None if either is missing or unreadable."""
    begin = instant(start, zone)
    if begin is None or minutes is None:
        return None
    return (begin + timedelta(minutes=minutes)).isoformat()
