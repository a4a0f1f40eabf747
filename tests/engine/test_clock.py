from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planops.engine.clock import ALWAYS_OPEN, BusinessCalendar, ClockError
from planops.hours import parse_hours, parse_times

BERLIN = "Europe/Berlin"
OFFICE = parse_hours({"mon-fri": "09:00-17:00"})


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


def berlin(hours_value: object = None, **holidays_: object) -> BusinessCalendar:
    week = OFFICE if hours_value is None else parse_hours(hours_value)
    return BusinessCalendar.create(BERLIN, week, **holidays_)  # type: ignore[arg-type]


def same_instant(a: datetime, b: datetime) -> bool:
    # Aware datetimes sharing a tzinfo compare by wall time, which is wrong in the repeated autumn hour.
    return a.astimezone(UTC) == b.astimezone(UTC)


def test_spec_example_friday_evening_over_the_spring_change() -> None:
    due = berlin().add(at("2026-03-27T16:30:00+01:00"), hours(2))
    assert due.isoformat() == "2026-03-30T10:30:00+02:00"
    assert due.tzinfo == ZoneInfo(BERLIN)


@pytest.mark.parametrize(
    ("start", "duration", "due"),
    [
        # runs out exactly at closing: due at closing, not at the next opening
        ("2026-03-27T16:00:00+01:00", hours(1), "2026-03-27T17:00:00+01:00"),
        ("2026-03-23T09:00:00+01:00", hours(40), "2026-03-27T17:00:00+01:00"),
        # started while closed: the clock starts at the next opening
        ("2026-03-28T12:00:00+01:00", hours(2), "2026-03-30T11:00:00+02:00"),
        ("2026-03-24T07:00:00+01:00", hours(1), "2026-03-24T10:00:00+01:00"),
        ("2026-03-24T17:00:00+01:00", hours(1), "2026-03-25T10:00:00+01:00"),
        # the same instant written in another zone
        ("2026-03-27T15:30:00+00:00", hours(2), "2026-03-30T10:30:00+02:00"),
        ("2026-03-27T11:30:00-04:00", hours(2), "2026-03-30T10:30:00+02:00"),
        # seconds and microseconds are kept
        ("2026-03-24T10:00:01.5+01:00", timedelta(minutes=30), "2026-03-24T10:30:01.500000+01:00"),
    ],
)
def test_add_office_hours(start: str, duration: timedelta, due: str) -> None:
    assert berlin().add(at(start), duration).isoformat() == due


@pytest.mark.parametrize(
    ("start", "duration", "due"),
    [
        ("2026-03-27T16:30:00+01:00", hours(2), "2026-03-28T11:30:00+01:00"),  # Saturday counts
        ("2026-03-28T13:00:00+01:00", hours(2), "2026-03-30T10:00:00+02:00"),  # 1h Saturday, Sunday closed
        ("2026-03-28T14:00:00+01:00", hours(0.5), "2026-03-30T09:30:00+02:00"),
    ],
)
def test_add_saturday_hours(start: str, duration: timedelta, due: str) -> None:
    calendar = berlin({"mon-fri": "09:00-17:00", "sat": "10:00-14:00"})
    assert calendar.add(at(start), duration).isoformat() == due


@pytest.mark.parametrize(
    ("start", "duration", "due"),
    [
        ("2026-03-23T11:00:00+01:00", hours(2), "2026-03-23T14:00:00+01:00"),  # over lunch
        ("2026-03-23T12:30:00+01:00", hours(1), "2026-03-23T14:00:00+01:00"),  # started at lunch
        ("2026-03-23T11:00:00+01:00", hours(1), "2026-03-23T12:00:00+01:00"),  # due as lunch starts
        ("2026-03-23T17:00:00+01:00", hours(2), "2026-03-24T09:00:00+01:00"),
    ],
)
def test_add_several_ranges_a_day(start: str, duration: timedelta, due: str) -> None:
    calendar = berlin({"mon-fri": "08:00-12:00, 13:00-18:00"})
    assert calendar.add(at(start), duration).isoformat() == due


