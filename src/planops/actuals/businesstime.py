"""Business time in SQL, equal to the engine's clock (SPEC §2.1, §5.3).

A calendar becomes a table of its open intervals in UTC over a date range,
each with the open time before it (``cum_us``), all in microseconds since the
Unix epoch, the engine's resolution. The open time before an instant t is

    lookup(t) = cum_us + clamp(t - opens_us, 0, closes_us - opens_us)

of the last interval opening at or before t (an ASOF join; 0 before the
first), so the open time between t1 and t2 is lookup(t2) - lookup(t1), and
the due time of a target D started at t0 is the inverse: the instant whose
lookup is lookup(t0) + D, found by an ASOF join on ``cum_us``. The intervals
are disjoint, so each ASOF join is also a range join matching at most one
row — on opens_us <= t < until_us (``until_us``: the next interval's
opening), and on cum_us < goal <= cum_us + the interval's length — which is
how databases without ASOF joins run it (planops.actuals.dialects). The intervals
are the engine's own (:meth:`BusinessCalendar.open_intervals`), so holidays,
``special:`` dates and DST follow the clock by construction.

Answers hold only inside the table's range: a due time past its last
interval is NULL, so build the range over the data's dates plus the longest
target.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from planops.actuals.sqlvalues import Cell, values_sql
from planops.engine import BusinessCalendar

if TYPE_CHECKING:
    import duckdb

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICRO = timedelta(microseconds=1)
LAST_US = 2**63 - 1
"""``until_us`` of the last interval: no instant in BIGINT microseconds is later."""
COLUMNS = (("opens_us", "BIGINT"), ("closes_us", "BIGINT"), ("cum_us", "BIGINT"), ("until_us", "BIGINT"))


@dataclass(frozen=True, slots=True)
class CalendarTable:
    """A calendar's open intervals as the DuckDB table ``name``, for local dates ``first`` to ``last``."""

    name: str
    first: date
    last: date
    intervals: int


def micros(t: datetime) -> int:
    """An aware instant as microseconds since the epoch (exact)."""
    return (t - EPOCH) // _MICRO


def instant(us: int) -> datetime:
    """The UTC instant ``us`` microseconds after the epoch."""
    return EPOCH + us * _MICRO


def calendar_table(
    con: duckdb.DuckDBPyConnection, name: str, calendar: BusinessCalendar, first: date, last: date
) -> CalendarTable:
    """Create (or replace) table ``name``: opens_us, closes_us, cum_us, until_us of ``calendar`` from ``first``
    to ``last``."""
    rows = calendar_rows(calendar, first, last)
    columns = ", ".join(f"unnest(${i + 1}::BIGINT[]) AS {column}" for i, (column, _) in enumerate(COLUMNS))
    arrays = [[row[i] for row in rows] for i in range(len(COLUMNS))]
    # Arrays, not literal rows (calendar_sql): DuckDB reads 100,000 intervals so in a tenth of the time.
    con.execute(f"CREATE OR REPLACE TABLE {_quoted(name)} AS SELECT {columns}", arrays)
    return CalendarTable(name, first, last, len(rows))


def calendar_sql(calendar: BusinessCalendar, first: date, last: date) -> str:
    """The SELECT behind a calendar table (see the module): its open intervals as literal rows."""
    return values_sql(COLUMNS, calendar_rows(calendar, first, last))


def calendar_rows(calendar: BusinessCalendar, first: date, last: date) -> list[list[Cell]]:
    """opens_us, closes_us, cum_us, until_us of each open interval from ``first`` to ``last``."""
    intervals = [(micros(o), micros(c)) for o, c in calendar.open_intervals(first, last)]
    rows: list[list[Cell]] = []
    cum = 0
    for i, (opens, closes) in enumerate(intervals):
        rows.append([opens, closes, cum, intervals[i + 1][0] if i + 1 < len(intervals) else LAST_US])
        cum += closes - opens
    return rows


def lookup_sql(table: str, source: str, at: str) -> str:
    """SQL adding ``open_us`` (open time before column ``at``, microseconds) to every row of ``source``.

    ``source`` is a table name or a parenthesised query; ``at`` a BIGINT column of epoch microseconds.
    """
    return f"SELECT s.*, {open_before('c', f's.{at}')} AS open_us FROM {source} s {asof_join(table, 'c', f's.{at}')}"


def asof_join(table: str, alias: str, at: str) -> str:
    """The join that finds, as ``alias``, the interval of calendar table ``table`` the instant ``at`` (SQL
    for epoch microseconds) lies in or after: the last opening at or before it (none before the first)."""
    return f"ASOF LEFT JOIN {_quoted(table)} {alias} ON {at} >= {alias}.opens_us"


def open_before(alias: str, at: str) -> str:
    """SQL for the open time before ``at``, given the interval ``alias`` that :func:`asof_join` found."""
    a = alias
    return f"coalesce({a}.cum_us + least(greatest({at} - {a}.opens_us, 0), {a}.closes_us - {a}.opens_us), 0)"


def due_sql(table: str, source: str, start: str, duration: str) -> str:
    """SQL adding ``due_us`` (the due time of ``duration`` µs started at ``start`` µs) to every row of ``source``.

    As :meth:`BusinessCalendar.add_utc`: a zero duration is due at its start, one that runs out at
    closing is due at closing; NULL when the due time lies past the table's last interval.
    """
    cal = _quoted(table)
    started = lookup_sql(table, source, start)
    return (
        f"SELECT p.* EXCLUDE (open_us, goal_us), CASE WHEN p.{duration} = 0 THEN p.{start} "
        "WHEN p.goal_us <= c.cum_us + c.closes_us - c.opens_us THEN c.opens_us + p.goal_us - c.cum_us END AS due_us "
        f"FROM (SELECT *, open_us + {duration} AS goal_us FROM ({started})) p "
        f"ASOF LEFT JOIN {cal} c ON p.goal_us > c.cum_us"
    )


def open_times(con: duckdb.DuckDBPyConnection, table: str, pairs: Sequence[tuple[datetime, datetime]]) -> list[int]:
    """Open microseconds between each pair of instants (0 where the second is not after the first), in order."""
    starts = [micros(a) for a, _ in pairs]
    ends = [micros(b) for _, b in pairs]
    probes = "(SELECT unnest($1::BIGINT[]) AS a, unnest($2::BIGINT[]) AS b, unnest(range(len($1))) AS k)"
    first = f"(SELECT * RENAME (open_us AS open_a) FROM ({lookup_sql(table, probes, 'a')}))"
    query = f"SELECT greatest(open_us - open_a, 0) FROM ({lookup_sql(table, first, 'b')}) ORDER BY k"
    return [row[0] for row in con.execute(query, [starts, ends]).fetchall()]


def due_times(
    con: duckdb.DuckDBPyConnection, table: str, targets: Sequence[tuple[datetime, timedelta]]
) -> list[datetime | None]:
    """The UTC due time of each (start, duration), in order; None past the table's range."""
    starts = [micros(t) for t, _ in targets]
    durations = [d // _MICRO for _, d in targets]
    probes = "(SELECT unnest($1::BIGINT[]) AS t0, unnest($2::BIGINT[]) AS d, unnest(range(len($1))) AS k)"
    query = f"SELECT due_us FROM ({due_sql(table, probes, 't0', 'd')}) ORDER BY k"
    return [None if us is None else instant(us) for (us,) in con.execute(query, [starts, durations]).fetchall()]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
