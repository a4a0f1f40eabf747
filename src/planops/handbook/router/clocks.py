"""Calendars and time zones for the ticket router page, as plain numbers over a bounded range.

The page does no calendar logic of its own: each calendar goes out as the open
intervals the engine's clock walks (``BusinessCalendar.open_intervals``: UTC,
ascending, disjoint), so a due time in the page is the same walk over the same
intervals. Time zones go out as their UTC offsets, period by period (from
zoneinfo, the same rules the engine reads), so the page reads and shows local
times without the browser's own zone data. Times are whole seconds since the
epoch.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from planops.engine import BusinessCalendar

_HOUR = timedelta(hours=1)


def year_range(year: int, around: int = 1) -> tuple[date, date]:
    """The local dates the page covers: ``around`` years before and after ``year``, whole years."""
    return date(year - around, 1, 1), date(year + around, 12, 31)


def calendar_data(clock: BusinessCalendar, first: date, last: date) -> dict[str, object]:
    """``{"zone", "from", "to", "open": [[opens, closes], …]}``; ``from``/``to`` bound what the intervals cover."""
    zone = clock.zone
    start = datetime(first.year, first.month, first.day, tzinfo=zone)
    end = datetime(last.year, last.month, last.day, tzinfo=zone) + timedelta(days=1)
    intervals = [[_seconds(o), _seconds(c)] for o, c in clock.open_intervals(first, last)]
    return {"zone": clock.timezone, "from": _seconds(start), "to": _seconds(end), "open": intervals}


def zone_periods(name: str, first: date, last: date) -> list[list[int]]:
    """``[[since, offset], …]``: from each instant on (seconds), the zone's UTC offset (seconds), over the range.

    The first period starts two days before ``first`` and the last runs past ``last``: a local time near the
    range's edges still finds its offset.
    """
    zone = ZoneInfo(name)
    t = datetime(first.year, first.month, first.day, tzinfo=UTC) - timedelta(days=2)
    stop = datetime(last.year, last.month, last.day, tzinfo=UTC) + timedelta(days=2)
    periods = [[_seconds(t), _offset(zone, t)]]
    while t < stop:
        later = t + _HOUR
        if _offset(zone, later) != periods[-1][1]:
            change = _change(zone, t, later)
            periods.append([_seconds(change), _offset(zone, change)])
        t = later
    return periods


def zones(names: Iterable[str], first: date, last: date) -> dict[str, list[list[int]]]:
    return {name: zone_periods(name, first, last) for name in sorted(set(names))}


def _change(zone: ZoneInfo, before: datetime, after: datetime) -> datetime:
    """The first second in (before, after] with ``after``'s offset (bisection: offsets change once an hour at most)."""
    low, high = before, after
    target = _offset(zone, after)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if _offset(zone, middle) == target:
            high = middle
        else:
            low = middle
    return high


def _offset(zone: ZoneInfo, t: datetime) -> int:
    offset = t.astimezone(zone).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def _seconds(t: datetime) -> int:
    return int(t.timestamp())
