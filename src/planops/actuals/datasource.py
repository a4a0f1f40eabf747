"""Read an export through its ``kind: DataSource`` into the canonical tables (SPEC §5.2).

The export's columns are renamed to the canonical ones, its null markers become
NULL, its values are mapped (a value of a mapped column that the mapping does
not name is a bad row, ``unknown:<column>``), and its timestamps are read with
the declared strftime format in the declared zone; :mod:`planops.actuals.reader`
then builds and checks the tables as for a canonical export.

With ``rows: snapshots`` each row is one update of a ticket: the first row of
an id (by ``updated_at``, file order on ties) is the ticket, and events come
from the changes between consecutive rows, in SQL. A status or priority written
as a null marker is the one before it (an update that does not record it).
Row numbers are the export's data rows, for tickets and events alike.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from planops.actuals import reader
from planops.actuals.reader import UNKNOWN, Export, ExportError, quoted
from planops.actuals.timestamps import instant_sql, problem_sql
from planops.model.datasource import REQUIRED, SNAPSHOT_COLUMNS, DataSource

if TYPE_CHECKING:
    import duckdb

TIMESTAMPS = ("created_at", "updated_at")
"""The canonical columns read as timestamps."""
TABLED = ("csv", "parquet", "jsonl")
"""The formats read here; the helpdesks' own formats have their own readers."""


def read_source(source: DataSource, path: Path, fields: reader.Fields | None = None) -> Export:
    """Read ``path`` as ``source`` describes it, its columns typed by the plan's ticket ``fields``. Raises
    ExportError as :func:`reader.read_export` does."""
    if source.format not in TABLED:
        raise ExportError(f"{path.name}: format {source.format} is not read through a column mapping")
    con = reader.connect()
    required = [source.source(c) for c in REQUIRED[source.rows]]
    reader.stage(con, "raw_export", path, required)
    _mapped(con, source)
    bad: tuple[reader.BadRows, ...] = ()
    if source.rows == "snapshots":
        bad = _snapshots(con, source, path.name)
    else:
        con.execute("ALTER TABLE mapped RENAME TO raw_tickets")
        reader.no_events(con)
    reader.drop(con, "raw_export")
    export = reader.finish(con, (path.name, path.name), source.timestamps.timezone, fields)
    return replace(export, bad=tuple(sorted((*bad, *export.bad), key=lambda b: b.rows[0])))


def _mapped(con: duckdb.DuckDBPyConnection, source: DataSource) -> None:
    """``mapped``: each canonical column (and each other column as it is) as text, ``problem`` for bad values."""
    given = reader.column_names(con, "raw_export")
    canonical = {c: s for c, s in source.columns.items() if s in given}
    kept = {c: c for c in given if c != "row" and c not in canonical.values() and c not in canonical}
    columns = {**{c: c for c in REQUIRED[source.rows] if c in given}, **kept, **canonical}
    texts = ", ".join(f"{_value(source, c, s)} AS {quoted(c)}" for c, s in columns.items())
    problems = [
        f"CASE WHEN {w} THEN {_text(UNKNOWN + c)} END" for c, s in columns.items() if (w := _unmapped(source, c, s))
    ]
    problem = f"coalesce({', '.join(problems)})" if problems else "NULL"
    con.execute(f"CREATE TEMP TABLE mapped AS SELECT row, {texts}, {problem}::VARCHAR AS problem FROM raw_export")


def _nulled(source: DataSource, column: str) -> str:
    """SQL for a source column's text with the null markers as NULL."""
    if not source.nulls:
        return quoted(column)
    markers = ", ".join(_text(n) for n in source.nulls)
    return f"CASE WHEN trim({quoted(column)}) IN ({markers}) THEN NULL ELSE {quoted(column)} END"


def _value(source: DataSource, canonical: str, column: str) -> str:
    """SQL for a canonical column: its mapped value, its timestamp as ISO text, else its text."""
    text = _nulled(source, column)
    mapping = source.values.get(canonical)
    if mapping:
        cases = " ".join(f"WHEN {text} = {_text(k)} THEN {_text(v)}" for k, v in mapping.items())
        return f"CASE {cases} ELSE {text} END"
    if canonical in TIMESTAMPS and source.timestamps.format is not None:
        return f"CAST(try_strptime(trim({text}), {_text(source.timestamps.format)}) AS VARCHAR)"
    return text


