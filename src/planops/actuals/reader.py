"""Read a canonical export (SPEC §5.1) into DuckDB: tables ``tickets`` and ``events``.

Files are read in place (CSV with a header, Parquet, JSON lines) into an
in-memory database that never spills to disk, loads no extension and, once
read, reaches no file or network. Rows that cannot be kept are left out and
counted per kind with their first row numbers (1-based data rows, in file
order); only a file whose every row is bad is an error.

tickets: ``id`` VARCHAR, ``created_at`` TIMESTAMPTZ, ``row`` BIGINT and every
other column as the text the file holds (ticket fields are kept as given; the
plan's routing reads them), except that, given the plan's ticket fields, the
columns it types are of their type and hold only the values it allows
(planops.actuals.fieldtypes: a cell that is neither makes a bad row). events: ``ticket_id``, ``ticket_key``
(its ticket's ``row``: a kept ticket is one row of its file, so the key is unique, and an integer key is
faster to join and partition on than the text of an id), ``at`` TIMESTAMPTZ, ``event``, ``value`` VARCHAR
and ``row`` (file order, for ties).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planops.actuals import fieldtypes
from planops.actuals.fieldtypes import Typed, typed_columns
from planops.actuals.formats import HELPDESKS
from planops.actuals.helpdesk import PROBLEM, Event
from planops.actuals.progress import Progress, watched
from planops.actuals.timestamps import instant_sql, naive_years_sql, problem_sql
from planops.errors import PlanopsError

if TYPE_CHECKING:
    import duckdb

    from planops.ticketfields import TicketField

Fields = Mapping[str, "TicketField"]
"""The plan's ticket fields (CompiledPlan.ticket_schema.fields), which type the tickets' columns."""

EVENTS = ("respond", "customer_reply", "solve", "reopen", "close", "status", "priority", "assign", "csat", "nps")
TICKET_COLUMNS = ("id", "created_at")
EVENT_COLUMNS = ("ticket_id", "at", "event")
AT = 'e."at"'
INSTANT = "TIMESTAMP WITH TIME ZONE"
"""The events' time column in the staging query (``at`` is a keyword)."""
FIRST_ROWS = 5
"""How many row numbers of each kind of bad row are kept."""

KINDS = {
    "missing_id": "no ticket id",
    "bad_timestamp": "a timestamp that is not ISO 8601 (like 2026-03-27T16:30:00+01:00)",
    "naive_timestamp": "a timestamp without an offset and no time zone declared for the export",
    "duplicate_id": "a ticket id already given in an earlier row (the first is kept)",
    "unknown_event": "an event that is not one of " + ", ".join(EVENTS),
    "unknown_ticket": "an event for a ticket that is not in the tickets file (or was left out)",
    "before_creation": "an event before its ticket's created_at",
    "unknown_value": "a status, priority or channel the export's format does not define",
    "bad_number": "a time in minutes or hours that is not a number",
    "bad_record": "a record that is not an object with the format's fields",
}
"""Each kind of bad row and what it means, for messages."""
UNKNOWN = "unknown:"
"""The kind of a bad row whose column holds a value its data source does not map: ``unknown:priority``."""

"""Helpdesk exports read with no mapping beyond their format (SPEC §5.2), converted into the canonical rows."""
BATCH = 10_000
"""Converted rows are inserted this many at a time."""

_READERS = {
    ".csv": "read_csv(?, header = true, all_varchar = true)",
    ".parquet": "read_parquet(?)",
    ".jsonl": "read_json(?, format = 'newline_delimited')",
    ".ndjson": "read_json(?, format = 'newline_delimited')",
}
SUFFIXES = tuple(_READERS)
"""The file name endings of a canonical export."""


class ExportError(PlanopsError):
    """An export planops cannot read at all: one line naming the file and why."""


