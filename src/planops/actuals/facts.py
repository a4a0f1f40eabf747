"""One row of facts per exported ticket, from which every measure of SPEC §5.3 is an aggregate.

The table ``facts`` joins ``routed`` (planops.actuals.routing), the ticket's SLA verdicts (``sla``,
planops.actuals.sla: how many of its applied targets were met, breached or are pending, and its first
response's) and what its events say: its first public reply and its first and last solve, each as business
time from creation in its calendar (``*_us``) and as elapsed time (``*_elapsed_us``, for ``hours:
calendar``), how many public replies it got, whether it was reopened, its CSAT (1–5, or good/bad kept apart
as ``csat_good``) and NPS (0–10) answers. ``done_spans`` holds when each ticket was solved or closed (``ticket_key``,
``from_us``, ``to_us``: to the next reopen, NULL: none), for the backlog. ``reply_times`` holds one row per
answered next-response clock (the customer's oldest unanswered message to the reply, as the SLA clock counts
it): ``ticket_key``, ``next_response_us`` (business time) and ``next_response_elapsed_us``.

Every table names its ticket by ``ticket_key`` (planops.actuals.routing), not by its id: an integer is
faster to join and partition on, and smaller.

Business time is a difference of two lookups (planops.actuals.businesstime); the instants of every ticket
are looked up together, one ASOF join per calendar, then set side by side again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlglot import exp

from planops.actuals.businesstime import asof_join, open_before
from planops.actuals.measures import DIMENSIONS
from planops.actuals.stages import run_stage

if TYPE_CHECKING:
    import duckdb

_EVENT_COLUMNS = "e.responded_us, e.first_solved_us, e.last_solved_us, e.last_done_us, e.last_reopen_us, " + (
    "e.replies, e.reopens, e.csat, e.csat_good, e.nps"
)
VERDICTS = """
SELECT ticket_key AS sid,
  CAST(sum(CASE WHEN outcome = 'met' THEN 1 ELSE 0 END) AS INTEGER) AS sla_met,
  CAST(sum(CASE WHEN outcome = 'breached' THEN 1 ELSE 0 END) AS INTEGER) AS sla_breached,
  CAST(sum(CASE WHEN outcome = 'pending' THEN 1 ELSE 0 END) AS INTEGER) AS sla_pending,
  max(CASE WHEN target = 'first_response' THEN outcome END) AS first_response_outcome
FROM sla GROUP BY ticket_key
"""
_VERDICT_COLUMNS = "v.sla_met, v.sla_breached, v.sla_pending, v.first_response_outcome"
"""What the facts keep of each (not the ids again: 1M tickets, 32 MB a column)."""
DONE_SPANS = """
SELECT ticket_key, from_us, to_us FROM (
  SELECT ticket_key, done, at_us AS from_us, lead(at_us) OVER (PARTITION BY ticket_key ORDER BY at_us, row) AS to_us
  FROM (
    SELECT *, lag(done) OVER (PARTITION BY ticket_key ORDER BY at_us, row) AS before FROM (
      SELECT ticket_key, epoch_us("at") AS at_us, row, event <> 'reopen' AS done FROM events
      WHERE event IN ('solve', 'close', 'reopen')) e) c
  WHERE before IS NULL OR before <> done) s
WHERE done
"""
"""When each ticket was solved or closed: from a solve or close while open to the next reopen (NULL: none)."""
STEPS = {"fact_base": ("ticket_events",), "facts": ("fact_base",)}
"""The tables read by none of the measures: each under the table whose making is the last to read them
(then dropped: memory back before the next statement)."""
_SPANS = {"first_response": "responded_us", "first_resolution": "first_solved_us", "resolution": "last_solved_us"}
"""Each duration of ``facts`` and the instant it runs to from creation."""


def facts_view(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tables ``facts``, ``reply_times`` and ``done_spans`` (needs ``routed``, ``sla``,
    ``sla_replies``, ``ticket_events`` and ``calendar_tables``; drops ``ticket_events``), each computed once:
    every KPI aggregates them."""
    tables = con.execute("SELECT calendar, open_hours FROM calendar_tables ORDER BY calendar").fetchall()
    run_stage(con, facts_sql(tables), STEPS)


