"""Agents required per channel and slot of the week against the agents the shifts schedule, and the cost.

Live channels (planops.model.customers: chat and phone unless ``live:`` says otherwise) are sized by Erlang C
— Erlang A with ``patience:`` — for their service level, capped at the strictest ``max_occupancy`` of the
roles that answer them. Async channels by workload: each slot's tickets × handle time, spread evenly over
the channel's open slots from the slot they arrive in until the service level's ``within:`` (business hours
of the channel's calendar; all of them, which is stricter than the ``answered:`` share asks), divided by the
slot's length × that occupancy. Each channel's own numbers are for agents kept on it alone.

A pool's agents answer all its channels (planops.staffing.pools), so its live channels are one queue: their
traffic added, the traffic-weighted handle time, the strictest service level (the highest share within the
shortest wait) and the shortest patience (Erlang C if one of them declares none); its async workload is added
on top. Required agents are available ones; the pool's shrinkage (the share of its paid shift time lost,
weighted by headcount) turns them into agents to schedule: an average, like the agents the shifts
schedule (14 available at 30% shrinkage are 20 to schedule).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from planops.staffing.arrivals import WEEKS_PER_MONTH, Arrivals
from planops.staffing.pools import Pool, pools
from planops.staffing.slots import Window, binned, slot_count

if TYPE_CHECKING:
    from planops.model import Channel
    from planops.model.team import Role
    from planops.plan import CompiledPlan


@dataclass(frozen=True, slots=True)
class ChannelNeed:
    """One channel: tickets and agents required (available, before shrinkage) per slot; ``skipped`` says
    why a channel is not sized (no handle time, no service level), with empty slots."""

    name: str
    live: bool
    method: str
    tickets: tuple[float, ...]
    required: tuple[float, ...]
    skipped: str | None = None
    shares: tuple[float, ...] = ()
    """The share of the window's weeks each slot is open (:func:`open_shares`); empty when skipped."""


@dataclass(frozen=True, slots=True)
class PoolNeed:
    """A pool per slot: agents to schedule for its channels, agents its shifts schedule, and the gap."""

    pool: Pool
    required: tuple[float, ...]
    scheduled: tuple[float, ...]
    hourly_cost: float | None
    """What an hour of a scheduled agent of the pool costs (its roles' monthly cost over their paid hours)."""

    @property
    def gaps(self) -> tuple[float, ...]:
        """Scheduled minus required per slot: negative is short."""
        return tuple(s - r for s, r in zip(self.scheduled, self.required, strict=True))


@dataclass(frozen=True, slots=True)
class Staffing:
    zone: str
    interval: int
    window: Window
    source: str
    channels: tuple[ChannelNeed, ...]
    pools: tuple[PoolNeed, ...]
    unplanned: dict[str, int]
    monthly_cost: float
    required_cost: float | None
    limit: float | None
    currency: str | None

    @property
    def short(self) -> bool:
        return any(g < -1e-9 for p in self.pools for g in p.gaps)


def staff(plan: CompiledPlan, arrivals: Arrivals, zone: ZoneInfo, interval: int, source: str) -> Staffing:
    """Required against scheduled agents for every channel with arrivals (see the module)."""
    from planops.errors import PlanopsError
    from planops.staffing.erlang import TrafficError

    window = arrivals.window
    try:
        needs = tuple(_need(plan, n, arrivals.per_slot[n], window, zone, interval) for n in arrivals.per_slot)
        sized = [n.name for n in needs if n.skipped is None]
        found = tuple(_pool(plan, pool, needs, window, zone, interval) for pool in pools(plan, sized))
    except TrafficError as error:
        raise PlanopsError(f"cannot size the channels: {error}; check their volume and handle_time") from None
    costs = plan.costs
    return Staffing(
        zone.key,
        interval,
        window,
        source,
        needs,
        found,
        dict(arrivals.unplanned),
        costs.total,
        _required_cost(plan, found, interval),
        costs.limit,
        costs.currency,
    )


def _need(
    plan: CompiledPlan, name: str, tickets: list[float], window: Window, zone: ZoneInfo, interval: int
) -> ChannelNeed:
    from planops.staffing.pools import serving_roles

    channel = plan.channels[name]
    method = "erlang-a" if channel.is_live and channel.patience else "erlang-c" if channel.is_live else "workload"
    empty = ChannelNeed(name, channel.is_live, method, tuple(tickets), ())
    if channel.handle_time is None:
        return _skipped(empty, "no handle_time: add the average work per ticket, e.g. handle_time: 6m")
    if channel.service_level is None:
        return _skipped(empty, "no service_level: add e.g. {answered: 80%, within: 20s}")
    roles = serving_roles(plan, channel)
    if not roles:
        return _skipped(empty, "no role has shifts")
    cap = min(role.max_occupancy for role in roles)
    from planops.staffing.arrivals import open_minutes

    minutes = open_minutes(plan, channel, window, zone, interval)
    shares = open_shares(minutes, window, interval)
    if channel.is_live:
        handle = channel.handle_time.total_seconds()
        required = [
            _live(channel, t * handle / (interval * 60) / f, cap) * f if f > 0 else 0.0
            for t, f in zip(tickets, shares, strict=True)
        ]
    else:
        required = _workload(channel, tickets, minutes, interval, cap)
    return ChannelNeed(name, channel.is_live, method, tuple(tickets), tuple(required), None, tuple(shares))


def open_shares(minutes: list[float], window: Window, interval: int) -> list[float]:
    """The share of the window's weeks each slot is open: a live channel's arrivals come while it is open,
    so it is sized for the traffic of an open slot, for that share of the weeks (Black Friday's long hours
    are one day, not a thirteenth of an agent every week). Tickets of a closed slot (a chat written while
    the widget is off) are not answered live: they need no agent there."""
    return [min(m / (interval * window.weeks), 1.0) for m in minutes]


