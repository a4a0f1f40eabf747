"""A report of the plan's KPIs on an export: read, route, measure (planops.actuals.measures)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from planops.actuals.attainment import Attainment, attainment
from planops.actuals.facts import facts_view
from planops.actuals.formats import HELPDESKS, SOURCES
from planops.actuals.measures import PERIODS, Measured, measure
from planops.actuals.reader import BadRows, Export, ExportError, read_export
from planops.actuals.routing import routed_view
from planops.actuals.sla import PAUSED, sla_view
from planops.plan import ValidPlan


def _read(plan: ValidPlan, tickets: Path, events: Path | None, timezone: str | None, source: str) -> Export:
    """The export as ``source`` says: canonical files, a helpdesk's format, or one of the plan's DataSources."""
    from planops.model import DataSource

    sources = plan.named(DataSource)
    if source in sources:
        if events is not None:
            raise ExportError(f"data source {source} reads one file; give only {tickets.name}")
        from planops.actuals.datasource import read_source

        found = sources[source]
        if found.format in HELPDESKS:  # a helpdesk's own format: no mapping needed
            zone = found.timestamps.timezone or timezone
            return read_export(tickets, None, timezone=zone, format=found.format)
        return read_source(found, tickets)
    if source not in SOURCES:
        from planops.diagnostics import did_you_mean

        hint = did_you_mean(source, [*SOURCES, *sources]) or f"give one of {', '.join([*SOURCES, *sources])}"
        raise ExportError(f"--source {source} is neither a format nor a DataSource of the plan ({hint})")
    return read_export(tickets, events, timezone=timezone, format=None if source == "canonical" else source)


@dataclass(frozen=True, slots=True)
class Report:
    """What the export showed: the measured rows, the rows left out, how many tickets were measured, and SLA
    attainment per period, policy, priority and target."""

    rows: tuple[Measured, ...]
    bad: tuple[BadRows, ...]
    tickets: int
    period: str
    sla: tuple[Attainment, ...] = ()


def report(
    plan: ValidPlan,
    tickets: Path,
    events: Path | None,
    *,
    period: str = "quarter",
    by: tuple[str, ...] = (),
    start: date | None = None,
    end: date | None = None,
    timezone: str | None = None,
    source: str = "canonical",
) -> Report:
    """Measure the plan's KPIs on the export; ``start``/``end`` (inclusive, UTC dates) limit the tickets."""
    export = _read(plan, tickets, events, timezone, source)
    con = export.connection
    if start or end:
        low = f"'{start.isoformat()}'" if start else "'-infinity'"
        high = f"'{end.isoformat()}'" if end else "'infinity'"
        con.execute(
            "CREATE OR REPLACE TABLE tickets AS SELECT * FROM tickets "
            f"WHERE CAST(created_at AT TIME ZONE 'UTC' AS DATE) BETWEEN {low} AND {high}"
        )
    if not routed_view(con, plan):
        raise ExportError("a condition of the plan is beyond what planops routes in SQL (see planops.actuals.rulesql)")
    latest = con.execute('SELECT max("at") FROM events').fetchone()
    until = latest[0] if latest and latest[0] is not None else datetime.now(UTC)
    sla_view(con, plan, until, paused_statuses(plan, source))
    facts_view(con, table=True)  # every KPI aggregates it: compute the joins once
    count = con.execute("SELECT count(*) FROM facts").fetchone()
    rows = tuple(measure(con, plan, period, by))
    sla = tuple(attainment(con, plan, PERIODS[period]))
    return Report(rows, export.bad, int(count[0]) if count else 0, period, sla)


def paused_statuses(plan: ValidPlan, source: str) -> tuple[str, ...]:
    """The statuses that pause every target where no workflow state is known: the DataSource's
    ``statuses.paused`` when it gives them, else PAUSED (Zendesk's and Freshdesk's waiting statuses)."""
    from planops.model import DataSource

    found = plan.named(DataSource).get(source)
    return found.statuses.paused if found is not None and found.statuses.paused else PAUSED