@dataclass(frozen=True, slots=True)
class BadRows:
    """``count`` rows of ``file`` left out for one reason (``kind``: a key of KINDS); ``rows`` the first ones."""

    file: str
    kind: str
    count: int
    rows: tuple[int, ...]

    @property
    def message(self) -> str:
        more = f" and {self.count - len(self.rows)} more" if self.count > len(self.rows) else ""
        numbers = ", ".join(map(str, self.rows))
        return f"{self.file}: {self.count} row(s) left out, {meaning(self.kind)}: row {numbers}{more}"


def meaning(kind: str) -> str:
    """What a kind of bad row means: one of KINDS, or ``unknown:<column>`` (a value no mapping names)."""
    if kind.startswith(UNKNOWN):
        return f"a {kind[len(UNKNOWN) :]} the data source's values do not map"
    return fieldtypes.meaning(kind) or KINDS[kind]


@dataclass(frozen=True, slots=True)
class Export:
    """A read export: the connection holding ``tickets`` and ``events``, the rows kept and the ones left out."""

    connection: duckdb.DuckDBPyConnection
    tickets: int
    events: int
    bad: tuple[BadRows, ...]


def read_export(
    tickets: Path,
    events: Path | None = None,
    *,
    timezone: str | None = None,
    format: str | None = None,
    fields: Fields | None = None,
    progress: Progress | None = None,
) -> Export:
    """Read the tickets file and, if given, the events file; ``timezone`` is the zone of naive timestamps;
    ``fields`` (the plan's ticket fields) type the tickets' columns and restrict their values; ``progress``
    is told each file's reading and its rows.

    ``format`` (one of formats.HELPDESKS) reads a helpdesk export instead: ``tickets`` is the one file it comes
    in, converted into the same tables, with its bad rows numbered as records of that file.
    Raises ExportError for a file that is missing, of an unknown format, unreadable, without the
    required columns, or whose every row is bad.
    """
    if format is not None:
        return _read_helpdesk(tickets, events, timezone, format, fields)
    con = connect()
    stage(con, "raw_tickets", tickets, TICKET_COLUMNS, progress, instants=("created_at",))
    if events is None:
        no_events(con)
    else:
        stage(con, "raw_events", events, EVENT_COLUMNS, progress, instants=("at",))
    return finish(con, (tickets.name, events.name if events else ""), timezone, fields)


def _read_helpdesk(path: Path, events: Path | None, zone: str | None, form: str, fields: Fields | None) -> Export:
    if form not in HELPDESKS:
        known = ", ".join(HELPDESKS)
        raise ExportError(f"{path.name}: expected the format csv, parquet, jsonl or one of {known}, found '{form}'")
    if events is not None:
        raise ExportError(f"{events.name}: a {form} export is one file; give only {path.name}")
    if not path.is_file():
        raise ExportError(f"{path}: no such file; give the path of the {form} export")
    from planops.actuals import freshdesk, zendesk

    convert = {"zendesk-api": zendesk.api_rows, "zendesk-csv": zendesk.csv_rows, "freshdesk-csv": freshdesk.csv_rows}
    try:
        rows = convert[form](path, zone)
    except (OSError, ValueError, csv.Error, RecursionError) as error:
        raise ExportError(f"{path.name}: cannot be read as a {form} export: {_first_line(error)}") from None
    if not rows.tickets:
        raise ExportError(f"{path.name}: expected tickets in the {form} export, found none")
    con = connect()
    _insert_tickets(con, rows.tickets)
    _insert_events(con, rows.events)
    return finish(con, (path.name, path.name), zone, fields)


def connect() -> duckdb.DuckDBPyConnection:
    """An in-memory database that spills nothing and loads no extension, in UTC."""
    import duckdb

    con = duckdb.connect(":memory:", config={**_CONFIG})
    con.execute("SET TimeZone = 'UTC'")
    return con


def no_events(con: duckdb.DuckDBPyConnection) -> None:
    """An empty ``raw_events`` table, for an export without events."""
    con.execute('CREATE TEMP TABLE raw_events (row BIGINT, ticket_id VARCHAR, "at" VARCHAR, event VARCHAR)')


