"""Zendesk exports as canonical rows (SPEC §5.2): the incremental tickets API JSON and the admin CSV export.

API JSON: one response (``{"tickets": [...], "metric_sets": [...], ...}``) or JSON lines with one
response page a line. The metric set of a ticket is the ``metric_sets`` sideload's, or the ticket's own
``metric_set``, as the incremental export (``/api/v2/incremental/tickets/cursor.json?include=metric_sets``)
nests it. Per ticket, in order of preference:

- replies: public comments of the ticket's audits (``ticket_audits`` or ``audits``) by an agent (a
  ``users`` sideload's ``role`` other than ``end-user``; without one, anyone but the requester) are
  ``respond``, the requester's ``customer_reply`` (the first comment, the ticket's description, is
  neither); else ``ticket_metric_events`` ``reply_time`` ``fulfill``; else ``metric_sets``
  ``reply_time_in_minutes.calendar`` after ``created_at`` (first reply only);
- status: audits' ``Change`` events of ``status`` give ``status``, ``solve`` (into solved), ``close``
  (into closed) and ``reopen`` (out of solved or closed); of ``priority`` a ``priority``, of
  ``group_id`` an ``assign``; without audits the metric set's ``solved_at`` is the ``solve``;
- ``satisfaction_ratings`` (or the ticket's ``satisfaction_rating``) scored good or bad are ``csat``.

Ticket fields: ``channel`` (``via.channel``), ``priority``, ``status``, ``type``, ``group_id``,
``brand_id``, ``organization_id``, ``ticket_form_id``, ``tags`` (space separated), custom fields as
``custom_fields.<id>`` and the metric set's ``reopens`` and ``replies``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from planops.actuals.helpdesk import PROBLEM, Event, Rows, csv_records, later, number, text

PRIORITIES = ("urgent", "high", "normal", "low")
STATUSES = ("new", "open", "pending", "hold", "solved", "closed", "deleted")
DONE = ("solved", "closed")
SCORES = ("good", "bad")
TICKET_FIELDS = ("type", "group_id", "brand_id", "organization_id", "ticket_form_id")
Record = dict[str, Any]


def api_rows(path: Path, zone: str | None) -> Rows:
    """The canonical rows of an incremental tickets API export (one response, or JSON lines of pages)."""
    pages = list(_pages(path))
    side = _Sideloads(pages)
    rows = Rows()
    number_ = 0
    for page in pages:
        for record in page.get("tickets") or []:
            number_ += 1
            _api_ticket(rows, number_, record, side, zone)
    return rows


def _pages(path: Path) -> Iterator[Record]:
    with path.open(encoding="utf-8-sig") as stream:
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            for line in stream:
                if line.strip():
                    yield _page(json.loads(line))
        else:
            yield _page(json.load(stream))


def _page(found: object) -> Record:
    if not isinstance(found, dict) or not isinstance(found.get("tickets", []), list):
        raise ValueError("expected an object with a 'tickets' list (the incremental tickets API response)")
    return found


class _Sideloads:
    """The records of other arrays of the response, by ticket id."""

    def __init__(self, pages: list[Record]) -> None:
        self.metrics: dict[str, Record] = {}
        self.audits: dict[str, list[Record]] = defaultdict(list)
        self.metric_events: dict[str, list[Record]] = defaultdict(list)
        self.ratings: dict[str, Record] = {}
        self.agents: set[str] | None = None
        for page in pages:
            self._add(page)

    def _add(self, page: Record) -> None:
        for record in _objects(page, "metric_sets"):
            self.metrics[str(record.get("ticket_id"))] = record
        for record in _objects(page, "ticket_audits") + _objects(page, "audits"):
            self.audits[str(record.get("ticket_id"))].append(record)
        for record in _objects(page, "ticket_metric_events"):
            self.metric_events[str(record.get("ticket_id"))].append(record)
        for record in _objects(page, "satisfaction_ratings"):
            self.ratings[str(record.get("ticket_id"))] = record
        if "users" in page:
            users = _objects(page, "users")
            self.agents = (self.agents or set()) | {str(u.get("id")) for u in users if u.get("role") != "end-user"}


def _objects(page: Record, key: str) -> list[Record]:
    return [r for r in page.get(key) or [] if isinstance(r, dict)]


def _api_ticket(rows: Rows, row: int, record: object, side: _Sideloads, zone: str | None) -> None:
    if not isinstance(record, dict):
        rows.tickets.append({"row": str(row), "id": None, PROBLEM: "bad_record"})
        return
    ticket = _api_fields(row, record)
    ticket_id, created = ticket["id"], ticket["created_at"]
    nested = record.get("metric_set")  # the incremental export's include=metric_sets: one per ticket
    metrics = side.metrics.get(str(ticket_id)) or (nested if isinstance(nested, dict) else {})
    ticket |= {"reopens": text(metrics.get("reopens")), "replies": text(metrics.get("replies"))}
    audits = side.audits.get(str(ticket_id), [])
    events = _audit_events(row, ticket_id, audits, str(record.get("requester_id")), side.agents)
    if not any(e.event == "respond" for e in events):
        events = _replies(row, ticket_id, created, side.metric_events.get(str(ticket_id), []), metrics, zone) + events
    if not audits and metrics.get("solved_at"):
        events.append(Event(row, ticket_id, text(metrics["solved_at"]), "solve"))
    rating = side.ratings.get(str(ticket_id)) or record.get("satisfaction_rating")
    events += _csat(row, ticket_id, rating, text(metrics.get("solved_at")) or text(record.get("updated_at")))
    rows.add(ticket, events)


def _api_fields(row: int, record: Record) -> dict[str, str | None]:
    found = record.get("via")
    via: Record = found if isinstance(found, dict) else {}
    ticket: dict[str, str | None] = {
        "row": str(row),
        "id": text(record.get("id")),
        "created_at": text(record.get("created_at")),
        "channel": text(via.get("channel")),
        "priority": text(record.get("priority")),
        "status": text(record.get("status")),
    }
    ticket |= {name: text(record.get(name)) for name in TICKET_FIELDS}
    tags = record.get("tags")
    ticket["tags"] = " ".join(map(str, tags)) if isinstance(tags, list) and tags else None
    for custom in record.get("custom_fields") or []:
        if isinstance(custom, dict) and custom.get("id") is not None:
            value = custom.get("value")
            name = f"custom_fields.{custom['id']}"
            ticket[name] = " ".join(map(str, value)) if isinstance(value, list) else text(value)
    if ticket["priority"] not in (None, *PRIORITIES) or ticket["status"] not in (None, *STATUSES):
        ticket[PROBLEM] = "unknown_value"
    return ticket


def _audit_events(
    row: int, ticket_id: str | None, audits: list[Record], requester: str, agents: set[str] | None
) -> list[Event]:
    events: list[Event] = []
    described = False
    for audit in sorted(audits, key=lambda a: str(a.get("created_at"))):
        at = text(audit.get("created_at"))
        for change in _objects(audit, "events"):
            if change.get("type") == "Comment":
                author = str(change.get("author_id", audit.get("author_id")))
                if described and change.get("public"):
                    agent = author in agents if agents is not None else author != requester
                    events.append(Event(row, ticket_id, at, "respond" if agent else "customer_reply"))
                described = True
            elif change.get("type") == "Change":
                events += _change(row, ticket_id, at, change)
    return events


def _change(row: int, ticket_id: str | None, at: str | None, change: Record) -> list[Event]:
    field, value, before = change.get("field_name"), text(change.get("value")), text(change.get("previous_value"))
    if field == "priority":
        return [Event(row, ticket_id, at, "priority", value)]
    if field == "group_id":
        return [Event(row, ticket_id, at, "assign", value)]
    if field != "status":
        return []
    events = [Event(row, ticket_id, at, "status", value)]
    if value == "solved":
        events.append(Event(row, ticket_id, at, "solve"))
    elif value == "closed":
        events.append(Event(row, ticket_id, at, "close"))
    elif before in DONE:
        events.append(Event(row, ticket_id, at, "reopen"))
    return events


def _replies(
    row: int, ticket_id: str | None, created: str | None, metric_events: list[Record], metrics: Record, zone: str | None
) -> list[Event]:
    """Replies from ticket metric events, else the first reply from the metric set's calendar minutes."""
    fulfilled = [
        Event(row, ticket_id, text(m.get("time")), "respond")
        for m in metric_events
        if m.get("metric") == "reply_time" and m.get("type") == "fulfill"
    ]
    if fulfilled:
        return sorted(fulfilled, key=lambda e: str(e.at))
    minutes = metrics.get("reply_time_in_minutes")
    calendar = minutes.get("calendar") if isinstance(minutes, dict) else None
    at = later(created, calendar, zone) if isinstance(calendar, int | float) else None
    return [Event(row, ticket_id, at, "respond")] if at else []


