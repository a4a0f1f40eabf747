"""A parameter's change is one change, with where it is read, not a change of every rule that reads it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from planops.checks.parameters import Use, uses
from planops.output.escape import md_code
from planops.parameters import same, shown
from planops.plan import CompiledPlan
from planops.review.changes import Change, Maker

if TYPE_CHECKING:
    from planops.model.parameters import Parameter


def changes(old: CompiledPlan, new: CompiledPlan) -> list[Change]:
    """Parameters added, removed, or given another value or description, between two versions of the Plan.

    A Plan that is added, removed or renamed is reported as that already: its parameters are not listed again.
    """
    a, b = old.manifest, new.manifest
    if a is None or b is None or a.name != b.name or not (a.parameters or b.parameters):
        return []
    m = Maker("plan", "Plan", b.name)
    read_new, read_old = uses(new), uses(old)
    found = []
    for name in dict.fromkeys([*a.parameters, *b.parameters]):
        where = _where(read_new.get(name) or read_old.get(name) or ())
        found += _one(m, name, a.parameters.get(name), b.parameters.get(name), where)
    return found


def _one(m: Maker, name: str, x: Parameter | None, y: Parameter | None, where: tuple[str, ...]) -> list[Change]:
    what = f"parameter {md_code(name)}"
    if x is None or y is None:
        before = None if x is None else shown(x.value)
        after = None if y is None else shown(y.value)
        return [_used(m.change(what, before, after), where)]
    found = []
    if not same(x.value, y.value):
        found.append(_used(m.change(what, shown(x.value), shown(y.value)), where))
    if x.description != y.description:
        found.append(m.text(f"{what} description"))
    return found


def _used(change: Change, where: tuple[str, ...]) -> Change:
    return replace(change, used_by=where)


def _where(found: Sequence[Use]) -> tuple[str, ...]:
    """Each place as inline Markdown: ``workflow `billing-dispute` state `triage` ``."""
    return tuple(" ".join(f"{word} {md_code(name)}" for word, name in use.parts) for use in found)
