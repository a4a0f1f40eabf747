"""Names inside lists are unique too: roles across every Team, budget lines, routing rules, segments, goals.

Objects of one kind sharing a name are ``duplicate-name`` findings of :mod:`planops.checks.objects`; this
module reports the entries of a list (or of the lists of several documents) that share a name, with the
same code, at the second one, naming where the first is. Mapping keys (workflow states, events) cannot
repeat: the loader reports those as ``duplicate-key``.

Bad::

    kind: Team
    name: support
    roles:
      - {name: agent, title: Agent, tier: 1}
    ---
    kind: Team
    name: billing
    roles:
      - {name: agent, title: Billing agent, tier: 2}   # duplicate-name: role 'agent' is already defined at …
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from planops.checks.objects import DUPLICATE_NAME
from planops.diagnostics import Diagnostic
from planops.loader.document import Path
from planops.model import Budget, Plan, PlanObject, Routing, Segmentation, Team
from planops.plan import CompiledPlan


@dataclass(frozen=True, slots=True)
class Named:
    """One entry of a list that has a name: the object holding it, its path there, and the name."""

    obj: PlanObject
    path: Path
    name: str


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    yield from _repeats(plan, "role", _entries(plan.all(Team), "roles"))
    yield from _repeats(plan, "budget line", _entries(plan.all(Budget), "lines"))
    for routing in plan.all(Routing):
        yield from _repeats(plan, "routing rule", _entries([routing], "rules"))
    for segmentation in plan.all(Segmentation):
        yield from _repeats(plan, "segment", _entries([segmentation], "segments"))
    for manifest in plan.all(Plan):
        yield from _repeats(plan, "goal", _entries([manifest], "goals"))


def _entries(objects: Iterable[PlanObject], key: str) -> Iterator[Named]:
    """Every named entry of the list ``key`` of each object, in file order."""
    for obj in objects:
        for i, entry in enumerate(getattr(obj, key)):
            yield Named(obj, (key, i, "name"), entry.name)


def _repeats(plan: CompiledPlan, what: str, entries: Iterable[Named]) -> Iterator[Diagnostic]:
    first: dict[str, Named] = {}
    for entry in entries:
        earlier = first.setdefault(entry.name, entry)
        if earlier is entry:
            continue
        doc = plan.where(earlier.obj)
        line, col = doc.loc(earlier.path)
        yield DUPLICATE_NAME.at(
            plan,
            entry.obj,
            entry.path,
            f"{what} '{entry.name}' is already defined at {doc.path}:{line}:{col}",
            hint="rename one of them, or remove the repeat",
        )
