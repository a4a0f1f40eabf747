"""A backtest (planops.actuals.backtest) as plain data: :func:`as_json` for ``--format json`` and the pull
request's JSON, :func:`saved` for ``--save`` (no ticket ids, no customer data)."""

from __future__ import annotations

from typing import Any

from planops.actuals.attainment import Attainment
from planops.actuals.backtest import REPLAY, Backtest


def as_json(found: Backtest, *, examples: bool = True) -> dict[str, Any]:
    """The backtest as plain data; ``examples`` False leaves ticket ids out (what ``--save`` writes)."""

    def sla(a: Attainment | None) -> dict[str, Any] | None:
        return (
            None
            if a is None
            else {k: v for k, v in a.as_json().items() if k not in ("sla_policy", "priority", "target")}
        )

    return {
        "base": found.base,
        "head": found.head,
        "replay": REPLAY,
        "tickets": found.tickets,
        "periods": list(found.periods),
        "rerouted": found.rerouted,
        "kpis": [
            {
                "kpi": k.kpi,
                "period": k.period,
                "by": k.by,
                "unit": k.unit,
                "actual": k.actual,
                "base": k.base,
                "head": k.head,
                "delta": k.delta,
                "target": k.target,
                "met_base": k.met_base,
                "met_head": k.met_head,
            }
            for k in found.kpis
        ],
        "sla": [
            {
                "period": s.period,
                "sla_policy": s.sla_policy,
                "priority": s.priority,
                "target": s.target,
                "actual": sla(s.actual),
                "base": sla(s.base),
                "head": sla(s.head),
                "delta": s.delta,
            }
            for s in found.sla
        ],
        "reroutes": [
            {
                "period": r.period,
                "field": r.field,
                "from": r.before,
                "to": r.after,
                "tickets": r.tickets,
                **({"examples": list(r.examples)} if examples else {}),
            }
            for r in found.reroutes
        ],
        "workload": [w.as_json() for w in found.workload],
    }


def saved(found: Backtest, period: str) -> dict[str, Any]:
    """One period's aggregates as ``--save`` writes them: no ticket ids (no examples), no customer data."""
    data = as_json(found, examples=False)
    return {
        "base": data["base"],
        "head": data["head"],
        "replay": REPLAY,
        "tickets": found.counts.get(period, 0),
        "rerouted": sum(r.tickets for r in found.reroutes if r.field == "moved" and r.period == period),
        **{
            key: [row for row in data[key] if row["period"] == period]
            for key in ("kpis", "sla", "reroutes", "workload")
        },
    }
