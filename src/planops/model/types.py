"""Field types shared by the plan models: names, durations, expressions."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field, PlainSerializer, TypeAdapter, WithJsonSchema

from planops.diagnostics import shown
from planops.limits import MAX_DURATION_DAYS, MAX_NAME_CHARS, MAX_YEAR, MIN_YEAR

NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
DURATION_PATTERN = r"^(?:(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?|P(?!$).*)$"
_SHORT = re.compile(r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")
_ISO = TypeAdapter(timedelta)

D = TypeVar("D", bound=date)

Priority = Literal["urgent", "high", "normal", "low"]
PRIORITIES: tuple[str, ...] = get_args(Priority)
TargetName = Literal["first_response", "next_response", "resolution"]
TARGETS: tuple[str, ...] = get_args(TargetName)


MAX_DURATION = timedelta(days=MAX_DURATION_DAYS)
MAX_SECONDS = int(MAX_DURATION.total_seconds())


def parse_duration(value: Any) -> Any:
    """``30m``, ``1h30m``, ``2d`` (24 h a day) or ISO 8601 ``PT4H`` to a timedelta, from zero to MAX_DURATION."""
    if not isinstance(value, str):
        if isinstance(value, timedelta):
            return _bounded(value, str(value))
        raise ValueError(f"expected a duration like '30m', '4h' or '1h30m', found {shown(repr(value))}")
    return _parse_text(value)


@lru_cache(maxsize=4096)
def _parse_text(value: str) -> timedelta:
    match = _SHORT.match(value.strip())
    if match and value.strip():
        # more than 11 digits is beyond any bound: not converted (int() refuses 4,300 digits)
        days, hours, minutes, seconds = (int(g or 0) if len(g or "") < 12 else MAX_SECONDS + 1 for g in match.groups())
        total = ((days * 24 + hours) * 60 + minutes) * 60 + seconds
        return _bounded(timedelta(seconds=min(total, MAX_SECONDS + 1)), value)
    if value.startswith("P"):
        try:
            parsed = _ISO.validate_python(value)
        except ValueError:
            pass
        else:
            return _bounded(parsed, value)
    raise ValueError(f"'{shown(value)}' is not a duration like '30m', '4h', '1h30m' or 'PT4H'")


def _bounded(value: timedelta, written: str) -> timedelta:
    if value < timedelta(0):
        raise ValueError(f"'{shown(written)}' is negative; a duration is zero or longer")
    if value > MAX_DURATION:
        raise ValueError(
            f"'{shown(written)}' is longer than durations may be: at most "
            f"{format_duration(MAX_DURATION)} ({MAX_DURATION_DAYS} days)"
        )
    return value


def format_duration(value: timedelta) -> str:
    """The short form users write: ``1h30m``, ``40h``, ``45m``.

    No days: SLA targets count business hours, where "1d16h" would read as
    calendar days.
    """
    total = int(value.total_seconds())
    parts = []
    for unit, size in (("h", 3600), ("m", 60), ("s", 1)):
        if total >= size:
            parts.append(f"{total // size}{unit}")
            total %= size
    return "".join(parts) or "0m"


def _positive(value: timedelta) -> timedelta:
    if value <= timedelta(0):
        raise ValueError("a duration must be longer than zero")
    return value


Duration = Annotated[
    timedelta,
    BeforeValidator(parse_duration),
    PlainSerializer(format_duration, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": DURATION_PATTERN,
            "description": "A duration: 30m, 4h, 1h30m, 2d (a day is 24 hours), or ISO 8601 PT4H; "
            f"at most {MAX_DURATION_DAYS} days.",
        }
    ),
]
PositiveDuration = Annotated[Duration, AfterValidator(_positive)]

Name = Annotated[
    str,
    Field(
        pattern=NAME_PATTERN,
        max_length=MAX_NAME_CHARS,
        description=f"A name: lowercase letters, digits, '-' and '_' (at most {MAX_NAME_CHARS} characters).",
    ),
]
Ref = Annotated[str, Field(max_length=MAX_NAME_CHARS, description="The name of another plan object.")]
Expr = Annotated[
    str,
    Field(
        min_length=1,
        description='A CEL expression over `ticket`, e.g. "ticket.amount > 500.0".',
    ),
]
Text = Annotated[str, Field(description="Markdown text, shown in the handbook.")]


def in_years(value: D) -> D:
    """A date or timestamp from MIN_YEAR to MAX_YEAR; ValueError (saying the range) otherwise."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"{value.isoformat()} is outside the years {MIN_YEAR} to {MAX_YEAR} that planops computes in")
    return value


Day = Annotated[date, AfterValidator(in_years)]
"""A date from MIN_YEAR to MAX_YEAR."""
Timestamp = Annotated[AwareDatetime, AfterValidator(in_years)]
"""An ISO 8601 timestamp with an offset, from MIN_YEAR to MAX_YEAR."""
