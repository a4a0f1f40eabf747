"""Business time in SQL equals the engine's clock, on random calendars and instants."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planops.actuals.businesstime import calendar_table, due_sql, due_times, instant, micros, open_times
from planops.engine import BusinessCalendar
from planops.hours import FULL_DAY, Day, parse_hours

# Zones with DST at 02:00, at midnight (Santiago, Asuncion, Havana at 00:00/01:00), by 30 minutes (Lord Howe),
# southern-hemisphere changes, none at all, and a :45 offset.
ZONES = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "America/Santiago",
    "America/Asuncion",
    "America/Havana",
    "Australia/Lord_Howe",
    "Australia/Sydney",
    "Asia/Kathmandu",
]
HOLIDAYS = [(None, None), ("DE", "BE"), ("US", "NY"), ("CL", None)]
STARTS = [date(2026, 3, 1), date(2026, 3, 22), date(2026, 4, 1), date(2026, 9, 1), date(2026, 10, 20)]
WEEKS = 4
MICRO = timedelta(microseconds=1)

con = duckdb.connect()


@st.composite
def days(draw: st.DrawFn) -> Day:
    """0 to 3 ranges of a day, in quarter hours, sorted, neither overlapping nor touching."""
    edges = sorted(draw(st.sets(st.integers(0, FULL_DAY // 15), max_size=6)))
    edges = edges[: len(edges) // 2 * 2]
    return tuple((edges[i] * 15, edges[i + 1] * 15) for i in range(0, len(edges), 2))


@st.composite
def calendars(draw: st.DrawFn) -> tuple[BusinessCalendar, date]:
    start = draw(st.sampled_from(STARTS))
    in_range = st.integers(0, WEEKS * 7).map(lambda n: start + timedelta(days=n))
    week = None if draw(st.integers(0, 5)) == 0 else tuple(draw(days()) for _ in range(7))
    if week is not None and not any(week):
        week = tuple(() if i else ((540, 1020),) for i in range(7))
    country, subdivision = draw(st.sampled_from(HOLIDAYS))
    calendar = BusinessCalendar.create(
        draw(st.sampled_from(ZONES)),
        week,
        country,
        subdivision,
        draw(st.sets(in_range, max_size=3)),
        special=draw(st.dictionaries(in_range, days(), max_size=3)),
    )
    return calendar, start


def instants(start: date) -> st.SearchStrategy[datetime]:
    """An instant from a day before ``start`` to the end of the range, to the microsecond at times."""
    begin = datetime.combine(start, datetime.min.time(), UTC) - timedelta(days=1)
    seconds = st.integers(0, (WEEKS * 7 + 1) * 86400)
    fraction = st.sampled_from([0, 0, 0, 1, 999_999])
    return st.tuples(seconds, fraction).map(lambda p: begin + timedelta(seconds=p[0], microseconds=p[1]))


def table_for(calendar: BusinessCalendar, start: date) -> tuple[str, datetime]:
    """The calendar's table over the range with a margin of two days each side, and its last closing."""
    first, last = start - timedelta(days=2), start + timedelta(days=WEEKS * 7 + 2)
    table = calendar_table(con, "cal", calendar, first, last)
    assert table.intervals == len(list(calendar.open_intervals(first, last)))
    (end,) = con.execute("SELECT coalesce(max(closes_us), 0) FROM cal").fetchone() or (0,)
    return table.name, instant(end)


@settings(max_examples=250, deadline=None)
@given(st.data(), calendars())
def test_open_time_and_due_times_equal_the_engine(data: st.DataObject, drawn: tuple[BusinessCalendar, date]) -> None:
    calendar, start = drawn
    name, end = table_for(calendar, start)
    pairs = data.draw(st.lists(st.tuples(instants(start), instants(start)), min_size=1, max_size=20))
    assert open_times(con, name, pairs) == [calendar.open_time(a, b) // MICRO for a, b in pairs]
    durations = st.integers(0, 60 * 3600).map(lambda s: timedelta(seconds=s))
    targets = data.draw(st.lists(st.tuples(instants(start), durations), min_size=1, max_size=20))
    expected = [calendar.add_utc(t, d) for t, d in targets]
    assert due_times(con, name, targets) == [due if due <= end else None for due in expected]


def test_always_open_is_elapsed_time() -> None:
    calendar = BusinessCalendar.create("Europe/Berlin", None)
    calendar_table(con, "always", calendar, date(2026, 3, 28), date(2026, 3, 30))
    a, b = datetime(2026, 3, 28, 12, tzinfo=UTC), datetime(2026, 3, 30, 12, tzinfo=UTC)
    assert open_times(con, "always", [(a, b)]) == [48 * 3600 * 10**6]
    assert due_times(con, "always", [(a, timedelta(hours=5))]) == [a + timedelta(hours=5)]


@pytest.mark.parametrize(
    ("start", "duration", "due"),
    [
        ("2026-03-27T16:30:00+01:00", timedelta(hours=1), "2026-03-30T09:30:00+02:00"),  # SPEC §2.1: over DST
        ("2026-03-27T16:00:00+01:00", timedelta(hours=1), "2026-03-27T17:00:00+01:00"),  # runs out at closing
        ("2026-03-28T12:00:00+01:00", timedelta(0), "2026-03-28T12:00:00+01:00"),  # zero while closed: the start
        ("2026-03-28T12:00:00+01:00", timedelta(minutes=1), "2026-03-30T09:01:00+02:00"),  # started while closed
        ("2026-04-30T16:00:00+02:00", timedelta(hours=2), None),  # past the table's range
    ],
)
def test_due_times_of_office_hours(start: str, duration: timedelta, due: str | None) -> None:
    calendar = BusinessCalendar.create("Europe/Berlin", parse_hours({"mon-fri": "09:00-17:00"}), "DE", "BE")
    calendar_table(con, "berlin", calendar, date(2026, 3, 1), date(2026, 4, 30))
    expected = None if due is None else datetime.fromisoformat(due)
    assert due_times(con, "berlin", [(datetime.fromisoformat(start), duration)]) == [expected]


def test_due_sql_runs_over_any_relation() -> None:
    calendar = BusinessCalendar.create("UTC", parse_hours({"mon-fri": "09:00-17:00"}))
    calendar_table(con, "utc office", calendar, date(2026, 1, 1), date(2026, 1, 31))
    t0 = micros(datetime(2026, 1, 2, 16, tzinfo=UTC))  # a Friday
    query = due_sql("utc office", f"(SELECT {t0}::BIGINT AS t, 7200000000::BIGINT AS d, 'x' AS id)", "t", "d")
    assert con.execute(query).fetchall() == [(t0, 7200000000, "x", micros(datetime(2026, 1, 5, 10, tzinfo=UTC)))]
