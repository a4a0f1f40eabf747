"""A ticket's values against the plan's ticket fields: what is wrong, and the typed form the engine reads."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

from planops.diagnostics import did_you_mean, shown
from planops.model.scenario import describe
from planops.ticketfields import TicketField, duration_of, is_value, timestamp_of, type_words

Path = tuple[str | int, ...]

MAX_ITEM_PROBLEMS = 10
"""Findings about the items of one list: the first ten say what is wrong with the rest."""


@dataclass(frozen=True, slots=True)
class ValueProblem:
    """Where in the ticket, what is wrong, the fix; ``unknown`` for a field the plan does not declare."""

    path: Path
    message: str
    hint: str | None = None
    unknown: bool = False


def problems(
    ticket: Mapping[str, Any], fields: Mapping[str, TicketField], skip: frozenset[str] = frozenset()
) -> list[ValueProblem]:
    """Every field the plan does not know, every value of the wrong type or outside the allowed values.

    ``skip`` names top-level fields checked elsewhere (``channel`` has its own finding).
    """
    return list(_fields((), ticket, fields, skip))


def _fields(
    path: Path, values: Mapping[Any, Any], fields: Mapping[str, TicketField], skip: frozenset[str]
) -> Iterator[ValueProblem]:
    for key, value in values.items():
        name = str(key)
        f = fields.get(name)
        if f is None:
            dotted = _dotted((*path, name))
            yield ValueProblem(
                (*path, name),
                f"ticket field '{dotted}' is not a known ticket field",
                did_you_mean(name, fields) or "declare it in the Plan under ticket_fields:",
                unknown=True,
            )
        elif name not in skip:
            yield from _value((*path, name), value, f)


def _value(path: Path, value: Any, f: TicketField) -> Iterator[ValueProblem]:
    if value is None:
        return
    if (
        not is_value(f.type, value)
        or (f.type == "list" and not isinstance(value, list))
        or (f.type == "map" and not isinstance(value, Mapping))
    ):
        yield ValueProblem(
            path, f"ticket field '{_dotted(path)}' is {type_words(f)}, found {describe(value)}", _example(f)
        )
        return
    if f.type == "map" and f.fields is not None:
        yield from _fields(path, value, f.fields, frozenset())
    elif f.type == "list":
        item = TicketField(f.items, values=f.values)
        wrong = (p for i, each in enumerate(value) for p in _value((*path, i), each, item))
        yield from islice(wrong, MAX_ITEM_PROBLEMS)
    elif f.values is not None and value not in f.values:
        listed = ", ".join(shown(v, 40) for v in f.values[:12]) + (", …" if len(f.values) > 12 else "")
        yield ValueProblem(
            path,
            f"ticket field '{_dotted(path)}' is one of {listed}; found {shown(repr(value), 60)}",
            did_you_mean(str(value), (str(v) for v in f.values)),
        )


def _example(f: TicketField) -> str:
    examples = {
        "string": "write text, in quotes if it looks like a number",
        "number": "write a number, e.g. 1200.0",
        "integer": "write a whole number, e.g. 3",
        "bool": "write true or false",
        "timestamp": "write an ISO 8601 time with an offset, e.g. 2026-03-27T16:30:00+01:00",
        "duration": "write a duration like 30m, 4h or 1h30m",
        "list": "write a list, e.g. [a, b]",
        "map": "write a mapping of fields",
    }
    return examples.get(f.type, "")


def _dotted(path: Path) -> str:
    return shown("".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip("."))


def typed(ticket: Mapping[str, Any], fields: Mapping[str, TicketField]) -> dict[str, Any]:
    """The ticket as CEL reads it: numbers as decimals, timestamps and durations parsed (others as given).

    A ``number`` given as ``500`` compares and adds like ``500.0``, so an
    expression that the checker accepts for one ticket works for every ticket.
    """
    return {k: _typed(v, fields.get(str(k))) for k, v in ticket.items()}


def _typed(value: Any, f: TicketField | None) -> Any:
    if f is None or value is None:
        return value
    kind = f.type
    if kind == "number" and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind in ("timestamp", "duration") and isinstance(value, str):
        parsed = timestamp_of(value) if kind == "timestamp" else duration_of(value)
        return value if parsed is None else parsed  # not `or`: a duration of 0s is false
    if kind == "map" and f.fields is not None and isinstance(value, Mapping):
        return typed(value, f.fields)
    if kind == "list" and isinstance(value, list) and f.items in ("number", "timestamp", "duration"):
        item = TicketField(f.items)
        return [_typed(v, item) for v in value]
    return value
