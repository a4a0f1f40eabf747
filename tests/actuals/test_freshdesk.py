"""Freshdesk's ticket CSV export read into the canonical tables."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.exports import events, first_response_minutes

from planops.actuals.reader import BadRows, read_export
from planops.engine import BusinessCalendar
from planops.hours import parse_hours

CSV = Path(__file__).parent / "fixtures" / "freshdesk_tickets.csv"
NEW_YORK = BusinessCalendar.create("America/New_York", parse_hours({"mon-fri": "09:00-17:00"}))


def test_labels_and_api_codes_become_canonical_fields_with_bad_rows_numbered() -> None:
    export = read_export(CSV, format="freshdesk-csv", timezone="America/New_York")
    assert (export.tickets, export.events) == (3, 8)
    assert export.bad == (
        BadRows(CSV.name, "unknown_value", 1, (3,)),
        BadRows(CSV.name, "duplicate_id", 1, (4,)),
        BadRows(CSV.name, "bad_timestamp", 1, (5,)),
    )
    query = (
        "SELECT row, id, strftime(created_at, '%Y-%m-%dT%H:%MZ'), channel, priority, status, type, \"group\", "
        "agent_interactions, customer_interactions FROM tickets"
    )
    assert export.connection.execute(query).fetchall() == [
        (1, "301", "2026-03-06T21:00Z", "email", "normal", "closed", "Problem", "Tier 1", "2", "1"),
        (2, "302", "2026-03-09T14:00Z", "chat", "urgent", "open", "Refund", "Billing", "1", "1"),
        (6, "306", "2026-03-09T18:00Z", "feedback_widget", "high", "resolved", "Question", "Billing", "1", "1"),
    ]


def test_events_from_response_resolution_closing_and_survey_times() -> None:
    assert events(read_export(CSV, format="freshdesk-csv", timezone="America/New_York")) == [
        ("301", "2026-03-09T13:30:00Z", "respond", None, 1),  # Initial response time, after the change to EDT
        ("301", "2026-03-09T14:00:00Z", "solve", None, 1),
        ("301", "2026-03-11T14:00:00Z", "close", None, 1),
        ("301", "2026-03-09T14:00:00Z", "csat", "good", 1),
        ("302", "2026-03-09T14:15:00Z", "respond", None, 2),  # Just Okay is no csat
        ("306", "2026-03-09T18:30:00Z", "respond", None, 6),
        ("306", "2026-03-10T13:00:00Z", "solve", None, 6),
        ("306", "2026-03-10T13:00:00Z", "csat", "bad", 6),
    ]


def test_every_row_bad_is_an_error(tmp_path: Path) -> None:
    import pytest

    from planops.actuals.reader import ExportError

    bad = tmp_path / "tickets.csv"
    bad.write_text("Ticket ID,Created time,Priority\n1,2026-03-09 10:00:00,Critical\n", encoding="utf-8")
    with pytest.raises(ExportError) as raised:
        read_export(bad, format="freshdesk-csv", timezone="America/New_York")
    assert str(raised.value) == (
        "tickets.csv: every one of its 1 rows is bad; first a status, priority or channel the export's format "
        "does not define (row 1)"
    )


def test_first_response_in_business_hours_equals_a_canonical_export_with_the_same_events(tmp_path: Path) -> None:
    tickets = tmp_path / "tickets.csv"
    tickets.write_text(
        "id,created_at\n301,2026-03-06 16:00:00\n302,2026-03-09 10:00:00\n306,2026-03-09T14:00:00-04:00\n",
        encoding="utf-8",
    )
    log = tmp_path / "events.csv"
    log.write_text(
        "ticket_id,at,event\n301,2026-03-09 09:30:00,respond\n302,2026-03-09 10:15:00,respond\n"
        "306,2026-03-09T14:30:00-04:00,respond\n",
        encoding="utf-8",
    )
    canonical = first_response_minutes(read_export(tickets, log, timezone="America/New_York"), NEW_YORK)
    converted = read_export(CSV, format="freshdesk-csv", timezone="America/New_York")
    assert first_response_minutes(converted, NEW_YORK) == canonical == {"301": 90, "302": 15, "306": 30}


def test_an_export_without_the_ticket_columns_is_a_one_line_error(tmp_path: Path) -> None:
    import pytest

    from planops.actuals.reader import ExportError

    other = tmp_path / "contacts.csv"
    other.write_text("Name,Email\nAnn,ann@example.com\n", encoding="utf-8")
    with pytest.raises(ExportError) as raised:
        read_export(other, format="freshdesk-csv")
    assert str(raised.value) == (
        "contacts.csv: cannot be read as a freshdesk-csv export: expected the columns Ticket ID, Created time; "
        "Ticket ID, Created time missing (found: Name, Email)"
    )


# The titles of Freshdesk's ticket CSV export, as its export code names its export_fields (display_id,
# subject, description, status_name, priority_name, source_name, ticket_type, responder_name, group_name,
# created_at, due_by, resolved_at, closed_at, updated_at, first_response_time, time_tracked_hours,
# first_res_time_bhrs, resolution_time_bhrs, outbound_count, inbound_count, resolution_status,
# first_response_status, ticket_tags, ticket_survey_results, product_name).
FRESHDESK_TITLES = (
    "Ticket ID",
    "Subject",
    "Description",
    "Status",
    "Priority",
    "Source",
    "Type",
    "Agent",
    "Group",
    "Created time",
    "Due by Time",
    "Resolved time",
    "Closed time",
    "Last update time",
    "Initial response time",
    "Time tracked",
    "First response time (in hrs)",
    "Resolution time (in hrs)",
    "Agent interactions",
    "Customer interactions",
    "Resolution status",
    "First response status",
    "Tags",
    "Survey results",
    "Product",
)


def test_every_column_read_is_a_title_of_freshdesks_export() -> None:
    import inspect

    from planops.actuals import freshdesk

    source = inspect.getsource(freshdesk)
    read = set(freshdesk.FIELDS) | {t for t in FRESHDESK_TITLES if f'"{t}"' in source}
    assert read <= set(FRESHDESK_TITLES)
    assert set(freshdesk.FIELDS) <= set(FRESHDESK_TITLES)
    assert {"Initial response time", "Resolved time", "Closed time", "Survey results"} <= read


def test_business_hours_columns_are_kept_as_written_and_give_no_event(tmp_path: Path) -> None:
    export = tmp_path / "tickets.csv"
    export.write_text(
        "Ticket ID,Created time,Initial response time,First response time (in hrs),Resolution time (in hrs)\n"
        "1,2026-03-09 10:00:00,,00:00:00,00:00:00\n2,2026-03-09 10:00:00,,01:30:00,12:00:00\n",
        encoding="utf-8",
    )
    found = read_export(export, format="freshdesk-csv", timezone="America/New_York")
    assert (found.tickets, found.events, found.bad) == (2, 0, ())
    rows = found.connection.execute('SELECT id, "First response time (in hrs)" FROM tickets ORDER BY id').fetchall()
    assert rows == [("1", "00:00:00"), ("2", "01:30:00")]
