"""Every CEL expression compiles and reads only known ticket fields."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from planops.checks.base import in_broken_document
from planops.diagnostics import ERROR, Code, Diagnostic, did_you_mean
from planops.expr import ExprError, ExprTooCostly, code_only, compile_expr, field_names, field_refs, known_field
from planops.loader.document import Path
from planops.model import PlanObject
from planops.model.types import PRIORITIES
from planops.plan import CompiledPlan

CEL_SYNTAX = Code(
    "cel-syntax",
    ERROR,
    "A `when:` that is not a valid CEL expression.",
    'rules:\n  - name: big\n    when: "ticket.amount >"\n',
)
TOO_COSTLY = Code(
    "expr-too-costly",
    ERROR,
    "An expression longer, more deeply nested or costlier to evaluate than planops allows (see planops.limits): "
    "checked on its text, before it is compiled or run.",
    'rules:\n  - name: big\n    when: "[1, 2, 3].all(a, [1, 2, 3].all(b, [1, 2, 3].all(c, a + b + c > 0)))"\n',
)
UNKNOWN_FIELD = Code(
    "unknown-field",
    ERROR,
    "An expression reads a ticket field that is neither built in nor declared in the Plan's `ticket_fields:`.",
    'rules:\n  - name: big\n    when: "ticket.ammount > 500.0"\n',
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


UNKNOWN_NAME = Code(
    "unknown-name",
    ERROR,
    "An expression compares ticket.segment, ticket.channel or ticket.priority with a name the plan does not have.",
    "kind: SLAPolicy\nname: vip\norder: 1\nwhen: \"ticket.segment == 'vpi'\"\n",
)
_COMPARED = re.compile(r"""ticket\.(segment|channel|priority)\s*(?:==|!=)\s*(['"])(.*?)\2""")


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    declared: Mapping[str, str] = plan.manifest.ticket_fields if plan.manifest else {}
    names = {"segment": plan.segment_names, "channel": tuple(plan.channels), "priority": PRIORITIES}
    for obj, path, source in expressions(plan):
        yield from _check_one(plan, obj, path, source, declared)
        yield from _compared_names(plan, obj, path, source, names)


def _compared_names(
    plan: CompiledPlan, obj: PlanObject, path: Path, source: str, names: Mapping[str, Sequence[str]]
) -> Iterator[Diagnostic]:
    code = code_only(source)
    for match in _COMPARED.finditer(source):
        if code[match.start()] == " ":  # in a comment or a string: not code
            continue
        field, value = match.group(1), match.group(3)
        known = names[field]
        if known and value not in known and not in_broken_document(plan, field, value):
            doc = plan.where(obj)
            before = source[: match.start(3)]
            line, col = doc.text_loc(path, before.count("\n") + 1, match.start(3) - (before.rfind("\n") + 1) + 1)
            yield UNKNOWN_NAME.located(
                doc.path, line, col, f"'{value}' is not a {field} of this plan", did_you_mean(value, known)
            )


def _check_one(
    plan: CompiledPlan, obj: PlanObject, path: Path, source: str, declared: Mapping[str, str]
) -> Iterator[Diagnostic]:
    doc = plan.where(obj)
    try:
        compile_expr(source)
    except ExprTooCostly as exc:
        line, col = doc.text_loc(path, exc.line, exc.col)
        yield TOO_COSTLY.located(doc.path, line, col, str(exc))
        return
    except ExprError as exc:
        line, col = doc.text_loc(path, exc.line, exc.col)
        yield CEL_SYNTAX.located(doc.path, line, col, f"CEL {exc}")
        return
    for ref in field_refs(source):
        if known_field(ref.name, declared):
            continue
        before = source[: ref.offset]
        line, col = doc.text_loc(path, before.count("\n") + 1, ref.offset - (before.rfind("\n") + 1) + 1)
        yield UNKNOWN_FIELD.located(
            doc.path,
            line,
            col,
            f"'ticket.{ref.name}' is not a known ticket field",
            did_you_mean(ref.name, field_names(declared)) or "declare it in the Plan under ticket_fields:",
        )


CODES = [CEL_SYNTAX, TOO_COSTLY, UNKNOWN_FIELD, UNKNOWN_NAME]
