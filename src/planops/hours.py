"""Opening hours: a calendar's ``hours:`` value as a week of minute ranges.

```yaml
hours:
  mon-fri: "09:00-17:00"              # a range of days (fri-mon wraps over the weekend)
  sat,sun: ["10:00-12:00", "13:00-15:00"]
```

gives ``((540, 1020),) * 5 + ((600, 720), (780, 900)) * 2``; ``hours: 24x7`` gives
``None`` (always open). Days not named are closed.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Mapping

Range = tuple[int, int]
"""Minutes after local midnight: (open, close), 0 <= open < close <= 1440."""
Day = tuple[Range, ...]
Week = tuple[Day, ...]
"""Seven days, Monday first; each a sorted tuple of ranges that neither overlap nor touch."""

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALWAYS = "24x7"
CLOSED = "closed"
FULL_DAY = 24 * 60
ALL_WEEK: Week = (((0, FULL_DAY),),) * 7
"""Open around the clock: what ``24x7`` means day by day."""

_RANGE = re.compile(r"\s*(\d{1,2}):(\d\d)\s*[-–]\s*(\d{1,2}):(\d\d)\s*")
_EXAMPLE = "'09:00-17:00'"
_KEY_HELP = "a day like 'mon', a range like 'mon-fri' or a list like 'sat,sun'"


class HoursError(ValueError):
    """Opening hours a plan author has to fix; the message names the key.

    ``where`` is the path inside the ``hours:`` value that is wrong (a day's key,
    an item of its list), ``at_key`` whether the key itself is: findings point there.
    """

    def __init__(self, message: str, *, at_key: bool = False) -> None:
        super().__init__(message)
        self.where: tuple[str | int, ...] = ()
        self.at_key = at_key


def parse_hours(value: object) -> Week | None:
    """The week that ``value`` (a loaded ``hours:`` value) describes; None is 24x7."""
    if value == ALWAYS:
        return None
    if not isinstance(value, Mapping):
        raise HoursError(f"hours must be '{ALWAYS}' or days with times like {{'mon-fri': {_EXAMPLE}}}, not {value!r}")
    week: list[Day] = [()] * 7
    given_in: dict[int, str] = {}
    for key, times in value.items():
        try:
            ranges = parse_times(key, times)
            for index in _parse_days(key):
                if index in given_in:
                    message = f"day {DAYS[index]!r} is given twice (in {given_in[index]!r} and {key!r})"
                    raise HoursError(message, at_key=True)
                given_in[index] = key
                week[index] = ranges
        except HoursError as exc:
            exc.where = (str(key), *exc.where)
            raise
    if not any(week):
        raise HoursError(f"hours: every day is closed; give at least one day's times like {_EXAMPLE}, or '{ALWAYS}'")
    return tuple(week)


def format_week(week: Week | None) -> list[tuple[str, str]]:
    """Rows like ("Mon–Fri", "09:00–17:00") for the handbook, equal neighbouring days joined."""
    days = ALL_WEEK if week is None else week
    rows = []
    for ranges, group in itertools.groupby(range(7), key=lambda index: days[index]):
        indices = list(group)
        first, last = DAYS[indices[0]].title(), DAYS[indices[-1]].title()
        label = first if first == last else f"{first}–{last}"
        rows.append((label, ", ".join(format_range(r, "–") for r in ranges) or "Closed"))
    return rows


def _parse_days(key: object) -> list[int]:
    """Weekday indices named by a key such as ``mon``, ``fri-mon`` or ``mon-wed,sat``."""
    if not isinstance(key, str) or not key.strip():
        raise HoursError(f"{key!r} is not {_KEY_HELP}", at_key=True)
    indices: list[int] = []
    for part in key.split(","):
        first, dash, last = (s.strip() for s in part.partition("-"))
        start = _day_index(key, first)
        if not dash:
            span = [start]
        elif (end := _day_index(key, last)) == start:
            raise HoursError(f"{key!r} starts and ends on the same day; write {DAYS[start]!r} for one day", at_key=True)
        else:
            span = [(start + step) % 7 for step in range((end - start) % 7 + 1)]
        for index in span:
            if index in indices:
                raise HoursError(f"day {DAYS[index]!r} is given twice in {key!r}", at_key=True)
            indices.append(index)
    return indices


def _day_index(key: str, name: str) -> int:
    if name in DAYS:
        return DAYS.index(name)
    if not name:
        raise HoursError(f"{key!r} is not {_KEY_HELP}", at_key=True)
    where = "" if name == key.strip() else f" in {key!r}"
    guess = name.lower()[:3] if name.lower()[:3] in DAYS else next(iter(difflib.get_close_matches(name, DAYS, 1)), "")
    hint = f" (did you mean {guess!r}?)" if guess else f"; days are {', '.join(DAYS)}"
    raise HoursError(f"unknown day {name!r}{where}{hint}", at_key=True)


def parse_times(key: object, times: object) -> Day:
    """The ranges of ``"08:00-12:00, 13:00-18:00"``, a list of such strings, or ``closed`` (one day's hours).

    ``key`` names the day in messages (``'mon-fri'``, or a date of ``special:``).
    """
    if times == CLOSED:
        return ()
    if times is None or times == []:
        raise HoursError(f"{key!r} has no times; give a time range like {_EXAMPLE} or '{CLOSED}'")
    items = times if isinstance(times, list) else [times]
    ranges: list[Range] = []
    for i, item in enumerate(items):
        try:
            if not isinstance(item, str):
                raise HoursError(f"{key!r}: {item!r} is not a time range like {_EXAMPLE}")
            ranges += (_parse_range(key, text) for text in item.split(","))
        except HoursError as exc:
            exc.where = (i,) if isinstance(times, list) else ()
            raise
    return _merge(key, sorted(ranges))


def _parse_range(key: object, text: str) -> Range:
    match = _RANGE.fullmatch(text)
    if not match:
        raise HoursError(f"{key!r}: {text.strip()!r} is not a time range like {_EXAMPLE}")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    for hour, minute in ((h1, m1), (h2, m2)):
        if minute > 59 or hour * 60 + minute > FULL_DAY:
            time = f"{hour:02}:{minute:02}"
            raise HoursError(f"{key!r}: {time} in {text.strip()!r} is not a time between 00:00 and 24:00")
    opens, closes = h1 * 60 + m1, h2 * 60 + m2
    if closes == opens:
        raise HoursError(f"{key!r}: {format_range((opens, closes))!r} opens and closes at the same time")
    if closes < opens:
        raise HoursError(
            f"{key!r}: {format_range((opens, closes))!r} closes before it opens; to stay open past midnight, "
            "close at 24:00 and open at 00:00 the next day"
        )
    return opens, closes


def _merge(key: object, ranges: list[Range]) -> Day:
    """Sorted ranges with touching ones joined (12:00-13:00 and 13:00-14:00 are one range)."""
    merged = [ranges[0]]
    for opens, closes in ranges[1:]:
        last_open, last_close = merged[-1]
        if opens < last_close:
            raise HoursError(f"{key!r}: {format_range(merged[-1])!r} and {format_range((opens, closes))!r} overlap")
        if opens == last_close:
            merged[-1] = (last_open, closes)
        else:
            merged.append((opens, closes))
    return tuple(merged)


def format_range(minutes: Range, dash: str = "-") -> str:
    """``(540, 1020)`` as ``09:00-17:00``."""
    return dash.join(f"{m // 60:02}:{m % 60:02}" for m in minutes)
