"""How each call types: operators, functions and macros; and the findings about them."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from planops.celcheck.functions import FUNCTIONS, MACROS, TYPE_NAMES, known_names
from planops.celcheck.syntax import SYMBOLS, Call, Ident, ListOf, Literal, Node, Select
from planops.celcheck.types import BOOL, DYN, INT, NUMERIC, Type, comparable, ordered
from planops.celcheck.unparse import text
from planops.celengine import cel
from planops.diagnostics import did_you_mean, shown

if TYPE_CHECKING:
    from planops.celcheck.checker import Finding, _Walker

__all__ = ["TYPE_NAMES", "call", "literal_value", "not_a_condition", "not_a_key"]

_EQUALITY = ("_==_", "_!=_")
_ORDERING = ("_<_", "_<=_", "_>_", "_>=_")
_ARITHMETIC = ("_+_", "_-_", "_*_", "_/_", "_%_")
_ERRORS = (ValueError, RuntimeError, TypeError, ArithmeticError, LookupError)


def _finding(kind: str, offset: int, message: str, hint: str | None = None, **more: Any) -> Finding:
    from planops.celcheck.checker import Finding

    return Finding(kind, offset, message, hint, **more)


def call(w: _Walker, node: Call, scope: Mapping[str, Type]) -> Type:
    name = node.function
    if name in ("_&&_", "_||_", "!_"):
        for arg in node.args:
            w.add(_condition(arg, w.type_of(arg, scope), SYMBOLS[name]))
        return BOOL
    if name == "_?_:_":
        cond, yes, no = (w.type_of(a, scope) for a in node.args)
        w.add(_condition(node.args[0], cond, "?"))
        return _choice(w, node, yes, no)
    if name in MACROS and (node.target is not None or name == "has"):
        return _macro(w, node, scope)
    types = [w.type_of(a, scope) for a in node.args]
    if name in _EQUALITY or name in _ORDERING or name == "@in" or name in _ARITHMETIC or name == "-_":
        return _operator(w, node, types)
    target = w.type_of(node.target, scope) if node.target is not None else None
    return _function(w, node, target, types)


def _choice(w: _Walker, node: Call, yes: Type, no: Type) -> Type:
    """The type of ``c ? yes : no``: one type, as CEL requires (a list's or map's items may differ: dyn)."""
    if "dyn" in (yes.kind, no.kind) or "null" in (yes.kind, no.kind):
        return DYN
    if yes.kind != no.kind:
        w.add(
            _mismatch(
                node,
                f"`{_short(node)}` gives {yes.words()} or {no.words()}: both branches of `?:` need one type",
                "convert one branch, e.g. with double()" if {yes.kind, no.kind} <= NUMERIC else None,
            )
        )
        return DYN
    if yes.elem is None or no.elem is None or yes.elem.kind == no.elem.kind:
        return yes
    return Type(yes.kind, DYN)


def _condition(node: Node, kind: Type, symbol: str | None) -> Finding | None:
    """A finding when ``node`` (an operand of ``symbol``, or the whole condition) is not true or false."""
    if kind.kind in ("bool", "dyn"):
        return None
    what = f"`{shown(text(node), 60)}`" if symbol else f"the condition `{shown(text(node), 60)}`"
    needs = f": `{symbol}` needs a condition" if symbol else ""
    message = f"{what} is {kind.words()}, not true or false{needs}"
    return _finding("condition", node.offset, message, _compare_hint(node, kind))


def not_a_condition(node: Node, kind: Type) -> Finding | None:
    return _condition(node, kind, None)


def _compare_hint(node: Node, kind: Type) -> str:
    example = {"string": "== 'billing'", "double": "> 500.0", "int": "> 3"}.get(kind.kind, "== ...")
    return f"compare it, e.g. {shown(text(node), 40)} {example}"


def _operator(w: _Walker, node: Call, types: list[Type]) -> Type:
    name, symbol = node.function, SYMBOLS[node.function]
    if name == "-_":
        if types[0].kind not in ("int", "double", "dyn"):  # not uint, nor (in this evaluator) a duration
            w.add(_mismatch(node, f"'-' negates a number, found {types[0].words()}"))
        return types[0]
    left, right = types
    if name in _EQUALITY:
        if not comparable(left, right):
            w.add(_mismatch(node, f"`{_short(node)}` compares {left.words()} with {right.words()}: never equal"))
        else:
            w.add(_allowed(left, node.args[1]) or _allowed(right, node.args[0]))
        return BOOL
    if name in _ORDERING:
        if not ordered(left, right):
            w.add(
                _mismatch(node, f"`{_short(node)}` compares {left.words()} with {right.words()}: CEL cannot order them")
            )
        return BOOL
    if name == "@in":
        return _membership(w, node, left, right)
    return _arithmetic(w, node, symbol, left, right)


MAP_KEYS = frozenset({"int", "uint", "bool", "string", "dyn"})
"""What a mapping's key can be: anything else fails (``{1.5: 'a'}``, ``ticket.amount in ticket.customer``)."""


