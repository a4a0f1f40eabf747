"""What an expression reads of the ticket, and its top-level ``&&`` operands: read from the syntax tree."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from planops.celcheck.rules import literal_value
from planops.celcheck.syntax import Call, Ident, Index, Literal, Node, Select, Unreadable, children, parse
from planops.celcheck.unparse import text


@dataclass(frozen=True, slots=True)
class Read:
    """A ticket field read (``customer.tier``; ``ticket['x']`` reads ``x``), at the offset of its last name."""

    field: str
    offset: int


def ticket_reads(source: str) -> list[Read] | None:
    """Every ticket field the expression reads, outermost path only; None where the grammar cannot read it."""
    return reads_of(source, "ticket")


def reads_of(source: str, variable: str) -> list[Read] | None:
    """Every field of ``variable`` (``ticket``, ``plan``) the expression reads; None where it cannot be read.

    A name bound by a macro (``[1].all(plan, plan > 0)``) is not the variable.
    """
    try:
        tree = parse(source)
    except Unreadable:
        return None
    return list(_reads(tree, variable))


def _reads(node: Node, variable: str) -> Iterator[Read]:
    path = _path(node, variable)
    if path is not None:
        if path[0]:
            yield Read(".".join(path[0]), path[1])
        return
    if (
        isinstance(node, Call)
        and node.target is not None
        and isinstance(node.args[:1][0] if node.args else None, Ident)
    ):
        bound = node.args[0]
        if isinstance(bound, Ident) and bound.name == variable and len(node.args) == 2:
            yield from _reads(node.target, variable)  # the body reads the bound name, not the variable
            return
    for kid in children(node):
        yield from _reads(kid, variable)


def _binds(node: Node, variable: str) -> bool:
    """Whether ``node`` is a macro (``l.all(x, …)``) that binds ``variable`` as its own name."""
    if not isinstance(node, Call) or node.target is None or len(node.args) != 2:
        return False
    bound = node.args[0]
    return isinstance(bound, Ident) and bound.name == variable


def _path(node: Node, variable: str) -> tuple[list[str], int] | None:
    """For ``ticket.a.b`` (or ``ticket['a'].b``): (['a', 'b'], offset of 'b'); None for anything else."""
    if isinstance(node, Ident):
        return ([], node.offset) if node.name == variable else None
    if isinstance(node, Select):
        inner = _path(node.operand, variable)
        return None if inner is None else ([*inner[0], node.field], node.offset)
    if isinstance(node, Index) and isinstance(node.index, Literal) and node.index.kind == "string":
        inner = _path(node.operand, variable)
        key = literal_value(node.index)
        if inner is not None and isinstance(key, str):
            return ([*inner[0], key], node.index.offset)
    return None


def conjuncts(source: str) -> list[str] | None:
    """The operands of a top-level ``&&`` as CEL text (the whole expression when there is none); None if unreadable."""
    try:
        tree = parse(source)
    except Unreadable:
        return None
    if isinstance(tree, Call) and tree.function == "_&&_":
        return [text(arg) for arg in tree.args]
    return [text(tree)]
