"""scheduled_hours: agent-hours the shifts of a role schedule in a window, after shrinkage."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from tests.helpers import edit

from planops.diagnostics import Severity
from planops.pipeline import check_plan
from planops.plan import CompiledPlan
from planops.staffing.capacity import scheduled_hours

BERLIN = ZoneInfo("Europe/Berlin")
AGENT = "queues: [frontline, escalations]}"


def _plan(plan_dir: Path, shifts: str, shrinkage: str = "30%") -> CompiledPlan:
    edit(plan_dir / "team.yaml", AGENT, AGENT[:-1] + f", shrinkage: {shrinkage}, shifts: [{shifts}]}}")
    plan, found = check_plan(plan_dir)
    assert [d.code for d in found if d.severity is Severity.ERROR] == []
    assert plan is not None
    return plan


def test_a_week_of_a_calendar_shift_is_headcount_times_open_hours_after_shrinkage(plan_dir: Path) -> None:
    plan = _plan(plan_dir, "{name: day, calendar: office, headcount: 2}")
    # the starter office: Mon-Fri 09:00-17:30 London, English holidays (none in this week)
    start, end = datetime(2026, 6, 1, tzinfo=BERLIN), datetime(2026, 6, 8, tzinfo=BERLIN)
    assert scheduled_hours(plan, "agent", start, end) == pytest.approx(2 * 42.5 * 0.7)


def test_a_public_holiday_of_the_calendar_is_not_worked(plan_dir: Path) -> None:
    plan = _plan(plan_dir, "{name: day, calendar: office, headcount: 1}", "0%")
    start, end = datetime(2026, 5, 25, tzinfo=BERLIN), datetime(2026, 5, 27, tzinfo=BERLIN)  # Spring bank holiday
    assert scheduled_hours(plan, "agent", start, end) == pytest.approx(8.5)


def test_own_hours_in_the_calendars_zone_and_a_window_cutting_a_shift(plan_dir: Path) -> None:
    plan = _plan(plan_dir, '{name: early, calendar: office, hours: {mon-fri: "08:00-12:00"}, headcount: 2}', "0%")
    start, end = (
        datetime(2026, 6, 1, 10, tzinfo=BERLIN),
        datetime(2026, 6, 1, 11, 30, tzinfo=BERLIN),
    )  # 09:00-10:30 London
    assert scheduled_hours(plan, "agent", start, end) == pytest.approx(2 * 1.5)


def test_hours_with_a_time_zone_and_no_calendar(plan_dir: Path) -> None:
    plan = _plan(plan_dir, '{name: ny, hours: {mon-fri: "09:00-17:00"}, timezone: America/New_York, headcount: 1}')
    start = datetime(2026, 6, 1, 0, tzinfo=BERLIN)
    end = datetime(2026, 6, 2, 0, tzinfo=BERLIN)  # New York's Monday 09:00-17:00 is 15:00-23:00 in Berlin
    assert scheduled_hours(plan, "agent", start, end) == pytest.approx(8 * 0.7)


def test_a_role_without_shifts_or_not_in_the_plan_has_none(plan_dir: Path) -> None:
    plan = _plan(plan_dir, "{name: day, calendar: office, headcount: 2}")
    start, end = datetime(2026, 6, 1, tzinfo=BERLIN), datetime(2026, 6, 8, tzinfo=BERLIN)
    assert scheduled_hours(plan, "support-lead", start, end) is None
    assert scheduled_hours(plan, "nobody", start, end) is None


def test_open_spans_read_the_clocks_own_dates_around_a_window_written_in_another_zone() -> None:
    from datetime import UTC

    from planops.staffing.capacity import calendar_clock, open_spans

    sunday_evenings = calendar_clock("America/New_York", ((),) * 6 + (((18 * 60, 22 * 60),),), None)
    berlin = ZoneInfo("Europe/Berlin")
    start, end = datetime(2026, 3, 2, tzinfo=berlin), datetime(2026, 3, 9, tzinfo=berlin)  # Monday to Monday
    spans = [(o.astimezone(UTC), c.astimezone(UTC)) for o, c in open_spans(sunday_evenings, start, end)]
    # Berlin's Monday 00:00 is New York's Sunday 18:00: the first Sunday's evening falls inside the window
    assert spans == [
        (datetime(2026, 3, 1, 23, tzinfo=UTC), datetime(2026, 3, 2, 3, tzinfo=UTC)),
        (datetime(2026, 3, 8, 22, tzinfo=UTC), datetime(2026, 3, 8, 23, tzinfo=UTC)),
    ]
