"""A CEL expression as a small syntax tree with offsets, read by the grammar of cel-python (``cel.lark``).

The ``cel`` package that evaluates expressions does not expose its syntax tree,
so static checks read the text once more with Lark (LALR) and cel-python's
grammar. The tree follows CEL's own: operators are calls (``_==_``, ``_&&_``,
``!_``), a method call keeps its target, a macro (``all``, ``exists``, ``has``…)
is a call like any other. ``&&`` and ``||`` chains are one call with every
operand, so a long condition is a flat list, not a deep tree. Each node keeps
the offset in the expression's text where a finding about it points.

The parser's tables are built once per environment and cached in the user's
cache folder (Lark's cache), so a run after the first loads them instead of
building them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lark import Lark, Token, Tree
from lark.exceptions import LarkError

_OPERATORS = {
    "relation_lt": "_<_",
    "relation_le": "_<=_",
    "relation_gt": "_>_",
    "relation_ge": "_>=_",
    "relation_eq": "_==_",
    "relation_ne": "_!=_",
    "relation_in": "@in",
    "addition_add": "_+_",
    "addition_sub": "_-_",
    "multiplication_mul": "_*_",
    "multiplication_div": "_/_",
    "multiplication_mod": "_%_",
}
SYMBOLS = {
    "_<_": "<",
    "_<=_": "<=",
    "_>_": ">",
    "_>=_": ">=",
    "_==_": "==",
    "_!=_": "!=",
    "@in": "in",
    "_+_": "+",
    "_-_": "-",
    "_*_": "*",
    "_/_": "/",
    "_%_": "%",
    "_&&_": "&&",
    "_||_": "||",
    "!_": "!",
    "-_": "-",
    "_?_:_": "?",
}
"""Each operator's call name and how it is written."""


@dataclass(frozen=True, slots=True)
class Node:
    offset: int


@dataclass(frozen=True, slots=True)
class Literal(Node):
    kind: str  # int, uint, double, string, bytes, bool, null
    text: str


@dataclass(frozen=True, slots=True)
class Ident(Node):
    name: str


@dataclass(frozen=True, slots=True)
class Select(Node):
    operand: Node
    field: str


@dataclass(frozen=True, slots=True)
class Index(Node):
    operand: Node
    index: Node


@dataclass(frozen=True, slots=True)
class Call(Node):
    function: str
    args: tuple[Node, ...]
    target: Node | None = None


@dataclass(frozen=True, slots=True)
class ListOf(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class MapOf(Node):
    entries: tuple[tuple[Node, Node], ...]


@dataclass(frozen=True, slots=True)
class Message(Node):
    type_name: str


class Unreadable(ValueError):
    """The grammar cannot read an expression that the evaluator accepted: it is not checked statically."""


_GRAMMAR = Path(__file__).with_name("cel.lark")


def _cache_file() -> str | bool:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "planops")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return False
    if not os.access(folder, os.W_OK):
        return False
    return os.path.join(folder, "cel-grammar.lark-cache")


@lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(
        _GRAMMAR.read_text(encoding="utf-8"),
        parser="lalr",
        start="expr",
        propagate_positions=True,
        maybe_placeholders=False,
        cache=_cache_file(),
    )


