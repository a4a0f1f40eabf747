"""An export read through its DataSource: columns, values, formats, zones, null markers and snapshot logs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from planops.actuals.datasource import read_source
from planops.actuals.reader import Export, ExportError
from planops.model import DataSource

SERVICEDESK = """kind: DataSource
name: servicedesk
format: csv
rows: snapshots
columns: {id: number, created_at: opened_at, channel: contact_type, priority: priority, updated_at: sys_updated_at, status: incident_state}
values:
  priority: {"1 - Critical": urgent, "2 - High": high, "3 - Moderate": normal, "4 - Low": low}
timestamps: {format: "%d-%m-%Y %H:%M", timezone: Europe/Berlin}
nulls: ["?", ""]
statuses: {solved: [Resolved], closed: [Closed], paused: [Awaiting User Info]}
"""  # noqa: E501

# A ServiceNow-style incident log, one row per update; Berlin wall times (UTC+1 in early March 2026).
LOG = """number,opened_at,contact_type,priority,sys_updated_at,incident_state,category
INC001,01-03-2026 09:00,Phone,3 - Moderate,01-03-2026 09:00,New,network
INC001,01-03-2026 09:00,Phone,3 - Moderate,01-03-2026 09:30,In Progress,network
INC001,01-03-2026 09:00,Phone,2 - High,01-03-2026 10:00,Awaiting User Info,network
INC001,01-03-2026 09:00,Phone,?,01-03-2026 11:00,In Progress,network
INC001,01-03-2026 09:00,Phone,2 - High,02-03-2026 08:00,Resolved,network
INC001,01-03-2026 09:00,Phone,2 - High,03-03-2026 08:00,In Progress,network
INC001,01-03-2026 09:00,Phone,2 - High,03-03-2026 12:00,Resolved,network
INC001,01-03-2026 09:00,Phone,2 - High,06-03-2026 12:00,Closed,network
INC002,02-03-2026 14:00,Email,4 - Low,02-03-2026 14:00,New,access
INC002,02-03-2026 14:00,Email,4 - Low,02-03-2026 14:05,In Progress,access
INC002,02-03-2026 14:00,Email,4 - Low,02-03-2026 14:05,Resolved,access
INC002,02-03-2026 14:00,Email,4 - Low,02-03-2026 14:01,Awaiting User Info,access
INC003,04-03-2026 10:00,Chat,5 - Planning,04-03-2026 10:00,New,
INC003,04-03-2026 10:00,Chat,3 - Moderate,04-03-2026 10:30,In Progress,
?,04-03-2026 11:00,Chat,4 - Low,04-03-2026 11:00,New,
INC004,05-03-2026 09:00,?,1 - Critical,31-02-2026 10:00,New,hardware
INC004,05-03-2026 09:00,?,1 - Critical,05-03-2026 09:00,New,hardware
INC004,05-03-2026 09:00,?,1 - Critical,05-03-2026 09:20,Closed,hardware
INC004,05-03-2026 09:00,?,1 - Critical,05-03-2026 10:00,Resolved,hardware
"""


def _source(text: str = SERVICEDESK, **changes: object) -> DataSource:
    return DataSource.model_validate({**yaml.safe_load(text), **changes})


def _read(tmp_path: Path, log: str = LOG, source: DataSource | None = None, name: str = "incidents.csv") -> Export:
    path = tmp_path / name
    path.write_text(log, encoding="utf-8")
    return read_source(source or _source(), path)


def _rows(export: Export, sql: str) -> list[tuple[object, ...]]:
    return [tuple(str(v) if v is not None else None for v in row) for row in export.connection.execute(sql).fetchall()]


def test_the_first_row_of_each_id_is_the_ticket(tmp_path: Path) -> None:
    export = _read(tmp_path)
    assert export.tickets == 4
    assert _rows(export, "SELECT row, id, created_at, channel, priority, category FROM tickets ORDER BY row") == [
        ("1", "INC001", "2026-03-01 08:00:00+00:00", "Phone", "normal", "network"),
        ("9", "INC002", "2026-03-02 13:00:00+00:00", "Email", "low", "access"),
        ("14", "INC003", "2026-03-04 09:00:00+00:00", "Chat", "normal", None),
        ("17", "INC004", "2026-03-05 08:00:00+00:00", None, "urgent", "hardware"),
    ]


def test_events_come_from_the_changes_between_consecutive_rows(tmp_path: Path) -> None:
    export = _read(tmp_path)
    found = _rows(export, 'SELECT row, ticket_id, "at", event, value FROM events ORDER BY row, event')
    assert found == [
        ("2", "INC001", "2026-03-01 08:30:00+00:00", "status", "In Progress"),
        ("3", "INC001", "2026-03-01 09:00:00+00:00", "priority", "high"),
        ("3", "INC001", "2026-03-01 09:00:00+00:00", "status", "Awaiting User Info"),
        ("4", "INC001", "2026-03-01 10:00:00+00:00", "status", "In Progress"),  # priority '?': unchanged
        ("5", "INC001", "2026-03-02 07:00:00+00:00", "solve", None),
        ("5", "INC001", "2026-03-02 07:00:00+00:00", "status", "Resolved"),
        ("6", "INC001", "2026-03-03 07:00:00+00:00", "reopen", None),
        ("6", "INC001", "2026-03-03 07:00:00+00:00", "status", "In Progress"),
        ("7", "INC001", "2026-03-03 11:00:00+00:00", "solve", None),
        ("7", "INC001", "2026-03-03 11:00:00+00:00", "status", "Resolved"),
        ("8", "INC001", "2026-03-06 11:00:00+00:00", "close", None),
        ("8", "INC001", "2026-03-06 11:00:00+00:00", "status", "Closed"),
        # INC002 in updated_at order (row 12 comes second), rows 10 and 11 tied: file order
        ("10", "INC002", "2026-03-02 13:05:00+00:00", "status", "In Progress"),
        ("11", "INC002", "2026-03-02 13:05:00+00:00", "solve", None),
        ("11", "INC002", "2026-03-02 13:05:00+00:00", "status", "Resolved"),
        ("12", "INC002", "2026-03-02 13:01:00+00:00", "status", "Awaiting User Info"),
        # INC004: closed, then solved: a solve, not a reopen
        ("18", "INC004", "2026-03-05 08:20:00+00:00", "close", None),
        ("18", "INC004", "2026-03-05 08:20:00+00:00", "status", "Closed"),
        ("19", "INC004", "2026-03-05 09:00:00+00:00", "solve", None),
        ("19", "INC004", "2026-03-05 09:00:00+00:00", "status", "Resolved"),
    ]
    assert export.events == len(found)


def test_bad_rows_are_counted_with_their_numbers(tmp_path: Path) -> None:
    export = _read(tmp_path)
    assert [(b.kind, b.count, b.rows) for b in export.bad] == [
        ("unknown:priority", 1, (13,)),
        ("missing_id", 1, (15,)),
        ("bad_timestamp", 1, (16,)),
    ]
    assert export.bad[0].message == (
        "incidents.csv: 1 row(s) left out, a priority the data source's values do not map: row 13"
    )


def test_a_ticket_whose_every_row_is_bad_leaves_its_events_out_too(tmp_path: Path) -> None:
    log = LOG.replace("01-03-2026 09:00,Phone,3 - Moderate,01-03-2026 09:00", "01-03-2026 09:00,Phone,3 - Moderate,x")
    export = _read(tmp_path, log)
    assert [(b.kind, b.count, b.rows) for b in export.bad] == [
        ("bad_timestamp", 2, (1, 16)),
        ("unknown:priority", 1, (13,)),
        ("missing_id", 1, (15,)),
    ]
    assert _rows(export, "SELECT id, row FROM tickets WHERE id = 'INC001'") == [("INC001", "2")]


def test_rows_of_tickets_are_renamed_mapped_and_read_in_the_declared_zone(tmp_path: Path) -> None:
    source = _source(
        rows="tickets",
        columns={"id": "Ticket", "created_at": "Opened", "priority": "Prio"},
        values={"priority": {"P1": "urgent", "P3": "normal"}},
        timestamps={"format": "%m/%d/%Y %I:%M %p", "timezone": "America/New_York"},
        nulls=["n/a"],
    )
    log = (
        "Ticket,Opened,Prio,Team\nA,03/27/2026 04:30 PM,P1,billing\nB,03/28/2026 09:00 AM,n/a,n/a\n"
        "C,13/01/2026 09:00 AM,P3,x\nD,03/28/2026 09:00 AM,P2,x\n"
    )
    export = _read(tmp_path, log, source)
    assert _rows(export, "SELECT id, created_at, priority, Team FROM tickets ORDER BY row") == [
        ("A", "2026-03-27 20:30:00+00:00", "urgent", "billing"),
        ("B", "2026-03-28 13:00:00+00:00", None, None),
    ]
    assert [(b.kind, b.rows) for b in export.bad] == [("bad_timestamp", (3,)), ("unknown:priority", (4,))]
    assert export.events == 0


def test_a_wall_time_the_spring_change_skips_is_read_as_the_engine_reads_it(tmp_path: Path) -> None:
    log = "number,opened_at,sys_updated_at,incident_state\nX,29-03-2026 02:30,29-03-2026 02:30,New\n"
    export = _read(
        tmp_path,
        log,
        _source(
            columns={
                "id": "number",
                "created_at": "opened_at",
                "updated_at": "sys_updated_at",
                "status": "incident_state",
            },
            values={},
        ),
    )
    assert _rows(export, "SELECT created_at FROM tickets") == [("2026-03-29 01:30:00+00:00",)]


def test_offsets_in_the_text_are_kept(tmp_path: Path) -> None:
    source = _source(timestamps={"format": "%Y-%m-%d %H:%M %z"}, values={})
    log = (
        "number,opened_at,contact_type,priority,sys_updated_at,incident_state\n"
        "X,2026-03-01 09:00 +0200,Chat,p,2026-03-01 10:00 +0200,New\n"
    )
    export = _read(tmp_path, log, source)
    assert _rows(export, "SELECT created_at FROM tickets") == [("2026-03-01 07:00:00+00:00",)]


def test_a_required_column_missing_from_the_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as error:
        _read(tmp_path, LOG.replace("incident_state", "state"))
    assert str(error.value) == (
        "incidents.csv: expected the columns number, opened_at, sys_updated_at, incident_state; incident_state "
        "missing (found: number, opened_at, contact_type, priority, sys_updated_at, state, category)"
    )


def test_every_row_bad_is_an_error(tmp_path: Path) -> None:
    log = "number,opened_at,contact_type,priority,sys_updated_at,incident_state\n?,x,Chat,1 - Critical,x,New\n"
    with pytest.raises(
        ExportError, match=r"^incidents.csv: every one of its 1 rows is bad; first no ticket id \(row 1\)$"
    ):
        _read(tmp_path, log)


def test_a_helpdesk_format_has_its_own_reader(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"^incidents\.csv: format zendesk-csv is not read through a column mapping$"):
        _read(tmp_path, source=_source(format="zendesk-csv"))


@pytest.mark.parametrize("suffix", ["parquet", "jsonl"])
def test_parquet_and_json_lines_read_as_the_csv_does(tmp_path: Path, suffix: str) -> None:
    import duckdb

    (tmp_path / "log.csv").write_text(LOG, encoding="utf-8")
    target = tmp_path / f"incidents.{suffix}"
    options = "FORMAT parquet" if suffix == "parquet" else "FORMAT json"
    query = f"COPY (SELECT * FROM read_csv(?, all_varchar = true)) TO '{target}' ({options})"
    duckdb.execute(query, [str(tmp_path / "log.csv")])
    export, csv = read_source(_source(), target), _read(tmp_path)
    for sql in ("SELECT * FROM tickets ORDER BY row", "SELECT * FROM events ORDER BY row, event"):
        assert _rows(export, sql) == _rows(csv, sql)
    assert export.bad == tuple(replace(b, file=target.name) for b in csv.bad)