def _unmapped(source: DataSource, canonical: str, column: str) -> str:
    """SQL true where a mapped column holds a value its mapping does not name ('' where it has no mapping)."""
    mapping = source.values.get(canonical)
    if not mapping:
        return ""
    text = _nulled(source, column)
    return f"{text} IS NOT NULL AND {text} NOT IN ({', '.join(_text(k) for k in mapping)})"


def _snapshots(con: duckdb.DuckDBPyConnection, source: DataSource, file: str) -> tuple[reader.BadRows, ...]:
    """``raw_tickets`` (the first good row of each id) and ``raw_events`` (the changes) from ``mapped``."""
    zone = source.timestamps.timezone
    at = instant_sql("updated_at", zone, reader.naive_years(con, "mapped", "updated_at", zone))
    con.execute(
        "CREATE TEMP TABLE staged_snapshots AS SELECT * EXCLUDE (problem), "
        f"{at} AS _at, CASE WHEN id IS NULL OR trim(id) = '' THEN 'missing_id' "
        f"ELSE coalesce({problem_sql('updated_at', zone)}, problem) END AS problem FROM mapped"
    )
    bad = reader.bad_rows(con, "staged_snapshots", file)
    con.execute(_ordered_sql("priority" if "priority" in reader.column_names(con, "mapped") else "NULL"))
    others = [c for c in reader.column_names(con, "mapped") if c not in ("row", "problem", "id", *SNAPSHOT_COLUMNS)]
    picked = "".join(f", {quoted(c)}" for c in others)
    con.execute(f"CREATE TEMP TABLE raw_tickets AS SELECT row, id{picked} FROM ordered WHERE n = 1")
    con.execute(_events_sql(source))
    con.execute("DROP TABLE mapped; DROP TABLE staged_snapshots; DROP TABLE ordered")
    return bad


def _ordered_sql(priority: str) -> str:
    """The good rows in ticket order: position ``n``, the status and priority in force, and the ones before."""
    carried = "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW"
    return (
        "CREATE TEMP TABLE ordered AS SELECT *, lag(st) OVER w AS before_st, lag(pr) OVER w AS before_pr FROM ("
        "SELECT * EXCLUDE (problem), row_number() OVER w AS n, "
        f"last_value(status IGNORE NULLS) OVER (w {carried}) AS st, "
        f"last_value({priority} IGNORE NULLS) OVER (w {carried}) AS pr "
        "FROM staged_snapshots WHERE problem IS NULL WINDOW w AS (PARTITION BY id ORDER BY _at, row)) "
        "WINDOW w AS (PARTITION BY id ORDER BY _at, row)"
    )


def _events_sql(source: DataSource) -> str:
    """``raw_events``: reopen, status, solve, close and priority events from the changes between rows."""
    solved, closed = _list(source.statuses.solved), _list(source.statuses.closed)
    done = _list((*source.statuses.solved, *source.statuses.closed))
    change = "n > 1 AND st IS DISTINCT FROM before_st AND st IS NOT NULL"
    kinds = [
        ("reopen", "NULL", f"{change} AND before_st IN {done} AND st NOT IN {done}"),
        ("status", "st", change),
        ("solve", "NULL", f"{change} AND st IN {solved} AND coalesce(before_st NOT IN {solved}, true)"),
        ("close", "NULL", f"{change} AND st IN {closed} AND coalesce(before_st NOT IN {closed}, true)"),
        ("priority", "pr", "n > 1 AND pr IS DISTINCT FROM before_pr AND pr IS NOT NULL"),
    ]
    selects = " UNION ALL ".join(
        f"SELECT row, id AS ticket_id, CAST(_at AS VARCHAR) AS \"at\", '{event}' AS event, "
        f"{value}::VARCHAR AS value, {i} AS ord FROM ordered WHERE {when}"
        for i, (event, value, when) in enumerate(kinds)
    )
    return f"CREATE TEMP TABLE raw_events AS SELECT * EXCLUDE (ord) FROM ({selects}) ORDER BY row, ord"


def _list(values: tuple[str, ...]) -> str:
    """A SQL list for ``IN``; one that matches nothing when empty."""
    return "(" + ", ".join(_text(v) for v in values) + ")" if values else "(NULL)"


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