@pytest.mark.parametrize(
    ("subdivision", "due"),
    [
        ("BE", "2026-01-06T10:00:00+01:00"),  # Epiphany is a working day in Berlin
        ("BY", "2026-01-07T10:00:00+01:00"),  # and a public holiday in Bavaria
    ],
)
def test_add_public_holidays_by_subdivision(subdivision: str, due: str) -> None:
    calendar = berlin(country="DE", subdivision=subdivision)
    assert calendar.add(at("2026-01-05T16:00:00+01:00"), hours(2)).isoformat() == due


@pytest.mark.parametrize(
    ("dates", "start", "due"),
    [
        # 25 and 26 December are holidays; the 26th is a Saturday anyway
        ((), "2026-12-23T16:00:00+01:00", "2026-12-24T10:00:00+01:00"),
        ((date(2026, 12, 24),), "2026-12-23T16:00:00+01:00", "2026-12-28T10:00:00+01:00"),
        # New Year's Day 2027 is a Friday; the holidays of 2027 are looked up on the way
        ((), "2026-12-31T16:00:00+01:00", "2027-01-04T10:00:00+01:00"),
        ((date(2026, 12, 31),), "2026-12-30T16:00:00+01:00", "2027-01-04T10:00:00+01:00"),
    ],
)
def test_add_christmas_and_extra_dates(dates: tuple[date, ...], start: str, due: str) -> None:
    calendar = berlin(country="DE", subdivision="BE", dates=dates)
    assert calendar.add(at(start), hours(2)).isoformat() == due


def test_add_extra_dates_without_a_country() -> None:
    calendar = berlin(dates=[date(2026, 3, 30)])
    assert calendar.add(at("2026-03-27T16:30:00+01:00"), hours(2)).isoformat() == "2026-03-31T10:30:00+02:00"


@pytest.mark.parametrize(
    ("dates", "due"),
    [
        ((), "2026-11-27T10:00:00-05:00"),  # Thanksgiving (Thursday) is closed
        ((date(2026, 11, 27),), "2026-11-30T10:00:00-05:00"),  # and the day after, when listed
    ],
)
def test_add_us_thanksgiving(dates: tuple[date, ...], due: str) -> None:
    week = parse_hours({"mon-fri": "09:00-18:00"})
    calendar = BusinessCalendar.create("America/New_York", week, "US", dates=dates)
    assert calendar.add(at("2026-11-25T17:00:00-05:00"), hours(2)).isoformat() == due


SUNDAYS_TOO = {"mon-fri": "09:00-17:00", "sun": "00:00-24:00"}


@pytest.mark.parametrize(
    ("sunday", "length", "midnight_after"),
    [
        (date(2026, 10, 25), hours(25), "2026-10-26T00:00:00+01:00"),  # autumn: 02:00-03:00 happens twice
        (date(2026, 3, 29), hours(23), "2026-03-30T00:00:00+02:00"),  # spring: 02:00-03:00 is skipped
        (date(2026, 10, 18), hours(24), "2026-10-19T00:00:00+02:00"),
    ],
)
def test_open_time_of_a_dst_sunday(sunday: date, length: timedelta, midnight_after: str) -> None:
    calendar = berlin(SUNDAYS_TOO)
    midnight = datetime(sunday.year, sunday.month, sunday.day, tzinfo=ZoneInfo(BERLIN))
    assert calendar.open_time(midnight, midnight + timedelta(days=2)) == length + hours(8)  # and Monday
    assert calendar.add(midnight, length).isoformat() == midnight_after  # due at closing, 24:00


def test_add_in_the_repeated_autumn_hour() -> None:
    calendar = berlin(SUNDAYS_TOO)
    start = at("2026-10-25T01:30:00+02:00")
    assert calendar.add(start, hours(1)).isoformat() == "2026-10-25T02:30:00+02:00"
    second = calendar.add(start, hours(2))
    assert second.isoformat() == "2026-10-25T02:30:00+01:00"
    assert second.fold == 1


@pytest.mark.parametrize("start", ["2026-03-28T12:00:00+01:00", "2026-03-27T17:00:00+01:00"])
def test_add_zero_while_closed_is_the_start_itself(start: str) -> None:
    # No open time has to pass; the next opening would break add(add(s, a), 0) == add(s, a).
    assert berlin().add(at(start), timedelta(0)) == at(start)