def facts_sql(tables: Sequence[tuple[str, str]]) -> list[str]:
    """The statements behind :func:`facts_view`, in order; ``tables`` names each calendar's table of open
    intervals (planops.actuals.warehouse runs the same statements in a warehouse)."""
    kept = ", ".join(f"r.{c}" for c in ("ticket_key", "created_at", *DIMENSIONS))  # not every field: memory
    base = (
        f"SELECT {kept}, epoch_us(r.created_at) AS created_us, {_EVENT_COLUMNS}, {_VERDICT_COLUMNS} FROM routed r "
        f"LEFT JOIN ticket_events e ON e.ticket_key = r.ticket_key LEFT JOIN ({VERDICTS}) v ON v.sid = r.ticket_key"
    )
    spans = ", ".join(f"d.{name}_us" for name in _SPANS)
    elapsed = ", ".join(f"b.{column} - b.created_us AS {name}_elapsed_us" for name, column in _SPANS.items())
    return [
        f"CREATE OR REPLACE TABLE fact_base AS {base}",
        f"CREATE OR REPLACE TABLE facts AS SELECT b.*, {spans}, {elapsed} FROM fact_base b "
        f"LEFT JOIN ({_durations(tables)}) d ON d.did = b.ticket_key",
        f"CREATE OR REPLACE TABLE reply_times AS {_reply_times(tables)}",
        f"CREATE OR REPLACE TABLE done_spans AS {DONE_SPANS}",
    ]


def _durations(tables: Sequence[tuple[str, str]]) -> str:
    """The business time of each span of ``fact_base`` from creation (``did``, ``<span>_us``): per calendar, a
    lookup of creation and one of each span's end, side by side (NULL where the span has not ended), over
    the instants alone (each lookup holds its rows: 1M wide rows four times took 1.4 GB more)."""
    parts = []
    instants = ", ".join(["ticket_key", "created_us", *_SPANS.values()])
    for name, table in tables:
        joins = [asof_join(table, "c0", "b.created_us")]
        spans = []
        for i, (span, column) in enumerate(_SPANS.items(), start=1):
            joins.append(asof_join(table, f"c{i}", f"b.{column}"))
            ended = f"CASE WHEN b.{column} IS NOT NULL THEN {open_before(f'c{i}', f'b.{column}')} END"
            spans.append(f"{ended} - {open_before('c0', 'b.created_us')} AS {span}_us")
        where = f"(SELECT {instants} FROM fact_base WHERE calendar = {_text(name)}) b"
        parts.append(f"SELECT b.ticket_key AS did, {', '.join(spans)} FROM {where} {' '.join(joins)}")
    always = ", ".join(f"b.{column} - b.created_us AS {span}_us" for span, column in _SPANS.items())
    parts.append(f"SELECT b.ticket_key AS did, {always} FROM fact_base b WHERE b.calendar IS NULL")
    return " UNION ALL ".join(f"({p})" for p in parts)


def _reply_times(tables: Sequence[tuple[str, str]]) -> str:
    """One row per answered next-response clock: its business time (a lookup of its start and one of its
    stop, in its ticket's calendar) and its elapsed time."""
    answered = "SELECT q.ticket_key, q.start_us, q.stop_us, r.calendar FROM sla_replies q "
    answered += "JOIN routed r ON r.ticket_key = q.ticket_key "
    answered += "WHERE q.stop_us IS NOT NULL"
    elapsed = "a.stop_us - a.start_us AS next_response_elapsed_us"
    parts = [
        f"SELECT a.ticket_key, {open_before('c1', 'a.stop_us')} - {open_before('c0', 'a.start_us')} "
        "AS next_response_us, "
        f"{elapsed} FROM ({answered} AND r.calendar = {_text(name)}) a "
        f"{asof_join(table, 'c0', 'a.start_us')} {asof_join(table, 'c1', 'a.stop_us')}"
        for name, table in tables
    ]
    parts.append(f"SELECT a.ticket_key, a.stop_us - a.start_us, {elapsed} FROM ({answered} AND r.calendar IS NULL) a")
    return " UNION ALL ".join(f"({p})" for p in parts)


def _text(value: str) -> str:
    return exp.Literal.string(value).sql("duckdb")
