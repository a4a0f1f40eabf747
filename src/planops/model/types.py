"""Field types shared by the plan models: names, durations, expressions."""

from __future__ import annotations

import re
from datetime import timedelta
from functools import lru_cache
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, TypeAdapter, WithJsonSchema

NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
DURATION_PATTERN = r"^(?:(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?|P(?!$).*)$"
_SHORT = re.compile(r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")
_ISO = TypeAdapter(timedelta)

Priority = Literal["urgent", "high", "normal", "low"]
PRIORITIES: tuple[str, ...] = get_args(Priority)
TargetName = Literal["first_response", "next_response", "resolution"]
TARGETS: tuple[str, ...] = get_args(TargetName)


def parse_duration(value: Any) -> Any:
    """``30m``, ``1h30m``, ``2d`` (24 h a day) or ISO 8601 ``PT4H`` to a timedelta."""
    if not isinstance(value, str):
        if isinstance(value, timedelta):
            return value
        raise ValueError(f"expected a duration like '30m', '4h' or '1h30m', found {value!r}")
    return _parse_text(value)


@lru_cache(maxsize=4096)
def _parse_text(value: str) -> timedelta:
    match = _SHORT.match(value.strip())
    if match and value.strip():
        days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
        return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    if value.startswith("P"):
        try:
            return _ISO.validate_python(value)
        except ValueError:
            pass
    raise ValueError(f"'{value}' is not a duration like '30m', '4h', '1h30m' or 'PT4H'")


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
            "description": "A duration: 30m, 4h, 1h30m, 2d (a day is 24 hours), or ISO 8601 PT4H.",
        }
    ),
]
PositiveDuration = Annotated[Duration, AfterValidator(_positive)]

Name = Annotated[
    str,
    Field(pattern=NAME_PATTERN, description="A name: lowercase letters, digits, '-' and '_'."),
]
Ref = Annotated[str, Field(description="The name of another plan object.")]
Expr = Annotated[
    str,
    Field(
        min_length=1,
        description="A CEL expression over `ticket`, e.g. \"ticket.amount > 500.0\".",
    ),
]
Text = Annotated[str, Field(description="Markdown text, shown in the handbook.")]