def test_always_open() -> None:
    start = at("2026-03-27T16:30:00+01:00")
    assert ALWAYS_OPEN.add(start, hours(2)).isoformat() == "2026-03-27T17:30:00+00:00"
    assert ALWAYS_OPEN.open_time(start, start + hours(50)) == hours(50)
    assert ALWAYS_OPEN.is_open(start)
    assert ALWAYS_OPEN.holidays_between(date(2026, 1, 1), date(2026, 12, 31)) == []


def test_24x7_counts_elapsed_time_across_dst() -> None:
    calendar = BusinessCalendar.create(BERLIN, None)
    due = calendar.add(at("2026-03-28T12:00:00+01:00"), hours(24))
    assert due.isoformat() == "2026-03-29T13:00:00+02:00"


def test_24x7_with_holidays_closes_on_them() -> None:
    calendar = BusinessCalendar.create(BERLIN, None, dates=[date(2026, 12, 24)])
    due = calendar.add(at("2026-12-23T23:00:00+01:00"), hours(2))
    assert due.isoformat() == "2026-12-25T01:00:00+01:00"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2026-03-27T16:30:00+01:00", "2026-03-30T10:30:00+02:00", hours(2)),
        ("2026-03-27T16:30:00+01:00", "2026-03-27T16:30:00+01:00", timedelta(0)),
        ("2026-03-30T10:30:00+02:00", "2026-03-27T16:30:00+01:00", timedelta(0)),
        ("2026-03-28T00:00:00+01:00", "2026-03-29T23:00:00+02:00", timedelta(0)),
        ("2026-03-23T00:00:00+01:00", "2026-03-30T00:00:00+02:00", hours(40)),
    ],
)
def test_open_time(start: str, end: str, expected: timedelta) -> None:
    assert berlin().open_time(at(start), at(end)) == expected


@pytest.mark.parametrize(
    ("t", "is_open"),
    [
        ("2026-03-27T09:00:00+01:00", True),
        ("2026-03-27T16:59:59+01:00", True),
        ("2026-03-27T17:00:00+01:00", False),
        ("2026-03-28T12:00:00+00:00", False),
        ("2026-03-27T08:00:00+01:00", False),
    ],
)
def test_is_open(t: str, is_open: bool) -> None:
    assert berlin().is_open(at(t)) is is_open


def test_holidays_between() -> None:
    calendar = berlin(country="DE", subdivision="BE", dates=[date(2026, 12, 24), date(2027, 5, 1)])
    assert calendar.holidays_between(date(2026, 12, 20), date(2027, 1, 1)) == [
        (date(2026, 12, 24), "Closed"),
        (date(2026, 12, 25), "Christmas Day"),
        (date(2026, 12, 26), "Second Day of Christmas"),
        (date(2027, 1, 1), "New Year's Day"),
    ]
    assert calendar.holidays_between(date(2027, 5, 1), date(2027, 5, 1)) == [(date(2027, 5, 1), "Labor Day")]


def test_holiday_names_do_not_follow_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    # Left to itself the package names holidays in the language of LANGUAGE/LANG.
    monkeypatch.setenv("LANGUAGE", "de")
    calendar = berlin(country="DE", subdivision="BY")
    assert calendar.holidays_between(date(2035, 1, 6), date(2035, 1, 6)) == [(date(2035, 1, 6), "Epiphany")]


