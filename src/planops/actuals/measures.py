"""The plan's KPIs on exported tickets (SPEC §5.3): one row per KPI, period and dimension, against its target.

Aggregates of the table ``facts`` (planops.actuals.facts), in DuckDB. A period holds the tickets created in
it (by the UTC date of creation). Durations are business time of each ticket's calendar (every hour with
``hours: calendar``), in minutes: first response (creation to the first public reply), resolution (to the
last solve), first resolution (to the first solve) and next response, whose population is every answered
next-response clock of the period's tickets (the customer's oldest unanswered message to the reply that
answers it, as the SLA clock counts it; ``tickets`` counts their tickets). Rates and shares in per cent;
SLA attainment the share of every applied SLA target met (met ÷ (met + breached), pending ones left out,
planops.actuals.sla); CSAT the mean score (or, with ``statistic: rate``, the per cent of good answers); NPS
per cent promoters (9–10) minus per cent detractors (0–6); cost per ticket the Budget's months in the period
over its tickets. Backlog counts, at the end of each period, the tickets created before it that are open
then: never solved or closed by then, or reopened after their last solve or close before it (whatever
period they were created in; ``by:`` groups them by their own dimensions).

A KPI's ``by:`` targets replace its ``target:`` on the rows grouped by that dimension; without ``--by``, each
KPI is also measured per value of every dimension its ``by:`` names, so that those targets are checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb

    from planops.model.plan import KPI
    from planops.plan import CompiledPlan

_UTC = "created_at AT TIME ZONE 'UTC'"
# Parts and concatenation rather than strftime: every dialect SQLGlot prints names these the same way.
PERIODS = {
    "month": f"CAST(extract(year FROM {_UTC}) AS VARCHAR) || '-' || lpad(CAST(extract(month FROM {_UTC}) AS VARCHAR), "
    "2, '0')",
    "quarter": f"CAST(extract(year FROM {_UTC}) AS VARCHAR) || '-Q' || CAST(extract(quarter FROM {_UTC}) AS VARCHAR)",
    "week": f"CAST(extract(isoyear FROM {_UTC}) AS VARCHAR) || '-W' || lpad(CAST(weekofyear({_UTC}) AS VARCHAR), "
    "2, '0')",
}
DIMENSIONS = ("channel", "segment", "priority", "queue", "sla_policy", "workflow", "calendar")
MINUTE_US = 60_000_000

_STAT = {
    "median": "quantile_cont({v}, 0.5)",
    "p75": "quantile_cont({v}, 0.75)",
    "p90": "quantile_cont({v}, 0.9)",
    "p95": "quantile_cont({v}, 0.95)",
    "mean": "avg({v})",
    "score": "avg({v})",
    "sum": "sum({v})",
    "count": "count({v})",
}
_DURATIONS = {
    "first_response_time": "first_response",
    "resolution_time": "resolution",
    "first_resolution_time": "first_resolution",
    "next_response_time": "next_response",
}
"""Each duration measure and its columns in ``facts`` (``<name>_us``, ``<name>_elapsed_us``)."""
_SOURCES = {
    "next_response_time": "(SELECT f.*, t.next_response_us, t.next_response_elapsed_us FROM facts f "
    "JOIN reply_times t ON t.ticket_key = f.ticket_key)"
}
"""Measures over rows other than one per ticket."""
PERIOD_ENDS = {
    "month": "date_trunc('month', created_at AT TIME ZONE 'UTC') + INTERVAL 1 MONTH",
    "quarter": "date_trunc('quarter', created_at AT TIME ZONE 'UTC') + INTERVAL 3 MONTH",
    "week": "date_trunc('week', created_at AT TIME ZONE 'UTC') + INTERVAL 7 DAY",
}
"""The end of the period (UTC, exclusive) a ticket was created in."""
_SOLVED = "first_solved_us IS NOT NULL"
_RATES = {
    "reopen_rate": f"100.0 * count(*) FILTER (reopens > 0 AND {_SOLVED}) / nullif(count(*) FILTER ({_SOLVED}), 0)",
    "fcr": f"100.0 * count(*) FILTER ({_SOLVED} AND replies = 1 AND reopens = 0) / "
    f"nullif(count(*) FILTER ({_SOLVED}), 0)",
    "sla_attainment": "100.0 * sum(sla_met) / nullif(sum(sla_met) + sum(sla_breached), 0)",
    "nps": "100.0 * (count(*) FILTER (nps >= 9) - count(*) FILTER (nps <= 6)) / nullif(count(nps), 0)",
    "volume": "count(*)",
}
UNITS = {
    "first_response_time": "minutes",
    "next_response_time": "minutes",
    "backlog": "tickets",
    "resolution_time": "minutes",
    "first_resolution_time": "minutes",
    "reopen_rate": "%",
    "fcr": "%",
    "sla_attainment": "%",
    "nps": "points",
    "volume": "tickets",
    "csat": "score",
    "cost_per_ticket": "currency",
}


@dataclass(frozen=True, slots=True)
class Measured:
    """One KPI in one period (and dimension value): the value, its unit, the target and whether it was met."""

    kpi: str
    period: str
    by: dict[str, str]
    value: float | None
    unit: str
    target: dict[str, float]
    met: bool | None
    tickets: int

    def as_json(self) -> dict[str, Any]:
        return {
            "kpi": self.kpi,
            "period": self.period,
            "by": self.by,
            "value": self.value,
            "unit": self.unit,
            "target": self.target,
            "met": self.met,
            "tickets": self.tickets,
        }


def measurable(kpi: KPI) -> bool:
    """Whether exports can measure the KPI's ``measures:`` (churn and CES are not read from exports)."""
    return (
        kpi.measures in _DURATIONS or kpi.measures in _RATES or kpi.measures in ("csat", "cost_per_ticket", "backlog")
    )


