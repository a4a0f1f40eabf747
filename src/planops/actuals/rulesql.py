"""A plan's conditions as SQL: the typed part of CEL, over a table with one column per ticket field.

A million exported tickets are routed in the database, not one by one: each
``when:`` of the Segmentation, the SLA policies and the Routing becomes a SQL
condition (SQLGlot builds it, so it prints in DuckDB's, PostgreSQL's,
BigQuery's or Snowflake's words), read from the CEL syntax tree
(planops.celcheck). A ticket field is the column of its dotted name
(``"customer.annual_value"``), typed as the plan declares it; a parameter is its
value. CEL's rule that a condition which cannot be evaluated does not match is
SQL's: a missing field is NULL, NULL is not true, and ``||``/``&&`` absorb an
unknown operand the way CEL absorbs an error (``missing || true`` is true).

What is outside the subset (a macro, a function other than ``size``,
``startsWith``, ``endsWith``, ``contains``; division; lists other than literal
ones after ``in``) gives None: those tickets are routed by the engine instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlglot import exp

from planops.celcheck.rules import literal_value
from planops.celcheck.syntax import Call, Ident, Index, ListOf, Literal, Node, Select, Unreadable, parse

Parameters = Mapping[str, Any]

_COMPARE = {
    "_==_": exp.EQ,
    "_!=_": exp.NEQ,
    "_<_": exp.LT,
    "_<=_": exp.LTE,
    "_>_": exp.GT,
    "_>=_": exp.GTE,
}
_ARITHMETIC = {"_+_": exp.Add, "_-_": exp.Sub, "_*_": exp.Mul}


class Outside(ValueError):
    """A part of an expression the SQL subset does not cover."""


def condition(source: str, parameters: Parameters | None = None) -> exp.Expression | None:
    """The SQL condition for a CEL ``when:``; None where it uses more than the subset (the engine decides)."""
    try:
        return _sql(parse(source), parameters or {})
    except (Outside, Unreadable, RecursionError):
        return None


def first_match(whens: Sequence[str | None], parameters: Parameters | None = None) -> exp.Expression | None:
    """``CASE WHEN c0 THEN 0 WHEN c1 THEN 1 … END``: the index of the first entry whose ``when:`` holds (an entry
    without one always holds), NULL when none does; None when one of them is outside the subset."""
    return first_of(whens, [exp.Literal.number(i) for i in range(len(whens))], parameters)


def first_of(
    whens: Sequence[str | None], results: Sequence[exp.Expression], parameters: Parameters | None = None
) -> exp.Expression | None:
    """``CASE WHEN c0 THEN r0 … END``: the result of the first entry whose ``when:`` holds (one without always
    holds), NULL when none does; None when a condition is outside the subset."""
    case = exp.Case()
    for when, result in zip(whens, results, strict=True):
        if when is None:
            return case.else_(result) if case.args.get("ifs") else result
        found = condition(when, parameters)
        if found is None:
            return None
        case = case.when(found, result)
    return case if case.args.get("ifs") else exp.null()


def _sql(node: Node, parameters: Parameters) -> exp.Expression:
    if isinstance(node, Literal):
        return _literal(node)
    if isinstance(node, Select | Index | Ident):
        return _read(node, parameters)
    if isinstance(node, Call):
        return _call(node, parameters)
    raise Outside(type(node).__name__)


def _literal(node: Literal) -> exp.Expression:
    value = literal_value(node)
    if node.kind == "string" and isinstance(value, str):
        return exp.Literal.string(value)
    if node.kind in ("int", "uint", "double") and isinstance(value, int | float) and not isinstance(value, bool):
        return exp.Literal.number(repr(value))
    if node.kind == "bool":
        return exp.true() if value else exp.false()
    if node.kind == "null":
        return exp.null()
    raise Outside(node.kind)


def _read(node: Node, parameters: Parameters) -> exp.Expression:
    path = _path(node)
    if path is None:
        raise Outside("not a field")
    root, names = path
    if root == "ticket" and names:
        return exp.column(".".join(names), quoted=True)
    if root == "plan" and len(names) == 1 and names[0] in parameters:
        return _value(parameters[names[0]])
    raise Outside(root)


def _path(node: Node) -> tuple[str, list[str]] | None:
    if isinstance(node, Ident):
        return node.name, []
    if isinstance(node, Select):
        inner = _path(node.operand)
        return None if inner is None else (inner[0], [*inner[1], node.field])
    if isinstance(node, Index) and isinstance(node.index, Literal) and node.index.kind == "string":
        inner, key = _path(node.operand), literal_value(node.index)
        return None if inner is None or not isinstance(key, str) else (inner[0], [*inner[1], key])
    return None


def _value(value: Any) -> exp.Expression:
    if isinstance(value, bool):
        return exp.true() if value else exp.false()
    if isinstance(value, int | float):
        return exp.Literal.number(repr(value))
    if isinstance(value, str):
        return exp.Literal.string(value)
    raise Outside(type(value).__name__)


def _call(node: Call, parameters: Parameters) -> exp.Expression:
    name = node.function
    if name in ("_&&_", "_||_"):
        parts = [exp.paren(_sql(arg, parameters)) for arg in node.args]
        joined = exp.and_(*parts) if name == "_&&_" else exp.or_(*parts)
        return exp.paren(joined)
    if name == "!_":
        return exp.paren(exp.not_(exp.paren(_sql(node.args[0], parameters))))
    if name in _COMPARE:
        left, right = (_sql(arg, parameters) for arg in node.args)
        return cast(exp.Expression, _COMPARE[name](this=left, expression=right))
    if name == "@in" and isinstance(node.args[1], ListOf):
        items = [_sql(item, parameters) for item in node.args[1].items]
        return exp.In(this=_sql(node.args[0], parameters), expressions=items) if items else exp.false()
    if name in _ARITHMETIC:
        left, right = (_sql(arg, parameters) for arg in node.args)
        return exp.paren(_ARITHMETIC[name](this=left, expression=right))
    if name == "-_":
        return exp.Neg(this=exp.paren(_sql(node.args[0], parameters)))
    return _function(node, parameters)


def _function(node: Call, parameters: Parameters) -> exp.Expression:
    name = node.function
    if name == "has" and len(node.args) == 1 and isinstance(node.args[0], Select):
        return exp.Not(this=exp.Is(this=_read(node.args[0], parameters), expression=exp.null()))
    subject = node.target if node.target is not None else (node.args[0] if name == "size" and node.args else None)
    if subject is None:
        raise Outside(name)
    text = _sql(subject, parameters)
    if name == "size" and len(node.args) == (0 if node.target is not None else 1):
        return exp.Length(this=text)
    if name in ("startsWith", "endsWith", "contains") and len(node.args) == 1:
        other = _sql(node.args[0], parameters)
        if name == "startsWith":
            return exp.StartsWith(this=text, expression=other)
        if name == "endsWith":
            return exp.EQ(this=exp.Right(this=text, expression=exp.Length(this=other)), expression=other)
        return exp.GT(this=exp.StrPosition(this=text, substr=other), expression=exp.Literal.number(0))
    raise Outside(name)
