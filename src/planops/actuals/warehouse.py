"""The report as one SQL script for a warehouse that holds the canonical tables (SPEC §5.1, §5.4).

``planops report --sql`` prints the statements the local report runs — the tickets of the date range, the
view ``routed`` (planops.actuals.routing), the SLA targets, workflow states and the calendars' open
intervals as literal rows, the SLA clocks (planops.actuals.sla), the table ``facts``, one query per KPI
(planops.actuals.measures) and one of SLA attainment per policy, priority and target —
built by the same functions, in DuckDB's SQL, and printed in the warehouse's words by SQLGlot
(planops.actuals.dialects), its views as tables. Nothing is exported: the script reads the warehouse's
``tickets`` and ``events`` tables, which need the columns :func:`ticket_columns` names.

Where the local report learns the calendar range from the data, the script is given it: ``first`` to
``last`` (the dates of creation of the tickets it measures); the calendar tables reach a day before and
:data:`planops.actuals.sla.MARGIN` past them. Tickets are judged at the last event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlglot import exp

from planops.actuals.attainment import attainment_sql
from planops.actuals.businesstime import calendar_sql
from planops.actuals.dialects import DIALECTS, render
from planops.actuals.facts import facts_sql
from planops.actuals.measures import PERIODS, UNITS, kpi_sql, measurable, target_for
from planops.actuals.routing import routing_query
from planops.actuals.sla import MARGIN, PAUSED, sla_sql
from planops.actuals.sqlvalues import literal
from planops.engine import Engine
from planops.ticketfields import walk

if TYPE_CHECKING:
    from planops.model.plan import KPI
    from planops.plan import ValidPlan

__all__ = ["DIALECTS", "WarehouseError", "script", "statements", "ticket_columns"]

EVENT_COLUMNS = ("ticket_id", "at", "event", "value")
UNTIL = 'coalesce((SELECT max(epoch_us("at")) FROM events), epoch_us(current_timestamp))'


RANKED = (
    'CREATE OR REPLACE VIEW ranked_events AS SELECT ticket_id, ticket_id AS ticket_key, "at", event, value, '
    "row_number() OVER "
    '(PARTITION BY ticket_id ORDER BY "at", event, value) AS row FROM events'
)
"""A warehouse's events have no file order: ``row`` (the tie-break of events at one instant) is their rank by
time, event and value instead; and no row number keys a ticket: its id does (``ticket_key``, as in
``routed``)."""


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
    routed = routing_query(plan, dict.fromkeys(ticket_columns(plan), ""), "tickets_in_range", '"id"')
    if routed is None:
        raise WarehouseError(
            "a condition of the plan is beyond what planops routes in SQL (see planops.actuals.rulesql)"
        )
    engine = Engine.for_plan(plan)
    names = _calendars(plan)
    tables = [(name, f"open_hours_{i}") for i, name in enumerate(names)]
    start, end = first - timedelta(days=1), last + MARGIN
    read = ", ".join(exp.to_identifier(c, quoted=True).sql("duckdb") for c in ticket_columns(plan))
    setup = [
        f"CREATE OR REPLACE VIEW tickets_in_range AS SELECT {read} FROM tickets WHERE CAST(created_at AT TIME ZONE "
        f"'UTC' AS DATE) BETWEEN DATE '{first.isoformat()}' AND DATE '{last.isoformat()}'",
        f"CREATE OR REPLACE VIEW routed AS {routed}",
        *(
            f"CREATE OR REPLACE TABLE {table} AS {calendar_sql(engine.calendars[name], start, end)}"
            for name, table in tables
        ),
        *sla_sql(plan, [engine.machine(n) for n in plan.workflows], tables, UNTIL, PAUSED),
        *facts_sql(tables),
    ]
    found = [Statement(RANKED), *(Statement(_ranked(sql)) for sql in setup)]
    for kpi in plan.kpis.values():
        if measurable(kpi):
            found.append(Statement(_kpi_query(plan, kpi, period, by), kpi.name))
    found.append(Statement(_sla_query(plan, period), "sla"))
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


def _ranked(sql: str) -> str:
    """``sql`` reading ``ranked_events`` wherever it reads ``events``."""
    import sqlglot

    def renamed(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.Table) and node.name == "events" and not node.args.get("db"):
            return exp.Table(this=exp.to_identifier("ranked_events"), alias=node.args.get("alias"))
        return node

    return sqlglot.parse_one(sql, read="duckdb").transform(renamed).sql("duckdb")


def _calendars(plan: ValidPlan) -> list[str]:
    """Every calendar routing can give a ticket: its SLA policy's, else its channel's."""
    named = [p.calendar for p in plan.sla_policies] + [c.calendar for c in plan.channels.values()]
    return sorted({name for name in named if name is not None})


def _kpi_query(plan: ValidPlan, kpi: KPI, period: str, by: tuple[str, ...]) -> str:
    """The KPI's query with its name, unit, target and whether the value meets it, as the local report gives."""
    target = target_for(kpi, {})  # the KPI's own target: per-value ``by:`` targets are the local report's
    unit = plan.costs.currency if kpi.measures == "cost_per_ticket" and plan.costs.currency else UNITS[kpi.measures]
    met = _met("value", target)
    columns = ", ".join(["period", *(f'"{d}"' for d in by)])
    return (
        f"SELECT {literal(kpi.name)} AS kpi, {columns}, value, {literal(unit)} AS unit, "
        f"CAST({literal(target.get('max'))} AS DOUBLE) AS target_max, "
        f"CAST({literal(target.get('min'))} AS DOUBLE) AS target_min, {met} AS met, "
        f"tickets FROM ({kpi_sql(plan, kpi, period, by)}) AS measured ORDER BY {columns}"
    )


def _sla_query(plan: ValidPlan, period: str) -> str:
    """SLA attainment per period, policy, priority and target, as the local report's rows give it: the plan's
    SLA attainment KPI and its own target, the per cent met of those judged, the verdicts' counts."""
    kpi = next((k for k in plan.kpis.values() if k.measures == "sla_attainment"), None)
    target = target_for(kpi, {}) if kpi is not None else {}
    value = "100.0 * met / nullif(met + breached, 0)"
    return (
        f"SELECT {literal(kpi.name if kpi is not None else 'sla-attainment')} AS kpi, period, sla_policy, priority, "
        f"target, {value} AS value, '%' AS unit, CAST({literal(target.get('max'))} AS DOUBLE) AS target_max, "
        f"CAST({literal(target.get('min'))} AS DOUBLE) AS target_min, {_met(value, target)} AS met, "
        f"applied AS tickets, met AS met_count, breached, pending FROM ({attainment_sql(PERIODS[period])}) AS attained "
        "ORDER BY period, sla_policy, priority, target"
    )


def _met(value: str, target: dict[str, float]) -> str:
    """SQL for whether ``value`` keeps ``target`` (NULL without either)."""
    if not target:
        return "CAST(NULL AS BOOLEAN)"
    bound = "max" if "max" in target else "min"
    return f"CASE WHEN {value} IS NULL THEN NULL ELSE {value} {'<=' if bound == 'max' else '>='} {target[bound]!r} END"
