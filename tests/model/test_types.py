"""Durations as plan authors write them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from planops.model.types import format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30m", timedelta(minutes=30)),
        ("4h", timedelta(hours=4)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        ("2d", timedelta(days=2)),
        ("PT4H", timedelta(hours=4)),
        ("PT1H30M", timedelta(hours=1, minutes=30)),
        ("P1D", timedelta(days=1)),
    ],
)
def test_parse(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "2 hours", "h", "4x", "P", "PT", "-1h", "1.5h"])
def test_bad_durations_say_what_is_expected(text: str) -> None:
    with pytest.raises(ValueError, match="is not a duration like '30m', '4h', '1h30m' or 'PT4H'"):
        parse_duration(text)


def test_numbers_are_not_durations() -> None:
    with pytest.raises(ValueError, match="expected a duration like '30m'"):
        parse_duration(30)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (timedelta(minutes=45), "45m"),
        (timedelta(hours=40), "40h"),
        (timedelta(hours=1, minutes=30), "1h30m"),
        (timedelta(0), "0m"),
    ],
)
def test_format_counts_hours_not_days(value: timedelta, text: str) -> None:
    assert format_duration(value) == text
    assert value == timedelta(0) or parse_duration(text) == value