def _csat(row: int, ticket_id: str | None, rating: object, otherwise: str | None) -> list[Event]:
    """A good or bad rating; at its own time, else (a ticket's rating has only id, score and comment) at
    ``otherwise``: when the ticket was solved or last updated."""
    if not isinstance(rating, dict) or str(rating.get("score")).lower() not in SCORES:
        return []
    at = text(rating.get("updated_at")) or text(rating.get("created_at")) or otherwise
    return [Event(row, ticket_id, at, "csat", str(rating["score"]).lower())]


CSV_FIELDS = {
    "Id": "id",
    "Created at": "created_at",
    "Via": "channel",
    "Priority": "priority",
    "Status": "status",
    "Ticket type": "type",
    "Group": "group",
    "Tags": "tags",
    "Reopens": "reopens",
    "Replies": "replies",
}
"""Columns of the admin CSV export kept as canonical ticket fields (the others are kept as they are named)."""
VIA = {"mail": "email", "web form": "web", "phone call (incoming)": "voice", "phone call (outgoing)": "voice"}
"""The CSV's ``Via`` labels that name a channel ``via.channel`` spells otherwise."""
NULLS = ("", "-")
REPLY = "First reply time in minutes"
EVENT_COLUMNS = ("Solved at", "Updated at", "Satisfaction Score")


