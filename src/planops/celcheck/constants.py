"""Constant parts of an expression that always fail (``1 / 0``, ``int('x')``): found by evaluating them alone."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from planops.celcheck.functions import MACROS, TYPE_NAMES
from planops.celcheck.syntax import Call, Ident, Literal, Node, children
from planops.celcheck.unparse import text
from planops.celengine import cel
from planops.diagnostics import shown
from planops.expr_limits import too_costly
from planops.limits import MAX_EXPR_NESTING

if TYPE_CHECKING:
    from planops.celcheck.checker import Finding

_ERRORS = (ValueError, RuntimeError, TypeError, ArithmeticError, LookupError)


def _finding(offset: int, message: str) -> Finding:
    from planops.celcheck.checker import Finding

    return Finding("constant", offset, message)


MAX_CONSTANT_EVALUATIONS = 64
"""Constant parts evaluated per expression, at most: enough for any plan, bounded for a hostile one."""


def constant_errors(tree: Node) -> list[Finding]:
    """Parts without a variable whose evaluation always fails (``1 / 0``, ``int('x')``), outermost first."""
    constant: dict[int, int] = {}
    _mark_constants(tree, constant)
    found: list[Finding] = []
    _constants(tree, constant, found, [MAX_CONSTANT_EVALUATIONS])
    return found


def _mark_constants(node: Node, constant: dict[int, int]) -> int | None:
    """How deep ``node`` nests if it reads no variable (a literal, a type name), else None; each such node's
    depth is kept in ``constant`` by its id."""
    depth: int | None
    if isinstance(node, Literal):
        depth = 0
    elif isinstance(node, Ident):
        depth = 0 if node.name in TYPE_NAMES else None
    else:
        kids = [_mark_constants(kid, constant) for kid in children(node)]
        macro = isinstance(node, Call) and node.function in MACROS
        depth = None if macro or None in kids else 1 + max((k for k in kids if k is not None), default=0)
    if depth is not None:
        constant[id(node)] = depth
    return depth


def _constants(node: Node, constant: dict[int, int], found: list[Finding], budget: list[int]) -> None:
    """Evaluates each largest constant part (a literal aside) and records those that fail."""
    depth = constant.get(id(node))
    if depth is not None and (isinstance(node, Literal | Ident) or (depth < MAX_EXPR_NESTING and _evaluable(node))):
        if not isinstance(node, Literal | Ident):
            _evaluate(node, constant, found, budget)
        return
    for kid in children(node):  # a part too large to evaluate whole: its parts are
        _constants(kid, constant, found, budget)


def _evaluate(node: Node, constant: dict[int, int], found: list[Finding], budget: list[int]) -> None:
    """Records ``node`` if it fails, or rather the innermost part of it that fails on its own."""
    reason = _failure(node, budget)
    if reason is None:
        return
    for kid in children(node):
        if id(kid) in constant and not isinstance(kid, Literal | Ident) and _failure(kid, budget) is not None:
            _evaluate(kid, constant, found, budget)
            return
    found.append(_finding(node.offset, f"`{shown(text(node), 60)}` always fails: {reason}"))


def _evaluable(node: Node) -> bool:
    return too_costly(text(node)) is None


def _failure(node: Node, budget: list[int]) -> str | None:
    """Why evaluating ``node`` on its own fails; None when it does not, or when it is not evaluated.

    A part too long or deep for planops.limits is not evaluated (its text
    has a bracket for every operation), nor any part once the budget is spent.
    """
    written = text(node)
    if budget[0] <= 0 or too_costly(written) is not None:
        return None
    budget[0] -= 1
    return _failure_of(written)


@lru_cache(maxsize=1024)
def _failure_of(written: str) -> str | None:
    try:
        cel.evaluate(written)
    except _ERRORS as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return shown(first.split(". Check ")[0].removesuffix(" in CEL expression"), 120)
    return None
