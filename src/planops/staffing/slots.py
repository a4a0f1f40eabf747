"""Intervals of the week: the slots staffing is sized in, and open time binned into them.

A slot is ``interval`` minutes of the week in a channel's time zone, Monday 00:00 first: slot 0 is Monday
00:00–00:30 with 30-minute intervals, slot 335 Sunday 23:30–24:00. Wall-clock time, as opening hours are
written: a slot is that time of the week on both sides of a daylight saving change.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

WEEK_MINUTES = 7 * 24 * 60
INTERVALS = (30, 60)
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True, slots=True)
class Window:
    """The weeks staffing averages over: [start, end), whose length in weeks is ``weeks``."""

    start: datetime
    end: datetime

    @property
    def weeks(self) -> float:
        return max((self.end - self.start) / timedelta(days=7), 1e-9)


def slot_count(interval: int) -> int:
    return WEEK_MINUTES // interval


def label(slot: int, interval: int) -> str:
    """``Mon 09:30`` for a slot's start."""
    minute = slot * interval
    day, rest = divmod(minute, 1440)
    return f"{DAY_NAMES[day]} {rest // 60:02d}:{rest % 60:02d}"


def binned(intervals: Iterable[tuple[datetime, datetime]], zone: ZoneInfo, interval: int) -> list[float]:
    """Minutes of the given (disjoint) intervals that fall in each slot of the week, summed over weeks."""
    return list(_binned(tuple(intervals), zone, interval))


@functools.lru_cache(maxsize=64)
def _binned(intervals: tuple[tuple[datetime, datetime], ...], zone: ZoneInfo, interval: int) -> tuple[float, ...]:
    """:func:`binned`, once for each set of intervals (shifts on one calendar, the channels open then and a
    second sizing of the same week share them)."""
    minutes = [0.0] * slot_count(interval)
    for opens, closes in intervals:
        for start, length in _local_pieces(opens.astimezone(UTC), closes.astimezone(UTC), zone):
            _add(minutes, start, length, interval)
    return tuple(minutes)


def _local_pieces(opens: datetime, closes: datetime, zone: ZoneInfo) -> Iterable[tuple[float, float]]:
    """(minute of the local week it starts at, minutes long) of each part of a real-time interval that keeps
    one UTC offset: a daylight saving change inside splits it (found by halving, to the microsecond)."""
    while opens < closes:
        offset = opens.astimezone(zone).utcoffset()
        end = closes
        if (closes - timedelta(microseconds=1)).astimezone(zone).utcoffset() != offset:
            low, high = opens, closes
            while high - low > timedelta(microseconds=1):
                middle = low + (high - low) / 2
                low, high = (middle, high) if middle.astimezone(zone).utcoffset() == offset else (low, middle)
            end = high
        local = opens.astimezone(zone)
        start = local.weekday() * 1440 + local.hour * 60 + local.minute + (local.second + local.microsecond / 1e6) / 60
        yield start, (end - opens).total_seconds() / 60
        opens = end


def _add(minutes: list[float], start: float, length: float, interval: int) -> None:
    """Add ``length`` minutes from minute ``start`` of the week into the slots, wrapping after Sunday."""
    start %= WEEK_MINUTES
    while length > 1e-9:
        slot = min(int(start // interval), len(minutes) - 1)
        step = min(length, (slot + 1) * interval - start)
        minutes[slot] += step
        start, length = start + step, length - step
        if start >= WEEK_MINUTES - 1e-9:
            start = 0.0
