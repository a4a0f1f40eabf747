"""Freshdesk's ticket CSV export as canonical rows (SPEC §5.2); timestamps are naive in the account's zone.

Labels (``Low``, ``Open``, ``Email``) and the API's codes (priority 1–4, status 2–5, source 1, 2, 3,
7, 9, 10) are both read. Priorities become the plan's (``Medium`` is ``normal``); a priority the
format does not define leaves its ticket out. Statuses are kept in lower case (custom ones too);
sources become channels in lower case with ``_`` for spaces (``feedback_widget``).

Events: ``Initial response time`` is the ``respond``, ``Resolved time`` the ``solve``, ``Closed time``
the ``close``, ``Survey results`` a ``csat`` (good or bad; a neutral answer is none) at the resolution.
``First response time (in hrs)`` and ``Resolution time (in hrs)`` are not read as events: Freshdesk writes
them as ``HH:MM:SS`` of business hours (``00:00:00`` when there is none yet), which name no instant; they
stay ticket fields as written.

The column titles are Freshdesk's own (its ticket export's ``export_fields``: ``display_id`` is ``Ticket
ID``, ``first_response_time`` ``Initial response time``, ``first_res_time_bhrs`` ``First response time (in
hrs)``, ``outbound_count`` ``Agent interactions``, ``inbound_count`` ``Customer interactions``…).
"""

from __future__ import annotations

from pathlib import Path

from planops.actuals.helpdesk import PROBLEM, Event, Rows, csv_records

PRIORITIES = {"1": "low", "2": "normal", "3": "high", "4": "urgent", "low": "low", "medium": "normal"}
PRIORITIES |= {"high": "high", "urgent": "urgent"}
STATUSES = {"2": "open", "3": "pending", "4": "resolved", "5": "closed"}
SOURCES = {"1": "email", "2": "portal", "3": "phone", "7": "chat", "9": "feedback_widget", "10": "outbound_email"}
SURVEY = {
    "awesome": "good",
    "extremely happy": "good",
    "very happy": "good",
    "happy": "good",
    "not good": "bad",
    "unhappy": "bad",
    "very unhappy": "bad",
    "extremely unhappy": "bad",
}
"""Answers of Freshdesk's satisfaction surveys as good or bad (neutral ones, like ``Just Okay``, are neither)."""
FIELDS = {
    "Ticket ID": "id",
    "Created time": "created_at",
    "Source": "channel",
    "Priority": "priority",
    "Status": "status",
    "Type": "type",
    "Group": "group",
    "Tags": "tags",
    "Agent interactions": "agent_interactions",
    "Customer interactions": "customer_interactions",
}
"""Columns kept as canonical ticket fields (the others are kept as they are named)."""


def csv_rows(path: Path, zone: str | None) -> Rows:
    """The canonical rows of a Freshdesk ticket CSV export (its naive times are read in ``zone`` later)."""
    rows = Rows()
    for row, record in csv_records(path, ("Ticket ID", "Created time")):
        values = {key: value or None for key, value in record.items()}
        ticket = _ticket(row, values)
        rows.add(ticket, _events(row, ticket.get("id"), values))
    return rows


def _ticket(row: int, values: dict[str, str | None]) -> dict[str, str | None]:
    ticket: dict[str, str | None] = {"row": str(row)}
    for key, value in values.items():
        ticket[FIELDS.get(key, key)] = value
    priority = (ticket.get("priority") or "").lower()
    ticket["priority"] = PRIORITIES.get(priority) if priority else None
    if priority and ticket["priority"] is None:
        ticket[PROBLEM] = "unknown_value"
    status = (ticket.get("status") or "").lower()
    ticket["status"] = STATUSES.get(status, status) or None
    source = (ticket.get("channel") or "").lower()
    ticket["channel"] = SOURCES.get(source, source.replace(" ", "_")) or None
    return ticket


def _events(row: int, ticket_id: str | None, values: dict[str, str | None]) -> list[Event]:
    events = []
    respond = values.get("Initial response time")
    if respond:
        events.append(Event(row, ticket_id, respond, "respond"))
    resolved, closed = values.get("Resolved time"), values.get("Closed time")
    if resolved:
        events.append(Event(row, ticket_id, resolved, "solve"))
    if closed:
        events.append(Event(row, ticket_id, closed, "close"))
    score = SURVEY.get((values.get("Survey results") or "").lower())
    if score:
        events.append(Event(row, ticket_id, resolved or closed or values.get("Last update time"), "csat", score))
    return events
