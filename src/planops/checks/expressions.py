"""Every CEL expression compiles and reads only known ticket fields."""

from __future__ import annotations

from collections.abc import Iterator

from planops.checks.base import in_broken_document
from planops.diagnostics import ERROR, Code, Diagnostic
from planops.expr import ExprError, ExprTooCostly, compile_expr, position
from planops.loader.document import Path
from planops.model import PlanObject
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
    "An expression reads a ticket field (at any depth, also `ticket['x']`) that is neither built in nor declared "
    "in the Plan's `ticket_fields:`.",
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
    "An expression compares ticket.segment, ticket.channel, ticket.priority or ticket.queue with a name the plan "
    "does not have.",
    "kind: SLAPolicy\nname: vip\norder: 1\nwhen: \"ticket.segment == 'vpi'\"\n",
)
UNKNOWN_VALUE = Code(
    "unknown-value",
    ERROR,
    "An expression compares a ticket field with a value outside the field's `values:`.",
    "ticket_fields:\n  category: {type: string, values: [billing, refund]}\n"
    "# ...\nwhen: \"ticket.category == 'refunds'\"\n",
)
UNKNOWN_VARIABLE = Code(
    "unknown-variable",
    ERROR,
    "An expression reads a name that is not a variable: expressions read `ticket` (and `plan` for parameters).",
    "when: \"tikcet.category == 'billing'\"\n",
)
UNKNOWN_FUNCTION = Code(
    "unknown-function",
    ERROR,
    "An expression calls a function or macro that CEL does not provide here (or a macro with the wrong arguments).",
    'when: "launch(ticket.category)"\n',
)
TYPE_MISMATCH = Code(
    "type-mismatch",
    ERROR,
    "An operation whose operands can never work together: text compared with a number, an int added to a "
    "decimal, a field read from text. At run time it would quietly not match.",
    "when: \"ticket.amount > '300'\"\n",
)
NOT_A_CONDITION = Code(
    "not-a-condition",
    ERROR,
    "A `when:` (or an operand of `&&`, `||`, `!`) that is not true or false, such as a bare field.",
    'when: "ticket.category"\n',
)
CONSTANT_ERROR = Code(
    "constant-error",
    ERROR,
    "A part of an expression without any ticket field that fails whenever it is evaluated.",
    'when: "1 / 0 == 1"\n',
)

UNKNOWN_PARAMETER = Code(
    "unknown-parameter",
    ERROR,
    "An expression reads `plan.<name>`, but the Plan has no parameter of that name under `parameters:`.",
    "kind: Plan\nparameters:\n  refund_approval_limit: 500.0\n---\nkind: Routing\nrules:\n"
    '  - name: big\n    when: "ticket.amount > plan.refund_limit"\n',
)

_CODES = {
    "field": UNKNOWN_FIELD,
    "name": UNKNOWN_NAME,
    "value": UNKNOWN_VALUE,
    "variable": UNKNOWN_VARIABLE,
    "function": UNKNOWN_FUNCTION,
    "types": TYPE_MISMATCH,
    "condition": NOT_A_CONDITION,
    "constant": CONSTANT_ERROR,
    "parameter": UNKNOWN_PARAMETER,
}
"""The code of each kind of finding of planops.celcheck."""


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    for obj, path, source in expressions(plan):
        yield from _check_one(plan, obj, path, source)
    plan.cel_env.flush()


def _check_one(plan: CompiledPlan, obj: PlanObject, path: Path, source: str) -> Iterator[Diagnostic]:
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
    for finding in plan.cel_env.check(source):
        if finding.names is not None and in_broken_document(plan, *finding.names):
            continue
        line, col = doc.text_loc(path, *position(source, finding.offset))
        yield _CODES[finding.kind].located(doc.path, line, col, finding.message, finding.hint)


CODES = [
    CEL_SYNTAX,
    TOO_COSTLY,
    UNKNOWN_FIELD,
    UNKNOWN_NAME,
    UNKNOWN_VALUE,
    UNKNOWN_VARIABLE,
    UNKNOWN_FUNCTION,
    TYPE_MISMATCH,
    NOT_A_CONDITION,
    CONSTANT_ERROR,
    UNKNOWN_PARAMETER,
]
