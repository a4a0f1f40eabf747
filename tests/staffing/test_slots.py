"""Open time binned into slots of the week: wall-clock slots, real-time minutes, daylight saving changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from planops.staffing.slots import Window, binned, label, slot_count

BERLIN = ZoneInfo("Europe/Berlin")


def test_a_labelled_week_of_slots() -> None:
    assert (slot_count(30), slot_count(60)) == (336, 168)
    assert (label(0, 30), label(19, 30), label(335, 30), label(167, 60)) == (
        "Mon 00:00",
        "Mon 09:30",
        "Sun 23:30",
        "Sun 23:00",
    )


def test_an_interval_is_split_into_the_slots_it_touches_in_local_time() -> None:
    opens = datetime(2026, 6, 1, 9, 15, tzinfo=BERLIN)  # a Monday
    minutes = binned([(opens, opens + timedelta(minutes=50))], BERLIN, 30)
    assert {i: m for i, m in enumerate(minutes) if m} == {18: 15.0, 19: 30.0, 20: 5.0}


def test_a_week_that_wraps_from_sunday_to_monday() -> None:
    opens = datetime(2026, 6, 7, 23, 30, tzinfo=BERLIN)  # Sunday
    minutes = binned([(opens, opens + timedelta(hours=1))], BERLIN, 60)
    assert {i: m for i, m in enumerate(minutes) if m} == {167: 30.0, 0: 30.0}


@pytest.mark.parametrize(
    ("day", "sunday_2am"),
    [(datetime(2026, 3, 29, tzinfo=BERLIN), 0.0), (datetime(2026, 10, 25, tzinfo=BERLIN), 120.0)],
)
def test_daylight_saving_days_have_23_and_25_real_hours(day: datetime, sunday_2am: float) -> None:
    minutes = binned([(day, day + timedelta(days=1))], BERLIN, 60)
    assert minutes[6 * 24 + 2] == pytest.approx(sunday_2am)  # 02:00-03:00 is skipped in spring, twice in autumn
    assert sum(minutes) == pytest.approx((23 if sunday_2am == 0 else 25) * 60)  # real time, not wall-clock


def test_a_window_counts_its_weeks() -> None:
    start = datetime(2026, 7, 1, tzinfo=UTC)
    assert Window(start, start + timedelta(days=91)).weeks == 13
