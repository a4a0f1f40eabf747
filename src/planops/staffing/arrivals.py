"""Arrivals per channel and slot of the week: counted in an export, or spread from the plan's forecast.

Slots are in one time zone for the whole plan (:func:`plan_zone`). From an export, the tickets of each
channel are counted per slot and averaged
over the weeks the export spans, first ticket to last. From a forecast, ``tickets_per_month`` (a month is
52/12 weeks) is spread evenly over the channel's open hours — its calendar's, averaged over the weeks of
the window (holidays included); 24x7 without a calendar.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from planops.staffing.slots import Window, binned, slot_count

if TYPE_CHECKING:
    import duckdb

    from planops.model import Channel
    from planops.plan import CompiledPlan

WEEKS_PER_MONTH = 52 / 12


@dataclass(frozen=True, slots=True)
class Arrivals:
    """Tickets per slot of an average week, per channel, over ``window``; ``unplanned`` counts the export's
    tickets of channels the plan does not define (by channel, '' for none)."""

    window: Window
    per_slot: Mapping[str, list[float]]
    unplanned: Mapping[str, int]


def plan_zone(plan: CompiledPlan) -> ZoneInfo:
    """The zone staffing shows the week in: the first channel's calendar's (in file order), else UTC."""
    for channel in plan.channels.values():
        calendar = plan.calendars.get(channel.calendar or "")
        if calendar is not None:
            return ZoneInfo(calendar.timezone)
    return ZoneInfo("UTC")


def open_minutes(plan: CompiledPlan, channel: Channel, window: Window, zone: ZoneInfo, interval: int) -> list[float]:
    """Minutes the channel is open in each slot, summed over the window."""
    from planops.staffing.capacity import calendar_clock, open_spans

    calendar = plan.calendars.get(channel.calendar or "")
    if calendar is None:
        return binned([(window.start, window.end)], zone, interval)
    clock = calendar_clock(calendar.timezone, calendar.week, calendar)  # without hours: open all week but holidays
    return binned(open_spans(clock, window.start, window.end), zone, interval)


def from_forecast(plan: CompiledPlan, window: Window, zone: ZoneInfo, interval: int) -> Arrivals:
    """Each forecast channel's monthly volume spread evenly over its open minutes."""
    per_slot: dict[str, list[float]] = {}
    for name, channel in plan.channels.items():
        if channel.forecast is None:
            continue
        minutes = open_minutes(plan, channel, window, zone, interval)
        total = sum(minutes)
        weekly = channel.forecast.tickets_per_month / WEEKS_PER_MONTH
        per_slot[name] = [weekly * m / total if total else 0.0 for m in minutes]
    return Arrivals(window, per_slot, {})


def from_export(plan: CompiledPlan, con: duckdb.DuckDBPyConnection, zone: ZoneInfo, interval: int) -> Arrivals:
    """Tickets per channel and slot of the export's ``tickets`` table, averaged over the weeks it spans."""
    first, last = con.execute("SELECT min(created_at), max(created_at) FROM tickets").fetchone() or (None, None)
    if first is None or last is None:
        raise ValueError("the export holds no tickets")
    window = Window(first, max(last, first + timedelta(days=7)))
    columns = {c[0] for c in con.execute("DESCRIBE tickets").fetchall()}
    names = list(plan.channels)
    counts = _counts(con, names, zone.key, interval) if "channel" in columns and names else []
    per_slot = {name: [0.0] * slot_count(interval) for name in names}
    for name, slot, count in counts:
        per_slot[name][slot] = count / window.weeks
    return Arrivals(window, per_slot, _unplanned(con, columns, set(plan.channels)))


def _counts(con: duckdb.DuckDBPyConnection, names: list[str], zone: str, interval: int) -> list[tuple[str, int, int]]:
    local = "timezone(?, created_at)"
    minute = f"((isodow({local}) - 1) * 1440 + hour({local}) * 60 + minute({local}))"
    rows = con.execute(
        f"SELECT channel, {minute} // ? AS slot, count(*) FROM tickets WHERE list_contains(?, channel) GROUP BY ALL",
        [zone, zone, zone, interval, names],
    ).fetchall()
    return [(str(n), int(s), int(c)) for n, s, c in rows]


def _unplanned(con: duckdb.DuckDBPyConnection, columns: set[str], known: set[str]) -> dict[str, int]:
    if "channel" not in columns:
        return {"": int((con.execute("SELECT count(*) FROM tickets").fetchone() or (0,))[0])}
    rows = con.execute("SELECT coalesce(channel, ''), count(*) FROM tickets GROUP BY ALL").fetchall()
    return {str(n): int(c) for n, c in rows if n not in known}


def forecast_window(plan: CompiledPlan, zone: ZoneInfo) -> Window:
    """Without an export: the 13 weeks (a quarter) from midnight of the Monday of the plan's effective date,
    in ``zone`` (without a Plan, from Monday 5 January 2026)."""
    from datetime import date

    day = plan.manifest.effective if plan.manifest else date(2026, 1, 5)
    monday = day - timedelta(days=day.weekday())
    start, end = (datetime(d.year, d.month, d.day, tzinfo=zone) for d in (monday, monday + timedelta(weeks=13)))
    return Window(start, end)
