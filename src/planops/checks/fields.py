"""The Plan's ticket field declarations fit the built-in fields and each other."""

from __future__ import annotations

from collections.abc import Iterator

from planops.diagnostics import ERROR, Code, Diagnostic
from planops.plan import CompiledPlan

FIELD_CONFLICT = Code(
    "ticket-field-conflict",
    ERROR,
    "A `ticket_fields:` declaration that changes the type of a built-in or already declared field, or declares a "
    "nested field inside a field that is not a map.",
    "ticket_fields:\n  amount: string        # amount is a built-in number\n",
)


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    manifest = plan.manifest
    if manifest is None:
        return
    for conflict in plan.ticket_schema.conflicts:
        yield FIELD_CONFLICT.at(
            plan,
            manifest,
            ("ticket_fields", *conflict.path),
            conflict.message,
            hint="give the field another name, or declare it with its type",
        )


CODES = [FIELD_CONFLICT]
