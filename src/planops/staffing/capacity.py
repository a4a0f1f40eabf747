"""What the shifts schedule: each shift as a business-hours clock, and the agent-hours a role has.

A shift works the open hours of its calendar, or its own ``hours:`` in its calendar's time zone with that
calendar's holidays (a calendar's ``special:`` dates are the calendar's, not the shift's: they do not apply
to a shift with its own hours). Agent-hours are headcount × the shift's open time, after shrinkage;
on-call shifts (paged, not working tickets) schedule none.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from planops.plan import CompiledPlan, ValidPlan

if TYPE_CHECKING:
    from planops.engine import BusinessCalendar
    from planops.hours import Week
    from planops.model import Calendar
    from planops.model.staffing import Shift
    from planops.model.team import Role


class Rota:
    """The clock of every shift of a plan, each built once (``rota(plan)``)."""

    def __init__(self, plan: CompiledPlan) -> None:
        self._plan = plan
        self._clocks: dict[int, BusinessCalendar | None] = {}

    def clock(self, shift: Shift) -> BusinessCalendar | None:
        """When the shift works; None when its calendar is not defined or cannot run (reported by validate)."""
        key = id(shift)
        if key not in self._clocks:
            self._clocks[key] = shift_clock(self._plan.calendars, shift)
        return self._clocks[key]


def rota(plan: CompiledPlan) -> Rota:
    """The plan's rota; a ValidPlan keeps it for as long as it lives."""
    if not isinstance(plan, ValidPlan):
        return Rota(plan)
    found = plan.memo.get(Rota)
    if not isinstance(found, Rota):
        found = plan.memo[Rota] = Rota(plan)
    return found


def shift_clock(calendars: Mapping[str, Calendar], shift: Shift) -> BusinessCalendar | None:
    """The business-hours clock of one shift (see the module), None when it cannot be built."""
    from planops.engine import TicketError
    from planops.hours import HoursError, parse_hours

    calendar = calendars.get(shift.calendar) if shift.calendar is not None else None
    if shift.calendar is not None and calendar is None:
        return None
    try:
        week = calendar.week if shift.hours is None and calendar else parse_hours(shift.hours)
        zone = shift.timezone or (calendar.timezone if calendar else "UTC")
        return calendar_clock(zone, week, calendar, own_hours=shift.hours is not None)
    except (TicketError, HoursError, ValueError):
        return None


def calendar_clock(
    zone: str, week: Week | None, calendar: Calendar | None, *, own_hours: bool = False
) -> BusinessCalendar:
    """A clock open ``week`` in ``zone``, closed on the holidays of ``calendar`` (with its special dates unless
    the hours are a shift's own); raises TicketError when it cannot run."""
    from planops.engine import BusinessCalendar

    if calendar is None:
        return BusinessCalendar.create(zone, week)
    holidays = calendar.holidays
    special = None if own_hours else calendar.special_hours
    return BusinessCalendar.create(
        zone, week, holidays.country, holidays.subdivision, holidays.dates, worked=holidays.except_, special=special
    )


def open_spans(clock: BusinessCalendar, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """The clock's open intervals inside [start, end), clipped to it: read from a local date either side, as
    the clock's zone need not be the one ``start`` and ``end`` are written in."""
    first, last = start.date() - timedelta(days=1), end.date() + timedelta(days=1)
    inside = ((max(o, start), min(c, end)) for o, c in clock.open_intervals(first, last))
    return [(o, c) for o, c in inside if c > o]


def paid_hours(plan: CompiledPlan, role: Role, start: datetime, end: datetime) -> float:
    """Agent-hours the role's shifts pay for in [start, end), before shrinkage."""
    clocks = rota(plan)
    total = 0.0
    for shift in role.shifts:
        clock = None if shift.on_call else clocks.clock(shift)
        if clock is not None:
            total += shift.headcount * clock.open_time(start, end).total_seconds() / 3600
    return total


def scheduled_hours(plan: CompiledPlan, role_name: str, start: datetime, end: datetime) -> float | None:
    """Agent-hours the role's shifts schedule in [start, end) (aware datetimes), after shrinkage: the time
    its agents are available for tickets. None when the plan has no such role or the role has no shifts."""
    role = plan.roles.get(role_name)
    if role is None or not role.shifts:
        return None
    return paid_hours(plan, role, start, end) * (1 - role.shrinkage)
