"""One row of facts per exported ticket, from which every measure of SPEC §5.3 is an aggregate.

The view ``facts`` joins ``routed`` (planops.actuals.routing), ``first_response``
(planops.actuals.firstresponse) and what the ticket's events say: when it was first and last solved (in
business time of its calendar, as first response is), how many public replies it got, whether it was
reopened, its CSAT (1–5, or good/bad as 5/1… kept apart as ``csat_good``) and NPS (0–10) answers, and when it
was last closed or solved (for the backlog).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlglot import exp

from planops.actuals.businesstime import lookup_sql

if TYPE_CHECKING:
    import duckdb

EVENTS_PER_TICKET = """
SELECT ticket_id AS id,
  min(epoch_us("at")) FILTER (event = 'solve') AS first_solved_us,
  max(epoch_us("at")) FILTER (event = 'solve') AS last_solved_us,
  max(epoch_us("at")) FILTER (event IN ('solve', 'close')) AS last_done_us,
  max(epoch_us("at")) FILTER (event = 'reopen') AS last_reopen_us,
  count(*) FILTER (event = 'respond') AS replies,
  count(*) FILTER (event = 'reopen') AS reopens,
  avg(TRY_CAST(value AS DOUBLE)) FILTER (event = 'csat' AND TRY_CAST(value AS DOUBLE) BETWEEN 1 AND 5) AS csat,
  avg(CASE lower(value) WHEN 'good' THEN 1.0 WHEN 'bad' THEN 0.0 END) FILTER (event = 'csat') AS csat_good,
  avg(TRY_CAST(value AS DOUBLE)) FILTER (event = 'nps' AND TRY_CAST(value AS DOUBLE) BETWEEN 0 AND 10) AS nps
FROM events GROUP BY ticket_id
"""


def facts_view(con: duckdb.DuckDBPyConnection, *, table: bool = False) -> None:
    """Create the view ``facts`` (needs ``routed``, ``first_response`` and its ``calendar_tables``); with
    ``table``, compute it once into a table instead, for many aggregates over it."""
    tables = con.execute("SELECT calendar, open_hours FROM calendar_tables ORDER BY calendar").fetchall()
    con.execute(facts_sql(tables, table=table))


def facts_sql(tables: Iterable[tuple[str, str]], *, table: bool = False) -> str:
    """The statement creating ``facts`` (a view, or with ``table`` a table), given which table holds which
    calendar's open intervals (the rows of ``calendar_tables``)."""
    base = (
        "(SELECT r.*, f.target_us, f.due_us, f.responded_us, f.business_us AS first_response_us, f.outcome "
        "AS first_response_outcome, epoch_us(r.created_at) AS created_us, e.* EXCLUDE (id) "
        "FROM routed r JOIN first_response f USING (id) LEFT JOIN (" + EVENTS_PER_TICKET + ") e USING (id))"
    )
    parts = []
    for name, hours in tables:
        where = f"(SELECT * FROM {base} WHERE calendar = {exp.Literal.string(name).sql('duckdb')})"
        parts.append(_resolution(hours, where))
    parts.append(
        f"SELECT *, first_solved_us - created_us AS first_resolution_us, last_solved_us - created_us AS "
        f"resolution_us FROM {base} WHERE calendar IS NULL"
    )
    kind = "TABLE" if table else "VIEW"
    return f"CREATE OR REPLACE {kind} facts AS " + " UNION ALL ".join(f"({p})" for p in parts)


def _resolution(table: str, source: str) -> str:
    """Business time from creation to the first and to the last solve, in ``table``'s calendar."""
    at_created = f"(SELECT * RENAME (open_us AS o_created) FROM ({lookup_sql(table, source, 'created_us')}))"
    first = f"(SELECT *, coalesce(first_solved_us, created_us) AS t_first FROM {at_created})"
    at_first = f"(SELECT * RENAME (open_us AS o_first) FROM ({lookup_sql(table, first, 't_first')}))"
    last = f"(SELECT *, coalesce(last_solved_us, created_us) AS t_last FROM {at_first})"
    at_last = f"(SELECT * RENAME (open_us AS o_last) FROM ({lookup_sql(table, last, 't_last')}))"
    return (
        "SELECT * EXCLUDE (o_created, t_first, o_first, t_last, o_last), "
        "CASE WHEN first_solved_us IS NULL THEN NULL ELSE o_first - o_created END AS first_resolution_us, "
        "CASE WHEN last_solved_us IS NULL THEN NULL ELSE o_last - o_created END AS resolution_us "
        f"FROM {at_last}"
    )
