"""Exported ticket columns typed as the plan declares its ticket fields (planops.ticketfields), in SQL.

A column that names a field of type number, integer, bool or timestamp becomes a DOUBLE, BIGINT, BOOLEAN or
TIMESTAMPTZ column; a field with ``values:`` (a channel, segment or priority the plan has, or a declared
list) accepts only those. An empty cell is a missing field, not a bad one. A value that does not read as
its type, or is not one of the allowed values, makes its row bad, by kind ``bad_type:<type>:<column>`` or
``bad_value:<column>`` (planops.actuals.reader counts and reports them, with row numbers). Lists, maps,
durations and free text stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planops.actuals.timestamps import instant_sql, problem_sql

if TYPE_CHECKING:
    from planops.ticketfields import TicketField

CASTS = {"number": "DOUBLE", "integer": "BIGINT", "bool": "BOOLEAN"}
BAD_TYPE = "bad_type:"
BAD_VALUE = "bad_value:"
_SKIPPED = ("id", "created_at", "created", "row")


@dataclass(frozen=True, slots=True)
class Typed:
    """One column's SQL: its typed value, and the kind of bad row it makes (NULL for a good one)."""

    value: str
    problem: str


def typed_columns(
    fields: Mapping[str, TicketField],
    columns: Sequence[str],
    zone: str | None,
    years: Callable[[str], tuple[int, int]] = lambda _column: (1970, 1970),
) -> dict[str, Typed]:
    """The columns of ``columns`` (text) that the plan types or restricts, each as :class:`Typed` SQL;
    ``years(column)`` gives the first and last year of a timestamp column's naive times (see timestamps)."""
    from planops.ticketfields import walk

    flat = dict(walk(fields))
    found = {}
    for column in columns:
        field = flat.get(column)
        if field is None or column in _SKIPPED or (field.type not in (*CASTS, "timestamp") and not field.values):
            continue
        found[column] = _typed(column, field, zone, years(column) if field.type == "timestamp" else (1970, 1970))
    return found


def _typed(column: str, field: TicketField, zone: str | None, years: tuple[int, int]) -> Typed:
    text = f"NULLIF(trim({_q(column)}), '')"
    if field.type == "timestamp":
        value = f"CASE WHEN {text} IS NOT NULL THEN {instant_sql(text, zone, years)} END"
        kind = _s(f"{BAD_TYPE}timestamp:{column}")
        checked = problem_sql(text, zone)
        problem = f"CASE WHEN {text} IS NULL THEN NULL WHEN {checked} = 'bad_timestamp' THEN {kind} ELSE {checked} END"
        return Typed(value, problem)
    value = _cast(text, field.type)
    problems = []
    if field.type in CASTS:
        problems.append(f"WHEN {value} IS NULL THEN {_s(BAD_TYPE + field.type + ':' + column)}")
    if field.values:
        allowed = ", ".join(_literal(v) for v in field.values)
        problems.append(f"WHEN {value} NOT IN ({allowed}) THEN {_s(BAD_VALUE + column)}")
    return Typed(value, f"CASE WHEN {text} IS NULL THEN NULL {' '.join(problems)} END")


def _cast(text: str, kind: str) -> str:
    """Only what the engine reads as the type: whole numbers for an integer, true or false for a bool."""
    if kind == "integer":
        return f"CASE WHEN regexp_full_match({text}, '[+-]?[0-9]+') THEN TRY_CAST({text} AS BIGINT) END"
    if kind == "bool":
        return f"CASE lower({text}) WHEN 'true' THEN true WHEN 'false' THEN false END"
    return f"TRY_CAST({text} AS {CASTS[kind]})" if kind in CASTS else text


def meaning(kind: str) -> str | None:
    """What a bad row of one of these kinds means, or None for another kind."""
    if kind.startswith(BAD_TYPE):  # the plan's field types: the model is imported only here (an untyped read
        from planops.ticketfields import TicketField, type_words  # may run on a thread while the plan loads)

        kind_of, _, column = kind[len(BAD_TYPE) :].partition(":")
        return f"a {column} that is not {type_words(TicketField(kind_of))} (as the plan's ticket fields declare it)"
    if kind.startswith(BAD_VALUE):
        return f"a {kind[len(BAD_VALUE) :]} that is not one of the values the plan allows for it"
    return None


def _literal(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        from sqlglot import exp

        return exp.Literal.number(value).sql("duckdb")
    return _s(str(value))


def _q(name: str) -> str:
    from sqlglot import exp  # imported when a column is typed: reading an untyped export needs none of it

    return exp.to_identifier(name, quoted=True).sql("duckdb")


def _s(text: str) -> str:
    from sqlglot import exp

    return exp.Literal.string(text).sql("duckdb")
