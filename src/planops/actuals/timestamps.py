"""Timestamps of an export as SQL: ISO 8601 with an offset, or naive in a declared zone (SPEC §5.1).

A naive wall time is read as the engine reads one (Python's ``fold=0``, with
Python's time zone data, not DuckDB's own): a time the spring change skips takes
the offset before the change, and one the autumn change repeats is its first
occurrence. The zone's offsets over the years the data covers become one SQL
``CASE`` on the wall time: at each change the new offset applies from the
later of the two wall times the change instant has.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

OFFSET = r"\d:\d\d(:\d\d(\.\d+)?)?\s*([zZ]|[+-]\d\d(:?\d\d)?)$"
"""A time followed by an offset (Z, +01, +0100, +01:00) ends the text."""

_HOUR = timedelta(hours=1)
_SECOND = timedelta(seconds=1)


def problem_sql(text: str, zone: str | None) -> str:
    """SQL naming what is wrong with timestamp text ``text`` ('bad_timestamp', 'naive_timestamp'), else NULL."""
    naive = "'naive_timestamp'" if zone is None else "NULL"
    return (
        f"CASE WHEN {text} IS NULL OR trim({text}) = '' THEN 'bad_timestamp' "
        f"WHEN regexp_matches(trim({text}), '{OFFSET}') THEN "
        f"CASE WHEN TRY_CAST(trim({text}) AS TIMESTAMPTZ) IS NULL THEN 'bad_timestamp' END "
        f"WHEN TRY_CAST(trim({text}) AS TIMESTAMP) IS NULL THEN 'bad_timestamp' ELSE {naive} END"
    )


def instant_sql(text: str, zone: str | None, years: tuple[int, int] = (1970, 1970)) -> str:
    """SQL for the TIMESTAMPTZ that timestamp text ``text`` names (NULL where :func:`problem_sql` is not).

    Naive texts are read in ``zone`` with its offsets of ``years`` (first, last), which must cover them.
    """
    aware = f"TRY_CAST(trim({text}) AS TIMESTAMPTZ)"
    local = "NULL" if zone is None else _local(f"TRY_CAST(trim({text}) AS TIMESTAMP)", zone, years)
    return f"CASE WHEN regexp_matches(trim({text}), '{OFFSET}') THEN {aware} ELSE {local} END"


def naive_years_sql(text: str) -> str:
    """SQL for the first and last year of the naive timestamps in column ``text`` (an aggregate)."""
    wall = f"CASE WHEN NOT regexp_matches(trim({text}), '{OFFSET}') THEN TRY_CAST(trim({text}) AS TIMESTAMP) END"
    return f"year(min({wall})), year(max({wall}))"


def _local(wall: str, zone: str, years: tuple[int, int]) -> str:
    """SQL for the UTC instant of naive TIMESTAMP ``wall`` in ``zone``, as :func:`wall_offsets` say."""
    start, changes = wall_offsets(ZoneInfo(zone), *years)
    cases = "".join(f"WHEN {wall} >= TIMESTAMP '{w.isoformat()}' THEN {_us(o)} " for w, o in reversed(changes))
    offset = f"CASE {cases}ELSE {_us(start)} END" if changes else str(_us(start))
    return f"timezone('UTC', {wall} - to_microseconds({offset}))"


@lru_cache(maxsize=256)
def wall_offsets(zone: ZoneInfo, first: int, last: int) -> tuple[timedelta, tuple[tuple[datetime, timedelta], ...]]:
    """The offset before ``first`` and each (naive wall time, offset) from which a new offset applies, to ``last``."""
    begin = datetime(first - 1, 12, 31, tzinfo=UTC)
    start = _offset(zone, begin)
    changes = []
    for instant, before, after in _changes(zone, begin, datetime(last + 1, 1, 2, tzinfo=UTC)):
        changes.append(((instant + max(before, after)).replace(tzinfo=None), after))
    return start, tuple(changes)


def _changes(zone: ZoneInfo, begin: datetime, end: datetime) -> Iterator[tuple[datetime, timedelta, timedelta]]:
    """Each UTC instant from ``begin`` to ``end`` at which the zone's offset changes, with the offsets around it."""
    t, offset = begin, _offset(zone, begin)
    while t < end:
        following = _offset(zone, t + _HOUR)
        if following != offset:
            low, high = 0, 3600  # seconds after t: the old offset at low, the new one at high
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (middle, high) if _offset(zone, t + middle * _SECOND) == offset else (low, middle)
            yield t + high * _SECOND, offset, following
            offset = following
        t += _HOUR


def _offset(zone: ZoneInfo, t: datetime) -> timedelta:
    return t.astimezone(zone).utcoffset() or timedelta(0)


def _us(offset: timedelta) -> int:
    return offset // timedelta(microseconds=1)