def finish(
    con: duckdb.DuckDBPyConnection, files: tuple[str, str], zone: str | None, fields: Fields | None = None
) -> Export:
    """The canonical tables from the text tables ``raw_tickets`` and ``raw_events``, and the rows left out;
    ``fields`` type the tickets' columns (planops.actuals.fieldtypes).

    ``raw_tickets`` may carry a ``problem`` column: a kind of bad row found before (NULL for a good row).
    """
    con.execute("SET enable_external_access = false")
    bad = _tickets(con, files[0], zone, fields) + _events(con, files[1], zone)
    counts = [count_rows(con, table) for table in ("tickets", "events")]
    drop(con, "raw_tickets", "raw_events", "staged_tickets", "staged_events")
    return Export(con, counts[0], counts[1], bad)


def _insert_tickets(con: duckdb.DuckDBPyConnection, tickets: list[dict[str, str | None]]) -> None:
    """Table raw_tickets from converted ticket rows: ``row``, every field as text and the converter's problem."""
    names = list(dict.fromkeys(["id", "created_at", *(k for t in tickets for k in t if k != "row")]))
    columns = ", ".join(f"{quoted(n)} VARCHAR" for n in names)
    con.execute(f"CREATE TEMP TABLE raw_tickets (row BIGINT, {columns})")
    for start in range(0, len(tickets), BATCH):
        batch = tickets[start : start + BATCH]
        values = [[int(t["row"] or 0) for t in batch]] + [[t.get(n) for t in batch] for n in names]
        unnests = ", ".join(f"unnest(${i + 2}::VARCHAR[])" for i in range(len(names)))
        con.execute(f"INSERT INTO raw_tickets SELECT unnest($1::BIGINT[]), {unnests}", values)


def _insert_events(con: duckdb.DuckDBPyConnection, events: list[Event]) -> None:
    """Table raw_events from converted events: ``seq`` keeps their order among events of the same row."""
    con.execute(
        'CREATE TEMP TABLE raw_events (row BIGINT, seq BIGINT, ticket_id VARCHAR, "at" VARCHAR, event VARCHAR, '
        "value VARCHAR)"
    )
    for start in range(0, len(events), BATCH):
        batch = events[start : start + BATCH]
        values = [
            [e.row for e in batch],
            list(range(start, start + len(batch))),
            [e.ticket_id for e in batch],
            [e.at for e in batch],
            [e.event for e in batch],
            [e.value for e in batch],
        ]
        con.execute(
            "INSERT INTO raw_events SELECT unnest($1::BIGINT[]), unnest($2::BIGINT[]), unnest($3::VARCHAR[]), "
            "unnest($4::VARCHAR[]), unnest($5::VARCHAR[]), unnest($6::VARCHAR[])",
            values,
        )


_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "temp_directory": "",
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}
"""Nothing spills to disk, no extension is fetched or loaded."""


def stage(
    con: duckdb.DuckDBPyConnection,
    table: str,
    path: Path,
    required: Sequence[str],
    progress: Progress | None = None,
    *,
    instants: Sequence[str] = (),
) -> None:
    """Load ``path`` as it is into ``table``, every column as text, with its 1-based data row number.

    Those of ``instants`` that the file itself types as an instant (Parquet's timestamps with a time zone)
    stay one: nothing is lost, and nothing need be parsed again.
    """
    import duckdb

    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise ExportError(f"{path.name}: expected a .csv, .parquet or .jsonl file, found '{path.suffix or path.name}'")
    if not path.is_file():
        raise ExportError(f"{path}: no such file; give the path of the export's {table[4:]} file")
    loaded = quoted(f"{table}__file")
    try:
        with watched(con, progress, f"reading {path.name}"):
            con.execute(f"CREATE TEMP TABLE {loaded} AS SELECT * FROM {reader}", [str(path)])
    except duckdb.Error as error:
        raise ExportError(f"{path.name}: cannot be read as {path.suffix[1:]}: {_first_line(error)}") from None
    columns = con.execute(f"SELECT column_name, column_type FROM (DESCRIBE {loaded})").fetchall()
    missing = [c for c in required if c not in {name for name, _ in columns}]
    if missing:
        found = ", ".join(name for name, _ in columns)
        raise ExportError(
            f"{path.name}: expected the columns {', '.join(required)}; {', '.join(missing)} missing (found: {found})"
        )
    texts = ", ".join(f"{_as_text(name, kind, name in instants)} AS {quoted(name)}" for name, kind in columns)
    # a view, not a copy: the file's rows are held once (the staging queries read them once)
    con.execute(f"CREATE TEMP VIEW {table} AS SELECT rowid + 1 AS row, {texts} FROM {loaded}")
    if progress is not None:
        progress(f"read {path.name}: {count_rows(con, loaded):,} rows")


