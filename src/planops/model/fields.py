"""How a plan declares the fields its tickets carry (the Plan's ``ticket_fields:``).

A field is given by its type alone (``invoice_id: string``) or in full::

    ticket_fields:
      category: {type: string, values: [billing, refund, outage]}
      customer:
        type: map
        fields:
          tier: {type: string, values: [gold, silver, bronze]}
          order_count: integer
      customer.churn_risk: bool      # a dotted name declares a nested field too

planops declares the built-in fields itself (planops.ticketfields); a
declaration of one of them may add allowed values or nested fields, not change
its type.
"""

from __future__ import annotations

from typing import Literal, Union

from pydantic import Field, model_validator

from planops.limits import MAX_NAME_CHARS
from planops.model.base import Model

FieldType = Literal["string", "number", "integer", "bool", "timestamp", "duration", "list", "map"]
"""``number`` is a decimal (CEL double: ``500.0``); ``integer`` a whole number (CEL int: ``500``)."""

FIELD_TYPES: tuple[str, ...] = FieldType.__args__  # type: ignore[attr-defined]

Allowed = Union[str, int, float]  # noqa: UP007 - pydantic reads the union at run time


class FieldSpec(Model):
    """One ticket field: its type and, optionally, the values it may take or the fields it holds."""

    type: FieldType = Field(description="string, number, integer, bool, timestamp, duration, list or map.")
    values: tuple[Allowed, ...] | None = Field(
        None,
        max_length=1000,
        description="The only values the field may take (for a list: its items), e.g. [billing, refund, outage].",
    )
    items: FieldType | None = Field(None, description="For a list: the type of its items (default: string).")
    fields: dict[str, FieldDecl] | None = Field(
        None,
        description="For a map: the fields it holds, each a type or a full declaration. "
        "Without `fields:` a map may hold any key.",
    )
    description: str | None = Field(None, max_length=MAX_NAME_CHARS * 10, description="What the field means.")

    @model_validator(mode="after")
    def _fits_type(self) -> FieldSpec:
        if self.fields is not None and self.type != "map":
            raise ValueError(f"`fields:` is for a map; this field is a {self.type}")
        if self.items is not None and self.type != "list":
            raise ValueError(f"`items:` is for a list; this field is a {self.type}")
        if self.values is not None and self.type in ("bool", "map", "timestamp", "duration"):
            raise ValueError(f"`values:` lists allowed text or numbers; a {self.type} field cannot have them")
        return self


FieldDecl = Union[FieldType, FieldSpec]  # noqa: UP007
FieldSpec.model_rebuild()


def spec_of(decl: FieldDecl) -> FieldSpec:
    """The full declaration of a field given by its type alone or in full."""
    return decl if isinstance(decl, FieldSpec) else FieldSpec(type=decl)
