"""The functions and macros expressions may call: what the ``cel`` evaluator provides, with their types.

Each entry is (receiver kinds for a method call or None for a global call,
argument kinds, result kind); ``*`` stands for any kind. A test runs every
entry through the evaluator, so the table cannot promise a function it lacks.
"""

from __future__ import annotations

Signature = tuple[frozenset[str] | None, tuple[str, ...], str]

_ANY = "*"
_TEXT = frozenset({"string"})
_SIZED = frozenset({"string", "bytes", "list", "map"})
_TIME = frozenset({"timestamp"})
_SPAN = frozenset({"duration"})

_TIMESTAMP_PARTS = (
    "getFullYear",
    "getMonth",
    "getDate",
    "getDayOfMonth",
    "getDayOfWeek",
    "getDayOfYear",
)
_CLOCK_PARTS = ("getHours", "getMinutes", "getSeconds", "getMilliseconds")
_NUMBERS = ("int", "uint", "double")


def _conversion(result: str, kinds: tuple[str, ...]) -> tuple[Signature, ...]:
    """A conversion such as ``int(x)``: one overload per kind it converts (``int(true)`` has none)."""
    return tuple((None, (kind,), result) for kind in kinds)


FUNCTIONS: dict[str, tuple[Signature, ...]] = {
    "size": ((None, ("sized",), "int"), (_SIZED, (), "int")),
    "contains": ((_TEXT, ("string",), "bool"),),
    "startsWith": ((_TEXT, ("string",), "bool"),),
    "endsWith": ((_TEXT, ("string",), "bool"),),
    "matches": ((_TEXT, ("string",), "bool"),),
    "int": _conversion("int", (*_NUMBERS, "string")),
    "uint": _conversion("uint", (*_NUMBERS, "string")),
    "double": _conversion("double", (*_NUMBERS, "string")),
    "string": _conversion("string", (*_NUMBERS, "string", "bytes", "timestamp", "duration")),
    "bytes": _conversion("bytes", ("string", "bytes")),
    "timestamp": _conversion("timestamp", ("string", "timestamp")),
    "duration": _conversion("duration", ("string", "duration")),
    "dyn": ((None, (_ANY,), "dyn"),),
    "type": ((None, (_ANY,), "type"),),
    **{part: ((_TIME, (), "int"),) for part in _TIMESTAMP_PARTS},  # in UTC: the evaluator takes no time zone
    **{part: ((_TIME, (), "int"), (_SPAN, (), "int")) for part in _CLOCK_PARTS},
}

MACROS = frozenset({"has", "all", "exists", "exists_one", "map", "filter"})
"""Calls whose first argument is a name bound in the second (``has`` takes a field selection)."""

TYPE_NAMES = frozenset({"int", "uint", "double", "bool", "string", "bytes", "list", "map", "null_type", "type"})
"""Names that stand for a type as values, as in ``type(x) == int``."""


def known_names() -> list[str]:
    """Every function and macro name (for did-you-mean)."""
    return sorted({*FUNCTIONS, *MACROS})