def measure(
    con: duckdb.DuckDBPyConnection, plan: CompiledPlan, period: str = "quarter", by: tuple[str, ...] = ()
) -> list[Measured]:
    """Every measurable KPI of the plan, per period and per value of the ``by`` dimensions, in plan order.

    The KPIs over ``facts`` grouped the same way are one query (one scan of the table, not one a KPI)."""
    unknown = [d for d in by if d not in DIMENSIONS]
    if unknown or period not in PERIODS:
        raise ValueError(f"cannot group by {unknown or period}")
    wanted = [(kpi, dims) for kpi in plan.kpis.values() if measurable(kpi) for dims in _groupings(kpi, by)]
    shared: dict[tuple[str, ...], list[KPI]] = {}
    for kpi, dims in wanted:
        if kpi.measures not in _SOURCES and kpi.measures != "backlog":
            shared.setdefault(dims, []).append(kpi)
    found: dict[tuple[str, tuple[str, ...]], list[Measured]] = {}
    for dims, kpis in shared.items():
        found.update(_facts_kpis(con, plan, kpis, period, dims))
    for kpi, dims in wanted:
        if (kpi.name, dims) not in found:
            found[kpi.name, dims] = _measured(plan, kpi, dims, con.execute(kpi_sql(plan, kpi, period, dims)).fetchall())
    return [row for kpi, dims in wanted for row in found[kpi.name, dims]]


