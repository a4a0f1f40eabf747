"""Shifts and service levels: who works when, and what a channel promises while they do.

```yaml
roles:
  - name: frontline-agent
    shrinkage: 30%          # paid time not spent on tickets: breaks, training, absence
    max_occupancy: 85%      # the busiest an agent may be kept
    shifts:
      - {name: early, calendar: berlin-office, hours: {mon-fri: "08:00-13:00"}, headcount: 2}
      - {name: saturday, calendar: berlin-office, hours: {sat: "10:00-14:00"}, headcount: 1}
---
kind: Channel
name: chat
handle_time: 6m
service_level: {answered: 80%, within: 20s}
patience: 2m                # mean wait before a live customer gives up (Erlang A)
forecast: {tickets_per_month: 1200}
```
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator

from planops.diagnostics import shown
from planops.limits import MAX_HEADCOUNT
from planops.model.base import Model
from planops.model.calendar import HoursValue
from planops.model.types import Name, PositiveDuration, Ref

MAX_TICKETS_PER_MONTH = 100_000_000
"""A channel's forecast volume: a hundred million tickets a month."""

_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")


def parse_share(value: Any) -> Any:
    """``30%`` or a number from 0 to 1 (``0.3``) to a share from 0 to 1."""
    if isinstance(value, str):
        match = _PERCENT.match(value)
        if match is None:
            raise ValueError(f"'{shown(value)}' is not a percentage like '30%' (or a share like 0.3)")
        value = float(match.group(1)) / 100
    elif isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a percentage like '30%' (or a share like 0.3), found {shown(repr(value))}")
    if not 0 <= value <= 1:
        raise ValueError(f"{shown(repr(value))} is not a share from 0% to 100%")
    return float(value)


Share = Annotated[
    float,
    BeforeValidator(parse_share),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%\s*$"},
                {"type": "number", "minimum": 0, "maximum": 1},
            ],
            "description": "A percentage like 30% (or a share from 0 to 1 like 0.3).",
        }
    ),
]


class Shift(Model):
    name: Name = Field(description="The shift's name, e.g. early or saturday.")
    calendar: Ref | None = Field(
        None,
        description="A Calendar: its time zone and holidays apply, and its open hours are the shift's "
        "unless `hours:` gives others.",
    )
    hours: HoursValue | None = Field(
        None,
        description='The hours the shift works, in the shape a Calendar\'s `hours:` has, e.g. {mon-fri: "08:00-13:00"} '
        "(default: the calendar's open hours).",
    )
    timezone: str | None = Field(None, description="IANA time zone of `hours:` when no calendar is given.")
    headcount: float = Field(
        gt=0, le=MAX_HEADCOUNT, description="Agents on the shift at once (paid, before shrinkage)."
    )
    on_call: bool = Field(
        False,
        description="Paged when needed rather than working tickets: the shift covers its hours for the coverage "
        "checks, but `planops staff` does not count it as scheduled agents.",
    )

    @model_validator(mode="after")
    def _when_and_where(self) -> Shift:
        from planops.hours import parse_hours
        from planops.model.calendar import known_zone

        if self.calendar is None and self.hours is None:
            raise ValueError("a shift needs a calendar (its open hours) or hours: give `calendar:` or `hours:`")
        if self.hours is not None:
            parse_hours(self.hours)
            if self.calendar is None and self.timezone is None:
                raise ValueError("hours without a calendar need a time zone: add `timezone:` (e.g. Europe/Berlin)")
        if self.timezone is not None:
            known_zone(self.timezone)
        return self


class ServiceLevel(Model):
    answered: Share = Field(description="The share of tickets answered within `within:`, e.g. 80%.")
    within: PositiveDuration = Field(
        description="Live channels: the wait in real time (20s); async channels: business hours of the "
        "channel's calendar (4h)."
    )


class Forecast(Model):
    tickets_per_month: float = Field(
        gt=0,
        le=MAX_TICKETS_PER_MONTH,
        description="Tickets expected a month, spread evenly over the channel's open hours.",
    )
