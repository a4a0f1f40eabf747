"""Intervals of the week: the slots staffing is sized in, and open time binned into them.

A slot is ``interval`` minutes of the week in a channel's time zone, Monday 00:00 first: slot 0 is Monday
00:00–00:30 with 30-minute intervals, slot 335 Sunday 23:30–24:00. Wall-clock time, as opening hours are
written: a slot is that time of the week on both sides of a daylight saving change.
"""

from __future__ import annotations

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


def slot_of(local: datetime, interval: int) -> int:
    """The slot of a wall-clock time."""
    return (local.weekday() * 1440 + local.hour * 60 + local.minute) // interval


def label(slot: int, interval: int) -> str:
    """``Mon 09:30`` for a slot's start."""
    minute = slot * interval
    day, rest = divmod(minute, 1440)
    return f"{DAY_NAMES[day]} {rest // 60:02d}:{rest % 60:02d}"


def binned(intervals: Iterable[tuple[datetime, datetime]], zone: ZoneInfo, interval: int) -> list[float]:
    """Minutes of the given (UTC, disjoint) intervals that fall in each slot of the week, summed over weeks."""
    minutes = [0.0] * slot_count(interval)
    step = timedelta(minutes=interval)
    for opens, closes in intervals:
        cursor, closes = (
            opens.astimezone(UTC),
            closes.astimezone(UTC),
        )  # real time: aware arithmetic in one zone is wall-clock
        while cursor < closes:
            local = cursor.astimezone(zone)
            into = timedelta(minutes=(local.hour * 60 + local.minute) % interval, seconds=local.second)
            into += timedelta(microseconds=local.microsecond)
            boundary = min(cursor - into + step, closes)  # slots divide the hour: DST moves keep them aligned
            minutes[slot_of(local, interval)] += (boundary - cursor).total_seconds() / 60
            cursor = boundary
    return minutes