def test_holidays_are_looked_up_one_year_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[object] = []
    real = holidays.country_holidays

    def spy(country: str, **options: object) -> object:
        asked.append(options.get("years"))
        return real(country, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(holidays, "country_holidays", spy)
    calendar = BusinessCalendar.create("Europe/Paris", OFFICE, "FR")
    calendar.add(at("2041-12-31T16:00:00+01:00"), hours(2))
    calendar.add(at("2041-12-30T16:00:00+01:00"), hours(2))
    assert [years for years in asked if years != ()] == [2041, 2042]  # () asks for the language, once a process


@pytest.mark.parametrize(
    ("create", "message"),
    [
        (
            lambda: BusinessCalendar.create("Europe/Berlinn", OFFICE),
            "unknown time zone 'Europe/Berlinn'; use an IANA name like 'Europe/Berlin'",
        ),
        (
            lambda: BusinessCalendar.create(BERLIN, OFFICE, "XX"),
            "no public holidays are known for country 'XX'; use an ISO code like 'DE' or 'US'",
        ),
        (
            lambda: BusinessCalendar.create(BERLIN, OFFICE, "AT", "XX"),
            "AT has no holiday subdivision 'XX'; known: 1, 2, 3, 4, 5, 6, 7, 8, 9",
        ),
        (
            lambda: BusinessCalendar.create(BERLIN, ((),) * 7),
            "the calendar never opens: every day of its week is closed",
        ),
    ],
)
def test_create_errors(create: object, message: str) -> None:
    with pytest.raises(ClockError) as caught:
        create()  # type: ignore[operator]
    assert str(caught.value) == message


def test_a_calendar_closed_by_its_dates_raises_instead_of_looping() -> None:
    mondays = [date(2026, 1, 5) + timedelta(weeks=n) for n in range(52 * 4)]
    calendar = BusinessCalendar.create(BERLIN, parse_hours({"mon": "09:00-17:00"}), dates=mondays)
    message = (
        "the calendar in Europe/Berlin does not open in the 1098 days from 2026-01-05; "
        "check its hours and holiday dates"
    )
    calls: list[Callable[[], object]] = [
        lambda: calendar.add(at("2026-01-05T08:00:00+01:00"), hours(1)),
        lambda: calendar.add_utc(at("2026-01-05T07:00:00+00:00"), hours(1)),
    ]
    for call in calls:
        with pytest.raises(ClockError) as caught:
            call()
        assert str(caught.value) == message
    assert calendar.open_time(at("2026-01-05T08:00:00+01:00"), at("2026-02-05T08:00:00+01:00")) == timedelta(0)


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.add(datetime(2026, 3, 27, 16, 30), hours(2)),
        lambda c: c.open_time(datetime(2026, 3, 27, 16, 30), at("2026-03-28T00:00:00+01:00")),
        lambda c: c.is_open(datetime(2026, 3, 27, 16, 30)),
    ],
)
def test_naive_datetimes_are_refused(call: object) -> None:
    message = "2026-03-27T16:30:00 has no time zone; write it with an offset like 2026-03-27T16:30:00+01:00"
    for calendar in (berlin(), ALWAYS_OPEN):
        with pytest.raises(ValueError) as caught:
            call(calendar)  # type: ignore[operator]
        assert str(caught.value) == message


def test_negative_durations_are_refused() -> None:
    with pytest.raises(ValueError) as caught:
        berlin().add(at("2026-03-27T16:30:00+01:00"), hours(-1))
    assert str(caught.value) == "a duration cannot be negative, got -1 day, 23:00:00"


def test_calendars_are_immutable_values() -> None:
    a, b = berlin(country="DE"), berlin(country="DE")
    a.add(at("2026-03-27T16:30:00+01:00"), hours(2))  # fills a's cache only
    assert a == b
    assert hash(a) == hash(b)
    with pytest.raises(AttributeError):
        a.timezone = "UTC"  # type: ignore[misc]


# --- the laws, on random calendars -------------------------------------------------

ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney"]
WRITTEN_IN = [*ZONES, "UTC", "Asia/Kathmandu", "America/St_Johns"]
WEEKS = [
    "24x7",
    {"mon-fri": "09:00-17:00"},
    {"mon-fri": "08:00-12:00, 13:00-18:00", "sat": "10:00-14:00"},
    {"mon-fri": "09:00-17:00", "sun": "00:00-24:00"},
    {"sun-thu": "00:00-06:00, 22:00-24:00"},  # a night shift, over midnight
    {"sat,sun": "01:30-02:30, 02:45-04:00"},  # inside the hours clocks change
    {"wed": "02:00-03:00"},
]
HOLIDAYS = [(None, None), ("DE", "BE"), ("US", "NY"), ("AU", "NSW")]
DST_DAYS = [
    date(2026, 3, 8),
    date(2026, 3, 29),
    date(2026, 4, 5),
    date(2026, 10, 4),
    date(2026, 10, 25),
    date(2026, 11, 1),
    date(2027, 3, 28),
    date(2027, 10, 31),
]

_calendars: dict[tuple[object, ...], BusinessCalendar] = {}


