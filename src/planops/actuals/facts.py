"""One row of facts per exported ticket, from which every measure of SPEC §5.3 is an aggregate.

The table ``facts`` joins ``routed`` (planops.actuals.routing), the ticket's SLA verdicts (``sla``,
planops.actuals.sla: how many of its applied targets were met, breached or are pending, and its first
response's) and what its events say: its first public reply and its first and last solve, each as business
time from creation in its calendar (``*_us``) and as elapsed time (``*_elapsed_us``, for ``hours:
calendar``), how many public replies it got, whether it was reopened, its CSAT (1–5, or good/bad kept apart
as ``csat_good``) and NPS (0–10) answers. ``done_spans`` holds when each ticket was solved or closed (``id``,
``from_us``, ``to_us``: to the next reopen, NULL: none), for the backlog. ``reply_times`` holds one row per
answered next-response clock (the customer's oldest unanswered message to the reply, as the SLA clock counts
it): ``id``, ``next_response_us`` (business time) and ``next_response_elapsed_us``.

Business time is a difference of two lookups (planops.actuals.businesstime); the instants of every ticket
are looked up together, one ASOF join per calendar, then set side by side again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlglot import exp

from planops.actuals.businesstime import lookup_sql
from planops.actuals.measures import DIMENSIONS

if TYPE_CHECKING:
    import duckdb

EVENTS_PER_TICKET = """
SELECT ticket_id AS eid,
  min(epoch_us("at")) FILTER (WHERE event = 'respond') AS responded_us,
  min(epoch_us("at")) FILTER (WHERE event = 'solve') AS first_solved_us,
  max(epoch_us("at")) FILTER (WHERE event = 'solve') AS last_solved_us,
  max(epoch_us("at")) FILTER (WHERE event IN ('solve', 'close')) AS last_done_us,
  max(epoch_us("at")) FILTER (WHERE event = 'reopen') AS last_reopen_us,
  count(*) FILTER (WHERE event = 'respond') AS replies,
  count(*) FILTER (WHERE event = 'reopen') AS reopens,
  avg(TRY_CAST(value AS DOUBLE)) FILTER (WHERE event = 'csat' AND TRY_CAST(value AS DOUBLE) BETWEEN 1 AND 5) AS csat,
  avg(CASE lower(value) WHEN 'good' THEN 1.0 WHEN 'bad' THEN 0.0 END) FILTER (WHERE event = 'csat') AS csat_good,
  avg(TRY_CAST(value AS DOUBLE)) FILTER (WHERE event = 'nps' AND TRY_CAST(value AS DOUBLE) BETWEEN 0 AND 10) AS nps
FROM events GROUP BY ticket_id
"""
VERDICTS = """
SELECT id AS sid,
  sum(CASE WHEN outcome = 'met' THEN 1 ELSE 0 END) AS sla_met,
  sum(CASE WHEN outcome = 'breached' THEN 1 ELSE 0 END) AS sla_breached,
  sum(CASE WHEN outcome = 'pending' THEN 1 ELSE 0 END) AS sla_pending,
  max(CASE WHEN target = 'first_response' THEN outcome END) AS first_response_outcome
FROM sla GROUP BY id
"""
DONE_SPANS = """
SELECT id, from_us, to_us FROM (
  SELECT id, done, at_us AS from_us, lead(at_us) OVER (PARTITION BY id ORDER BY at_us, row) AS to_us FROM (
    SELECT *, lag(done) OVER (PARTITION BY id ORDER BY at_us, row) AS before FROM (
      SELECT ticket_id AS id, epoch_us("at") AS at_us, row, event <> 'reopen' AS done FROM events
      WHERE event IN ('solve', 'close', 'reopen')) e) c
  WHERE before IS NULL OR before <> done) s
WHERE done
"""
"""When each ticket was solved or closed: from a solve or close while open to the next reopen (NULL: none)."""
STEPS = ("fact_base", "fact_instants", "reply_instants")
"""The tables :func:`facts_sql` makes on the way, read by none of the measures."""
_SPANS = {"first_response": "responded_us", "first_resolution": "first_solved_us", "resolution": "last_solved_us"}
"""Each duration of ``facts`` and the instant it runs to from creation."""


def facts_view(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tables ``facts``, ``reply_times`` and ``done_spans`` (needs ``routed``, ``sla``,
    ``sla_replies`` and ``calendar_tables``), each computed once: every KPI aggregates them."""
    tables = con.execute("SELECT calendar, open_hours FROM calendar_tables ORDER BY calendar").fetchall()
    for statement in facts_sql(tables):
        con.execute(statement)
    for step in STEPS:  # read by none of the measures: memory back
        con.execute(f"DROP TABLE {step}")


