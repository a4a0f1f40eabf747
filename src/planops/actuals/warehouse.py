"""The report as one SQL script for a warehouse that holds the canonical tables (SPEC §5.1, §5.4).

``planops report --sql`` prints the statements the local report runs — the tickets of the date range, the
view ``routed`` (planops.actuals.routing), the SLA targets and the calendars' open intervals as literal
rows, the view ``first_response``, the table ``facts`` and one query per KPI (planops.actuals.measures) —
built by the same functions, in DuckDB's SQL, and printed in the warehouse's words by SQLGlot
(planops.actuals.dialects), its views as tables. Nothing is exported: the script reads the warehouse's
``tickets`` and ``events`` tables, which need the columns :func:`ticket_columns` names.

Where the local report learns the calendar range from the data, the script is given it: ``first`` to
``last`` (the dates of creation of the tickets it measures); the calendar tables reach a day before and
:data:`planops.actuals.firstresponse.MARGIN` past them. Tickets are judged at the last event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlglot import exp

from planops.actuals.dialects import DIALECTS, render
from planops.actuals.facts import facts_sql
from planops.actuals.firstresponse import MARGIN, first_response_sql
from planops.actuals.measures import UNITS, kpi_sql, measurable
from planops.actuals.routing import routing_query
from planops.actuals.sqlvalues import literal
from planops.ticketfields import walk

if TYPE_CHECKING:
    from planops.model.plan import KPI
    from planops.plan import ValidPlan

__all__ = ["DIALECTS", "WarehouseError", "script", "statements", "ticket_columns"]

EVENT_COLUMNS = ("ticket_id", "at", "event", "value")
UNTIL = 'coalesce((SELECT max(epoch_us("at")) FROM events), epoch_us(current_timestamp))'


class WarehouseError(ValueError):
    """The plan cannot be measured in SQL (a condition outside the subset planops routes in SQL)."""


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement in DuckDB's SQL; ``kpi`` names the KPI a query answers (None for the set-up)."""

    sql: str
    kpi: str | None = None


def ticket_columns(plan: ValidPlan) -> list[str]:
    """The columns the script reads from ``tickets``: id, created_at and every scalar field of the plan."""
    fields = dict(walk(plan.ticket_schema.fields))
    scalar = [n for n, f in fields.items() if f.type not in ("map", "list", "dyn") and n != "created"]
    return ["id", "created_at", *scalar]


def statements(
    plan: ValidPlan, first: date, last: date, *, period: str = "quarter", by: tuple[str, ...] = ()
) -> list[Statement]:
    """The report's statements in DuckDB's SQL, in order, for tickets created from ``first`` to ``last``."""
    routed = routing_query(plan, ticket_columns(plan), "tickets_in_range")
    if routed is None:
        raise WarehouseError(
            "a condition of the plan is beyond what planops routes in SQL (see planops.actuals.rulesql)"
        )
    names = _calendars(plan)
    read = ", ".join(exp.to_identifier(c, quoted=True).sql("duckdb") for c in ticket_columns(plan))
    setup = [
        f"CREATE OR REPLACE VIEW tickets_in_range AS SELECT {read} FROM tickets WHERE CAST(created_at AT TIME ZONE "
        f"'UTC' AS DATE) BETWEEN DATE '{first.isoformat()}' AND DATE '{last.isoformat()}'",
        f"CREATE OR REPLACE VIEW routed AS {routed}",
        *first_response_sql(plan, first - timedelta(days=1), last + MARGIN, names, UNTIL),
        facts_sql([(name, f"open_hours_{i}") for i, name in enumerate(sorted(names))], table=True),
    ]
    found = [Statement(sql) for sql in setup]
    for kpi in plan.kpis.values():
        if measurable(kpi):
            found.append(Statement(_kpi_query(plan, kpi, period, by), kpi.name))
    return found


def script(
    plan: ValidPlan,
    first: date,
    last: date,
    *,
    dialect: str = "duckdb",
    period: str = "quarter",
    by: tuple[str, ...] = (),
) -> str:
    """The whole script in ``dialect``: a header saying what it reads, then every statement, ``;``-ended."""
    found = statements(plan, first, last, period=period, by=by)
    schema = {"tickets": ticket_columns(plan), "events": list(EVENT_COLUMNS)}
    header = [
        f"-- planops report --sql --dialect {dialect}: the plan's KPIs for tickets created {first} to {last}",
        f"-- reads tickets ({', '.join(schema['tickets'])}; NULL where unknown) and events "
        f"({', '.join(EVENT_COLUMNS)}) in the schema it runs in;",
        "-- creates (or replaces) the tables it names, then answers one query per KPI",
    ]
    return "\n".join(header) + "\n\n" + render([s.sql for s in found], schema, dialect) + "\n"


def _calendars(plan: ValidPlan) -> list[str]:
    """Every calendar routing can give a ticket: its SLA policy's, else its channel's."""
    named = [p.calendar for p in plan.sla_policies] + [c.calendar for c in plan.channels.values()]
    return sorted({name for name in named if name is not None})


def _kpi_query(plan: ValidPlan, kpi: KPI, period: str, by: tuple[str, ...]) -> str:
    """The KPI's query with its name, unit, target and whether the value meets it, as the local report gives."""
    from planops.actuals.measures import _target

    target = _target(kpi)
    unit = plan.costs.currency if kpi.measures == "cost_per_ticket" and plan.costs.currency else UNITS[kpi.measures]
    bound = "max" if "max" in target else "min"
    limit = target.get(bound)
    compare = "<=" if bound == "max" else ">="
    met = "NULL" if limit is None else f"CASE WHEN value IS NULL THEN NULL ELSE value {compare} {limit!r} END"
    columns = ", ".join(["period", *(f'"{d}"' for d in by)])
    return (
        f"SELECT {literal(kpi.name)} AS kpi, {columns}, value, {literal(unit)} AS unit, "
        f"CAST({literal(target.get('max'))} AS DOUBLE) AS target_max, "
        f"CAST({literal(target.get('min'))} AS DOUBLE) AS target_min, {met} AS met, "
        f"tickets FROM ({kpi_sql(plan, kpi, period, by)}) AS measured ORDER BY {columns}"
    )
