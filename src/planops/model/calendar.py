"""Business hours, time zone and holidays."""

from __future__ import annotations

import re
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema, field_validator

from planops.diagnostics import shown
from planops.model.base import Model, PlanObject
from planops.model.types import Day, in_years

if TYPE_CHECKING:
    from planops.hours import Day as DayHours
    from planops.hours import Week

HoursValue = Literal["24x7"] | dict[str, str | list[str]]
DayHoursValue = str | list[str]

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_LOOKS_LIKE_A_DATE = re.compile(r"\s*[+-]?\d{3,}\s*-")


def _iso_day(value: Any) -> Any:
    """A date written exactly YYYY-MM-DD (pydantic alone would also take ``2026-11-27T00:00``)."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise ValueError(f"'{shown(value)}' is not a date like 2026-11-27 (YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{shown(value)}' is not a date: there is no such day") from None


def _date_or_name(value: Any) -> Any:
    """``holidays.except:`` items: a date (YYYY-MM-DD), else a holiday's name as text."""
    if isinstance(value, str) and _LOOKS_LIKE_A_DATE.match(value):
        return in_years(_iso_day(value.strip()))
    if isinstance(value, date):
        return in_years(value)
    if not isinstance(value, str) or not value.strip():
        found = "an empty name" if isinstance(value, str) else f"{shown(value)} ({type(value).__name__})"
        raise ValueError(f"expected a date like 2026-06-19 or a holiday's name like 'Pentecost Monday', found {found}")
    return value.strip()


IsoDay = Annotated[
    date,
    BeforeValidator(_iso_day),
    AfterValidator(in_years),
    WithJsonSchema({"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}),
]
"""A date written YYYY-MM-DD, from MIN_YEAR to MAX_YEAR."""
DateOrName = Annotated[
    date | str,
    BeforeValidator(_date_or_name),
    WithJsonSchema(
        {
            "type": "string",
            "minLength": 1,
            "description": "A date (YYYY-MM-DD), or a holiday's name as the `holidays` package gives it in "
            'English, e.g. "Pentecost Monday" or "Independence Day (observed)".',
        }
    ),
]


class Holidays(Model):
    country: str | None = Field(
        None,
        description="ISO 3166 country code whose public holidays close the calendar, e.g. DE or US "
        "(any country the `holidays` package knows).",
    )
    subdivision: str | None = Field(
        None, description="State or region code of that country, e.g. BE (Berlin) or NY (or its name: Berlin)."
    )
    dates: tuple[Day, ...] = Field((), description="Extra closed days (YYYY-MM-DD).")
    except_: tuple[DateOrName, ...] = Field(
        (),
        alias="except",
        description="Public holidays this calendar works on, with its usual hours for the weekday: a date "
        '(2026-06-19), or a holiday\'s name as the handbook lists it ("Pentecost Monday"), which opens it every year. '
        "A name must be a holiday of the country and subdivision in the plan's effective year, the year "
        "before or the year after.",
    )


class Calendar(PlanObject):
    """When support is open: SLA clocks and timers only run in these hours."""

    kind: Literal["Calendar"] = "Calendar"
    timezone: str = Field(description="IANA time zone, e.g. Europe/Berlin.")
    hours: HoursValue = Field(
        "24x7",
        description='Opening hours per day, e.g. {mon-fri: "09:00-17:00", sat: "10:00-14:00"}, or 24x7.',
    )
    holidays: Holidays = Field(Holidays(), description="Public holidays, extra closed days and holidays worked on.")
    special: dict[IsoDay, DayHoursValue] = Field(
        {},
        description='Hours of single dates that override the week, e.g. {2026-11-27: "07:00-22:00", '
        '2026-12-24: "09:00-12:00", 2026-12-28: closed}; several ranges as in `hours`. A special date on a '
        "public holiday opens it with those hours.",
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return known_zone(value)

    @field_validator("hours")
    @classmethod
    def _valid_hours(cls, value: Any) -> Any:
        from planops.hours import parse_hours

        parse_hours(value)
        return value

    @field_validator("special")
    @classmethod
    def _valid_special(cls, value: dict[date, DayHoursValue]) -> dict[date, DayHoursValue]:
        from planops.hours import HoursError, parse_times

        for day, times in value.items():
            try:
                parse_times(day.isoformat(), times)
            except HoursError as exc:
                exc.where = (day.isoformat(), *exc.where)
                raise
        return value

    @cached_property
    def special_hours(self) -> dict[date, DayHours]:
        """Opening ranges of each special date."""
        from planops.hours import parse_times

        return {day: parse_times(day.isoformat(), times) for day, times in self.special.items()}

    @cached_property
    def week(self) -> Week | None:
        """Opening intervals per weekday (None: always open)."""
        from planops.hours import parse_hours

        return parse_hours(self.hours)


def known_zone(value: str) -> str:
    """``value`` if it is an IANA time zone, else a ValueError saying so (with a suggestion)."""
    from zoneinfo import available_timezones

    if value != "UTC" and value not in _zones(available_timezones):
        raise ValueError(f"'{shown(value)}' is not an IANA time zone like 'Europe/Berlin'{_zone_hint(value)}")
    return value


def _zone_hint(value: str) -> str:
    from planops.diagnostics import did_you_mean
    from planops.timezones import suggestion

    if (region := suggestion(value)) is not None:
        return f"; use {region}"
    close = did_you_mean(value, _ZONES)
    return f" ({close})" if close else ""


_ZONES: set[str] = set()


def _zones(load: Any) -> set[str]:
    if not _ZONES:
        _ZONES.update(load())
    return _ZONES
