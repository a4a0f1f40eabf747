"""CEL guards in plain words, for agents who do not read CEL.

Deliberately small and honest: only conditions made of simple comparisons of a
``ticket`` field with a literal, joined by all-``&&`` or all-``||``, are put
into words (``ticket.amount > 500.0`` → "amount is more than 500.0"). Anything
else — parentheses, negation, arithmetic, function calls — returns None and
the handbook shows the CEL alone rather than a paraphrase that might be wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from planops.expr import split_top_level

_OPERATORS = {
    "==": "is",
    "!=": "is not",
    ">=": "is at least",
    "<=": "is at most",
    ">": "is more than",
    "<": "is less than",
}
_LITERAL = r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?u?|true|false|null"""
_VALUE = rf"{_LITERAL}|plan\.[A-Za-z_][A-Za-z0-9_]*"
"""What a field is compared with: a literal, or a parameter of the plan (``plan.refund_approval_limit``)."""
_FIELD = r"ticket((?:\.[A-Za-z_][A-Za-z0-9_]*)+)"
_COMPARE = re.compile(rf"^{_FIELD}\s*(==|!=|>=|<=|>|<)\s*({_VALUE})$")
_REVERSED = re.compile(rf"^({_VALUE})\s*(==|!=|>=|<=|>|<)\s*{_FIELD}$")
_IN_LIST = re.compile(rf"^{_FIELD}\s+in\s+\[((?:\s*(?:{_LITERAL})\s*,?)*)\]$")
_CONTAINS = re.compile(rf"^({_LITERAL})\s+in\s+{_FIELD}$")
_HAS = re.compile(rf"^has\(\s*{_FIELD}\s*\)$")
_FLIP = {">": "<", "<": ">", ">=": "<=", "<=": ">=", "==": "==", "!=": "!="}


def guard_in_words(source: str | None, parameters: Mapping[str, str] | None = None) -> str | None:
    """The condition in words, or None when it is not simple enough to say safely.

    ``parameters`` gives each parameter's value as the handbook shows it: a
    comparison with ``plan.x`` is put into words with it ("amount is more than
    refund approval limit (500.0)"), and only then.
    """
    params = parameters or {}
    if source is None:
        return None
    expr = source.strip()
    for joiner, word in (("&&", " and "), ("||", " or ")):
        other = "||" if joiner == "&&" else "&&"
        if joiner in expr and other not in expr:
            parts = split_top_level(expr, joiner)
            clauses = [_clause(part.strip(), params) for part in parts or ()]
            return None if not parts or any(c is None for c in clauses) else word.join(c for c in clauses if c)
    return None if "&&" in expr or "||" in expr else _clause(expr, params)


def _clause(part: str, params: Mapping[str, str]) -> str | None:
    if match := _COMPARE.match(part):
        field, op, value = match.groups()
        return _compare(field, op, value, params)
    if match := _REVERSED.match(part):
        value, op, field = match.groups()
        return _compare(field, _FLIP[op], value, params)
    if match := _IN_LIST.match(part):
        field, items = match.groups()
        values = [_literal(v) for v in re.findall(_LITERAL, items)]
        return f"{field_words(field)} is one of {', '.join(values)}" if values else None
    if match := _CONTAINS.match(part):
        value, field = match.groups()
        return f"{field_words(field)} include {_literal(value)}"
    if match := _HAS.match(part):
        return f"{field_words(match.group(1))} is given"
    return None


def _compare(field: str, op: str, value: str, params: Mapping[str, str]) -> str | None:
    if value.startswith("plan."):
        name = value[len("plan.") :]
        if name not in params:
            return None
        return f"{field_words(field)} {_OPERATORS[op]} {field_words(name)} ({params[name]})"
    if value in ("true", "false") and op in ("==", "!="):
        truth = (value == "true") == (op == "==")
        return f"{field_words(field)} is {'true' if truth else 'false'}"
    return f"{field_words(field)} {_OPERATORS[op]} {_literal(value)}"


def field_words(path: str) -> str:
    """``.customer.annual_value`` → "customer's annual value"."""
    parts = [p.replace("_", " ") for p in path.strip(".").split(".")]
    return "'s ".join(parts)


def _literal(value: str) -> str:
    value = value.strip()
    if value[:1] in "'\"":
        return f"“{value[1:-1]}”"
    return value.rstrip("u")