def csv_rows(path: Path, zone: str | None) -> Rows:
    """The canonical rows of the admin CSV export; its timestamps are naive in the account's ``zone``."""
    rows = Rows()
    for row, record in csv_records(path, ("Id", "Created at")):
        values = {key: (None if value in NULLS else value) for key, value in record.items()}
        ticket = _csv_ticket(row, values)
        try:
            reply = number(values.get(REPLY))
        except ValueError:
            rows.add(ticket | {PROBLEM: "bad_number"}, [])
            continue
        rows.add(ticket, _csv_events(row, ticket, values, reply, zone))
    return rows


def _csv_ticket(row: int, values: dict[str, str | None]) -> dict[str, str | None]:
    ticket: dict[str, str | None] = {"row": str(row)}
    for key, value in values.items():
        ticket[CSV_FIELDS.get(key, key)] = value
    for key in ("priority", "status"):
        ticket[key] = (ticket.get(key) or "").lower() or None
    channel = (ticket.get("channel") or "").lower()
    ticket["channel"] = VIA.get(channel, channel) or None
    if ticket["priority"] not in (None, *PRIORITIES) or ticket["status"] not in (None, *STATUSES):
        ticket[PROBLEM] = "unknown_value"
    return ticket


def _csv_events(
    row: int, ticket: dict[str, str | None], values: dict[str, str | None], reply: float | None, zone: str | None
) -> list[Event]:
    ticket_id = ticket.get("id")
    events = []
    respond = later(ticket.get("created_at"), reply, zone)
    if respond:
        events.append(Event(row, ticket_id, respond, "respond"))
    solved = values.get("Solved at")
    if solved:
        events.append(Event(row, ticket_id, solved, "solve"))
    score = (values.get("Satisfaction Score") or "").lower()
    if score in SCORES:
        events.append(Event(row, ticket_id, solved or values.get("Updated at"), "csat", score))
    return events
