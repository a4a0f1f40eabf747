"""Zendesk's incremental tickets API JSON and admin CSV export read into the canonical tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers.exports import events, first_response_minutes

from planops.actuals.reader import BadRows, ExportError, read_export
from planops.engine import BusinessCalendar
from planops.hours import parse_hours

FIXTURES = Path(__file__).parent / "fixtures"
API = FIXTURES / "zendesk_incremental_tickets.json"
CSV = FIXTURES / "zendesk_tickets.csv"
BERLIN = BusinessCalendar.create("Europe/Berlin", parse_hours({"mon-fri": "09:00-17:00"}))


def test_api_export_gives_canonical_tickets_with_bad_rows_numbered_as_tickets() -> None:
    export = read_export(API, format="zendesk-api")
    assert (export.tickets, export.events) == (4, 17)
    assert export.bad == (
        BadRows(API.name, "unknown_value", 1, (4,)),
        BadRows(API.name, "bad_timestamp", 1, (5,)),
        BadRows(API.name, "duplicate_id", 1, (6,)),
        BadRows(API.name, "before_creation", 1, (7,)),
    )
    assert export.bad[0].message == (
        "zendesk_incremental_tickets.json: 1 row(s) left out, a status, priority or channel the export's format "
        "does not define: row 4"
    )
    query = (
        "SELECT row, id, strftime(created_at, '%Y-%m-%dT%H:%MZ'), channel, priority, status, type, group_id, tags, "
        '"custom_fields.360001", reopens, replies FROM tickets'
    )
    assert export.connection.execute(query).fetchall() == [
        (1, "101", "2026-03-02T08:00Z", "email", "normal", "solved", "question", "7001", "billing invoice", "billing",
         "1", "2"),
        (2, "102", "2026-03-02T16:50Z", "chat", "high", "solved", "incident", "7002", None, None, "0", "1"),
        (3, "103", "2026-03-02T11:00Z", "web", "urgent", "open", None, "7001", "outage", None, "0", "1"),
        (7, "106", "2026-03-05T09:00Z", "api", None, "solved", None, None, None, None, "0", "0"),
    ]  # fmt: skip


def test_api_events_come_from_audits_then_metric_events_then_metric_sets() -> None:
    assert events(read_export(API, format="zendesk-api")) == [
        ("101", "2026-03-02T09:30:00Z", "respond", None, 1),  # the public agent comment, not the internal note
        ("101", "2026-03-02T09:30:00Z", "status", "pending", 1),
        ("101", "2026-03-02T10:00:00Z", "status", "solved", 1),
        ("101", "2026-03-02T10:00:00Z", "solve", None, 1),
        ("101", "2026-03-02T10:00:00Z", "priority", "low", 1),
        ("101", "2026-03-03T08:00:00Z", "customer_reply", None, 1),
        ("101", "2026-03-03T08:00:00Z", "status", "open", 1),
        ("101", "2026-03-03T08:00:00Z", "reopen", None, 1),
        ("101", "2026-03-03T09:00:00Z", "respond", None, 1),
        ("101", "2026-03-03T09:00:00Z", "assign", "7002", 1),
        ("101", "2026-03-03T09:00:00Z", "status", "solved", 1),
        ("101", "2026-03-03T09:00:00Z", "solve", None, 1),
        ("101", "2026-03-03T12:00:00Z", "csat", "good", 1),
        ("102", "2026-03-02T16:54:00Z", "respond", None, 2),  # reply_time_in_minutes.calendar after created_at
        ("102", "2026-03-02T17:30:00Z", "solve", None, 2),  # the metric set's solved_at
        ("103", "2026-03-02T12:15:00Z", "respond", None, 3),  # the reply_time fulfill metric event
        ("103", "2026-03-02T13:05:00Z", "csat", "bad", 3),  # the satisfaction_ratings sideload
    ]


def test_api_pages_as_json_lines_read_as_one_response(tmp_path: Path) -> None:
    import json

    whole = json.loads(API.read_text(encoding="utf-8"))
    first = {"tickets": whole["tickets"][:3], "metric_sets": whole["metric_sets"], "users": whole["users"]}
    rest = {k: v for k, v in whole.items() if k not in ("metric_sets", "users")} | {"tickets": whole["tickets"][3:]}
    pages = tmp_path / "pages.jsonl"
    pages.write_text(json.dumps(first) + "\n" + json.dumps(rest) + "\n", encoding="utf-8")
    assert events(read_export(pages, format="zendesk-api")) == events(read_export(API, format="zendesk-api"))


def test_csv_export_reads_naive_times_in_the_account_zone() -> None:
    export = read_export(CSV, format="zendesk-csv", timezone="Europe/Berlin")
    assert (export.tickets, export.events) == (3, 5)
    assert export.bad == (
        BadRows(CSV.name, "unknown_value", 1, (3,)),
        BadRows(CSV.name, "bad_number", 1, (4,)),
        BadRows(CSV.name, "before_creation", 1, (5,)),
    )
    query = (
        "SELECT id, strftime(created_at, '%Y-%m-%dT%H:%MZ'), channel, priority, status, \"group\", reopens FROM tickets"
    )
    assert export.connection.execute(query).fetchall() == [
        ("201", "2026-03-02T08:00Z", "email", "normal", "solved", "Billing", "0"),
        ("202", "2026-03-29T00:30Z", "chat", "high", "open", "Support", "0"),
        ("205", "2026-03-02T11:00Z", "voice", "low", "solved", "Billing", "0"),
    ]
    assert events(export) == [
        ("201", "2026-03-02T09:30:00Z", "respond", None, 1),
        ("201", "2026-03-02T10:00:00Z", "solve", None, 1),
        ("201", "2026-03-02T10:00:00Z", "csat", "good", 1),
        ("202", "2026-03-29T01:30:00Z", "respond", None, 2),  # 60 minutes after 01:30 CET, across the change
        ("205", "2026-03-02T11:30:00Z", "respond", None, 5),  # its solve and csat, before creation, left out
    ]


def test_first_response_in_business_hours_equals_a_canonical_export_with_the_same_events(tmp_path: Path) -> None:
    tickets = tmp_path / "tickets.csv"
    tickets.write_text(
        "id,created_at\n101,2026-03-02T09:00:00+01:00\n102,2026-03-02T17:50:00+01:00\n103,2026-03-02T12:00:00+01:00\n"
        "201,2026-03-02 09:00:00\n202,2026-03-29 01:30:00\n205,2026-03-02 12:00:00\n",
        encoding="utf-8",
    )
    log = tmp_path / "events.csv"
    log.write_text(
        "ticket_id,at,event\n101,2026-03-02T10:30:00+01:00,respond\n102,2026-03-02T17:54:00+01:00,respond\n"
        "103,2026-03-02T13:15:00+01:00,respond\n201,2026-03-02 10:30:00,respond\n202,2026-03-29 03:30:00,respond\n"
        "205,2026-03-02 12:30:00,respond\n",
        encoding="utf-8",
    )
    canonical = first_response_minutes(read_export(tickets, log, timezone="Europe/Berlin"), BERLIN)
    api = first_response_minutes(read_export(API, format="zendesk-api"), BERLIN)
    csv = first_response_minutes(read_export(CSV, format="zendesk-csv", timezone="Europe/Berlin"), BERLIN)
    assert api | csv == canonical
    # and as Zendesk's own business minutes in the files (a Mon-Fri 09:00-17:00 Berlin schedule)
    assert canonical == {"101": 90, "102": 0, "103": 75, "201": 90, "202": 0, "205": 30}


def test_a_record_that_is_not_a_ticket_object_is_a_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text('{"tickets": [{"id": 1, "created_at": "2026-03-02T08:00:00Z"}, 7]}', encoding="utf-8")
    export = read_export(path, format="zendesk-api")
    assert (export.tickets, export.bad) == (1, (BadRows("export.json", "bad_record", 1, (2,)),))


def test_files_that_are_no_export_of_the_format_are_one_line_errors(tmp_path: Path) -> None:
    broken = tmp_path / "export.json"
    broken.write_text('{"tickets": [', encoding="utf-8")
    other = tmp_path / "users.json"
    other.write_text('{"users": []}', encoding="utf-8")
    cases = [
        (broken, None, "zendesk-api", "export.json: cannot be read as a zendesk-api export: Expecting value: line 1"),
        (other, None, "zendesk-api", "users.json: expected tickets in the zendesk-api export, found none"),
        (other, None, "kayako", "users.json: expected the format csv, parquet, jsonl or one of zendesk-api, "
         "zendesk-csv, freshdesk-csv, found 'kayako'"),
        (other, other, "zendesk-csv", "users.json: a zendesk-csv export is one file; give only users.json"),
        (tmp_path / "none.csv", None, "zendesk-csv", f"{tmp_path / 'none.csv'}: no such file; give the path of the "
         "zendesk-csv export"),
    ]  # fmt: skip
    for path, events_path, form, message in cases:
        with pytest.raises(ExportError) as raised:
            read_export(path, events_path, format=form)
        assert str(raised.value).startswith(message)


def test_the_incremental_exports_nested_metric_set_is_read_as_the_sideload(tmp_path: Path) -> None:
    import json

    whole = json.loads(API.read_text(encoding="utf-8"))
    sets = {m["ticket_id"]: m for m in whole["metric_sets"]}
    nested = [
        t | ({"metric_set": sets[t["id"]]} if isinstance(t, dict) and t.get("id") in sets else {})
        for t in whole["tickets"]
    ]
    page = {k: v for k, v in whole.items() if k != "metric_sets"} | {"tickets": nested}
    path = tmp_path / "incremental.json"
    path.write_text(json.dumps(page), encoding="utf-8")
    found = read_export(path, format="zendesk-api")
    assert events(found) == events(read_export(API, format="zendesk-api"))
    query = "SELECT id, reopens, replies FROM tickets ORDER BY id"
    assert found.connection.execute(query).fetchall() == [
        ("101", "1", "2"),
        ("102", "0", "1"),
        ("103", "0", "1"),
        ("106", "0", "0"),
    ]


def test_a_tickets_own_rating_without_times_is_at_the_solve(tmp_path: Path) -> None:
    import json

    ticket = {
        "id": 1,
        "created_at": "2026-03-02T08:00:00Z",
        "updated_at": "2026-03-04T10:00:00Z",
        "status": "solved",
        "via": {"channel": "email"},
        "satisfaction_rating": {"id": 9, "score": "good", "comment": "Thanks"},
        "metric_set": {"ticket_id": 1, "solved_at": "2026-03-03T10:00:00Z", "reopens": 0, "replies": 1},
    }
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"tickets": [ticket, ticket | {"id": 2, "metric_set": None}]}), encoding="utf-8")
    assert [e for e in events(read_export(path, format="zendesk-api")) if e[2] == "csat"] == [
        ("1", "2026-03-03T10:00:00Z", "csat", "good", 1),
        ("2", "2026-03-04T10:00:00Z", "csat", "good", 2),  # no metric set: when the ticket was last updated
    ]


# The columns of Zendesk's admin CSV ticket export, in its order (custom fields follow as "<title> [list]").
ZENDESK_CSV_COLUMNS = (
    "Summation column", "Id", "Requester", "Requester id", "Requester external id", "Requester email",
    "Requester domain", "Submitter", "Assignee", "Group", "Subject", "Tags", "Status", "Priority", "Via",
    "Ticket type", "Created at", "Updated at", "Assigned at", "Organization", "Due date", "Initially assigned at",
    "Solved at", "Resolution time", "Satisfaction Score", "Group stations", "Assignee stations", "Reopens",
    "Replies", "First reply time in minutes", "First reply time in minutes within business hours",
    "First resolution time in minutes", "First resolution time in minutes within business hours",
    "Full resolution time in minutes", "Full resolution time in minutes within business hours",
    "Agent wait time in minutes", "Agent wait time in minutes within business hours",
    "Requester wait time in minutes", "Requester wait time in minutes within business hours",
    "On hold time in minutes", "On hold time in minutes within business hours",
)  # fmt: skip


def test_every_csv_column_read_is_one_of_zendesks() -> None:
    from planops.actuals import zendesk

    assert set(zendesk.CSV_FIELDS) <= set(ZENDESK_CSV_COLUMNS)
    assert {zendesk.REPLY, *zendesk.EVENT_COLUMNS} <= set(ZENDESK_CSV_COLUMNS)
    header = CSV.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert set(header) <= set(ZENDESK_CSV_COLUMNS)
