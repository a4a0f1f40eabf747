"""A backtest: an export's tickets replayed through two revisions of the plan (``planops backtest``).

The export is read once (planops.actuals.report.read). Then, from the same tables:

* **actual**: the export as recorded — values present in it (segment, priority, queue, workflow) are kept,
  as ``planops report`` keeps them — measured with the head plan;
* **base** and **head**: the replay. Each revision's own rules decide what the plan sets — segment,
  priority, queue, workflow and SLA policy (the export's values of these are set aside, else a routing
  change would show nothing) — while the ticket's own fields (channel, category, customer…) and its
  events (replies, solves, status changes and so pauses) stay as recorded. SLA clocks, due times and
  calendars are each revision's.

Per KPI and per SLA target it gives actual, base and head (head − base: :attr:`KpiDelta.delta`); the
tickets whose segment, priority, queue, workflow or SLA policy differ between base and head, counted by
from → to with up to :data:`EXAMPLES` ticket ids each; and the workload per queue and role under each
revision (planops.actuals.workload).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from planops.actuals.attainment import Attainment
from planops.actuals.measures import PERIODS, Measured
from planops.actuals.progress import Progress
from planops.actuals.reader import BadRows
from planops.actuals.report import Measures, measure_plan, read
from planops.actuals.workload import Capacity, Load, no_shifts, workload

if TYPE_CHECKING:
    import duckdb

    from planops.plan import ValidPlan

REPLAYED = ("segment", "priority", "queue", "workflow")
"""Export columns the replay sets aside: the revision's rules decide them (the SLA policy is never read)."""
COMPARED = ("segment", "priority", "queue", "workflow", "sla_policy")
"""What a re-route compares between base and head."""
EXAMPLES = 3
REPLAY = (
    "replay: each revision's rules decide segment, priority, queue, workflow and SLA policy; the tickets' "
    "own fields and events stay as recorded; actual: the export as recorded, its given values kept"
)
"""The header every view of a backtest shows."""


@dataclass(frozen=True, slots=True)
class Revision:
    """One side of the backtest: its label (a revision, or the working tree) and its plan."""

    label: str
    plan: ValidPlan


@dataclass(frozen=True, slots=True)
class KpiDelta:
    """One KPI (per period and dimension value) as recorded and under each revision; targets are head's."""

    kpi: str
    period: str
    by: dict[str, str]
    unit: str
    actual: float | None
    base: float | None
    head: float | None
    target: dict[str, float]
    met_base: bool | None
    met_head: bool | None

    @property
    def delta(self) -> float | None:
        return None if self.base is None or self.head is None else round(self.head - self.base, 4)


@dataclass(frozen=True, slots=True)
class SlaDelta:
    """One SLA target of one policy and priority in one period: its attainment (per cent) on each side."""

    period: str
    sla_policy: str
    priority: str
    target: str
    actual: Attainment | None
    base: Attainment | None
    head: Attainment | None

    @property
    def delta(self) -> float | None:
        before = self.base.attainment if self.base else None
        after = self.head.attainment if self.head else None
        return None if before is None or after is None else round(after - before, 4)


@dataclass(frozen=True, slots=True)
class Reroute:
    """``tickets`` of ``period`` whose ``field`` is ``before`` under base and ``after`` under head."""

    period: str
    field: str
    before: str | None
    after: str | None
    tickets: int
    examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Backtest:
    """What the replay found (see the module); ``actual`` the export as recorded, measured by head."""

    base: str
    head: str
    grain: str
    tickets: int
    periods: tuple[str, ...]
    counts: Mapping[str, int]
    """Tickets replayed per period."""
    bad: tuple[BadRows, ...]
    kpis: tuple[KpiDelta, ...]
    sla: tuple[SlaDelta, ...]
    reroutes: tuple[Reroute, ...]
    workload: tuple[Load, ...]
    actual: Measures

    @property
    def rerouted(self) -> int:
        """Tickets routed differently (any compared field), counted once each."""
        return sum(r.tickets for r in self.reroutes if r.field == "moved")


def backtest(
    base: Revision,
    head: Revision,
    tickets: Path,
    events: Path | None,
    *,
    source: str = "canonical",
    timezone: str | None = None,
    start: date | None = None,
    end: date | None = None,
    period: str = "quarter",
    capacity: Capacity = no_shifts,
    charts: bool = False,
    progress: Progress | None = None,
) -> Backtest:
    """Replay the export through ``base`` and ``head`` (see the module); ``charts`` adds the actual side's
    chart aggregates (for ``--save``)."""
    export = read(head.plan, tickets, events, timezone=timezone, source=source, start=start, end=end, progress=progress)
    con = export.connection
    given = _replay_table(con)
    actual = measure_plan(con, head.plan, "tickets", period=period, source=source, charts=charts, progress=progress)
    sides = {} if given else {"head": actual}  # no given values: head's replay is the export as recorded
    for name, side in (("head", head), ("base", base)):
        if name not in sides:
            sides[name] = measure_plan(
                con, side.plan, "replay_tickets", period=period, source=source, progress=progress
            )
        con.execute(f"CREATE OR REPLACE TABLE routed_{name} AS SELECT {PERIODS[period]} AS period, * FROM routed")
    spans = _spans(con, start, end)
    loads = [
        load for name, side in (("base", base), ("head", head)) for load in _workload(con, name, side, spans, capacity)
    ]
    return Backtest(
        base.label,
        head.label,
        period,
        actual.tickets,
        tuple(sorted(spans)),
        dict(con.execute("SELECT period, count(*) FROM routed_head GROUP BY 1").fetchall()),
        export.bad,
        tuple(_kpis(actual, sides["base"], sides["head"])),
        tuple(_sla(actual, sides["base"], sides["head"])),
        tuple(_reroutes(con)),
        tuple(loads),
        actual,
    )


