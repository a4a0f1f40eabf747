"""The SLA clock (SPEC §2.1): due times and open time in a calendar's business hours.

Opening hours are wall-clock times in the calendar's zone; inside them real
elapsed time counts, so a day whose DST change falls inside its hours has an
hour more or less of open time. Each local day's opening intervals are turned
into UTC instants once and cached; every computation walks those intervals day
by day in UTC, because subtracting two aware datetimes that share a zone gives
wall time, not elapsed time.

A wall time that the spring change skips (02:30 in Berlin on the last Sunday of
March) is read with the offset before the change, and one that the autumn change
repeats is its first occurrence, as Python's ``fold=0`` does. The walk never
counts an instant twice, so hours written across a change stay consistent.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from planops.engine.errors import ClockError as ClockError
from planops.hours import ALL_WEEK, FULL_DAY, Day, Week
from planops.limits import MAX_CLOCK_YEARS
from planops.publicholidays import UnknownHolidays, folded, language, names_of, public_holidays

ZERO = timedelta(0)
_ONE_DAY = timedelta(days=1)
_SCAN_DAYS = 3 * 366
"""How long a walk looks for an opening before it calls the calendar never-open."""
_WALK_DAYS = MAX_CLOCK_YEARS * 366
"""How far one walk goes at most: a due time further away is out of reach."""
EXTRA_DATE_NAME = "Closed"

Interval = tuple[datetime, datetime]
"""[opens, closes) as UTC datetimes."""


@dataclass(frozen=True, slots=True)
class BusinessCalendar:
    """Business hours in a time zone, closed on public holidays and extra dates.

    A date's hours are its ``special`` hours if it has them (a public holiday
    included); else none on an extra closed date (``dates``) or a public holiday
    the calendar does not work on; else its weekday's. It works on a holiday
    whose date is in ``worked_dates``, or all of whose names are in
    ``worked_names`` (folded: see :func:`planops.publicholidays.folded`).

    Immutable and safe to share; build it with :meth:`create`. The caches only
    remember what the fields already determine.
    """

    timezone: str
    week: Week | None
    country: str | None = None
    subdivision: str | None = None
    dates: frozenset[date] = frozenset()
    worked_dates: frozenset[date] = frozenset()
    worked_names: frozenset[str] = frozenset()
    special: tuple[tuple[date, Day], ...] = ()
    _zone: ZoneInfo = field(init=False, repr=False, compare=False)
    _special: dict[date, Day] = field(init=False, repr=False, compare=False)
    _language: str | None = field(init=False, repr=False, compare=False)
    _days: dict[date, tuple[Interval, ...]] = field(init=False, repr=False, compare=False)

    @classmethod
    def create(
        cls,
        timezone: str,
        week: Week | None,
        country: str | None = None,
        subdivision: str | None = None,
        dates: Iterable[date] = (),
        *,
        worked: Iterable[date | str] = (),
        special: Mapping[date, Day] | None = None,
    ) -> BusinessCalendar:
        """A calendar; raises ClockError for an unknown zone, country or subdivision, or a week never open.

        ``worked`` are the public holidays it works on (``holidays.except:``), by date or by name;
        ``special`` the hours of single dates (``special:``).
        """
        worked = list(worked)
        days = frozenset(d for d in worked if isinstance(d, date))
        names = frozenset(folded(n) for n in worked if isinstance(n, str))
        hours = tuple(sorted((special or {}).items()))
        return cls(timezone, week, country, subdivision, frozenset(dates), days, names, hours)

    def __post_init__(self) -> None:
        try:
            zone = ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ClockError(f"unknown time zone {self.timezone!r}; use an IANA name like 'Europe/Berlin'") from error
        if self.week is not None and not any(self.week):
            raise ClockError("the calendar never opens: every day of its week is closed")
        object.__setattr__(self, "_zone", zone)
        try:
            lang = None if self.country is None else language(self.country, self.subdivision)
        except UnknownHolidays as error:
            raise ClockError(str(error)) from None
        object.__setattr__(self, "_language", lang)
        object.__setattr__(self, "_special", dict(self.special))
        object.__setattr__(self, "_days", {})

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The due time of a target of ``duration`` started at ``start``, in the calendar's zone.

        It is the earliest instant by which ``duration`` of open time has passed:
        a clock started while closed starts at the next opening, and one that
        runs out exactly at closing is due at closing. A zero duration is due at
        ``start`` itself, open or not, because no open time has to pass; this
        keeps ``add(add(s, a), b) == add(s, a + b)`` true for every ``b``.
        """
        return self.add_utc(_utc(start), duration).astimezone(self._zone)

    def add_utc(self, now: datetime, duration: timedelta) -> datetime:
        """``add`` for a start in UTC, answering in UTC (the simulator's timers: no conversions)."""
        if duration < ZERO:
            raise ValueError(f"a duration cannot be negative, got {duration}")
        if not duration or self._always_open():
            return now + duration
        remaining = duration
        for opens, closes in self._spans(now):
            if remaining <= closes - opens:
                return opens + remaining
            remaining -= closes - opens
        raise AssertionError("unreachable: _spans either yields or raises")

    def open_time(self, start: datetime, end: datetime) -> timedelta:
        """Open time between two instants (zero when ``end`` is not after ``start``)."""
        cursor, stop = _utc(start), _utc(end)
        if stop <= cursor:
            return ZERO
        if self._always_open():
            return stop - cursor
        total = ZERO
        day, last = self._local_date(cursor), self._local_date(stop)
        while day <= last:
            for opens, closes in self._day(day):
                opens, closes = max(opens, cursor), min(closes, stop)
                if closes > opens:
                    total += closes - opens
                    cursor = closes
            day += _ONE_DAY
        return total

    def open_intervals(self, first: date, last: date) -> Iterator[Interval]:
        """The open intervals of the local dates ``first`` to ``last``, in UTC, ascending and disjoint.

        The same walk as :meth:`open_time`: an instant two intervals share (hours
        written across a DST change) is counted once, in the earlier one, so the
        open time between two instants in the range is the length of these
        intervals inside them. Always open: one interval over the whole range.
        """
        if self._always_open():
            yield self._instant(first, 0), self._instant(last, FULL_DAY)
            return
        cursor: datetime | None = None
        day = first
        while day <= last:
            for opens, closes in self._day(day):
                opens = opens if cursor is None else max(opens, cursor)
                if closes > opens:
                    yield opens, closes
                    cursor = closes
            day += _ONE_DAY

    def is_open(self, t: datetime) -> bool:
        """Whether ``t`` lies in opening hours (an interval includes its opening, not its closing)."""
        now = _utc(t)
        return self._always_open() or any(o <= now < c for o, c in self._day(self._local_date(now)))

    def holidays_between(self, first: date, last: date) -> list[tuple[date, str]]:
        """Public holidays and extra dates from ``first`` to ``last`` inclusive, with names, by date.

        Every holiday is listed, even one on a day the calendar is closed anyway.
        """
        found = {d: EXTRA_DATE_NAME for d in self.dates if first <= d <= last}
        for year in range(first.year, last.year + 1):
            found |= {d: name for d, name in self._public(year).items() if first <= d <= last}
        return sorted(found.items())

    def hours_on(self, day: date) -> Day:
        """The opening hours of a local date, as minute ranges (see the class for which apply)."""
        special = self._special.get(day)
        if special is not None:
            return special
        if day in self.dates or self._closed_for_holiday(day):
            return ()
        return (self.week or ALL_WEEK)[day.weekday()]

    def _closed_for_holiday(self, day: date) -> bool:
        name = self._public(day.year).get(day)
        if name is None or day in self.worked_dates:
            return False
        return any(folded(part) not in self.worked_names for part in names_of(name))

    def _always_open(self) -> bool:
        return self.week is None and self.country is None and not self.dates and not self.special

    def _spans(self, now: datetime) -> Iterator[Interval]:
        """Open intervals from ``now`` on, clipped to it, in order, never overlapping.

        The walk ends with a ClockError after ``_SCAN_DAYS`` closed days in a row,
        or ``_WALK_DAYS`` days in all: a due time so far away is out of reach.
        """
        first = day = self._local_date(now)
        idle = walked = 0
        while idle < _SCAN_DAYS:
            if walked >= _WALK_DAYS:
                raise ClockError(
                    f"the calendar in {self.timezone} does not give the time asked for within {MAX_CLOCK_YEARS} "
                    f"years from {first}; check its hours, or shorten the target or timer"
                )
            for opens, closes in self._day(day):
                if closes > now:
                    yield max(opens, now), closes
                    now, idle = closes, 0
            day += _ONE_DAY
            idle += 1
            walked += 1
        raise ClockError(
            f"the calendar in {self.timezone} does not open in the {_SCAN_DAYS} days from {day - idle * _ONE_DAY}; "
            "check its hours and holiday dates"
        )

    def _day(self, day: date) -> tuple[Interval, ...]:
        """The opening intervals of a local date, as UTC instants (cached)."""
        try:
            return self._days[day]
        except KeyError:
            pass
        spans = tuple((o, c) for o, c in (self._instants(day, r) for r in self.hours_on(day)) if c > o)
        self._days[day] = spans
        return spans

    def _instants(self, day: date, minutes: tuple[int, int]) -> Interval:
        opens, closes = (self._instant(day, m) for m in minutes)
        return opens, closes

    def _instant(self, day: date, minute: int) -> datetime:
        if minute == FULL_DAY:
            day, minute = day + _ONE_DAY, 0
        local = datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=self._zone)
        return local.astimezone(UTC)

    def _local_date(self, now: datetime) -> date:
        return now.astimezone(self._zone).date()

    def _public(self, year: int) -> Mapping[date, str]:
        if self.country is None:
            return {}
        return public_holidays(self.country, self.subdivision, self._language, year)


def _utc(t: datetime) -> datetime:
    if t.tzinfo is None or t.utcoffset() is None:
        raise ValueError(f"{t.isoformat()} has no time zone; write it with an offset like 2026-03-27T16:30:00+01:00")
    return t.astimezone(UTC)


ALWAYS_OPEN = BusinessCalendar.create("UTC", None)
"""No calendar (or ``hours: 24x7`` without holidays): every hour counts, due = start + duration."""