@lru_cache(maxsize=65536)
def parse(source: str) -> Node:
    """The syntax tree of an expression; Unreadable where the grammar cannot read it."""
    try:
        tree = _parser().parse(source)
    except (LarkError, RecursionError) as exc:
        raise Unreadable(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    try:
        return _Builder(source).expr(tree)
    except RecursionError:
        raise Unreadable("nested too deeply to check") from None


class _Builder:
    def __init__(self, source: str) -> None:
        self.source = source

    def expr(self, tree: Tree[Any]) -> Node:
        kids = tree.children
        if len(kids) == 1:
            return self.disjunction(kids[0])
        cond, yes, no = self.disjunction(kids[0]), self.disjunction(kids[1]), self.expr(kids[2])
        return Call(self._between("?", kids[0], kids[1]), "_?_:_", (cond, yes, no))

    def disjunction(self, tree: Tree[Any]) -> Node:
        return self._chain(tree, "conditionalor", "_||_", "||", self.conjunction)

    def conjunction(self, tree: Tree[Any]) -> Node:
        return self._chain(tree, "conditionaland", "_&&_", "&&", self.binary)

    def _chain(self, tree: Tree[Any], rule: str, name: str, symbol: str, operand: Callable[[Any], Node]) -> Node:
        parts: list[Node] = []
        first_op = None
        while len(tree.children) == 2:
            left, right = tree.children
            parts.append(operand(right))
            first_op = self._between(symbol, left, right)
            tree = left
        parts.append(operand(tree.children[0]))
        if len(parts) == 1:
            return parts[0]
        parts.reverse()
        return Call(first_op or 0, name, tuple(parts))

    def binary(self, tree: Tree[Any]) -> Node:
        """relation, addition, multiplication: ``[left_op] right`` with the operator in ``left_op``'s rule."""
        if tree.data in ("unary",):
            return self.unary(tree)
        kids = tree.children
        if len(kids) == 1:
            return self.binary(kids[0])
        op_tree, right = kids
        name = _OPERATORS[op_tree.data]
        symbol = SYMBOLS[name]
        left = self.binary(op_tree.children[0])
        offset = self.source.rfind(symbol, 0, op_tree.meta.end_pos)
        return Call(max(offset, 0), name, (left, self.binary(right)))

    def unary(self, tree: Tree[Any]) -> Node:
        ops: list[tuple[str, int]] = []
        while len(tree.children) == 2:
            op, tree = tree.children
            ops.append(("!_" if op.data == "unary_not" else "-_", self._start_of(op, tree)))
        node = self.member(tree.children[0])
        for name, offset in reversed(ops):
            node = Call(offset, name, (node,))
        return node

    def member(self, tree: Tree[Any]) -> Node:
        inner = tree.children[0]
        kind, kids = inner.data, list[Any](inner.children)
        if kind == "primary":
            return self.primary(inner.children[0])
        operand = self.member(kids[0])
        if kind == "member_dot":
            return Select(kids[1].start_pos, operand, str(kids[1]))
        if kind == "member_dot_arg":
            return Call(kids[1].start_pos, str(kids[1]), self.exprlist(kids[2:]), operand)
        if kind == "member_index":
            return Index(self._start(kids[1]) - 1, operand, self.expr(kids[1]))
        return Message(inner.meta.start_pos, self.source[inner.meta.start_pos : inner.meta.end_pos])

    def primary(self, tree: Tree[Any]) -> Node:
        kind, kids = tree.data, list[Any](tree.children)
        if kind == "literal":
            return _literal(kids[0])
        if kind == "ident":
            return _ident(kids[0])
        if kind in ("ident_arg", "dot_ident_arg"):
            return Call(kids[0].start_pos, str(kids[0]), self.exprlist(kids[1:]))
        if kind == "dot_ident":
            return Ident(kids[0].start_pos, str(kids[0]))
        if kind == "paren_expr":
            return self.expr(kids[0])
        if kind == "list_lit":
            return ListOf(tree.meta.start_pos, self.exprlist(kids))
        entries = kids[0].children if kids else []
        pairs = tuple((self.expr(k), self.expr(v)) for k, v in zip(entries[::2], entries[1::2], strict=True))
        return MapOf(tree.meta.start_pos, pairs)

    def exprlist(self, kids: list[Any]) -> tuple[Node, ...]:
        return tuple(self.expr(e) for e in kids[0].children) if kids else ()

    def _between(self, symbol: str, left: Tree[Any], right: Tree[Any]) -> int:
        found = self.source.find(symbol, left.meta.end_pos, self._start(right))
        return found if found >= 0 else left.meta.end_pos

    def _start(self, tree: Tree[Any] | Token) -> int:
        return tree.start_pos if isinstance(tree, Token) else tree.meta.start_pos  # type: ignore[return-value]

    def _start_of(self, op: Tree[Any], rest: Tree[Any]) -> int:
        symbol = "!" if op.data == "unary_not" else "-"
        found = self.source.rfind(symbol, 0, self._start(rest))
        return max(found, 0)


_KINDS = {
    "INT_LIT": "int",
    "UINT_LIT": "uint",
    "FLOAT_LIT": "double",
    "STRING_LIT": "string",
    "MLSTRING_LIT": "string",
    "BYTES_LIT": "bytes",
    "BOOL_LIT": "bool",
    "NULL_LIT": "null",
}


def _literal(token: Token) -> Literal:
    return Literal(token.start_pos or 0, _KINDS[token.type], str(token))


def _ident(token: Token) -> Node:
    name = str(token)
    if name in ("true", "false"):
        return Literal(token.start_pos or 0, "bool", name)
    return Ident(token.start_pos or 0, name)
