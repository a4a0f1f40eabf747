"""Reading a canonical export: typed tables, bad rows counted with row numbers, the same tables from every format."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from planops.actuals.reader import BadRows, ExportError, read_export

TICKETS = """\
id,created_at,channel,customer.annual_value
1,2026-03-02T09:00:00+01:00,chat,1200
2,2026-03-02 10:00:00,email,
3,not a date,chat,5
1,2026-03-02T11:00:00+01:00,chat,1
,2026-03-02T11:00:00+01:00,chat,1
4,2026-03-02T09:30:00Z,phone,7
"""
EVENTS = """\
ticket_id,at,event,value
1,2026-03-02T09:05:00+01:00,respond,
1,2026-03-02T07:59:59+01:00,respond,
9,2026-03-02T09:05:00+01:00,respond,
1,2026-03-02T09:06:00+01:00,smile,
1,2026-03-02T09:07:00Z,csat,5
4,2026-03-31,solve,
4,2026-03-02T10:00:00.5+00:00,solve,
3,2026-03-02T10:00:00+00:00,solve,
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def export(tmp_path: Path) -> tuple[Path, Path]:
    return write(tmp_path / "tickets.csv", TICKETS), write(tmp_path / "events.csv", EVENTS)


def test_bad_rows_are_counted_per_kind_with_their_row_numbers(export: tuple[Path, Path]) -> None:
    read = read_export(*export)
    assert (read.tickets, read.events) == (2, 3)
    assert read.bad == (
        BadRows("tickets.csv", "naive_timestamp", 1, (2,)),
        BadRows("tickets.csv", "bad_timestamp", 1, (3,)),
        BadRows("tickets.csv", "duplicate_id", 1, (4,)),
        BadRows("tickets.csv", "missing_id", 1, (5,)),
        BadRows("events.csv", "before_creation", 1, (2,)),
        BadRows("events.csv", "unknown_ticket", 2, (3, 8)),
        BadRows("events.csv", "unknown_event", 1, (4,)),
        BadRows("events.csv", "naive_timestamp", 1, (6,)),
    )
    assert read.bad[5].message == (
        "events.csv: 2 row(s) left out, an event for a ticket that is not in the tickets file "
        "(or was left out): row 3, 8"
    )


def test_the_tables_are_typed_and_keep_values_as_given(export: tuple[Path, Path]) -> None:
    con = read_export(*export).connection
    columns = con.execute("SELECT column_name, column_type FROM (DESCRIBE tickets)").fetchall()
    assert columns == [
        ("row", "BIGINT"),
        ("id", "VARCHAR"),
        ("created_at", "TIMESTAMP WITH TIME ZONE"),
        ("channel", "VARCHAR"),
        ("customer.annual_value", "VARCHAR"),
    ]
    assert con.execute('SELECT id, created_at, channel, "customer.annual_value" FROM tickets').fetchall() == [
        ("1", datetime(2026, 3, 2, 8, tzinfo=UTC), "chat", "1200"),
        ("4", datetime(2026, 3, 2, 9, 30, tzinfo=UTC), "phone", "7"),
    ]
    assert con.execute('SELECT ticket_id, "at", event, value, row FROM events').fetchall() == [
        ("1", datetime(2026, 3, 2, 8, 5, tzinfo=UTC), "respond", None, 1),
        ("1", datetime(2026, 3, 2, 9, 7, tzinfo=UTC), "csat", "5", 5),
        ("4", datetime(2026, 3, 2, 10, 0, 0, 500000, tzinfo=UTC), "solve", None, 7),
    ]
    # each event's ticket_key is its ticket's row (ticket 1's first, the one kept)
    assert con.execute("SELECT ticket_key FROM events ORDER BY row").fetchall() == [(1,), (1,), (6,)]


