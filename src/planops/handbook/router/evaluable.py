"""Which ``when:`` expressions the ticket router page evaluates itself, decided when the handbook is built.

The page evaluates CEL with a JavaScript evaluator (@marcbachmann/cel-js), not
with the ``cel`` package ``planops route`` uses. The two agree on a small core,
which the page takes: ``&&``, ``||``, ``!``, ``? :``, comparisons and ``in``
over lists, ``has()``, the text methods ``contains``, ``startsWith`` and
``endsWith``, literals, and reads of ticket fields the form offers (text,
numbers, whole numbers, true/false) and of plan parameters of those types. For
anything else — arithmetic (the two do not convert between int and double
alike), regular expressions, conversions, ``size`` (code points or UTF-16
units), ordering of text, timestamps and durations, list and map fields — the
page says which rule uses it and sends the reader to ``planops route``
instead of guessing.
"""

from __future__ import annotations

from collections.abc import Mapping

from planops.celcheck import syntax
from planops.celcheck.syntax import Call, Ident, Index, ListOf, Literal, MapOf, Node, Select
from planops.ticketfields import TicketField

FORM_TYPES = frozenset({"string", "number", "integer", "bool"})
"""Field types the form offers, and so the types of what an expression may read."""

_LOGIC = frozenset({"_&&_", "_||_", "!_", "_?_:_", "_==_", "_!=_", "@in"})
_ORDER = frozenset({"_<_", "_<=_", "_>_", "_>=_"})
_TEXT_METHODS = frozenset({"contains", "startsWith", "endsWith"})
_LITERALS = frozenset({"int", "double", "string", "bool", "null"})
_ARITHMETIC = frozenset({"_+_", "_-_", "_*_", "_/_", "_%_", "-_"})


def blocker(
    source: str | None, fields: Mapping[str, TicketField], parameters: Mapping[str, str] | None = None
) -> str | None:
    """What in ``source`` the page cannot evaluate as ``planops route`` does (in words), or None.

    ``fields`` are the plan's ticket fields, ``parameters`` each plan parameter's type
    (planops.parameters.cel_types). An expression without ``when:`` (None) always matches.
    """
    if source is None:
        return None
    try:
        tree = syntax.parse(source)
    except syntax.Unreadable:
        return "syntax the page's checker cannot read"
    return _node(tree, fields, parameters or {})


def _node(node: Node, fields: Mapping[str, TicketField], params: Mapping[str, str]) -> str | None:
    if isinstance(node, Literal):
        return None if node.kind in _LITERALS else f"{node.kind} literals"
    if isinstance(node, Select | Ident):
        return _read(node, fields, params)
    if isinstance(node, ListOf):
        return _first(node.items, fields, params)
    if isinstance(node, Index):
        return "indexing with [ ]"
    if isinstance(node, MapOf):
        return "map literals"
    if isinstance(node, Call):
        return _call(node, fields, params)
    return "message literals"


def _first(nodes: tuple[Node, ...], fields: Mapping[str, TicketField], params: Mapping[str, str]) -> str | None:
    for each in nodes:
        found = _node(each, fields, params)
        if found:
            return found
    return None


def _call(node: Call, fields: Mapping[str, TicketField], params: Mapping[str, str]) -> str | None:
    name = node.function
    if name == "-_" and isinstance(node.args[0], Literal) and node.args[0].kind in ("int", "double"):
        return None
    if name in _ARITHMETIC:
        return f"arithmetic ({syntax.SYMBOLS[name]})"
    mixed = _mixed_literals(node) if name in _ORDER | {"_==_", "_!=_", "@in"} else None
    if mixed:
        return f"a comparison of {mixed} literals ({syntax.SYMBOLS[name]})"
    if name in _ORDER:
        if any(_kind(arg, fields, params) == "string" for arg in node.args):
            return f"ordering of text ({syntax.SYMBOLS[name]})"
        return _first(node.args, fields, params)
    if name in _LOGIC:
        return _first(node.args, fields, params)
    if name == "has" and node.target is None and len(node.args) == 1 and isinstance(node.args[0], Select):
        return _read(node.args[0], fields, params)
    if name in _TEXT_METHODS and node.target is not None:
        if _kind(node.target, fields, params) not in ("string", None):
            return f"{name}() on something other than text"
        return _first((node.target, *node.args), fields, params)
    if name == "matches":
        return "regular expressions (matches)"
    return f"the function {name}()"


def _mixed_literals(node: Call) -> str | None:
    """``"int and double"`` where a comparison holds two literals of different kinds, else None.

    cel-js checks the types of literals before it runs (``1 == 1.0``, ``'x' != 1`` and ``1 in [1.0]`` have
    no overload there), the cel package compares such values as unequal or, for numbers, by value.
    """
    left, right = node.args
    rights = right.items if node.function == "@in" and isinstance(right, ListOf) else (right,)
    kinds = {_literal_kind(left), *(_literal_kind(r) for r in rights)}
    if None in kinds or len(kinds) < 2:
        return None
    return " and ".join(sorted(str(k) for k in kinds))


def _literal_kind(node: Node) -> str | None:
    if isinstance(node, Call) and node.function == "-_":
        node = node.args[0]
    return node.kind if isinstance(node, Literal) else None


def _path(node: Node) -> list[str] | None:
    """``ticket.customer.plan`` as [ticket, customer, plan]; None for anything but a chain of names."""
    parts: list[str] = []
    while isinstance(node, Select):
        parts.append(node.field)
        node = node.operand
    if not isinstance(node, Ident):
        return None
    parts.append(node.name)
    return parts[::-1]


def _field(parts: list[str], fields: Mapping[str, TicketField]) -> TicketField | None:
    found: TicketField | None = fields.get(parts[1]) if len(parts) > 1 else None
    for name in parts[2:]:
        found = found.child(name) if found is not None else None
    return found


def _read(node: Node, fields: Mapping[str, TicketField], params: Mapping[str, str]) -> str | None:
    parts = _path(node)
    if parts is None:
        return "a value read from something other than the ticket or the plan"
    dotted = ".".join(parts)
    if parts[0] == "plan" and len(parts) == 2:
        kind = params.get(parts[1])
        return None if kind in FORM_TYPES else f"{dotted}, a parameter of type {kind or 'unknown'}"
    if parts[0] != "ticket" or len(parts) < 2:
        return f"{dotted} (the page reads single ticket fields and plan parameters)"
    found = _field(parts, fields)
    if found is None:
        return f"{dotted}, a field the plan does not declare"
    if found.type == "timestamp" or found.type == "duration":
        return f"{found.type}s ({dotted})"
    if found.type not in FORM_TYPES:
        return f"{dotted}, a {found.type} field the form does not offer"
    return None


def _kind(node: Node, fields: Mapping[str, TicketField], params: Mapping[str, str]) -> str | None:
    """ "string" where ``node`` is text for sure (a literal, a text field or parameter), else its kind or None."""
    if isinstance(node, Literal):
        return node.kind
    parts = _path(node)
    if parts is None or len(parts) < 2:
        return None
    if parts[0] == "plan":
        return params.get(parts[1])
    found = _field(parts, fields) if parts[0] == "ticket" else None
    return found.type if found is not None else None
