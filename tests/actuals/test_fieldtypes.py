"""Exported ticket columns typed as the plan declares them; a cell that is not of its type, or not one of its
field's values, makes a bad row counted by kind with its row number."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from planops.actuals.fieldtypes import typed_columns
from planops.actuals.reader import BadRows, ExportError, read_export
from planops.model.fields import FieldSpec
from planops.ticketfields import TicketField, build

TICKETS = """\
id,created_at,channel,priority,amount,seats,vip,renewal,customer.annual_value,region,note
1,2026-03-02T09:00:00+01:00,chat,high,12.5,3,true,2026-04-01T00:00:00+02:00,1200,EU,x
2,2026-03-02T09:00:00+01:00,email,,,, ,,,,
3,2026-03-02T09:00:00+01:00,fax,low,1,1,false,,5,EU,
4,2026-03-02T09:00:00+01:00,chat,critical,1,1,false,,5,EU,
5,2026-03-02T09:00:00+01:00,chat,low,twelve,1,false,,5,EU,
6,2026-03-02T09:00:00+01:00,chat,low,1,2.5,false,,5,EU,
7,2026-03-02T09:00:00+01:00,chat,low,1,1,maybe,,5,EU,
8,2026-03-02T09:00:00+01:00,chat,low,1,1,false,next week,5,EU,
9,2026-03-02T09:00:00+01:00,chat,low,1,1,false,,5,moon,
10,2026-03-02T09:00:00+01:00,chat,low,1,1,false,2026-04-01 09:00,5,EU,
"""


def fields() -> dict[str, TicketField]:
    declared = {
        "seats": "integer",
        "vip": "bool",
        "renewal": "timestamp",
        "region": FieldSpec.model_validate({"type": "string", "values": ["EU", "US"]}),
    }
    found, conflicts = build(declared, {"channel": ("chat", "email")})
    assert conflicts == []
    return found


@pytest.fixture
def tickets(tmp_path: Path) -> Path:
    path = tmp_path / "tickets.csv"
    path.write_text(TICKETS, encoding="utf-8")
    return path


def test_declared_columns_take_their_type(tickets: Path) -> None:
    export = read_export(tickets, fields=fields())
    types = dict(export.connection.execute("SELECT column_name, column_type FROM (DESCRIBE tickets)").fetchall())
    assert (types["amount"], types["seats"], types["vip"], types["renewal"]) == (
        "DOUBLE",
        "BIGINT",
        "BOOLEAN",
        "TIMESTAMP WITH TIME ZONE",
    )
    assert (types["customer.annual_value"], types["channel"], types["note"]) == ("DOUBLE", "VARCHAR", "VARCHAR")
    rows = export.connection.execute(
        'SELECT id, amount, seats, vip, renewal, "customer.annual_value", region FROM tickets ORDER BY row'
    ).fetchall()
    assert rows[0] == ("1", 12.5, 3, True, datetime(2026, 3, 31, 22, tzinfo=UTC), 1200.0, "EU")
    assert rows[1] == ("2", None, None, None, None, None, None)  # empty cells are missing fields, not bad ones


def test_cells_not_of_their_type_or_values_are_bad_rows_by_kind(tickets: Path) -> None:
    export = read_export(tickets, fields=fields())
    assert export.tickets == 2
    assert export.bad == (
        BadRows("tickets.csv", "bad_value:channel", 1, (3,)),
        BadRows("tickets.csv", "bad_value:priority", 1, (4,)),
        BadRows("tickets.csv", "bad_type:number:amount", 1, (5,)),
        BadRows("tickets.csv", "bad_type:integer:seats", 1, (6,)),
        BadRows("tickets.csv", "bad_type:bool:vip", 1, (7,)),
        BadRows("tickets.csv", "bad_type:timestamp:renewal", 1, (8,)),
        BadRows("tickets.csv", "bad_value:region", 1, (9,)),
        BadRows("tickets.csv", "naive_timestamp", 1, (10,)),
    )
    messages = [b.message for b in export.bad]
    assert messages[0] == (
        "tickets.csv: 1 row(s) left out, a channel that is not one of the values the plan allows for it: row 3"
    )
    assert messages[2] == (
        "tickets.csv: 1 row(s) left out, a amount that is not a number (as the plan's ticket fields declare it): row 5"
    )


def test_a_declared_zone_reads_naive_timestamps_of_typed_columns(tickets: Path) -> None:
    export = read_export(tickets, fields=fields(), timezone="Europe/Berlin")
    found = export.connection.execute("SELECT renewal FROM tickets WHERE id = '10'").fetchone()
    assert found == (datetime(2026, 4, 1, 7, tzinfo=UTC),)


def test_without_the_plans_fields_every_column_stays_text(tickets: Path) -> None:
    export = read_export(tickets)
    described = export.connection.execute("SELECT column_name, column_type FROM (DESCRIBE tickets)").fetchall()
    types = {t for _, t in described}
    assert types == {"BIGINT", "VARCHAR", "TIMESTAMP WITH TIME ZONE"} and export.tickets == 10


def test_every_row_bad_by_type_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,created_at,amount\n1,2026-03-02T09:00:00Z,x\n2,2026-03-02T09:00:00Z,y\n", encoding="utf-8")
    with pytest.raises(ExportError) as error:
        read_export(path, fields=fields())
    assert str(error.value) == (
        "t.csv: every one of its 2 rows is bad; first a amount that is not a number "
        "(as the plan's ticket fields declare it) (row 1)"
    )


def test_only_typed_or_restricted_columns_are_cast() -> None:
    assert sorted(typed_columns(fields(), ["id", "subject", "category", "amount", "channel", "tags"], None)) == [
        "amount",
        "channel",
    ]
