"""A CEL expression as a small syntax tree with offsets, read by the grammar of cel-python (``cel.lark``).

The ``cel`` package that evaluates expressions does not expose its syntax tree,
so static checks read the text once more with Lark (LALR) and cel-python's
grammar. The tree follows CEL's own: operators are calls (``_==_``, ``_&&_``,
``!_``), a method call keeps its target, a macro (``all``, ``exists``, ``has``…)
is a call like any other. ``&&`` and ``||`` chains are one call with every
operand, so a long condition is a flat list, not a deep tree. Each node keeps
the offset in the expression's text where a finding about it points.

The parser's tables are built once and kept in the user's cache folder
(Lark's cache, planops.usercache), so a run after the first loads them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:  # Lark is imported when an expression is parsed: a run whose findings are remembered needs none
    from lark import Lark, Token, Tree

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


def children(node: Node) -> list[Node]:
    """The nodes directly below ``node``, a method call's target first."""
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


class Unreadable(ValueError):
    """The grammar cannot read an expression that the evaluator accepted: it is not checked statically."""


_GRAMMAR = Path(__file__).with_name("cel.lark")


def _cache_file() -> str | bool:
    """Lark's cache of the parser tables, in planops's folder of the user's cache (planops.usercache)."""
    from planops.usercache import folder

    base = folder()
    if base is None:
        return False
    # One file per grammar and Lark version: two installs of planops on one machine do not undo each other.
    import lark

    digest = hashlib.sha256(_GRAMMAR.read_bytes() + lark.__version__.encode()).hexdigest()[:16]
    return str(base / f"cel-grammar-{digest}.lark-cache")


@lru_cache(maxsize=1)
def _parser() -> Lark:
    # Every token is kept (operators, brackets): offsets come from tokens, so the trees need no positions,
    # which halves the parser's time.
    from lark import Lark

    return Lark(
        _GRAMMAR.read_text(encoding="utf-8"),
        parser="lalr",
        start="expr",
        keep_all_tokens=True,
        maybe_placeholders=False,
        cache=_cache_file(),
    )


@lru_cache(maxsize=65536)
def parse(source: str) -> Node:
    """The syntax tree of an expression; Unreadable where the grammar cannot read it."""
    from lark.exceptions import LarkError

    try:
        tree = _parser().parse(source)
    except (LarkError, RecursionError) as exc:
        raise Unreadable(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    try:
        return _expr(tree)
    except RecursionError:
        raise Unreadable("nested too deeply to check") from None


def _start(token: Any) -> int:
    return int(token.start_pos or 0)


def _trees(tree: Tree[Any]) -> list[Tree[Any]]:
    return [k for k in tree.children if hasattr(k, "data")]  # a Tree; a Token is text


def _token(tree: Tree[Any], index: int = 0) -> Token:
    tokens: list[Any] = [k for k in tree.children if not hasattr(k, "data")]
    return cast("Token", tokens[index])


def _expr(tree: Tree[Any]) -> Node:
    parts = _trees(tree)
    if len(parts) == 1:
        return _disjunction(parts[0])
    cond, yes, no = _disjunction(parts[0]), _disjunction(parts[1]), _expr(parts[2])
    return Call(_token(tree).start_pos or 0, "_?_:_", (cond, yes, no))


def _disjunction(tree: Tree[Any]) -> Node:
    return _chain(tree, "_||_", _conjunction)


def _conjunction(tree: Tree[Any]) -> Node:
    return _chain(tree, "_&&_", _binary)


def _chain(tree: Tree[Any], name: str, operand: Callable[[Tree[Any]], Node]) -> Node:
    """``a && b && c`` (left-recursive in the grammar) as one call with every operand, read without recursion."""
    parts: list[Node] = []
    first_op = 0
    while len(tree.children) == 3:
        left, op, right = tree.children
        parts.append(operand(right))
        first_op = _start(op)
        tree = left
    parts.append(operand(tree.children[0]))
    if len(parts) == 1:
        return parts[0]
    parts.reverse()
    return Call(first_op, name, tuple(parts))


def _binary(tree: Tree[Any]) -> Node:
    """relation, addition, multiplication: ``[left op] right``, the operator token in the left part's rule."""
    if tree.data == "unary":
        return _unary(tree)
    kids = tree.children
    if len(kids) == 1:
        return _binary(kids[0])
    op_tree, right = kids
    left, op = op_tree.children
    return Call(_start(op), _OPERATORS[op_tree.data], (_binary(left), _binary(right)))


def _unary(tree: Tree[Any]) -> Node:
    ops: list[tuple[str, int]] = []
    while len(tree.children) == 2:
        op, tree = tree.children
        ops.append(("!_" if op.data == "unary_not" else "-_", _token(op).start_pos or 0))
    node = _member(tree.children[0])
    for name, offset in reversed(ops):
        node = Call(offset, name, (node,))
    return node


def _member(tree: Tree[Any]) -> Node:
    inner = tree.children[0]
    kind = inner.data
    if kind == "primary":
        return _primary(inner.children[0])
    operand = _member(inner.children[0])
    if kind == "member_dot":
        name = _token(inner, 1)
        return Select(name.start_pos or 0, operand, str(name))
    if kind == "member_dot_arg":
        name = _token(inner, 1)
        return Call(name.start_pos or 0, str(name), _exprlist(inner), operand)
    if kind == "member_index":
        return Index(_token(inner).start_pos or 0, operand, _expr(_trees(inner)[1]))
    return Message(operand.offset, _dotted(operand))


def _dotted(node: Node) -> str:
    if isinstance(node, Ident):
        return node.name
    if isinstance(node, Select):
        return f"{_dotted(node.operand)}.{node.field}"
    return "a message"


def _primary(tree: Tree[Any]) -> Node:
    kind = tree.data
    if kind == "literal":
        return _literal(_token(tree))
    if kind == "ident":
        return _ident(_token(tree))
    if kind in ("ident_arg", "dot_ident_arg"):
        tokens: list[Any] = [t for t in tree.children if not hasattr(t, "data")]
        name = next(t for t in tokens if t.type == "IDENT")
        return Call(name.start_pos or 0, str(name), _exprlist(tree))
    if kind == "dot_ident":
        name = _token(tree, 1)
        return Ident(name.start_pos or 0, str(name))
    if kind == "paren_expr":
        return _expr(_trees(tree)[0])
    offset = _token(tree).start_pos or 0
    if kind == "list_lit":
        return ListOf(offset, _exprlist(tree))
    inits = _trees(tree)
    entries = [_expr(e) for e in _trees(inits[0])] if inits else []
    return MapOf(offset, tuple(zip(entries[::2], entries[1::2], strict=True)))


def _exprlist(tree: Tree[Any]) -> tuple[Node, ...]:
    lists = [k for k in _trees(tree) if k.data == "exprlist"]
    return tuple(_expr(e) for e in _trees(lists[0])) if lists else ()


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
