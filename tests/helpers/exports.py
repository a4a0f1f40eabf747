"""What the export tests read back: events as plain tuples, and business minutes to the first response."""

from __future__ import annotations

from datetime import date, datetime

from planops.actuals.businesstime import calendar_table, open_times
from planops.actuals.reader import Export
from planops.engine import BusinessCalendar


def events(export: Export) -> list[tuple[str, str, str, str | None, int]]:
    query = "SELECT ticket_id, strftime(\"at\", '%Y-%m-%dT%H:%M:%SZ'), event, value, row FROM events"
    return [tuple(r) for r in export.connection.execute(query).fetchall()]


def first_response_minutes(export: Export, calendar: BusinessCalendar) -> dict[str, float]:
    """Business minutes from creation to the first respond, per ticket, in ``calendar``."""
    query = (
        'SELECT t.id, t.created_at, min(e."at") FROM tickets t JOIN events e ON e.ticket_id = t.id '
        "WHERE e.event = 'respond' GROUP BY ALL ORDER BY t.id"
    )
    found: list[tuple[str, datetime, datetime]] = export.connection.execute(query).fetchall()
    calendar_table(export.connection, "cal", calendar, date(2026, 2, 20), date(2026, 4, 10))
    minutes = open_times(export.connection, "cal", [(a, b) for _, a, b in found])
    return {ticket: us / 60e6 for (ticket, _, _), us in zip(found, minutes, strict=True)}
