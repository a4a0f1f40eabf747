"""Every CEL expression compiles and reads only known ticket fields."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from planops.checks.base import ERROR, Code
from planops.diagnostics import Diagnostic, did_you_mean
from planops.expr import ExprError, compile_expr, field_names, field_refs, known_field
from planops.loader.yaml12 import Path
from planops.model import PlanObject
from planops.plan import CompiledPlan

CEL_SYNTAX = Code(
    "cel-syntax", ERROR, "A `when:` that is not a valid CEL expression.",
    "rules:\n  - name: big\n    when: \"ticket.amount >\"\n",
)
UNKNOWN_FIELD = Code(
    "unknown-field", ERROR,
    "An expression reads a ticket field that is neither built in nor declared in the Plan's `ticket_fields:`.",
    "rules:\n  - name: big\n    when: \"ticket.ammount > 500.0\"\n",
)


def expressions(plan: CompiledPlan) -> Iterator[tuple[PlanObject, Path, str]]:
    """Every (object, path, expression) of the plan."""
    if plan.segmentation is not None:
        for i, segment in enumerate(plan.segmentation.segments):
            if segment.when:
                yield plan.segmentation, ("segments", i, "when"), segment.when
    for policy in plan.sla_policies:
        if policy.when:
            yield policy, ("when",), policy.when
    if plan.routing is not None:
        for i, rule in enumerate(plan.routing.rules):
            if rule.when:
                yield plan.routing, ("rules", i, "when"), rule.when
    for workflow in plan.workflows.values():
        for state_name, state in workflow.states.items():
            for event, target in state.on.items():
                if isinstance(target, str):
                    continue
                for i, branch in enumerate(target):
                    if branch.when:
                        yield workflow, ("states", state_name, "on", event, i, "when"), branch.when


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    declared: Mapping[str, str] = plan.manifest.ticket_fields if plan.manifest else {}
    for obj, path, source in expressions(plan):
        yield from _check_one(plan, obj, path, source, declared)


def _check_one(
    plan: CompiledPlan, obj: PlanObject, path: Path, source: str, declared: Mapping[str, str]
) -> Iterator[Diagnostic]:
    doc = plan.where(obj)
    try:
        compile_expr(source)
    except ExprError as exc:
        line, col = doc.text_loc(path, exc.line, exc.col)
        yield Diagnostic(doc.path, line, col, CEL_SYNTAX.code, CEL_SYNTAX.severity, f"CEL {exc}")
        return
    for ref in field_refs(source):
        if known_field(ref.name, declared):
            continue
        before = source[: ref.offset]
        line, col = doc.text_loc(path, before.count("\n") + 1, ref.offset - (before.rfind("\n") + 1) + 1)
        yield Diagnostic(
            doc.path, line, col, UNKNOWN_FIELD.code, UNKNOWN_FIELD.severity,
            f"'ticket.{ref.name}' is not a known ticket field",
            did_you_mean(ref.name, field_names(declared)) or "declare it in the Plan under ticket_fields:",
        )


CODES = [CEL_SYNTAX, UNKNOWN_FIELD]
