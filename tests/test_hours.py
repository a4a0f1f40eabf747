from __future__ import annotations

import pytest

from planops.hours import ALL_WEEK, HoursError, format_week, parse_hours

NINE_TO_FIVE = ((540, 1020),)
CLOSED = ()
ALL_CLOSED = "hours: every day is closed; give at least one day's times like '09:00-17:00', or '24x7'"


@pytest.mark.parametrize(
    ("value", "week"),
    [
        ("24x7", None),
        ({"mon-fri": "09:00-17:00"}, (NINE_TO_FIVE,) * 5 + (CLOSED,) * 2),
        ({"mon-fri": "09:00-17:00", "sat": "10:00-14:00", "sun": "closed"}, (NINE_TO_FIVE,) * 5 + (((600, 840),), ())),
        ({"fri-mon": "09:00-17:00"}, (NINE_TO_FIVE,) + (CLOSED,) * 3 + (NINE_TO_FIVE,) * 3),
        ({"sat,sun": "10:00-12:00"}, (CLOSED,) * 5 + (((600, 720),),) * 2),
        ({"mon-tue, thu": "9:00 - 17:00"}, (NINE_TO_FIVE, NINE_TO_FIVE, CLOSED, NINE_TO_FIVE, CLOSED, CLOSED, CLOSED)),
        ({"wed": "08:00-12:00, 13:00-18:00"}, (CLOSED,) * 2 + (((480, 720), (780, 1080)),) + (CLOSED,) * 4),
        ({"wed": ["13:00-18:00", "08:00-12:00"]}, (CLOSED,) * 2 + (((480, 720), (780, 1080)),) + (CLOSED,) * 4),
        ({"mon": "08:00-12:00, 12:00-13:00"}, (((480, 780),),) + (CLOSED,) * 6),
        ({"mon": "09:00–17:00"}, (NINE_TO_FIVE,) + (CLOSED,) * 6),
        ({"mon-sun": "00:00-24:00"}, ALL_WEEK),
        ({"sun": "22:00-24:00", "mon": "00:00-06:00"}, (((0, 360),),) + (CLOSED,) * 5 + (((1320, 1440),),)),
    ],
)
def test_parse_hours(value: object, week: object) -> None:
    assert parse_hours(value) == week


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"mon-fri": "9-17"}, "'mon-fri': '9-17' is not a time range like '09:00-17:00'"),
        ({"mon": 9}, "'mon': 9 is not a time range like '09:00-17:00'"),
        ({"mon": ["09:00-12:00", 13]}, "'mon': 13 is not a time range like '09:00-17:00'"),
        ({"mon": None}, "'mon' has no times; give a time range like '09:00-17:00' or 'closed'"),
        ({"mon": []}, "'mon' has no times; give a time range like '09:00-17:00' or 'closed'"),
        ({"mon": "Closed"}, "'mon': 'Closed' is not a time range like '09:00-17:00'"),
        ({"mon-fri": "09:00-17:00", "wed": "10:00-12:00"}, "day 'wed' is given twice (in 'mon-fri' and 'wed')"),
        ({"mon-wed,tue": "09:00-17:00"}, "day 'tue' is given twice in 'mon-wed,tue'"),
        (
            {"mon-fri": "17:00-09:00"},
            "'mon-fri': '17:00-09:00' closes before it opens; "
            "to stay open past midnight, close at 24:00 and open at 00:00 the next day",
        ),
        ({"mon": "09:00-09:00"}, "'mon': '09:00-09:00' opens and closes at the same time"),
        ({"mon": "09:00-24:30"}, "'mon': 24:30 in '09:00-24:30' is not a time between 00:00 and 24:00"),
        ({"mon": "09:60-17:00"}, "'mon': 09:60 in '09:60-17:00' is not a time between 00:00 and 24:00"),
        ({"mon": "08:00-12:00, 11:00-13:00"}, "'mon': '08:00-12:00' and '11:00-13:00' overlap"),
        ({"tues": "09:00-17:00"}, "unknown day 'tues' (did you mean 'tue'?)"),
        ({"Mon-Fri": "09:00-17:00"}, "unknown day 'Mon' in 'Mon-Fri' (did you mean 'mon'?)"),
        ({"thursday": "09:00-17:00"}, "unknown day 'thursday' (did you mean 'thu'?)"),
        ({"weekdays": "09:00-17:00"}, "unknown day 'weekdays'; days are mon, tue, wed, thu, fri, sat, sun"),
        ({"mon-mon": "09:00-17:00"}, "'mon-mon' starts and ends on the same day; write 'mon' for one day"),
        ({"sat,": "09:00-17:00"}, "'sat,' is not a day like 'mon', a range like 'mon-fri' or a list like 'sat,sun'"),
        ({1: "09:00-17:00"}, "1 is not a day like 'mon', a range like 'mon-fri' or a list like 'sat,sun'"),
        ({"mon-sun": "closed"}, ALL_CLOSED),
        ({}, ALL_CLOSED),
        ("24/7", "hours must be '24x7' or days with times like {'mon-fri': '09:00-17:00'}, not '24/7'"),
        (["mon"], "hours must be '24x7' or days with times like {'mon-fri': '09:00-17:00'}, not ['mon']"),
    ],
)
def test_parse_hours_errors(value: object, message: str) -> None:
    with pytest.raises(HoursError) as caught:
        parse_hours(value)
    assert str(caught.value) == message


def test_hours_error_is_a_value_error() -> None:
    # pydantic turns a ValueError raised in a validator into a finding on the field.
    assert issubclass(HoursError, ValueError)


@pytest.mark.parametrize(
    ("value", "rows"),
    [
        (
            {"mon-fri": "09:00-17:00", "sat": "10:00-14:00"},
            [("Mon–Fri", "09:00–17:00"), ("Sat", "10:00–14:00"), ("Sun", "Closed")],
        ),
        ("24x7", [("Mon–Sun", "00:00–24:00")]),
        ({"mon-sun": "00:00-24:00"}, [("Mon–Sun", "00:00–24:00")]),
        (
            {"mon,wed": "08:00-12:00, 13:00-18:00", "tue": "09:00-17:00"},
            [
                ("Mon", "08:00–12:00, 13:00–18:00"),
                ("Tue", "09:00–17:00"),
                ("Wed", "08:00–12:00, 13:00–18:00"),
                ("Thu–Sun", "Closed"),
            ],
        ),
        ({"sat-sun": "10:00-12:00"}, [("Mon–Fri", "Closed"), ("Sat–Sun", "10:00–12:00")]),
    ],
)
def test_format_week(value: object, rows: list[tuple[str, str]]) -> None:
    assert format_week(parse_hours(value)) == rows
