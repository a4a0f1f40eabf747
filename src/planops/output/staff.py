"""Staffing as text, JSON or Markdown (``planops staff``).

Text and Markdown summarise: per channel its tickets a week and how it is sized; per pool the agent-hours a
week required and scheduled, how many intervals are short, and the worst gaps (neighbouring intervals
with the same gap joined); then the month's cost against the Budget. JSON holds every interval.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from planops.output import Printed
from planops.output.escape import md_text, text_line
from planops.staffing.slots import label
from planops.staffing.staff import ChannelNeed, PoolNeed, Staffing

WORST = 5
"""Gaps shown per pool in text and Markdown."""


def _money(amount: float | None, currency: str | None) -> str:
    return "—" if amount is None else f"{currency or ''} {amount:,.0f}".strip()


def _sizing(plan_channel: ChannelNeed) -> str:
    return (
        plan_channel.skipped
        or {"erlang-c": "Erlang C", "erlang-a": "Erlang A", "workload": "workload"}[plan_channel.method]
    )


def _hours(values: tuple[float, ...], interval: int) -> float:
    return sum(values) * interval / 60


def gap_runs(pool: PoolNeed, interval: int) -> list[tuple[int, int, float]]:
    """Short stretches (first slot, slots, gap) of a pool, the worst first (then by time)."""
    runs: list[tuple[int, int, float]] = []
    for slot, gap in enumerate(pool.gaps):
        if gap >= -1e-9:
            continue
        if runs and runs[-1][0] + runs[-1][1] == slot and abs(runs[-1][2] - gap) < 0.05:
            first, count, _ = runs[-1]
            runs[-1] = (first, count + 1, gap)
        else:
            runs.append((slot, 1, gap))
    return sorted(runs, key=lambda r: (r[2], r[0]))


def _span(first: int, count: int, interval: int) -> str:
    end = label(first + count, interval) if first + count < len(_week(interval)) else "Mon 00:00"
    return f"{label(first, interval)}–{end[4:] if end[:3] == label(first, interval)[:3] else end}"


def _week(interval: int) -> range:
    return range(7 * 24 * 60 // interval)


def _summary(pool: PoolNeed, interval: int) -> str:
    short = sum(1 for g in pool.gaps if g < -1e-9)
    missing = -sum(g for g in pool.gaps if g < 0) * interval / 60
    extra = sum(g for g in pool.gaps if g > 0) * interval / 60
    return (
        f"agent-hours a week: required {_hours(pool.required, interval):,.1f}, scheduled "
        f"{_hours(pool.scheduled, interval):,.1f}; short in {short} of {len(pool.gaps)} intervals "
        f"({missing:,.1f} agent-hours), surplus {extra:,.1f} agent-hours"
    )


def _cost(s: Staffing) -> str:
    line = f"cost a month: as staffed {_money(s.monthly_cost, s.currency)}"
    if s.required_cost is not None:
        line += f", with the agents required {_money(s.required_cost, s.currency)}"
    if s.limit is not None:
        line += f"; budget {_money(s.limit, s.currency)}"
        worst = max(s.monthly_cost, s.required_cost or 0.0)
        line += f" (over by {_money(worst - s.limit, s.currency)})" if worst > s.limit else " (within it)"
    return line


def _head(s: Staffing) -> str:
    weeks = f"{s.window.weeks:,.1f} weeks from {s.window.start.date()} to {s.window.end.date()}"
    return f"staffing on {s.source}: {weeks}, {s.interval}-minute intervals, {s.zone} time"


def _channel_rows(s: Staffing) -> Iterator[list[str]]:
    for c in s.channels:
        yield [c.name, "live" if c.live else "async", f"{sum(c.tickets):,.1f}", _sizing(c)]


def _text(s: Staffing) -> Printed:
    lines = [text_line(_head(s)), ""]
    lines += [text_line(f"{n:<18} {k:<6} {t:>10} tickets a week  {m}") for n, k, t, m in _channel_rows(s)]
    for pool in s.pools:
        roles = ", ".join(r.name for r in pool.pool.roles)
        lines += [
            "",
            text_line(f"pool {', '.join(pool.pool.channels)} (roles {roles})"),
            "  " + _summary(pool, s.interval),
        ]
        for first, count, gap in gap_runs(pool, s.interval)[:WORST]:
            lines.append(f"  short {-gap:.1f} agents {_span(first, count, s.interval)}")
    lines += ["", text_line(_cost(s))]
    return Printed("\n".join(lines), _note(s))


def _note(s: Staffing) -> str:
    unplanned = ", ".join(f"{n or '(none)'}: {c:,}" for n, c in s.unplanned.items())
    return text_line(f"tickets of channels the plan does not define were left out ({unplanned})") if unplanned else ""


def _markdown(s: Staffing) -> Printed:
    lines = [f"**{md_text(_head(s))}**", "", "| channel | kind | tickets a week | sized by |", "|---|---|--:|---|"]
    lines += ["| " + " | ".join(md_text(c) for c in row) + " |" for row in _channel_rows(s)]
    for pool in s.pools:
        lines += ["", f"**Pool {md_text(', '.join(pool.pool.channels))}**: {md_text(_summary(pool, s.interval))}"]
        runs = gap_runs(pool, s.interval)[:WORST]
        if runs:
            lines += ["", "| short | when |", "|--:|---|"]
            lines += [f"| {-g:.1f} | {_span(f, n, s.interval)} |" for f, n, g in runs]
    lines += ["", md_text(_cost(s))]
    return Printed("\n".join(lines), _note(s))


def as_json(s: Staffing) -> dict[str, Any]:
    return {
        "source": s.source,
        "zone": s.zone,
        "interval": s.interval,
        "window": {"start": s.window.start.isoformat(), "end": s.window.end.isoformat(), "weeks": s.window.weeks},
        "channels": [_channel_json(c) for c in s.channels],
        "pools": [_pool_json(p, s.interval) for p in s.pools],
        "cost": {
            "currency": s.currency,
            "monthly": s.monthly_cost,
            "required": s.required_cost,
            "limit": s.limit,
        },
        "short": s.short,
        "unplanned": s.unplanned,
    }


def _channel_json(c: ChannelNeed) -> dict[str, Any]:
    return {
        "channel": c.name,
        "live": c.live,
        "method": c.method,
        "skipped": c.skipped,
        "tickets": list(c.tickets),
        "required": list(c.required),
    }


def _pool_json(p: PoolNeed, interval: int) -> dict[str, Any]:
    slots = [
        {"slot": i, "start": label(i, interval), "required": r, "scheduled": sc, "gap": sc - r}
        for i, (r, sc) in enumerate(zip(p.required, p.scheduled, strict=True))
    ]
    return {
        "channels": list(p.pool.channels),
        "roles": [r.name for r in p.pool.roles],
        "hourly_cost": p.hourly_cost,
        "intervals": slots,
    }


def _json(s: Staffing) -> Printed:
    return Printed(json.dumps(as_json(s), indent=2, ensure_ascii=False))


FORMATS: dict[str, Callable[[Staffing], Printed]] = {"text": _text, "json": _json, "markdown": _markdown}