def not_a_key(node: Node, key: Type) -> Finding | None:
    """A finding when ``node``, of type ``key``, is used as a mapping's key but cannot be one."""
    if key.kind in MAP_KEYS:
        return None
    return _finding(
        "types",
        node.offset,
        f"`{_short(node)}` is {key.words()}: a mapping's key is text, a whole number or true/false",
        "convert it, e.g. with string()" if key.kind != "null" else None,
    )


def _membership(w: _Walker, node: Call, item: Type, among: Type) -> Type:
    if among.kind not in ("list", "map", "dyn"):
        w.add(_mismatch(node, f"'in' looks in a list or mapping, found {among.words()}"))
        return BOOL
    if among.kind == "map":
        w.add(not_a_key(node.args[0], item))
    elem = among.elem or DYN
    if among.kind == "list" and not comparable(item, elem):
        w.add(_mismatch(node, f"`{_short(node)}` looks for {item.words()} in {among.words()}: never found"))
    elif isinstance(node.args[1], ListOf):
        for each in node.args[1].items:
            w.add(_allowed(item, each))
    elif isinstance(node.args[0], Literal):
        w.add(_allowed(elem, node.args[0]))
    return BOOL


def _arithmetic(w: _Walker, node: Call, symbol: str, left: Type, right: Type) -> Type:
    if "dyn" in (left.kind, right.kind):
        return left if right.kind == "dyn" else right
    result = _ARITH_RESULTS.get((symbol, left.kind, right.kind))
    if result is None:
        if left.kind in NUMERIC and right.kind in NUMERIC:
            hint = "CEL does not mix int and double: write 500.0 for a decimal, or convert with double()"
        elif (symbol, left.kind, right.kind) == ("+", "duration", "timestamp"):
            hint = "write the timestamp first: timestamp + duration"
        else:
            hint = None
        w.add(_mismatch(node, f"`{_short(node)}`: CEL does not define {left.words()} {symbol} {right.words()}", hint))
        return DYN
    return Type(result, _items(left.elem, right.elem) if result == "list" else None)


def _items(left: Type | None, right: Type | None) -> Type:
    """The items of ``a + b`` for lists: one kind, or dyn (``['a'] + [1]``); ``[]`` has items of any kind."""
    if left is None or left.kind == "dyn":
        return right or DYN
    if right is None or right.kind == "dyn":
        return left
    return left if left.kind == right.kind else DYN


def _arith_table() -> dict[tuple[str, str, str], str]:
    table = {}
    for kind in NUMERIC:
        for op in "+-*/":
            table[(op, kind, kind)] = kind
    for kind in ("int", "uint"):
        table[("%", kind, kind)] = kind
    for kind in ("string", "bytes", "list"):
        table[("+", kind, kind)] = kind
    table.update(  # the evaluator has neither duration + timestamp nor -duration, though CEL defines both
        {
            ("+", "timestamp", "duration"): "timestamp",
            ("+", "duration", "duration"): "duration",
            ("-", "timestamp", "duration"): "timestamp",
            ("-", "timestamp", "timestamp"): "duration",
            ("-", "duration", "duration"): "duration",
        }
    )
    return table


_ARITH_RESULTS = _arith_table()


