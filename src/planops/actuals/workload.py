"""Workload of replayed tickets per queue and role against capacity (``planops backtest``).

Handle hours are tickets × their channel's handle time (:func:`handle_time`; a channel without one adds
no hours, and a queue none of whose tickets has one shows none). A role's workload is its share of each
queue it serves, split among the roles serving that queue by headcount; a queue's capacity is the
capacity of the roles serving it, each role's split evenly over the queues it serves. Capacity comes from
a :data:`Capacity` callable: the hours a role's shifts schedule in a period, or None where the plan
declares no shifts (:func:`scheduled_capacity` finds the plan's when it can).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from planops.plan import CompiledPlan, ValidPlan

Capacity = Callable[[ValidPlan, str, datetime, datetime], "float | None"]
"""(plan, role name, start, end) → the hours the role's shifts schedule from ``start`` to ``end`` (UTC,
end exclusive), or None when the plan declares no shifts for it."""


def no_shifts(plan: ValidPlan, role: str, start: datetime, end: datetime) -> float | None:
    """The capacity of a plan without shifts: unknown."""
    return None


def scheduled_capacity() -> Capacity:
    """The agent-hours the roles' shifts schedule (planops.staffing.capacity)."""
    from planops.staffing.capacity import scheduled_hours

    return scheduled_hours


@dataclass(frozen=True, slots=True)
class Load:
    """One queue's or role's (``kind``) work in one period under one revision (``side``)."""

    period: str
    side: str
    kind: str
    name: str
    tickets: float
    hours: float | None
    capacity: float | None

    @property
    def utilisation(self) -> float | None:
        """Per cent of capacity the handle hours take (None without either)."""
        if self.hours is None or not self.capacity:
            return None
        return round(100.0 * self.hours / self.capacity, 2)

    def as_json(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "side": self.side,
            "kind": self.kind,
            "name": self.name,
            "tickets": round(self.tickets, 2),
            "handle_hours": None if self.hours is None else round(self.hours, 2),
            "capacity_hours": None if self.capacity is None else round(self.capacity, 2),
            "utilisation": self.utilisation,
        }


Counts = Mapping[tuple[str, str | None, str | None], int]
"""(period, queue, channel) → tickets."""


def workload(
    plan: ValidPlan, side: str, counts: Counts, spans: Mapping[str, tuple[datetime, datetime]], capacity: Capacity
) -> list[Load]:
    """Per period: each queue's tickets and handle hours, then each role's, with capacity."""
    queues = _queues(plan, counts)
    found: list[Load] = []
    for period in sorted({p for p, _, _ in counts}):
        start, end = spans[period]
        hours = {r.name: capacity(plan, r.name, start, end) for r in plan.roles.values()}
        work = {q: v for (p, q), v in queues.items() if p == period}
        for queue, (tickets, handle) in sorted(work.items()):
            found.append(Load(period, side, "queue", queue, tickets, handle, _queue_capacity(plan, queue, hours)))
        for role in (r for r in plan.roles.values() if r.queues):  # a role serving no queue has no tickets
            tickets, handle = _role_share(plan, role.name, work)
            found.append(Load(period, side, "role", role.name, tickets, handle, hours[role.name]))
    return found


def _queues(plan: CompiledPlan, counts: Counts) -> dict[tuple[str, str], tuple[float, float | None]]:
    """(period, queue) → (tickets, handle hours or None when no ticket's channel has a handle time)."""
    found: dict[tuple[str, str], tuple[float, float | None]] = {}
    for (period, queue, channel), n in counts.items():
        key = (period, queue or "(none)")
        tickets, hours = found.get(key, (0.0, None))
        known = plan.channels.get(channel or "")
        per = known.handle_time if known is not None else None
        if per is not None:
            hours = (hours or 0.0) + n * per / timedelta(hours=1)
        found[key] = (tickets + n, hours)
    return found


def _serving(plan: CompiledPlan, queue: str) -> dict[str, float]:
    return {r.name: r.headcount for r in plan.roles.values() if queue in r.queues}


def _role_share(
    plan: CompiledPlan, role: str, work: Mapping[str, tuple[float, float | None]]
) -> tuple[float, float | None]:
    tickets, hours = 0.0, None
    for queue, (n, handle) in work.items():
        serving = _serving(plan, queue)
        total = sum(serving.values())
        if role not in serving or total <= 0:
            continue
        share = serving[role] / total
        tickets += n * share
        hours = hours if handle is None else (hours or 0.0) + handle * share
    return tickets, hours


def _queue_capacity(plan: CompiledPlan, queue: str, hours: Mapping[str, float | None]) -> float | None:
    parts = []
    for role in plan.roles.values():
        found = hours[role.name]
        if queue in role.queues and found is not None:
            parts.append(found / len(role.queues))
    return sum(parts) if parts else None
