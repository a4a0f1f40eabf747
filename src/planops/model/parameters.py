"""Named parameters of a plan: values every ``when:`` reads as ``plan.<name>``.

A limit written once (``refund_approval_limit: 500.0``) and read by a routing
rule, a workflow guard and a policy changes in one place, and the diff reports
one change. A parameter is a plain value, or ``{value: ..., description: ...}``
for the handbook. Values are numbers, text, ``true``/``false``, or durations:
text written as a duration (``2h``, ``1h30m``, ``PT4H``) is one, and CEL reads
it as a duration (``ticket.waited > plan.grace``).
"""

from __future__ import annotations

import math
import re
from datetime import timedelta
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, PlainValidator, WithJsonSchema

from planops.diagnostics import shown
from planops.limits import MAX_NAME_CHARS, MAX_PARAMETER_NUMBER, MAX_PARAMETER_TEXT, MAX_PARAMETERS
from planops.model.base import Model
from planops.model.types import format_duration, parse_duration

IDENTIFIER = r"^[A-Za-z_][A-Za-z0-9_]*$"
_IDENTIFIER = re.compile(IDENTIFIER)
CEL_RESERVED = frozenset(
    {
        *("false", "in", "null", "true"),  # literals and the membership operator
        *("as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop"),
        *("package", "namespace", "return", "var", "void", "while"),  # reserved by the CEL specification
    }
)
"""Words CEL does not accept after ``plan.``: its literals, ``in`` and the words its specification reserves."""

_DURATION = re.compile(
    r"^(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?$"  # 30m, 1h30m, 2d
    r"|^P(?=[\dT])(?:\d+[YMWD])*(?:T(?:\d+(?:\.\d+)?[HMS])+)?$"  # ISO 8601: PT4H, P1D
)
"""Text that is written as a duration: it becomes one (or a finding, when out of range)."""

Value = bool | int | float | timedelta | str


class ParameterError(ValueError):
    """A parameter that is not valid; ``where`` is the key inside ``parameters:``, ``at_key`` when the name is wrong."""

    def __init__(self, message: str, name: str, *, at_key: bool = False) -> None:
        super().__init__(message)
        self.where: tuple[str | int, ...] = (name,)
        self.at_key = at_key


def check_name(name: str) -> str | None:
    """Why ``name`` cannot be a parameter's name (None: it can)."""
    if len(name) > MAX_NAME_CHARS:
        return f"a parameter's name is at most {MAX_NAME_CHARS} characters, found {len(name):,}"
    if not _IDENTIFIER.match(name):
        fixed = re.sub(r"[^A-Za-z0-9_]", "_", name)
        fixed = fixed if _IDENTIFIER.match(fixed) else f"_{fixed}"
        return (
            f"'{shown(name)}' cannot be read as plan.{shown(name)}: use letters, digits and '_', "
            f"not starting with a digit (e.g. '{shown(fixed)}')"
        )
    if name in CEL_RESERVED:
        return f"'{name}' is a word CEL reserves, so plan.{name} would not parse: choose another name"
    return None


def check_value(value: Any) -> Value:
    """The value a parameter holds, bounded; ValueError saying what is allowed otherwise."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if not (math.isfinite(value) and abs(value) <= MAX_PARAMETER_NUMBER):
            raise ValueError(
                f"{_number(value)} is out of range for a parameter: give a number from "
                f"{-MAX_PARAMETER_NUMBER:,} to {MAX_PARAMETER_NUMBER:,}"
            )
        return value
    if isinstance(value, timedelta):
        return parse_duration(value)  # type: ignore[no-any-return]
    if isinstance(value, str):
        if value and _DURATION.match(value):
            return parse_duration(value)  # type: ignore[no-any-return]
        if len(value) > MAX_PARAMETER_TEXT:
            raise ValueError(f"a parameter's text is at most {MAX_PARAMETER_TEXT:,} characters, found {len(value):,}")
        return value
    raise ValueError(f"a parameter's value is a number, text, true/false or a duration like 2h, found {_kind(value)}")


def _number(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else shown(value)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    return "a list" if isinstance(value, list) else type(value).__name__


def written(value: Value) -> Any:
    """A value as plan files write it: a duration as ``2h``, anything else as it is."""
    return format_duration(value) if isinstance(value, timedelta) else value


_VALUE_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "number", "minimum": -MAX_PARAMETER_NUMBER, "maximum": MAX_PARAMETER_NUMBER},
        {"type": "boolean"},
        {"type": "string", "maxLength": MAX_PARAMETER_TEXT},
    ],
    "description": "A number, true/false, text, or a duration: text written like 30m, 2h, 1h30m or PT4H is one.",
}

ParameterValue = Annotated[
    Value,
    PlainValidator(check_value),
    PlainSerializer(written),
    WithJsonSchema(_VALUE_SCHEMA),
]


class Parameter(Model):
    """One named value; written plainly (``limit: 500.0``) or with a description for the handbook."""

    value: ParameterValue = Field(description="The value: a number, true/false, text, or a duration like 2h.")
    description: str | None = Field(None, description="What the value means, shown in the handbook.")


def _wrapped(value: Any) -> Any:
    """A plain value is the parameter's value."""
    return value if isinstance(value, dict | Parameter) else {"value": value}


def _names_and_count(found: dict[str, Parameter]) -> dict[str, Parameter]:
    if len(found) > MAX_PARAMETERS:
        name = list(found)[MAX_PARAMETERS]
        raise ParameterError(f"a plan has at most {MAX_PARAMETERS} parameters, found {len(found):,}", name, at_key=True)
    return found


def _name(name: str) -> str:
    problem = check_name(name)
    if problem is not None:
        raise ValueError(problem)
    return name


_ENTRY_SCHEMA = {
    "anyOf": [
        _VALUE_SCHEMA,
        {
            "type": "object",
            "properties": {
                "value": _VALUE_SCHEMA,
                "description": {"type": "string", "description": "What the value means, shown in the handbook."},
            },
            "required": ["value"],
            "additionalProperties": False,
        },
    ]
}

Parameters = Annotated[
    dict[
        Annotated[str, AfterValidator(_name)],
        Annotated[Parameter, BeforeValidator(_wrapped), WithJsonSchema(_ENTRY_SCHEMA)],
    ],
    AfterValidator(_names_and_count),
    Field(
        json_schema_extra={
            "propertyNames": {
                "pattern": IDENTIFIER,
                "maxLength": MAX_NAME_CHARS,
                "not": {"enum": sorted(CEL_RESERVED)},
            },
            "maxProperties": MAX_PARAMETERS,
        }
    ),
]
"""``parameters:`` of the Plan: names (CEL identifiers) to parameters."""
