"""Every field a ticket may carry, with its type: planops's built-in fields merged with the Plan's declarations.

One ``Fields`` tree is built per plan (``CompiledPlan.ticket_schema``) and read by
the CEL checker (planops.celcheck), the scenario and ``route`` ticket checks
(``ticket_problems``), the engine (``typed``: numbers as decimals, timestamps and
durations parsed) and the handbook's reference.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from planops.model.fields import FieldDecl, FieldSpec, spec_of
from planops.model.types import PRIORITIES


@dataclass(frozen=True, slots=True)
class TicketField:
    """One field: ``type`` as declared; ``fields`` None for an open map (any key); ``items`` for a list's items."""

    type: str
    description: str = ""
    values: tuple[Any, ...] | None = None
    items: str = "string"
    fields: Mapping[str, TicketField] | None = field(default=None, compare=False)
    builtin: bool = False

    def child(self, name: str) -> TicketField | None:
        """The nested field ``name`` of a map (an open map's are ``dyn``); None where there is none."""
        if self.type != "map":
            return None
        if self.fields is None:
            return DYN
        return self.fields.get(name)


DYN = TicketField("dyn", "Any value.")


def _builtin(kind: str, description: str, **more: Any) -> TicketField:
    return TicketField(kind, description, builtin=True, **more)


CUSTOMER: dict[str, TicketField] = {
    "id": _builtin("string", "The customer's id in the helpdesk or CRM."),
    "name": _builtin("string", "The customer's (company) name."),
    "email": _builtin("string", "The customer's e-mail address."),
    "annual_value": _builtin("number", "What the customer pays a year, in the Budget's currency."),
    "country": _builtin("string", "The customer's country (ISO code, e.g. DE)."),
    "language": _builtin("string", "The customer's preferred language (e.g. de)."),
}

BUILTIN: dict[str, TicketField] = {
    "channel": _builtin("string", "The channel the ticket came in on: a Channel's name."),
    "category": _builtin("string", "What the ticket is about, e.g. billing."),
    "priority": _builtin("string", "urgent, high, normal or low: given, or set by routing.", values=PRIORITIES),
    "segment": _builtin("string", "The customer segment: given, or decided by the Segmentation."),
    "queue": _builtin("string", "The queue: given, or set by routing."),
    "workflow": _builtin("string", "The workflow: given, or set by routing."),
    "amount": _builtin("number", "The money at stake, e.g. a disputed invoice total."),
    "region": _builtin("string", "Where the customer is served from, e.g. EU."),
    "language": _builtin("string", "The ticket's language (e.g. de)."),
    "subject": _builtin("string", "The ticket's subject line."),
    "tags": _builtin("list", "Helpdesk tags on the ticket.", items="string"),
    "created": _builtin("timestamp", "When the ticket came in (ISO 8601 with an offset)."),
    "customer": _builtin("map", "Who raised the ticket.", fields=CUSTOMER),
}
"""The fields planops knows without a declaration, listed in the README and the handbook's reference."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """A declaration that cannot be merged: where under ``ticket_fields:``, and why."""

    path: tuple[str, ...]
    message: str


def build(
    declared: Mapping[str, FieldDecl], names: Mapping[str, Sequence[str]]
) -> tuple[dict[str, TicketField], list[Conflict]]:
    """The plan's ticket fields: BUILTIN, the plan's ``names`` as allowed values, then its declarations."""
    fields = {k: _named(v, names.get(k)) for k, v in BUILTIN.items()}
    conflicts: list[Conflict] = []
    for key, decl in declared.items():
        _declare(fields, key.split("."), spec_of(decl), (key,), conflicts)
    return fields, conflicts


def _named(builtin: TicketField, names: Sequence[str] | None) -> TicketField:
    return replace(builtin, values=tuple(names)) if names and builtin.values is None else builtin


def _declare(
    into: dict[str, TicketField], parts: list[str], spec: FieldSpec, where: tuple[str, ...], out: list[Conflict]
) -> None:
    head, rest = parts[0], parts[1:]
    here = into.get(head)
    if rest:
        if here is None:
            here = TicketField("map", fields={})
        elif here.type != "map":
            out.append(Conflict(where, f"'{head}' is a {here.type}, so it holds no field '{'.'.join(rest)}'"))
            return
        inner = dict(here.fields or {})
        if here.fields is None:  # an open map stays open: declaring one of its fields types that field
            into[head] = here
            return
        _declare(inner, rest, spec, where, out)
        into[head] = replace(here, fields=inner)
        return
    into[head] = _merged(here, spec, where, out)


def _merged(old: TicketField | None, spec: FieldSpec, where: tuple[str, ...], out: list[Conflict]) -> TicketField:
    new = TicketField(
        spec.type,
        spec.description or (old.description if old else ""),
        spec.values,
        spec.items or "string",
        None if spec.type != "map" else ({} if spec.fields is not None else None),
    )
    if old is not None and old.type != spec.type:
        kind = "built-in" if old.builtin else "declared"
        out.append(
            Conflict((*where, "type"), f"'{where[-1]}' is a {kind} {old.type} field, declared here as a {spec.type}")
        )
        return old
    if old is not None:
        new = replace(new, values=spec.values if spec.values is not None else old.values, builtin=old.builtin)
        if spec.type == "map" and old.fields is not None:
            new = replace(new, fields=dict(old.fields))
    if spec.type == "map" and spec.fields is not None:
        inner = dict(new.fields or {})
        for key, decl in spec.fields.items():
            _declare(inner, key.split("."), spec_of(decl), (*where, "fields", key), out)
        new = replace(new, fields=inner)
    return new


def walk(fields: Mapping[str, TicketField], prefix: str = "") -> Iterator[tuple[str, TicketField]]:
    """Every field by its dotted name, parents before their fields."""
    for name, f in fields.items():
        yield prefix + name, f
        if f.fields:
            yield from walk(f.fields, f"{prefix}{name}.")


def names(fields: Mapping[str, TicketField]) -> list[str]:
    """Every dotted field name (for did-you-mean)."""
    return [name for name, _ in walk(fields)]


def type_words(f: TicketField) -> str:
    """How a message names the field's type: "a number", "a list of text"."""
    words = {
        "string": "text",
        "number": "a number",
        "integer": "a whole number",
        "bool": "true or false",
        "timestamp": "a timestamp",
        "duration": "a duration",
        "map": "a mapping",
        "dyn": "any value",
    }
    if f.type == "list":
        return f"a list of {_plural(f.items)}"
    return words.get(f.type, f.type)


def _plural(kind: str) -> str:
    return {"string": "text", "number": "numbers", "integer": "whole numbers", "bool": "booleans"}.get(kind, f"{kind}s")


def is_value(kind: str, value: Any) -> bool:
    """Whether a plain (YAML or JSON) value can be a field of type ``kind``."""
    if kind in ("dyn", "map", "list") or value is None:
        return True
    if kind == "string":
        return isinstance(value, str)
    if kind in ("number", "integer"):
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        return numeric and (kind == "number" or isinstance(value, int))
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "timestamp":
        return isinstance(value, datetime) or (isinstance(value, str) and timestamp_of(value) is not None)
    if kind == "duration":
        return isinstance(value, timedelta) or (isinstance(value, str) and duration_of(value) is not None)
    return True


def timestamp_of(text: str) -> datetime | None:
    """An ISO 8601 time with an offset, else None."""
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def duration_of(text: str) -> timedelta | None:
    """A duration as plan files write it (``30m``, ``PT4H``), else None."""
    from planops.model.types import parse_duration

    try:
        value: timedelta = parse_duration(text)
    except ValueError:
        return None
    return value
