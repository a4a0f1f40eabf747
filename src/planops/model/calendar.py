"""Business hours, time zone and holidays."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator

from planops.model.base import Model, PlanObject
from planops.model.types import Day

if TYPE_CHECKING:
    from planops.hours import Week

HoursValue = Literal["24x7"] | dict[str, str | list[str]]


class Holidays(Model):
    country: str | None = Field(None, description="ISO country code for public holidays, e.g. DE or US.")
    subdivision: str | None = Field(None, description="State or region code, e.g. BE (Berlin) or NY.")
    dates: tuple[Day, ...] = Field((), description="Extra closed days (YYYY-MM-DD).")


class Calendar(PlanObject):
    """When support is open: SLA clocks and timers only run in these hours."""

    kind: Literal["Calendar"] = "Calendar"
    timezone: str = Field(description="IANA time zone, e.g. Europe/Berlin.")
    hours: HoursValue = Field(
        "24x7",
        description='Opening hours per day, e.g. {mon-fri: "09:00-17:00", sat: "10:00-14:00"}, or 24x7.',
    )
    holidays: Holidays = Field(Holidays(), description="Public holidays and extra closed days.")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import available_timezones

        if value != "UTC" and value not in _zones(available_timezones):
            raise ValueError(f"'{value}' is not an IANA time zone like 'Europe/Berlin'")
        return value

    @field_validator("hours")
    @classmethod
    def _valid_hours(cls, value: Any) -> Any:
        from planops.hours import parse_hours

        parse_hours(value)
        return value

    @cached_property
    def week(self) -> Week | None:
        """Opening intervals per weekday (None: always open)."""
        from planops.hours import parse_hours

        return parse_hours(self.hours)


_ZONES: set[str] = set()


def _zones(load: Any) -> set[str]:
    if not _ZONES:
        _ZONES.update(load())
    return _ZONES
