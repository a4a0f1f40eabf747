"""The plan's Calendar objects as business-hours clocks, each built once per plan."""

from __future__ import annotations

from planops.engine.clock import ALWAYS_OPEN, BusinessCalendar
from planops.engine.errors import ClockError
from planops.engine.tickets import TicketError
from planops.model import Calendar
from planops.plan import CompiledPlan


class Calendars:
    """``calendars[name]`` is that calendar's clock; ``None`` is the always-open one."""

    def __init__(self, plan: CompiledPlan) -> None:
        self._models = plan.calendars
        self._built: dict[str | None, BusinessCalendar] = {None: ALWAYS_OPEN}

    def __getitem__(self, name: str | None) -> BusinessCalendar:
        found = self._built.get(name)
        if found is None:
            model = self._models.get(name or "")
            if model is None:
                raise TicketError(f"calendar {name!r} does not exist")
            found = self._built[name] = business_calendar(model)
        return found


def business_calendar(model: Calendar) -> BusinessCalendar:
    """The clock of one Calendar; a calendar it cannot run on is a TicketError naming it."""
    holidays = model.holidays
    try:
        return BusinessCalendar.create(
            model.timezone,
            model.week,
            holidays.country,
            holidays.subdivision,
            holidays.dates,
            worked=holidays.except_,
            special=model.special_hours,
        )
    except ClockError as exc:
        raise TicketError(f"calendar '{model.name}': {exc}") from None
