"""CEL types as the checker infers them, and how a declared ticket field maps onto one."""

from __future__ import annotations

from dataclasses import dataclass

from planops.ticketfields import TicketField

NUMERIC = frozenset({"int", "uint", "double"})
ORDERED = frozenset({"int", "uint", "double", "string", "bytes", "bool", "timestamp", "duration"})


@dataclass(frozen=True, slots=True)
class Type:
    """``kind`` is a CEL type name (``dyn`` when unknown); ``elem`` a list's items or a map's values.

    ``field`` is the ticket field (or parameter) a value was read from: it knows
    the nested fields and the allowed values; ``path`` names it for messages.
    """

    kind: str
    elem: Type | None = None
    field: TicketField | None = None
    path: str = ""

    @property
    def values(self) -> tuple[object, ...] | None:
        return self.field.values if self.field is not None else None

    def words(self) -> str:
        """How a message names the type: "text", "a number"."""
        if self.kind == "list" and self.elem is not None and self.elem.kind != "dyn":
            return f"a list of {_PLURAL.get(self.elem.kind, self.elem.kind)}"
        return _WORDS.get(self.kind, self.kind)


DYN = Type("dyn")
BOOL = Type("bool")
INT = Type("int")
STRING = Type("string")
TYPE = Type("type")

_WORDS = {
    "string": "text",
    "int": "a whole number (int)",
    "uint": "an unsigned number (uint)",
    "double": "a decimal number (double)",
    "bool": "true or false",
    "bytes": "bytes",
    "null": "null",
    "timestamp": "a timestamp",
    "duration": "a duration",
    "list": "a list",
    "map": "a mapping",
    "type": "a type",
}
_PLURAL = {"string": "text", "int": "whole numbers", "double": "decimal numbers", "bool": "booleans"}

_FIELD_KINDS = {"number": "double", "integer": "int", "string": "string", "bool": "bool"}


def of_field(f: TicketField, path: str) -> Type:
    """The CEL type of a value read from a declared field (a ``number`` is a double: the engine makes it one)."""
    if f.type == "list":
        return Type("list", of_field(TicketField(f.items, values=f.values), f"{path}[]"), f, path)
    if f.type == "map":
        return Type("map", DYN, f, path)
    return Type(_FIELD_KINDS.get(f.type, f.type), None, f, path)


def comparable(a: Type, b: Type) -> bool:
    """Whether ``==`` between values of these types can ever be true."""
    if "dyn" in (a.kind, b.kind) or "null" in (a.kind, b.kind):
        return True
    if a.kind in NUMERIC and b.kind in NUMERIC:
        return True
    return a.kind == b.kind


def ordered(a: Type, b: Type) -> bool:
    """Whether ``<`` between values of these types is defined."""
    if "dyn" in (a.kind, b.kind):
        return True
    if a.kind in NUMERIC and b.kind in NUMERIC:
        return True
    return a.kind == b.kind and a.kind in ORDERED
