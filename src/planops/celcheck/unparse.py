"""A syntax tree back to CEL text: for messages, and to evaluate a constant part on its own."""

from __future__ import annotations

from planops.celcheck.syntax import SYMBOLS, Call, Ident, Index, ListOf, Literal, MapOf, Message, Node, Select


def text(node: Node) -> str:
    """CEL text of ``node``, with parentheses around every operation inside another."""
    return _text(node, top=True)


def _text(node: Node, top: bool = False) -> str:
    if isinstance(node, Literal):
        return node.text
    if isinstance(node, Ident):
        return node.name
    if isinstance(node, Select):
        return f"{_text(node.operand)}.{node.field}"
    if isinstance(node, Index):
        return f"{_text(node.operand)}[{_text(node.index, top=True)}]"
    if isinstance(node, ListOf):
        return "[" + ", ".join(_text(i, top=True) for i in node.items) + "]"
    if isinstance(node, MapOf):
        return "{" + ", ".join(f"{_text(k, True)}: {_text(v, True)}" for k, v in node.entries) + "}"
    if isinstance(node, Message):
        return node.type_name
    assert isinstance(node, Call)
    return _call(node, top)


def _call(node: Call, top: bool) -> str:
    symbol = SYMBOLS.get(node.function)
    if symbol is None:
        args = ", ".join(_text(a, top=True) for a in node.args)
        prefix = f"{_text(node.target)}." if node.target is not None else ""
        return f"{prefix}{node.function}({args})"
    if node.function in ("!_", "-_"):
        written = symbol + _text(node.args[0])
    elif node.function == "_?_:_":
        cond, yes, no = (_text(a) for a in node.args)
        written = f"{cond} ? {yes} : {no}"
    else:
        written = f" {symbol} ".join(_text(a) for a in node.args)
    return written if top else f"({written})"