def _mismatch(node: Call, message: str, hint: str | None = None) -> Finding:
    return _finding("types", node.offset, message, hint)


def _short(node: Node) -> str:
    return shown(text(node), 80)


def _allowed(field_side: Type, literal: Node) -> Finding | None:
    """A literal compared with a field that lists its values, when it is not one of them."""
    values = field_side.values
    if values is None or not isinstance(literal, Literal) or literal.kind not in ("string", "int", "uint", "double"):
        return None
    value = literal_value(literal)
    if value is None or value in values:
        return None
    top = field_side.path.removeprefix("ticket.")
    hint = did_you_mean(str(value), (str(v) for v in values))
    if field_side.path.startswith("ticket.") and top in ("channel", "segment", "priority"):
        message = f"'{shown(value)}' is not a {top} of this plan"
        return _finding("name", literal.offset, message, hint, names=(top, str(value)))
    listed = ", ".join(shown(v, 30) for v in values[:12]) + (", …" if len(values) > 12 else "")
    return _finding(
        "value",
        literal.offset,
        f"{shown(repr(value), 60)} is not a value of {field_side.path} (its values: {listed})",
        hint,
    )


def literal_value(node: Literal) -> Any:
    """The value a literal stands for, as the evaluator reads it (escapes and all); None if it cannot."""
    return _value_of(node.text)


@lru_cache(maxsize=4096)
def _value_of(text: str) -> Any:
    """By its text: the same literal in many expressions is read once."""
    try:
        return cel.evaluate(text)
    except _ERRORS:
        return None


def _macro(w: _Walker, node: Call, scope: Mapping[str, Type]) -> Type:
    if node.function == "has":
        arg = node.args[0] if len(node.args) == 1 else None
        if not isinstance(arg, Select):
            w.add(_finding("function", node.offset, "has() takes one field selection, e.g. has(ticket.amount)"))
            return BOOL
        w.type_of(arg, scope)
        return BOOL
    target = w.type_of(node.target, scope) if node.target is not None else DYN
    if len(node.args) != 2 or not isinstance(node.args[0], Ident):
        w.add(
            _finding(
                "function",
                node.offset,
                f"{node.function}() takes a name and an expression, e.g. {node.function}(t, t == 'vip')",
            )
        )
        return DYN
    if target.kind not in ("list", "map", "dyn"):
        w.add(_mismatch(node, f"{node.function}() runs over a list or mapping, found {target.words()}"))
    item = (target.elem or DYN) if target.kind == "list" else (Type("string") if target.kind == "map" else DYN)
    inner = {**scope, node.args[0].name: item}
    body = w.type_of(node.args[1], inner)
    if node.function in ("all", "exists", "exists_one", "filter"):
        w.add(_condition(node.args[1], body, f"{node.function}()"))
    if node.function == "map":
        return Type("list", body)
    if node.function == "filter":
        return Type("list", item)
    return BOOL


def _function(w: _Walker, node: Call, target: Type | None, args: list[Type]) -> Type:
    overloads = FUNCTIONS.get(node.function)
    if overloads is None:
        hint = did_you_mean(node.function, known_names())
        w.add(_finding("function", node.offset, f"'{shown(node.function)}' is not a function CEL provides here", hint))
        return DYN
    for receivers, params, result in overloads:
        if (receivers is None) != (target is None) or len(params) != len(args):
            continue
        if target is not None and receivers is not None and target.kind not in (*receivers, "dyn"):
            continue
        if all(_fits(p, a) for p, a in zip(params, args, strict=True)):
            return Type(result) if result != "int" else INT
    w.add(_mismatch(node, _no_overload(node, target, args)))
    return DYN


def _fits(param: str, arg: Type) -> bool:
    if param == "*" or arg.kind == "dyn":
        return True
    if param == "sized":
        return arg.kind in ("string", "bytes", "list", "map")
    return param == arg.kind


def _no_overload(node: Call, target: Type | None, args: list[Type]) -> str:
    given = ", ".join(a.words() for a in args) or "nothing"
    on = f" on {target.words()}" if target is not None else ""
    return f"`{_short(node)}`: {node.function}(){on} does not take {given}"