@st.composite
def calendars(draw: st.DrawFn) -> BusinessCalendar:
    zone = draw(st.sampled_from(ZONES))
    week = draw(st.integers(0, len(WEEKS) - 1))
    country, subdivision = draw(st.sampled_from(HOLIDAYS))
    extra = tuple(draw(st.lists(st.sampled_from(DST_DAYS), max_size=2)))
    key = (zone, week, country, subdivision, extra)
    if key not in _calendars:  # reuse warm caches, as the simulator does
        _calendars[key] = BusinessCalendar.create(zone, parse_hours(WEEKS[week]), country, subdivision, extra)
    return _calendars[key]


@st.composite
def instants(draw: st.DrawFn) -> datetime:
    """An instant in 2025-2030, often within a day or two of a DST change, written in some zone."""
    if draw(st.booleans()):
        base = datetime.combine(draw(st.sampled_from(DST_DAYS)), datetime.min.time(), UTC)
        t = base + timedelta(minutes=draw(st.integers(-36 * 60, 60 * 60)))
    else:
        minutes = draw(st.integers(0, 6 * 366 * 24 * 60))
        t = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)
    t += timedelta(seconds=draw(st.sampled_from([0, 0, 0, 1, 59])))
    return t.astimezone(ZoneInfo(draw(st.sampled_from(WRITTEN_IN))))


durations = st.integers(0, 200 * 60).map(lambda minutes: timedelta(minutes=minutes))
laws = settings(max_examples=300, deadline=None)


@laws
@given(calendars(), instants(), durations)
def test_due_is_not_before_start_and_has_exactly_the_open_time(
    calendar: BusinessCalendar, start: datetime, duration: timedelta
) -> None:
    due = calendar.add(start, duration)
    assert due.tzinfo is calendar.zone
    assert due.astimezone(UTC) >= start.astimezone(UTC)
    assert calendar.open_time(start, due) == duration


@laws
@given(calendars(), instants(), durations)
def test_due_is_the_earliest_such_instant(calendar: BusinessCalendar, start: datetime, duration: timedelta) -> None:
    due = calendar.add(start, duration)
    if duration:
        assert calendar.open_time(start, due.astimezone(UTC) - timedelta(microseconds=1)) < duration
    else:
        assert same_instant(due, start)


@laws
@given(calendars(), instants(), durations, durations)
def test_add_composes(calendar: BusinessCalendar, start: datetime, first: timedelta, second: timedelta) -> None:
    assert same_instant(calendar.add(calendar.add(start, first), second), calendar.add(start, first + second))


@laws
@given(calendars(), instants(), durations, st.sampled_from(WRITTEN_IN))
def test_the_zone_a_start_is_written_in_does_not_matter(
    calendar: BusinessCalendar, start: datetime, duration: timedelta, zone: str
) -> None:
    elsewhere = start.astimezone(ZoneInfo(zone))
    assert same_instant(calendar.add(elsewhere, duration), calendar.add(start, duration))
    in_utc = calendar.add_utc(start.astimezone(UTC), duration)
    assert in_utc.tzinfo is UTC and same_instant(in_utc, calendar.add(start, duration))


OUT_OF_REACH = (
    "the calendar in Europe/Berlin does not give the time asked for within 10 years from {}; "
    "check its hours, or shorten the target or timer"
)


@pytest.mark.parametrize(
    ("hours_value", "duration"),
    [
        ({"mon": "09:00-09:01"}, timedelta(days=1)),  # a minute a week: 1,440 weeks for a day
        ({"mon": "09:00-10:00"}, timedelta(days=366)),  # an hour a week: 168 years for the longest target
        ({"sat": "10:00-14:00"}, timedelta(days=366)),
    ],
)
def test_a_due_time_beyond_the_walk_is_out_of_reach(hours_value: object, duration: timedelta) -> None:
    calendar = berlin(hours_value)
    for start in ("2026-03-27T16:30:00+01:00", "2200-12-31T12:00:00+01:00"):
        with pytest.raises(ClockError) as caught:
            calendar.add(at(start), duration)
        assert str(caught.value) == OUT_OF_REACH.format(start[:10])