def test_events_without_a_bad_row_are_the_same_table(tmp_path: Path) -> None:
    """With every event good the staged table becomes ``events``: the same columns, rows and order."""
    good = (
        "ticket_id,at,event,value\n1,2026-03-02T09:05:00+01:00,respond,\n1,2026-03-02T09:07:00Z,csat,5\n"
        "4,2026-03-02T10:00:00.5+00:00,solve,\n"
    )
    read = read_export(write(tmp_path / "t.csv", TICKETS), write(tmp_path / "e.csv", good))
    assert [b for b in read.bad if b.file == "e.csv"] == []
    con = read.connection
    assert con.execute("SELECT column_name, column_type FROM (DESCRIBE events)").fetchall() == [
        ("ticket_id", "VARCHAR"),
        ("ticket_key", "BIGINT"),
        ("at", "TIMESTAMP WITH TIME ZONE"),
        ("event", "VARCHAR"),
        ("value", "VARCHAR"),
        ("row", "BIGINT"),
    ]
    assert con.execute('SELECT ticket_id, ticket_key, "at", event, value, row FROM events').fetchall() == [
        ("1", 1, datetime(2026, 3, 2, 8, 5, tzinfo=UTC), "respond", None, 1),
        ("1", 1, datetime(2026, 3, 2, 9, 7, tzinfo=UTC), "csat", "5", 2),
        ("4", 6, datetime(2026, 3, 2, 10, 0, 0, 500000, tzinfo=UTC), "solve", None, 3),
    ]


def test_a_declared_zone_reads_naive_timestamps(export: tuple[Path, Path]) -> None:
    read = read_export(*export, timezone="Europe/Berlin")
    assert read.tickets == 3
    assert [b.kind for b in read.bad if b.kind == "naive_timestamp"] == []
    got = read.connection.execute("SELECT created_at FROM tickets WHERE id = '2'").fetchall()
    assert got == [(datetime(2026, 3, 2, 9, tzinfo=UTC),)]


def test_row_numbers_list_the_first_five_and_count_all(tmp_path: Path) -> None:
    rows = "".join(f"{n},2026-03-02T09:00:00Z\n" for n in range(3)) + "0,2026-03-02T09:00:00Z\n" * 7
    read = read_export(write(tmp_path / "t.csv", "id,created_at\n" + rows))
    assert read.bad == (BadRows("t.csv", "duplicate_id", 7, (4, 5, 6, 7, 8)),)
    assert read.bad[0].message.endswith("(the first is kept): row 4, 5, 6, 7, 8 and 2 more")


def test_the_tables_are_the_same_from_csv_parquet_and_json_lines(tmp_path: Path, export: tuple[Path, Path]) -> None:
    con = duckdb.connect()
    for name, path in zip(("tickets", "events"), export, strict=True):
        con.execute(f"COPY (FROM read_csv('{path}', all_varchar = true)) TO '{tmp_path / name}.parquet'")
        records = con.execute(f"FROM read_csv('{path}', all_varchar = true)").fetchall()
        columns = [c for (c,) in con.execute(f"SELECT column_name FROM (DESCRIBE FROM read_csv('{path}'))").fetchall()]
        lines = (json.dumps(dict(zip(columns, r, strict=True))) for r in records)
        write(tmp_path / f"{name}.jsonl", "\n".join(lines) + "\n")
    reads = [read_export(tmp_path / f"tickets.{s}", tmp_path / f"events.{s}") for s in ("csv", "parquet", "jsonl")]
    tables = [[r.connection.execute(f"FROM {t} ORDER BY row").fetchall() for t in ("tickets", "events")] for r in reads]
    assert tables[0] == tables[1] == tables[2]
    assert [[(b.kind, b.count, b.rows) for b in r.bad] for r in reads[1:]] == [
        [(b.kind, b.count, b.rows) for b in reads[0].bad]
    ] * 2


def test_typed_parquet_columns_read_as_their_text(tmp_path: Path) -> None:
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute(
        "COPY (SELECT 7::BIGINT AS id, TIMESTAMPTZ '2026-03-02 09:00:00+01' AS created_at, 2.5::DOUBLE AS score) "
        f"TO '{tmp_path / 't.parquet'}'"
    )
    read = read_export(tmp_path / "t.parquet")
    assert read.connection.execute("SELECT id, created_at, score FROM tickets").fetchall() == [
        ("7", datetime(2026, 3, 2, 8, tzinfo=UTC), "2.5")
    ]


