"""First response per exported ticket, in business time of its calendar: its due time, when it came, and
whether the SLA target was met, breached or is still pending (SPEC §2.3, §5.3).

Reads the view ``routed`` (planops.actuals.routing) and the table ``events``; creates one table of open
intervals per calendar the tickets use (planops.actuals.businesstime) and the view ``first_response``:
``id``, ``calendar``, ``target_us`` (the policy's first-response target for the ticket's priority, NULL
without one), ``created_us``, ``due_us``, ``responded_us`` (the first ``respond`` event), ``business_us``
(open time from creation to that response) and ``outcome``: met (at or before the due time), breached
(later, or none by ``until`` past the due time) or pending. Tickets without a calendar count every hour.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlglot import exp

from planops.actuals.businesstime import calendar_sql, due_sql, lookup_sql, micros
from planops.actuals.sqlvalues import Cell, values_sql
from planops.engine import Engine

if TYPE_CHECKING:
    import duckdb

    from planops.plan import ValidPlan

MARGIN = timedelta(days=62)
"""How far past the last ticket the calendar tables reach: the longest first-response target a plan sets
is far shorter (a due time beyond it would be NULL, and the ticket pending)."""


def first_response_view(con: duckdb.DuckDBPyConnection, plan: ValidPlan, until: datetime) -> None:
    """Create the view ``first_response`` (see the module) for the tickets of ``routed``, judged at ``until``."""
    span = con.execute("SELECT min(created_at), max(created_at) FROM routed").fetchone()
    if span is None or span[0] is None:
        con.execute(_targets(plan))
        con.execute("CREATE OR REPLACE VIEW first_response AS " + _empty())
        return
    first, last = span[0].date() - timedelta(days=1), span[1].date() + MARGIN
    names = [r[0] for r in con.execute("SELECT DISTINCT calendar FROM routed WHERE calendar IS NOT NULL").fetchall()]
    for statement in first_response_sql(plan, first, last, names, str(micros(until))):
        con.execute(statement)


def first_response_sql(plan: ValidPlan, first: date, last: date, names: Iterable[str], until: str) -> list[str]:
    """The statements behind ``first_response``, in order: the table ``sla_targets``, one table of open
    intervals per calendar in ``names`` (local dates ``first`` to ``last``), the table ``calendar_tables``
    naming them, and the view, judged at ``until`` (SQL: epoch microseconds)."""
    calendars = Engine.for_plan(plan).calendars
    chosen = sorted(set(names))
    statements = [_targets(plan)]
    statements += [
        f"CREATE OR REPLACE TABLE open_hours_{i} AS {calendar_sql(calendars[name], first, last)}"
        for i, name in enumerate(chosen)
    ]
    tables = [[name, f"open_hours_{i}"] for i, name in enumerate(chosen)]
    mapping = values_sql((("calendar", "VARCHAR"), ("open_hours", "VARCHAR")), tables)
    statements.append(f"CREATE OR REPLACE TABLE calendar_tables AS {mapping}")  # for the other measures
    parts = [_for_calendar(f"open_hours_{i}", name) for i, name in enumerate(chosen)]
    parts.append(_always_open())
    union = " UNION ALL ".join(f"({part})" for part in parts)
    statements.append(f"CREATE OR REPLACE VIEW first_response AS SELECT *, {_outcome(until)} AS outcome FROM ({union})")
    return statements


def _targets(plan: ValidPlan) -> str:
    rows: list[list[Cell]] = [
        [policy.name, priority, target.first_response // timedelta(microseconds=1)]
        for policy in plan.sla_policies
        for priority, target in policy.targets.items()
        if target.first_response is not None
    ]
    columns = (("sla_policy", "VARCHAR"), ("priority", "VARCHAR"), ("target_us", "BIGINT"))
    return f"CREATE OR REPLACE TABLE sla_targets AS {values_sql(columns, rows)}"


# A join, not a subquery per ticket: PostgreSQL would scan the events once per ticket.
_RESPONSES = (
    "(SELECT ticket_id, min(epoch_us(\"at\")) AS responded_us FROM events WHERE event = 'respond' GROUP BY ticket_id)"
)


def _base(calendar: str | None) -> str:
    where = "r.calendar IS NULL" if calendar is None else f"r.calendar = {exp.Literal.string(calendar).sql('duckdb')}"
    return (
        "(SELECT r.id, r.calendar, t.target_us, epoch_us(r.created_at) AS created_us, e.responded_us "
        "FROM routed r LEFT JOIN sla_targets t ON t.sla_policy = r.sla_policy AND t.priority = r.priority "
        f"LEFT JOIN {_RESPONSES} e ON e.ticket_id = r.id WHERE {where})"
    )


def _for_calendar(table: str, name: str) -> str:
    base = _base(name)
    due = f"({due_sql(table, f'(SELECT *, coalesce(target_us, 0) AS d FROM {base})', 'created_us', 'd')})"
    started = f"(SELECT * RENAME (open_us AS open_created) FROM ({lookup_sql(table, due, 'created_us')}))"
    answered = f"(SELECT *, coalesce(responded_us, created_us) AS answered_us FROM {started})"
    return (
        "SELECT id, calendar, target_us, created_us, CASE WHEN target_us IS NULL THEN NULL ELSE due_us END AS due_us, "
        "responded_us, CASE WHEN responded_us IS NULL THEN NULL ELSE open_us - open_created END AS business_us "
        f"FROM ({lookup_sql(table, answered, 'answered_us')})"
    )


def _always_open() -> str:
    return (
        "SELECT id, calendar, target_us, created_us, created_us + target_us AS due_us, responded_us, "
        f"responded_us - created_us AS business_us FROM {_base(None)}"
    )


def _outcome(until_us: str) -> str:
    return (
        "CASE WHEN due_us IS NULL THEN NULL "
        "WHEN responded_us IS NOT NULL AND responded_us <= due_us THEN 'met' "
        f"WHEN responded_us IS NOT NULL OR {until_us} > due_us THEN 'breached' ELSE 'pending' END"
    )


def _empty() -> str:
    return (
        "SELECT NULL::VARCHAR AS id, NULL::VARCHAR AS calendar, NULL::BIGINT AS target_us, NULL::BIGINT AS "
        "created_us, NULL::BIGINT AS due_us, NULL::BIGINT AS responded_us, NULL::BIGINT AS business_us, "
        "NULL::VARCHAR AS outcome WHERE false"
    )
