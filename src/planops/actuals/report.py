"""A report of the plan's KPIs on an export: read, route, measure (planops.actuals.measures)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planops.actuals.attainment import Attainment, attainment
from planops.actuals.engineroute import engine_routed_view
from planops.actuals.facts import facts_view
from planops.actuals.formats import HELPDESKS, SOURCES
from planops.actuals.measures import PERIODS, Measured, measure
from planops.actuals.progress import Progress, watched
from planops.actuals.reader import BadRows, Export, ExportError, count_rows, read_export
from planops.actuals.routing import routed_view
from planops.actuals.sla import PAUSED, sla_view
from planops.plan import ValidPlan

if TYPE_CHECKING:
    import duckdb

    from planops.model.plan import KPI


def _read(
    plan: ValidPlan, tickets: Path, events: Path | None, timezone: str | None, source: str, progress: Progress | None
) -> Export:
    """The export as ``source`` says: canonical files, a helpdesk's format, or one of the plan's DataSources."""
    from planops.model import DataSource

    sources, fields = plan.named(DataSource), plan.ticket_schema.fields
    if source in sources:
        if events is not None:
            raise ExportError(f"data source {source} reads one file; give only {tickets.name}")
        from planops.actuals.datasource import read_source

        found = sources[source]
        if found.format in HELPDESKS:  # a helpdesk's own format: no mapping needed
            zone = found.timestamps.timezone or timezone
            return read_export(tickets, None, timezone=zone, format=found.format, fields=fields)
        return read_source(found, tickets, fields)
    if source not in SOURCES:
        from planops.diagnostics import did_you_mean

        hint = did_you_mean(source, [*SOURCES, *sources]) or f"give one of {', '.join([*SOURCES, *sources])}"
        raise ExportError(f"--source {source} is neither a format nor a DataSource of the plan ({hint})")
    form = None if source == "canonical" else source
    return read_export(tickets, events, timezone=timezone, format=form, fields=fields, progress=progress)


@dataclass(frozen=True, slots=True)
class Report:
    """What the export showed: the measured rows, the rows left out, how many tickets were measured, SLA
    attainment per period, policy, priority and target, and (when asked for) the chart aggregates of each
    period (planops.actuals.profile)."""

    rows: tuple[Measured, ...]
    bad: tuple[BadRows, ...]
    tickets: int
    period: str
    sla: tuple[Attainment, ...] = ()
    sla_kpi: KPI | None = None
    charts: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


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
    charts: bool = False,
    progress: Progress | None = None,
) -> Report:
    """Measure the plan's KPIs on the export; ``start``/``end`` (inclusive, UTC dates) limit the tickets;
    ``charts`` adds the Performance page's aggregates; ``progress`` is told each step (for a terminal)."""
    export = read(plan, tickets, events, timezone=timezone, source=source, start=start, end=end, progress=progress)
    measured = measure_plan(
        export.connection,
        plan,
        "tickets",
        period=period,
        by=by,
        source=source,
        charts=charts,
        progress=progress,
        keep=False,
    )
    return Report(measured.rows, export.bad, measured.tickets, period, measured.sla, measured.sla_kpi, measured.charts)


def read(
    plan: ValidPlan,
    tickets: Path,
    events: Path | None,
    *,
    timezone: str | None = None,
    source: str = "canonical",
    start: date | None = None,
    end: date | None = None,
    progress: Progress | None = None,
) -> Export:
    """The export read into the tables ``tickets`` and ``events``, its tickets those created ``start`` to
    ``end`` (inclusive, UTC dates): the step every measure of it shares (planops.actuals.backtest reads once
    for two revisions)."""
    export = _read(plan, tickets, events, timezone, source, progress)
    con = export.connection
    if start or end:
        low = f"'{start.isoformat()}'" if start else "'-infinity'"
        high = f"'{end.isoformat()}'" if end else "'infinity'"
        con.execute(
            "CREATE OR REPLACE TABLE tickets AS SELECT * FROM tickets "
            f"WHERE CAST(created_at AT TIME ZONE 'UTC' AS DATE) BETWEEN {low} AND {high}"
        )
    # From here on no table's row order is read (every query orders what it shows), and keeping it costs
    # DuckDB memory for each large table made.
    con.execute("SET preserve_insertion_order = false")
    return export


@dataclass(frozen=True, slots=True)
class Measures:
    """What one plan made of the tickets of one table: its KPI rows, its SLA attainment, how many tickets."""

    rows: tuple[Measured, ...]
    sla: tuple[Attainment, ...]
    tickets: int
    sla_kpi: KPI | None
    charts: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


def measure_plan(
    con: duckdb.DuckDBPyConnection,
    plan: ValidPlan,
    table: str,
    *,
    period: str = "quarter",
    by: tuple[str, ...] = (),
    source: str = "canonical",
    charts: bool = False,
    progress: Progress | None = None,
    keep: bool = True,
) -> Measures:
    """Route the tickets of ``table`` by ``plan`` into the table ``routed``, judge their SLA targets and
    measure the plan's KPIs; ``keep`` False drops the tickets table once routed and the events once measured
    (memory back, when nothing else reads them). The tables it makes (``routed``, ``sla``, ``facts``…) are
    replaced by the next call."""
    con.execute("DROP TABLE IF EXISTS routed")  # the last plan's
    with watched(con, progress, f"routing {count_rows(con, table):,} tickets"):
        if not routed_view(con, plan, table):  # a condition beyond the SQL subset: the engine routes each kind
            engine_routed_view(con, plan, table, progress=progress)
        _as_table(con, "routed")
        if not keep:
            con.execute(f"DROP TABLE {table}")  # routed holds what is read of it from here on: memory back
    latest = con.execute('SELECT max("at") FROM events').fetchone()
    until = latest[0] if latest and latest[0] is not None else datetime.now(UTC)
    with watched(con, progress, "measuring"):
        sla_view(con, plan, until, paused_statuses(plan, source))
        facts_view(con)
        if not keep:
            con.execute("DROP TABLE events")  # the facts hold what is read of them from here on: memory back
    count = con.execute("SELECT count(*) FROM facts").fetchone()
    rows = tuple(measure(con, plan, period, by))
    sla = tuple(attainment(con, plan, PERIODS[period]))
    found = {}
    if charts:
        from planops.actuals.profile import profile

        found = profile(con, plan, period)
    goal = next((k for k in plan.kpis.values() if k.measures == "sla_attainment"), None)
    return Measures(rows, sla, int(count[0]) if count else 0, goal, found)


def paused_statuses(plan: ValidPlan, source: str) -> tuple[str, ...]:
    """The statuses that pause every target where no workflow state is known: the DataSource's
    ``statuses.paused`` when it gives them, else PAUSED (Zendesk's and Freshdesk's waiting statuses)."""
    from planops.model import DataSource

    found = plan.named(DataSource).get(source)
    return found.statuses.paused if found is not None and found.statuses.paused else PAUSED


def _as_table(con: duckdb.DuckDBPyConnection, view: str) -> None:
    """Compute the view ``view`` once into a table of that name: later stages read it several times (once per
    calendar), and DuckDB would compute a view again each time (100k tickets: 34 s as views, 2 s as tables)."""
    if con.execute("SELECT 1 FROM duckdb_views() WHERE view_name = ?", [view]).fetchone() is None:
        return  # a table already
    con.execute(f"CREATE TABLE {view}__computed AS SELECT * FROM {view}")
    con.execute(f"DROP VIEW {view}")
    con.execute(f"ALTER TABLE {view}__computed RENAME TO {view}")
