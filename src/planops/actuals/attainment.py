"""SLA attainment per period, policy, priority and target (SPEC §5.4), from the table ``sla``
(planops.actuals.sla): rows of ``planops report`` and the ``"sla"`` list of saved actuals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planops.actuals.measures import meets, target_for
from planops.actuals.sla import TARGETS

if TYPE_CHECKING:
    import duckdb

    from planops.model.plan import KPI
    from planops.plan import ValidPlan


@dataclass(frozen=True, slots=True)
class Attainment:
    """One SLA policy's target for one priority in one period: how many tickets it applied to and their
    verdicts; ``attainment`` is 100·met/(met + breached), None when none was judged yet."""

    period: str
    sla_policy: str
    priority: str
    target: str
    applied: int
    met: int
    breached: int
    pending: int

    @property
    def attainment(self) -> float | None:
        judged = self.met + self.breached
        return round(100.0 * self.met / judged, 4) if judged else None

    def as_json(self) -> dict[str, Any]:
        return {
            "sla_policy": self.sla_policy,
            "priority": self.priority,
            "target": self.target,
            "applied": self.applied,
            "met": self.met,
            "breached": self.breached,
            "pending": self.pending,
            "attainment": self.attainment,
        }

    def as_row(self, kpi: KPI | None) -> dict[str, Any]:
        """The row as ``report --format json`` prints KPIs (SPEC §5.4): ``kpi`` the plan's SLA attainment KPI
        (its ``by:`` targets for this policy or priority apply), ``by`` the policy, priority and target,
        ``tickets`` those it applied to, ``verdicts`` how they ended."""
        where = {"sla_policy": self.sla_policy, "priority": self.priority, "target": self.target}
        goal = target_for(kpi, where) if kpi is not None else {}
        return {
            "kpi": kpi.name if kpi is not None else "sla-attainment",
            "period": self.period,
            "by": where,
            "value": self.attainment,
            "unit": "%",
            "target": goal,
            "met": meets(self.attainment, goal),
            "tickets": self.applied,
            "verdicts": {"met": self.met, "breached": self.breached, "pending": self.pending},
        }


def attainment(con: duckdb.DuckDBPyConnection, plan: ValidPlan, period_sql: str) -> list[Attainment]:
    """SLA attainment per period (``period_sql`` over ``created_at``), policy, priority and target, in plan
    order (policies as the plan lists them, priorities as each policy's targets, then TARGETS)."""
    found = con.execute(attainment_sql(period_sql)).fetchall()
    order: dict[tuple[str, str, str], tuple[int, int, int]] = {
        (policy.name, priority, target): (i, j, k)
        for i, policy in enumerate(plan.sla_policies)
        for j, priority in enumerate(policy.targets)
        for k, target in enumerate(TARGETS)
    }
    rows = [Attainment(str(p), s, pr, t, int(a), int(m), int(b), int(w)) for p, s, pr, t, a, m, b, w in found]
    return sorted(rows, key=lambda r: (r.period, order.get((r.sla_policy, r.priority, r.target), (0, 0, 0))))


def attainment_sql(period_sql: str) -> str:
    """The query behind :func:`attainment`: period, sla_policy, priority, target, applied, met, breached,
    pending, one row a group (unordered)."""
    return (
        "SELECT r.period, r.sla_policy, r.priority, s.target, count(*) AS applied, "
        "sum(CASE WHEN s.outcome = 'met' THEN 1 ELSE 0 END) AS met, "
        "sum(CASE WHEN s.outcome = 'breached' THEN 1 ELSE 0 END) AS breached, "
        "sum(CASE WHEN s.outcome = 'pending' THEN 1 ELSE 0 END) AS pending FROM sla s "
        # the period once a ticket, not once a target (it converts to UTC: 1M tickets, 2.5M targets)
        f"JOIN (SELECT ticket_key, sla_policy, priority, {period_sql} AS period FROM routed) r "
        "ON r.ticket_key = s.ticket_key "
        "GROUP BY 1, 2, 3, 4"
    )