def _groupings(kpi: KPI, by: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The groupings a KPI is measured in: ``by``; without it, none and each dimension its ``by:`` names too,
    so that those targets are checked."""
    return [by] if by else [(), *((d,) for d in kpi.by if d in DIMENSIONS)]


def _facts_kpis(
    con: duckdb.DuckDBPyConnection, plan: CompiledPlan, kpis: list[KPI], period: str, by: tuple[str, ...]
) -> dict[tuple[str, tuple[str, ...]], list[Measured]]:
    """KPIs over one row per ticket, grouped by period and ``by``, from one query: a value column each."""
    groups = ", ".join(["period", *(f'"{d}"' for d in by)])
    values = ", ".join(f"{_value_sql(kpi, plan, period)} AS value_{i}" for i, kpi in enumerate(kpis))
    query = (
        f"SELECT {groups}, {values}, count(*) AS tickets FROM (SELECT *, {PERIODS[period]} AS period FROM facts) p "
        f"GROUP BY {groups} ORDER BY {groups}"
    )
    rows = con.execute(query).fetchall()
    keys = 1 + len(by)
    return {
        (kpi.name, by): _measured(plan, kpi, by, [(*row[:keys], row[keys + i], row[-1]) for row in rows])
        for i, kpi in enumerate(kpis)
    }


def _measured(plan: CompiledPlan, kpi: KPI, by: tuple[str, ...], rows: list[tuple[Any, ...]]) -> list[Measured]:
    """The KPI's rows (period, the ``by`` values, value, tickets) against its targets."""
    unit = UNITS.get(kpi.measures, "")
    if kpi.measures == "cost_per_ticket" and plan.costs.currency:
        unit = plan.costs.currency
    found = []
    for row in rows:
        value = None if row[-2] is None else round(float(row[-2]), 4)
        where = {d: str(v) for d, v in zip(by, row[1 : 1 + len(by)], strict=True)}
        target = target_for(kpi, where)
        found.append(Measured(kpi.name, str(row[0]), where, value, unit, target, meets(value, target), int(row[-1])))
    return found


def kpi_sql(plan: CompiledPlan, kpi: KPI, period: str, by: tuple[str, ...]) -> str:
    """The query of one KPI over ``facts`` (and the tables its measure needs): period, the ``by`` dimensions,
    value and tickets, one row a group."""
    groups = ", ".join(["period", *(f'"{d}"' for d in by)])
    if kpi.measures == "backlog":
        return _backlog_sql(period, by)
    source = _SOURCES.get(kpi.measures, "facts")
    return (
        f"SELECT {groups}, {_value_sql(kpi, plan, period)} AS value, count(DISTINCT ticket_key) AS tickets "
        f"FROM (SELECT *, {PERIODS[period]} AS period FROM {source} s) p GROUP BY {groups} ORDER BY {groups}"
    )


def _value_sql(kpi: KPI, plan: CompiledPlan, period: str) -> str:
    if kpi.measures in _DURATIONS:
        column = _DURATIONS[kpi.measures] + ("_elapsed_us" if kpi.hours == "calendar" else "_us")
        values = f"{column} / {MINUTE_US}.0"
        return _STAT.get(kpi.statistic, _STAT["mean"]).format(v=values)
    if kpi.measures == "csat":
        if kpi.statistic == "rate":
            good = "CASE WHEN csat IS NOT NULL THEN (csat >= 4)::INT WHEN csat_good IS NOT NULL THEN csat_good END"
            return f"100.0 * avg({good})"
        return "avg(csat)"
    if kpi.measures == "cost_per_ticket":
        months = {"month": 1.0, "quarter": 3.0, "week": 7 / 30.4375}[period]
        return f"{plan.costs.total * months} / nullif(count(*), 0)"
    return _RATES[kpi.measures]


def _backlog_sql(period: str, by: tuple[str, ...]) -> str:
    """Per period (of the tickets' creation) and dimension: the tickets open at the period's end — those
    created before it, less those in one of their ``done_spans`` then (a ticket's spans are disjoint: at
    most one holds an instant)."""
    groups = ", ".join(["period", *(f'"{d}"' for d in by)])
    kept = "".join(f', f."{d}"' for d in by)  # only what is grouped: every end repeats the tickets
    ends = f"SELECT DISTINCT {PERIODS[period]} AS period, epoch_us({PERIOD_ENDS[period]}) AS end_us FROM facts"
    created = f"SELECT p.period{kept}, 1 AS n FROM facts f JOIN ({ends}) p ON f.created_us < p.end_us"
    done = (
        f"SELECT p.period{kept}, -1 AS n FROM done_spans d JOIN ({ends}) p ON d.from_us < p.end_us "
        "AND (d.to_us IS NULL OR d.to_us >= p.end_us)" + (" JOIN facts f ON f.ticket_key = d.ticket_key" if by else "")
    )
    return (
        f"SELECT {groups}, sum(n) AS value, sum(n) AS tickets FROM ({created} UNION ALL {done}) o "
        f"GROUP BY {groups} HAVING sum(n) > 0 ORDER BY {groups}"
    )


def target_for(kpi: KPI, where: dict[str, str]) -> dict[str, float]:
    """The KPI's target for a row grouped by ``where``: the per-value target (``by:``) of the first grouped
    dimension that has one for the row's value, else ``target:``."""
    chosen = next((kpi.by[d][v] for d, v in where.items() if v in kpi.by.get(d, {})), kpi.target)
    found = {}
    for bound in ("max", "min"):
        value = getattr(chosen, bound)
        if value is not None:
            found[bound] = value / timedelta(minutes=1) if isinstance(value, timedelta) else float(value)
    return found


def meets(value: float | None, target: dict[str, float]) -> bool | None:
    """Whether ``value`` keeps ``target`` (its ``max`` or ``min``); None without a value or a target."""
    if value is None or not target:
        return None
    if "max" in target:
        return value <= target["max"]
    return value >= target["min"]
