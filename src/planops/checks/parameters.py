"""Every ``plan.x`` an expression reads is a parameter of the Plan; where each parameter is used."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from planops.checks.expressions import expressions
from planops.diagnostics import ERROR, Code, Diagnostic, did_you_mean
from planops.expr import position
from planops.loader.document import Path
from planops.model import PlanObject, Routing, Segmentation, SLAPolicy, Workflow
from planops.parameters import references
from planops.plan import CompiledPlan

UNKNOWN_PARAMETER = Code(
    "unknown-parameter",
    ERROR,
    "An expression reads `plan.<name>`, but the Plan has no parameter of that name under `parameters:`.",
    "kind: Plan\nparameters:\n  refund_approval_limit: 500.0\n---\nkind: Routing\nrules:\n"
    '  - name: big\n    when: "ticket.amount > plan.refund_limit"\n',
)


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    if plan.is_broken("Plan"):
        return  # its parameters are unknown, and the manifest's finding says why
    declared = tuple(plan.manifest.parameters) if plan.manifest else ()
    for obj, path, source in expressions(plan):
        for ref in references(source):
            if ref.name not in declared:
                yield _unknown(plan, obj, path, source, ref.offset, ref.name, declared)


def _unknown(
    plan: CompiledPlan, obj: PlanObject, path: Path, source: str, offset: int, name: str, declared: tuple[str, ...]
) -> Diagnostic:
    doc = plan.where(obj)
    line, col = doc.text_loc(path, *position(source, offset))
    return UNKNOWN_PARAMETER.located(
        doc.path,
        line,
        col,
        f"'plan.{name}' is not a parameter of this plan",
        did_you_mean(name, declared) or "declare it in the Plan under parameters:",
    )


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


CODES = [UNKNOWN_PARAMETER]