def _replay_table(con: duckdb.DuckDBPyConnection) -> bool:
    """The view ``replay_tickets``: the tickets with the columns the plan sets emptied; whether any ticket
    has a value in one of them."""
    columns = [c for c in REPLAYED if c in {str(row[0]) for row in con.execute("DESCRIBE tickets").fetchall()}]
    emptied = [f'CAST(NULL AS VARCHAR) AS "{c}"' for c in columns]
    replace = f" REPLACE ({', '.join(emptied)})" if emptied else ""
    con.execute(f"CREATE OR REPLACE VIEW replay_tickets AS SELECT *{replace} FROM tickets")
    if not columns:
        return False
    present = " OR ".join(f"""NULLIF(TRIM(CAST("{c}" AS VARCHAR)), '') IS NOT NULL""" for c in columns)
    found = con.execute(f"SELECT EXISTS (SELECT 1 FROM tickets WHERE {present})").fetchone()
    return bool(found and found[0])


def _key(row: Measured) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    return row.kpi, row.period, tuple(sorted(row.by.items()))


def _kpis(actual: Measures, base: Measures, head: Measures) -> list[KpiDelta]:
    """Every KPI row of head (in its order), then those only base has."""
    sides = [{_key(r): r for r in m.rows} for m in (actual, base, head)]
    keys = list(dict.fromkeys([*sides[2], *sides[1]]))
    found = []
    for key in keys:
        was, before, after = (side.get(key) for side in sides)
        shown = after or before
        assert shown is not None
        value = [r.value if r else None for r in (was, before, after)]
        met = [r.met if r else None for r in (before, after)]
        found.append(
            KpiDelta(
                shown.kpi,
                shown.period,
                shown.by,
                shown.unit,
                value[0],
                value[1],
                value[2],
                shown.target,
                met[0],
                met[1],
            )
        )
    return found


def _sla(actual: Measures, base: Measures, head: Measures) -> list[SlaDelta]:
    def key(a: Attainment) -> tuple[str, str, str, str]:
        return a.period, a.sla_policy, a.priority, a.target

    sides = [{key(a): a for a in m.sla} for m in (actual, base, head)]
    keys = list(dict.fromkeys([*sides[2], *sides[1], *sides[0]]))
    return [SlaDelta(*k, *(side.get(k) for side in sides)) for k in keys]


def _reroutes(con: duckdb.DuckDBPyConnection) -> list[Reroute]:
    """Counts by period, field, from and to of the tickets routed differently, and ``moved``: any field."""
    differs = " OR ".join(f'b."{f}" IS DISTINCT FROM h."{f}"' for f in COMPARED)
    picked = ", ".join(f'b."{f}" AS "b_{f}", h."{f}" AS "h_{f}"' for f in COMPARED)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE moved AS SELECT b.id, b.period, {picked} FROM routed_base b "
        f"JOIN routed_head h USING (id) WHERE {differs}"
    )
    parts = [
        f'SELECT period, \'{f}\' AS field, "b_{f}" AS before, "h_{f}" AS after, id FROM moved '
        f'WHERE "b_{f}" IS DISTINCT FROM "h_{f}"'
        for f in COMPARED
    ]
    parts.append("SELECT period, 'moved', NULL, NULL, id FROM moved")
    rows = con.execute(
        f"SELECT period, field, before, after, count(*) AS n, min(id, {EXAMPLES}) FROM ({' UNION ALL '.join(parts)}) "
        "x GROUP BY ALL ORDER BY period, field, n DESC, before NULLS FIRST, after NULLS FIRST"
    ).fetchall()
    return [Reroute(str(p), f, b, a, int(n), tuple(sorted(str(i) for i in ids))) for p, f, b, a, n, ids in rows]


def _spans(
    con: duckdb.DuckDBPyConnection, start: date | None, end: date | None
) -> dict[str, tuple[datetime, datetime]]:
    """Each period of the replayed tickets: from its first instant to its end (UTC, exclusive), cut to the
    dates asked for."""
    from planops.actuals.archive import period_end

    found = {}
    for (label,) in con.execute("SELECT DISTINCT period FROM routed_head").fetchall():
        last = period_end(str(label))
        first = _period_start(str(label), last)
        first, last = max(first, start or first), min(last, end or last)
        found[str(label)] = (
            datetime.combine(first, time(), UTC),
            datetime.combine(last + timedelta(days=1), time(), UTC),
        )
    return found


def _period_start(label: str, last: date) -> date:
    if "-W" in label:
        return last - timedelta(days=6)
    if "-Q" in label:
        return date(last.year, last.month - 2, 1)
    return last.replace(day=1)


def _workload(
    con: duckdb.DuckDBPyConnection,
    name: str,
    side: Revision,
    spans: dict[str, tuple[datetime, datetime]],
    capacity: Capacity,
) -> list[Load]:
    rows = con.execute(
        f'SELECT period, "queue", "channel", count(*) FROM routed_{name} WHERE NOT refused GROUP BY ALL'
    ).fetchall()
    counts = {(str(p), q, c): int(n) for p, q, c, n in rows if str(p) in spans}
    return workload(side.plan, name, counts, spans, capacity)