def test_parquet_instants_are_kept_typed_and_a_missing_one_is_a_bad_row(tmp_path: Path) -> None:
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute(
        "COPY (SELECT * FROM (VALUES ('1', TIMESTAMPTZ '2026-03-02 09:00:00.123456+01'), ('2', NULL), "
        f"('1', TIMESTAMPTZ '2026-03-03 09:00:00+01')) t(id, created_at)) TO '{tmp_path / 't.parquet'}'"
    )
    con.execute(
        "COPY (SELECT * FROM (VALUES ('1', TIMESTAMPTZ '2026-03-02 08:59:59+01', 'respond'), "
        "('1', TIMESTAMPTZ '2026-03-02 09:30:00+01', 'respond'), ('1', NULL, 'solve'))"
        f" e(ticket_id, \"at\", event)) TO '{tmp_path / 'e.parquet'}'"
    )
    read = read_export(tmp_path / "t.parquet", tmp_path / "e.parquet")
    assert read.connection.execute("SELECT id, created_at FROM tickets").fetchall() == [
        ("1", datetime(2026, 3, 2, 8, 0, 0, 123456, tzinfo=UTC))
    ]
    assert read.connection.execute('SELECT "at", row FROM events').fetchall() == [
        (datetime(2026, 3, 2, 8, 30, tzinfo=UTC), 2)
    ]
    assert [(b.file, b.kind, b.rows) for b in read.bad] == [
        ("t.parquet", "bad_timestamp", (2,)),
        ("t.parquet", "duplicate_id", (3,)),
        ("e.parquet", "before_creation", (1,)),
        ("e.parquet", "bad_timestamp", (3,)),
    ]


def test_json_lines_with_numbers_and_strings_in_one_column(tmp_path: Path) -> None:
    lines = ['{"id": 1, "created_at": "2026-03-02T09:00:00Z"}', '{"id": "b-2", "created_at": "2026-03-02T09:00:00Z"}']
    read = read_export(write(tmp_path / "t.jsonl", "\n".join(lines) + "\n"))
    assert read.connection.execute("SELECT id FROM tickets ORDER BY row").fetchall() == [("1",), ("b-2",)]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "t.csv",
            "id,created_at\n1,soon\n2,\n",
            "t.csv: every one of its 2 rows is bad; first a timestamp that is not "
            "ISO 8601 (like 2026-03-27T16:30:00+01:00) (row 1)",
        ),
        (
            "t.csv",
            "id,opened\n1,2026-03-02T09:00:00Z\n",
            "t.csv: expected the columns id, created_at; created_at missing (found: id, opened)",
        ),
        ("t.xlsx", "", "t.xlsx: expected a .csv, .parquet or .jsonl file, found '.xlsx'"),
        ("t.parquet", "not parquet", "t.parquet: cannot be read as parquet: "),
    ],
)
def test_unreadable_exports_are_one_line_errors(tmp_path: Path, name: str, text: str, message: str) -> None:
    with pytest.raises(ExportError) as caught:
        read_export(write(tmp_path / name, text))
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_every_event_bad_is_an_error_naming_the_events_file(tmp_path: Path) -> None:
    tickets = write(tmp_path / "t.csv", "id,created_at\n1,2026-03-02T09:00:00Z\n")
    events = write(tmp_path / "e.csv", "ticket_id,at,event\n2,2026-03-02T09:00:00Z,respond\n")
    with pytest.raises(ExportError) as caught:
        read_export(tickets, events)
    assert str(caught.value) == (
        "e.csv: every one of its 1 rows is bad; first an event for a ticket that is not in the tickets file "
        "(or was left out) (row 1)"
    )


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        read_export(tmp_path / "gone.csv")
    assert str(caught.value) == f"{tmp_path / 'gone.csv'}: no such file; give the path of the export's tickets file"


def test_after_reading_no_file_can_be_reached(export: tuple[Path, Path]) -> None:
    con = read_export(*export).connection
    with pytest.raises(duckdb.PermissionException):
        con.execute(f"FROM read_csv('{export[0]}')")
    with pytest.raises(duckdb.PermissionException):
        con.execute(f"COPY tickets TO '{export[0].parent / 'copy.csv'}'")
    assert sorted(p.name for p in export[0].parent.iterdir()) == ["events.csv", "tickets.csv"]


def test_an_untyped_export_is_read_without_the_plans_model() -> None:
    """What lets `planops staff` read a canonical export on a thread while the plan loads: the reading imports
    none of the plan's model (two threads importing one module tree at once can deadlock)."""
    import subprocess
    import sys

    sample = Path(__file__).resolve().parents[2] / "samples" / "acme-2026-Q3" / "tickets.csv"
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from planops.actuals.reader import read_export\n"
        f"export = read_export(Path({str(sample)!r}), None)\n"
        "print(export.tickets, [m for m in ('pydantic', 'planops.model', 'planops.ticketfields')"
        " if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split(" ", 1)[1].strip() == "[]" and int(out.split()[0]) > 0, out