def _skipped(need: ChannelNeed, why: str) -> ChannelNeed:
    return ChannelNeed(need.name, need.live, need.method, need.tickets, (), why)


def _live(channel: Channel, traffic: float, cap: float) -> float:
    assert channel.handle_time is not None and channel.service_level is not None
    level = channel.service_level
    patience = channel.patience.total_seconds() if channel.patience else None
    handle = channel.handle_time.total_seconds()
    return _agents(significant(traffic), handle, level.answered, level.within.total_seconds(), cap, patience)


def significant(traffic: float) -> float:
    """Traffic to 4 significant digits: slots whose traffic differs by less share one Erlang answer (the agents
    it needs are whole; only a traffic within 0.05% of a step could move by one)."""
    return float(f"{traffic:.4g}")


def _agents(traffic: float, handle: float, answered: float, within: float, cap: float, patience: float | None) -> int:
    from planops.staffing.erlang import required

    return required(traffic, handle, answered, within, cap, patience).agents


def _workload(channel: Channel, tickets: list[float], minutes: list[float], interval: int, cap: float) -> list[float]:
    assert channel.handle_time is not None and channel.service_level is not None
    count = slot_count(interval)
    open_slots = [i for i, m in enumerate(minutes) if m > 0]
    span = max(1, math.ceil(channel.service_level.within.total_seconds() / 60 / interval))
    work = [0.0] * count  # agent-minutes per slot
    for slot, number in enumerate(tickets):
        if number <= 0:
            continue
        start = next((k for k, s in enumerate(open_slots) if s >= slot), 0)  # the week wraps around
        targets = [open_slots[(start + j) % len(open_slots)] for j in range(min(span, len(open_slots)))]
        for target in targets:
            work[target] += number * channel.handle_time.total_seconds() / 60 / len(targets)
    return [w / (interval * cap) for w in work]


def _pool(
    plan: CompiledPlan, pool: Pool, needs: tuple[ChannelNeed, ...], window: Window, zone: ZoneInfo, interval: int
) -> PoolNeed:
    from planops.staffing.capacity import open_spans, rota

    clocks = rota(plan)
    paid, available = [0.0] * slot_count(interval), [0.0] * slot_count(interval)
    for role in pool.roles:
        for shift in role.shifts:
            clock = None if shift.on_call else clocks.clock(shift)
            if clock is None:
                continue
            minutes = binned(open_spans(clock, window.start, window.end), zone, interval)
            for i, m in enumerate(minutes):
                agents = shift.headcount * m / (interval * window.weeks)
                paid[i] += agents
                available[i] += agents * (1 - role.shrinkage)
    usual = 1 - sum(r.shrinkage for r in pool.roles) / len(pool.roles)
    need = _pooled(plan, [n for n in needs if n.name in pool.channels], interval)
    required = tuple(r / (a / p if p > 1e-9 else usual) for r, p, a in zip(need, paid, available, strict=True))
    return PoolNeed(pool, required, tuple(paid), _hourly(pool.roles, paid, interval))


def _pooled(plan: CompiledPlan, needs: list[ChannelNeed], interval: int) -> list[float]:
    """Available agents the pool needs per slot: its live channels as one queue, plus async workload."""
    live = [plan.channels[n.name] for n in needs if n.live]
    shares = [n.shares for n in needs if n.live]
    count = len(needs[0].required) if needs else 0
    total = [sum(n.required[i] for n in needs if not n.live) for i in range(count)]
    if not live:
        return total
    cap = min(r.max_occupancy for c in live for r in _serving(plan, c))
    answered = max(c.service_level.answered for c in live if c.service_level)
    within = min(c.service_level.within.total_seconds() for c in live if c.service_level)
    patience = (
        None if any(c.patience is None for c in live) else min(c.patience.total_seconds() for c in live if c.patience)
    )
    for i in range(count):
        work = sum(n.tickets[i] * _handle(plan.channels[n.name]) for n in needs if n.live)
        tickets = sum(n.tickets[i] for n in needs if n.live)
        if tickets > 0:
            share = max(f[i] for f, n in zip(shares, (n for n in needs if n.live), strict=True) if n.tickets[i] > 0)
            if share <= 0:
                continue
            traffic = significant(work / (interval * 60) / share)
            total[i] += share * _agents(traffic, round(work / tickets, 3), answered, within, cap, patience)
    return total


def _handle(channel: Channel) -> float:
    return channel.handle_time.total_seconds() if channel.handle_time else 0.0


def _serving(plan: CompiledPlan, channel: Channel) -> tuple[Role, ...]:
    from planops.staffing.pools import serving_roles

    return serving_roles(plan, channel)


def _hourly(roles: tuple[Role, ...], paid: list[float], interval: int) -> float | None:
    hours = sum(paid) * interval / 60 * WEEKS_PER_MONTH
    money = sum(r.headcount * r.monthly_cost for r in roles)
    return money / hours if hours > 0 else None


def _required_cost(plan: CompiledPlan, found: tuple[PoolNeed, ...], interval: int) -> float | None:
    """The month's cost with each pool paid for the agents it requires (at its hourly cost) instead of its
    roles' headcount; every other role and cost line as the plan has them."""
    if any(p.hourly_cost is None for p in found):
        return None
    pooled = {id(r) for p in found for r in p.pool.roles}
    others = sum(r.headcount * r.monthly_cost for r in plan.costs.roles if id(r) not in pooled)
    hours = [sum(p.required) * interval / 60 * WEEKS_PER_MONTH for p in found]
    return others + plan.costs.lines + sum(h * (p.hourly_cost or 0.0) for h, p in zip(hours, found, strict=True))