@pytest.mark.parametrize("start", ["1900-01-01T00:00:00+01:00", "2200-12-31T23:59:00+01:00"])
def test_the_longest_target_on_office_hours_is_in_reach_at_both_ends_of_the_years(start: str) -> None:
    calendar = berlin(country="DE", subdivision="BE")
    due = calendar.add(at(start), timedelta(days=366))
    assert calendar.open_time(at(start), due) == timedelta(days=366)
    assert due.year - at(start).year <= 5


def test_clock_errors_are_ticket_errors() -> None:
    from planops.engine import TicketError

    assert issubclass(ClockError, TicketError)


# --- special hours and holidays worked on (SPEC §2.1 v2) ------------------------------------------------

BLACK_FRIDAY, CHRISTMAS_EVE = date(2026, 11, 27), date(2026, 12, 24)
SPECIAL = {BLACK_FRIDAY: ((7 * 60, 22 * 60),), CHRISTMAS_EVE: ((9 * 60, 12 * 60),)}


@pytest.mark.parametrize(
    ("special", "start", "due"),
    [
        ({}, "2026-11-27T16:30:00+01:00", "2026-11-30T10:30:00+01:00"),
        (SPECIAL, "2026-11-27T16:30:00+01:00", "2026-11-27T18:30:00+01:00"),  # Black Friday open till 22:00
        (SPECIAL, "2026-11-27T06:00:00+01:00", "2026-11-27T09:00:00+01:00"),  # and from 07:00
        (SPECIAL, "2026-11-26T16:00:00+01:00", "2026-11-27T08:00:00+01:00"),
        # Christmas Eve 09:00-12:00, then Christmas (Fri), the weekend: Monday
        (SPECIAL, "2026-12-24T11:00:00+01:00", "2026-12-28T10:00:00+01:00"),
        ({}, "2026-12-24T11:00:00+01:00", "2026-12-24T13:00:00+01:00"),
        # a special date on a public holiday opens it with those hours
        ({date(2026, 12, 25): ((10 * 60, 14 * 60),)}, "2026-12-24T16:00:00+01:00", "2026-12-25T11:00:00+01:00"),
        # a closed day that would be open
        ({date(2026, 3, 30): ()}, "2026-03-27T16:30:00+01:00", "2026-03-31T10:30:00+02:00"),
        # a Saturday opened
        ({date(2026, 3, 28): ((10 * 60, 11 * 60),)}, "2026-03-27T16:30:00+01:00", "2026-03-30T09:30:00+02:00"),
    ],
)
def test_add_special_dates(special: dict[date, tuple[tuple[int, int], ...]], start: str, due: str) -> None:
    calendar = BusinessCalendar.create(BERLIN, OFFICE, "DE", "BE", special=special)
    assert calendar.add(at(start), hours(2)).isoformat() == due


