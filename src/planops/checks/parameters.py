"""Where each parameter of the Plan is used (a ``plan.x`` naming none is checked with the expressions)."""

from __future__ import annotations

from dataclasses import dataclass

from planops.checks.expressions import expressions
from planops.diagnostics import Code
from planops.loader.document import Path
from planops.model import PlanObject, Routing, Segmentation, SLAPolicy, Workflow
from planops.parameters import references
from planops.plan import CompiledPlan


@dataclass(frozen=True, slots=True)
class Use:
    """Where an expression reads a parameter: (word, name) pairs, ("workflow", "billing-dispute"), ("state", "x")."""

    kind: str  # the plan kind of the object that holds the expression
    parts: tuple[tuple[str, str], ...]

    @property
    def words(self) -> str:
        """``workflow billing-dispute state triage``."""
        return " ".join(f"{word} {name}" for word, name in self.parts)


def uses(plan: CompiledPlan) -> dict[str, tuple[Use, ...]]:
    """Each parameter's uses (a parameter no expression reads has none), each place once, in plan order."""
    declared = plan.manifest.parameters if plan.manifest else {}
    found: dict[str, dict[Use, None]] = {name: {} for name in declared}
    for obj, path, source in expressions(plan):
        for ref in references(source):
            if ref.name in found:
                found[ref.name].setdefault(_use(obj, path), None)
    return {name: tuple(places) for name, places in found.items()}


def _use(obj: PlanObject, path: Path) -> Use:
    if isinstance(obj, Segmentation):
        return Use("Segmentation", (("segment", obj.segments[int(path[1])].name),))
    if isinstance(obj, Routing):
        return Use("Routing", (("routing rule", obj.rules[int(path[1])].name),))
    if isinstance(obj, Workflow):
        return Use("Workflow", (("workflow", obj.name), ("state", str(path[1]))))
    if isinstance(obj, SLAPolicy):
        return Use("SLAPolicy", (("SLA policy", obj.name),))
    return Use(obj.kind, ((obj.kind, obj.name),))


CODES: list[Code] = []  # a `plan.x` that names no parameter: checks.expressions (unknown-parameter)