def drop(con: duckdb.DuckDBPyConnection, *tables: str) -> None:
    """Drop tables made by :func:`stage` or by a query, and what they were read from."""
    for name in tables:
        found = con.execute("SELECT table_type FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()
        if found is not None:
            con.execute(f"DROP {'VIEW' if found[0] == 'VIEW' else 'TABLE'} {quoted(name)}")
        con.execute(f"DROP TABLE IF EXISTS {quoted(name + '__file')}")


def _tickets(con: duckdb.DuckDBPyConnection, file: str, zone: str | None, fields: Fields | None) -> tuple[BadRows, ...]:
    columns = column_names(con, "raw_tickets")
    plain = [c for c in columns if c not in ("row", PROBLEM, "problem", *TICKET_COLUMNS)]
    typed = _typed(con, fields, plain, zone)
    others = "".join(f", {typed[c].value if c in typed else quoted(c)} AS {quoted(c)}" for c in plain)
    wrong = "".join(f"{t.problem}, " for t in typed.values())
    # A converter's problem (a helpdesk export) comes first; a data source's after the timestamp's.
    converted, close = (f"coalesce({quoted(PROBLEM)}, ", ")") if PROBLEM in columns else ("", "")
    mapped = "problem, " if "problem" in columns else ""
    created, created_wrong = _instant(con, "raw_tickets", "created_at", zone)
    con.execute(
        f"CREATE TEMP TABLE staged_tickets AS SELECT row, id, {created} AS created_at{others}, "
        f"{converted}CASE WHEN id IS NULL OR trim(id) = '' THEN 'missing_id' "
        f"ELSE coalesce({created_wrong}, {mapped}{wrong}"
        "CASE WHEN row > first_row THEN 'duplicate_id' END) END"
        f"{close} AS problem "
        "FROM raw_tickets LEFT JOIN (SELECT id, min(row) AS first_row FROM raw_tickets GROUP BY id) USING (id)"
    )
    drop(con, "raw_tickets")  # each copy goes as soon as the next is made: peak memory is two copies
    bad = bad_rows(con, "staged_tickets", file)
    con.execute(
        "CREATE TABLE tickets AS SELECT * EXCLUDE (problem) FROM staged_tickets WHERE problem IS NULL ORDER BY row"
    )
    drop(con, "staged_tickets")
    return bad


def _typed(
    con: duckdb.DuckDBPyConnection, fields: Fields | None, columns: list[str], zone: str | None
) -> dict[str, Typed]:
    """The columns the plan's ticket fields type or restrict (planops.actuals.fieldtypes)."""
    if not fields:
        return {}
    return typed_columns(fields, columns, zone, lambda column: naive_years(con, "raw_tickets", quoted(column), zone))


def _events(con: duckdb.DuckDBPyConnection, file: str, zone: str | None) -> tuple[BadRows, ...]:
    columns = column_names(con, "raw_events")
    value = "e.value" if "value" in columns else "NULL::VARCHAR"
    events = ", ".join(f"'{e}'" for e in EVENTS)
    at, wrong = _instant(con, "raw_events", '"at"', zone, AT)
    con.execute(  # the columns of ``events`` first, in its order: with no bad row it is this table
        "CREATE TABLE staged_events AS SELECT e.ticket_id, t.row AS ticket_key, "
        f'{at} AS "at", e.event, {value} AS value, e.row, '
        f"coalesce({wrong}, "
        f"CASE WHEN e.event IS NULL OR e.event NOT IN ({events}) THEN 'unknown_event' "
        "WHEN t.id IS NULL THEN 'unknown_ticket' "
        f"WHEN {at} < t.created_at THEN 'before_creation' END) AS problem "
        "FROM raw_events e LEFT JOIN tickets t ON t.id = e.ticket_id"
    )
    drop(con, "raw_events")
    bad = bad_rows(con, "staged_events", file)
    if bad:  # in file order as staged (a table scan keeps it): no sort of millions of rows
        con.execute(
            'CREATE TABLE events AS SELECT ticket_id, ticket_key, "at", event, value, row FROM staged_events '
            "WHERE problem IS NULL"
        )
        drop(con, "staged_events")
    else:  # every row good: the staged table less its problems, not a copy of millions of rows
        con.execute("ALTER TABLE staged_events DROP COLUMN problem")
        con.execute("ALTER TABLE staged_events RENAME TO events")
    return bad


def bad_rows(con: duckdb.DuckDBPyConnection, staged: str, file: str) -> tuple[BadRows, ...]:
    """Each kind of bad row of a staged table (rows counted once per kind); ExportError if no row is good."""
    found = con.execute(
        f"SELECT problem, count(DISTINCT row), list(DISTINCT row ORDER BY row)[1:{FIRST_ROWS}] FROM {staged} "
        "WHERE problem IS NOT NULL GROUP BY problem ORDER BY min(row)"
    ).fetchall()
    bad = tuple(BadRows(file, kind, count, tuple(rows)) for kind, count, rows in found)
    total = count_rows(con, staged)
    if total and bad and not count_rows(con, f"(SELECT 1 FROM {staged} WHERE problem IS NULL)"):
        first = bad[0]
        raise ExportError(
            f"{file}: every one of its {total} rows is bad; first {meaning(first.kind)} (row {first.rows[0]})"
        )
    return bad


def _instant(
    con: duckdb.DuckDBPyConnection, table: str, column: str, zone: str | None, ref: str | None = None
) -> tuple[str, str]:
    """SQL for the instant a timestamp column names and for what is wrong with it (NULL when nothing is).

    ``column`` is the column's quoted name in ``table``; ``ref`` how the staging query refers to it.
    """
    ref = ref or column
    kinds = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE {table})").fetchall())
    if kinds.get(column.strip('"')) == INSTANT:  # typed by the file: only a missing value is wrong
        return ref, f"CASE WHEN {ref} IS NULL THEN 'bad_timestamp' END"
    return instant_sql(ref, zone, naive_years(con, table, column, zone)), problem_sql(ref, zone)


def naive_years(con: duckdb.DuckDBPyConnection, table: str, column: str, zone: str | None) -> tuple[int, int]:
    """The first and last year of a column's naive timestamps (any year where there are none)."""
    found = con.execute(f"SELECT {naive_years_sql(column)} FROM {table}").fetchone() if zone else None
    return (found[0], found[1]) if found and found[0] is not None else (1970, 1970)


def column_names(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [name for (name,) in con.execute(f"SELECT column_name FROM (DESCRIBE {table})").fetchall()]


def count_rows(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """How many rows ``table`` (a name or a parenthesised query) holds."""
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def _as_text(name: str, kind: str, instants: bool = False) -> str:
    """A column as the text a CSV would hold: JSON strings unquoted, everything else cast (instants kept)."""
    if instants and kind == INSTANT:
        return quoted(name)
    if kind == "JSON":
        return f"{quoted(name)} ->> '$'"
    return f"CAST({quoted(name)} AS VARCHAR)"


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
