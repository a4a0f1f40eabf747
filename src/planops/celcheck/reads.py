"""What an expression reads of the ticket, and its top-level ``&&`` operands: read from the syntax tree."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from planops.celcheck.rules import literal_value
from planops.celcheck.syntax import Call, Ident, Index, ListOf, Literal, MapOf, Node, Select, Unreadable, parse
from planops.celcheck.unparse import text


@dataclass(frozen=True, slots=True)
class Read:
    """A ticket field read (``customer.tier``; ``ticket['x']`` reads ``x``), at the offset of its last name."""

    field: str
    offset: int


def ticket_reads(source: str) -> list[Read] | None:
    """Every ticket field the expression reads, outermost path only; None where the grammar cannot read it."""
    try:
        tree = parse(source)
    except Unreadable:
        return None
    return list(_reads(tree))


def _reads(node: Node) -> Iterator[Read]:
    path = _path(node)
    if path is not None:
        if path[0]:
            yield Read(".".join(path[0]), path[1])
        return
    for kid in _kids(node):
        yield from _reads(kid)


def _path(node: Node) -> tuple[list[str], int] | None:
    """For ``ticket.a.b`` (or ``ticket['a'].b``): (['a', 'b'], offset of 'b'); None for anything else."""
    if isinstance(node, Ident):
        return ([], node.offset) if node.name == "ticket" else None
    if isinstance(node, Select):
        inner = _path(node.operand)
        return None if inner is None else ([*inner[0], node.field], node.offset)
    if isinstance(node, Index) and isinstance(node.index, Literal) and node.index.kind == "string":
        inner = _path(node.operand)
        key = literal_value(node.index)
        if inner is not None and isinstance(key, str):
            return ([*inner[0], key], node.index.offset)
    return None


def _kids(node: Node) -> list[Node]:
    if isinstance(node, Call):
        return [*([node.target] if node.target is not None else []), *node.args]
    if isinstance(node, ListOf):
        return list(node.items)
    if isinstance(node, MapOf):
        return [n for pair in node.entries for n in pair]
    if isinstance(node, Select):
        return [node.operand]
    if isinstance(node, Index):
        return [node.operand, node.index]
    return []


def conjuncts(source: str) -> list[str] | None:
    """The operands of a top-level ``&&`` as CEL text (the whole expression when there is none); None if unreadable."""
    try:
        tree = parse(source)
    except Unreadable:
        return None
    if isinstance(tree, Call) and tree.function == "_&&_":
        return [text(arg) for arg in tree.args]
    return [text(tree)]
