"""The plan's named parameters as expressions see them: ``plan.<name>`` in every ``when:``.

The Plan's ``parameters:`` (planops.model.parameters) become one map, built
once per plan, that the engine adds to the evaluation context of every
expression that reads ``plan``; ``cel_types`` gives each parameter's type for
the expression checks, and ``references`` finds the ``plan.x`` an expression
reads, at its offset, for findings and for the handbook and the diff.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from planops.expr import code_only

if TYPE_CHECKING:
    from planops.model import Plan
    from planops.model.parameters import Value

VARIABLE = "plan"
"""The CEL variable that holds the parameters."""

_READ = re.compile(r"\bplan\b(?P<tail>\s*\.\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)|\s*\[)?")


@dataclass(frozen=True, slots=True)
class ParameterRef:
    """A ``plan.name`` (or ``plan['name']``) read by an expression; ``offset`` is where ``name`` starts."""

    name: str
    offset: int


def values(manifest: Plan | None) -> dict[str, Value]:
    """Every parameter's value by name: the ``plan`` map expressions read (empty without parameters).

    A new dict each call: the engine builds it once per plan and shares it, unchanged, with every expression.
    """
    if manifest is None:
        return {}
    return {name: p.value for name, p in manifest.parameters.items()}


def cel_type(value: Value) -> str:
    """The type of a parameter's value, in the words of ticket field types: number, integer, string, bool or duration.

    ``500`` is an integer (CEL int) and ``500.0`` a number (CEL double): the engine passes the value as written,
    and CEL adds neither to the other.
    """
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, timedelta):
        return "duration"
    return "string"


def shown(value: Value) -> str:
    """A value as plain text, as plan files write it: ``500.0``, ``true``, ``2h``, “de”."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, timedelta):
        from planops.model.types import format_duration

        return format_duration(value)
    if isinstance(value, str):
        return f"“{value}”"
    return repr(value)


def same(a: Value, b: Value) -> bool:
    """Whether two values are the same to CEL: ``1``, ``1.0`` and ``true`` are three values."""
    return type(a) is type(b) and a == b


def cel_types(manifest: Plan | None) -> dict[str, str]:
    """Each parameter's type by name (see ``cel_type``): what ``plan.<name>`` is to a type checker."""
    return {name: cel_type(value) for name, value in values(manifest).items()}


def references(source: str) -> list[ParameterRef]:
    """Every ``plan.x`` and ``plan['x']`` the expression reads, in order, from its syntax tree.

    ``ticket.customer.plan`` is a ticket field, not the variable; text and
    comments are not code. An expression the grammar cannot read reads none.
    """
    if VARIABLE not in source:  # most expressions: not parsed again
        return []
    from planops.celcheck.reads import reads_of

    return [ParameterRef(read.field.split(".")[0], read.offset) for read in reads_of(source, VARIABLE) or ()]


def reads_plan(source: str) -> bool:
    """Whether the expression names the ``plan`` variable at all (so its context needs the parameters)."""
    if VARIABLE not in source:
        return False
    code = code_only(source)
    return any(not _after_dot(code, m.start()) for m in _READ.finditer(code))


def _after_dot(code: str, at: int) -> bool:
    at -= 1
    while at >= 0 and code[at].isspace():
        at -= 1
    return at >= 0 and code[at] == "."