def facts_sql(tables: Sequence[tuple[str, str]]) -> list[str]:
    """The statements behind :func:`facts_view`, in order; ``tables`` names each calendar's table of open
    intervals (planops.actuals.warehouse runs the same statements in a warehouse)."""
    kept = ", ".join(f"r.{c}" for c in ("id", "created_at", *DIMENSIONS))  # not every field: memory
    base = (
        f"SELECT {kept}, epoch_us(r.created_at) AS created_us, e.*, v.* FROM routed r "
        f"LEFT JOIN ({EVENTS_PER_TICKET}) e ON e.eid = r.id LEFT JOIN ({VERDICTS}) v ON v.sid = r.id"
    )
    instants = " UNION ALL ".join(
        [
            "SELECT id, 0 AS k, 'created' AS what, calendar, created_us AS at_us FROM fact_base",
            *(
                f"SELECT id, 0, '{name}', calendar, {column} FROM fact_base WHERE {column} IS NOT NULL"
                for name, column in _SPANS.items()
            ),
        ]
    )
    spans = ", ".join(
        f"max(CASE WHEN what = '{name}' THEN open_us END) - max(CASE WHEN what = 'created' THEN open_us END) "
        f"AS {name}_us"
        for name in _SPANS
    )
    durations = f"SELECT id AS did, {spans} FROM ({_open_at(tables, 'SELECT * FROM fact_instants')}) o GROUP BY id"
    elapsed = ", ".join(f"b.{column} - b.created_us AS {name}_elapsed_us" for name, column in _SPANS.items())
    return [
        f"CREATE OR REPLACE TABLE fact_base AS {base}",
        f"CREATE OR REPLACE TABLE fact_instants AS {instants}",
        f"CREATE OR REPLACE TABLE facts AS SELECT b.*, d.*, {elapsed} FROM fact_base b "
        f"LEFT JOIN ({durations}) d ON d.did = b.id",
        *_reply_times(tables),
        f"CREATE OR REPLACE TABLE done_spans AS {DONE_SPANS}",
    ]


def _reply_times(tables: Sequence[tuple[str, str]]) -> list[str]:
    answered = "(SELECT q.id, q.k, q.start_us, q.stop_us, r.calendar FROM sla_replies q JOIN routed r ON r.id = q.id "
    answered += "WHERE q.stop_us IS NOT NULL)"
    instants = (
        f"SELECT id, k, 'start' AS what, calendar, start_us AS at_us FROM {answered} a "
        f"UNION ALL SELECT id, k, 'stop', calendar, stop_us FROM {answered} b"
    )
    return [
        f"CREATE OR REPLACE TABLE reply_instants AS {instants}",
        "CREATE OR REPLACE TABLE reply_times AS SELECT id, "
        "max(CASE WHEN what = 'stop' THEN open_us END) - max(CASE WHEN what = 'start' THEN open_us END) "
        "AS next_response_us, max(CASE WHEN what = 'stop' THEN at_us END) - max(CASE WHEN what = 'start' THEN "
        f"at_us END) AS next_response_elapsed_us FROM ({_open_at(tables, 'SELECT * FROM reply_instants')}) o "
        "GROUP BY id, k",
    ]


def _open_at(tables: Sequence[tuple[str, str]], instants: str) -> str:
    """``instants`` (id, k, what, calendar, at_us) with ``open_us``: the open time before ``at_us`` in the
    row's calendar (the instant itself where there is none: every hour counts)."""
    parts = [
        lookup_sql(table, f"(SELECT * FROM ({instants}) i WHERE calendar = {_text(name)})", "at_us")
        for name, table in tables
    ]
    parts.append(f"SELECT i.*, i.at_us AS open_us FROM ({instants}) i WHERE calendar IS NULL")
    return " UNION ALL ".join(f"({p})" for p in parts)


def _text(value: str) -> str:
    return exp.Literal.string(value).sql("duckdb")