def test_special_hours_on_a_dst_day_count_elapsed_time() -> None:
    # 29 March 2026: Berlin skips 02:00-03:00, so 01:00-04:00 holds two hours of open time
    calendar = berlin(special={date(2026, 3, 29): ((60, 240),)})
    day = (at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00"))
    assert calendar.open_time(*day) == hours(2)
    assert calendar.add(at("2026-03-29T00:00:00+01:00"), hours(2)).isoformat() == "2026-03-29T04:00:00+02:00"


def test_a_24x7_calendar_with_a_closed_special_date_is_not_always_open() -> None:
    calendar = BusinessCalendar.create(BERLIN, None, special={CHRISTMAS_EVE: ()})
    assert calendar.add(at("2026-12-23T23:00:00+01:00"), hours(2)).isoformat() == "2026-12-25T01:00:00+01:00"


@pytest.mark.parametrize(
    ("worked", "start", "due"),
    [
        ((), "2026-04-02T16:00:00+02:00", "2026-04-07T10:00:00+02:00"),  # Good Friday, Easter Monday closed
        ((date(2026, 4, 3),), "2026-04-02T16:00:00+02:00", "2026-04-03T10:00:00+02:00"),
        (("Good Friday",), "2026-04-02T16:00:00+02:00", "2026-04-03T10:00:00+02:00"),
        (("good  FRIDAY",), "2026-04-02T16:00:00+02:00", "2026-04-03T10:00:00+02:00"),  # case and spaces
        (("Easter Monday",), "2026-04-02T16:00:00+02:00", "2026-04-06T10:00:00+02:00"),
        (("Good Friday",), "2027-03-25T16:00:00+01:00", "2027-03-26T10:00:00+01:00"),  # a name: every year
        ((date(2026, 4, 3),), "2027-03-25T16:00:00+01:00", "2027-03-30T10:00:00+02:00"),  # a date: that day
        # 1 May 2008 was Ascension Day and Labour Day: worked only when both are
        (("Labor Day",), "2008-04-30T16:00:00+02:00", "2008-05-02T10:00:00+02:00"),
        (("Labor Day", "Ascension Day"), "2008-04-30T16:00:00+02:00", "2008-05-01T10:00:00+02:00"),
    ],
)
def test_add_on_holidays_worked_on(worked: tuple[date | str, ...], start: str, due: str) -> None:
    calendar = BusinessCalendar.create(BERLIN, OFFICE, "DE", "BE", worked=worked)
    assert calendar.add(at(start), hours(2)).isoformat() == due


def test_an_extra_closed_date_stays_closed_when_worked_or_special_hours_are_given_too() -> None:
    # validation reports both (conflicting-date); the clock keeps the special hours, then the closed date
    calendar = BusinessCalendar.create(
        BERLIN, OFFICE, "DE", "BE", dates=[CHRISTMAS_EVE], worked=[CHRISTMAS_EVE], special={BLACK_FRIDAY: ()}
    )
    assert calendar.hours_on(CHRISTMAS_EVE) == ()
    assert calendar.hours_on(BLACK_FRIDAY) == ()


def test_hours_on() -> None:
    calendar = BusinessCalendar.create(BERLIN, OFFICE, "DE", "BE", worked=["Good Friday"], special=SPECIAL)
    assert calendar.hours_on(date(2026, 4, 3)) == ((540, 1020),)  # Good Friday, worked
    assert calendar.hours_on(date(2026, 4, 6)) == ()  # Easter Monday
    assert calendar.hours_on(BLACK_FRIDAY) == ((420, 1320),)
    assert calendar.hours_on(date(2026, 11, 28)) == ()  # a Saturday


def test_calendars_with_special_dates_are_immutable_values() -> None:
    a = BusinessCalendar.create(BERLIN, OFFICE, "DE", worked=["Good Friday", date(2026, 5, 1)], special=SPECIAL)
    b = BusinessCalendar.create(BERLIN, OFFICE, "DE", worked=[date(2026, 5, 1), "good friday"], special=SPECIAL)
    assert a == b and hash(a) == hash(b)
    assert a != BusinessCalendar.create(BERLIN, OFFICE, "DE", special=SPECIAL)


# --- the clock against a minute-by-minute walk, with special dates and holidays worked on --------------------

POOL_HOURS = ["closed", "07:00-22:00", "09:00-12:00", "00:00-24:00", "01:30-02:30, 02:45-04:00", "22:00-24:00"]
POOL_HOLIDAYS: dict[tuple[str | None, str | None], list[tuple[date, str]]] = {
    ("DE", "BE"): [
        (date(2026, 4, 3), "Good Friday"),
        (date(2026, 4, 6), "Easter Monday"),
        (date(2026, 5, 1), "Labor Day"),
        (date(2026, 12, 25), "Christmas Day"),
        (date(2026, 12, 26), "Second Day of Christmas"),
    ],
    ("US", "NY"): [
        (date(2026, 7, 3), "Independence Day (observed)"),
        (date(2026, 11, 26), "Thanksgiving Day"),
        (date(2027, 2, 15), "Washington's Birthday"),  # and Susan B. Anthony Day: both must be worked
        (date(2027, 2, 15), "Susan B. Anthony Day"),
    ],
    (None, None): [(date(2026, 12, 25), "Christmas Day")],
}
"""Holidays by country: a date and its name, either of which ``holidays.except`` may give."""
POOL_SPECIAL = [*DST_DAYS[:6], BLACK_FRIDAY, CHRISTMAS_EVE, date(2026, 12, 25), date(2026, 7, 3)]


@dataclass(frozen=True)
class Written:
    """A calendar as a plan writes it, for the walk to read on its own; ``near`` are the days it is about."""

    zone: str
    week: object
    country: str | None
    subdivision: str | None
    worked: tuple[date | str, ...]
    special: tuple[tuple[date, str], ...]
    near: tuple[date, ...]


@st.composite
def written_calendars(draw: st.DrawFn) -> Written:
    zone = draw(st.sampled_from(["Europe/Berlin", "America/New_York"]))
    week = WEEKS[draw(st.sampled_from([0, 1, 2, 5]))]
    country, subdivision = draw(st.sampled_from(sorted(POOL_HOLIDAYS, key=str)))
    pool = POOL_HOLIDAYS[country, subdivision]
    chosen = draw(st.lists(st.sampled_from(pool), max_size=3, unique=True))
    worked = {draw(st.sampled_from([day, name])) for day, name in chosen}
    days = [day for day, _ in pool]
    special = draw(st.dictionaries(st.sampled_from(POOL_SPECIAL + days), st.sampled_from(POOL_HOURS), max_size=2))
    near = tuple(day for day, _ in chosen) + tuple(special) or tuple(days)
    return Written(
        zone, week, country, subdivision, tuple(sorted(worked, key=str)), tuple(sorted(special.items())), near
    )


def clock_of(w: Written) -> BusinessCalendar:
    special = {day: parse_times(day, hours_value) for day, hours_value in w.special}
    return BusinessCalendar.create(
        w.zone, parse_hours(w.week), w.country, w.subdivision, worked=w.worked, special=special
    )


class Walk:
    """Whether each minute is open, from the plan as written: SPEC §2.1 read literally, no clock code."""

    def __init__(self, w: Written) -> None:
        self.w, self.zone = w, ZoneInfo(w.zone)
        self.week = parse_hours(w.week) or ((((0, 1440),),) * 7)
        self.special = {day: parse_times(day, value) for day, value in w.special}
        self.intervals: dict[date, list[tuple[datetime, datetime]]] = {}

    def ranges(self, day: date) -> tuple[tuple[int, int], ...]:
        if day in self.special:
            return self.special[day]
        if self.w.country is not None:
            lang = "en_US"
            name = holidays.country_holidays(
                self.w.country, subdiv=self.w.subdivision, years=day.year, language=lang
            ).get(day)
            worked = {n.casefold() for n in self.w.worked if isinstance(n, str)}
            if name and day not in self.w.worked and any(n.casefold() not in worked for n in name.split("; ")):
                return ()
        return self.week[day.weekday()]

    def day(self, day: date) -> list[tuple[datetime, datetime]]:
        if day not in self.intervals:

            def instant(minute: int) -> datetime:
                d = day + timedelta(days=minute // 1440)
                return datetime(d.year, d.month, d.day, minute % 1440 // 60, minute % 60, tzinfo=self.zone)

            self.intervals[day] = [(instant(o), instant(c)) for o, c in self.ranges(day)]
        return self.intervals[day]

    def is_open(self, t: datetime) -> bool:
        local = t.astimezone(self.zone).date()
        days = (local - timedelta(days=1), local, local + timedelta(days=1))
        return any(o <= t < c for d in days for o, c in self.day(d))

    def due(self, start: datetime, minutes: int) -> datetime:
        t, step = start, timedelta(minutes=1)
        while minutes:
            if self.is_open(t):
                minutes -= 1
            t += step
        return t


@st.composite
def minute_starts(draw: st.DrawFn, w: Written) -> datetime:
    """A whole-minute instant from half a day before to a day after a day the calendar is about."""
    day = draw(st.sampled_from(w.near))
    base = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return base + timedelta(minutes=draw(st.integers(-12 * 60, 24 * 60)))


@settings(max_examples=200, deadline=None)
@given(written_calendars(), st.data(), st.integers(0, 6 * 60))
def test_due_times_match_a_minute_walk_with_special_dates_and_holidays_worked_on(
    w: Written, data: st.DataObject, minutes: int
) -> None:
    start = data.draw(minute_starts(w))
    calendar = clock_of(w)
    due = calendar.add(start, timedelta(minutes=minutes))
    assert same_instant(due, Walk(w).due(start, minutes))
    assert calendar.open_time(start, due) == timedelta(minutes=minutes)
