"""CEL expressions over ``ticket``: compiled once, evaluated safely.

Expressions come from pull requests, so they are never Python: the Rust-backed
``cel`` package (common-expression-language) parses and evaluates them. It
reports which variables an expression uses but not which fields of them; the
checks read them from the syntax tree (planops.celcheck), and the engine's small
scanner here (``field_refs``) picks the fields a group of rules reads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from planops.celengine import cel
from planops.expr_limits import too_costly

_ERROR_AT = re.compile(r"<input>:(\d+):(\d+): (.*?)(?:\n|$)")
# CEL's lexical grammar as far as telling code from text goes: ``//`` comments and string or bytes
# literals (``b`` prefix), raw ones (``r`` prefix) without escapes, each may be triple-quoted.
_TEXT = re.compile(
    r"""(?P<comment>//[^\n]*)
      |(?<![A-Za-z0-9_])[bB]?[rR](?:'''[\s\S]*?'''|\"\"\"[\s\S]*?\"\"\"|'[^'\n]*'|"[^"\n]*")
      |(?<![A-Za-z0-9_])[bB]?(?:'''(?:\\[\s\S]|(?!''')[^\\])*'''|\"\"\"(?:\\[\s\S]|(?!\"\"\")[^\\])*\"\"\"
                              |'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")""",
    re.X,
)
_REF = re.compile(r"(?P<ref>\bticket(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)+)(?P<call>\s*\()?")


class ExprError(ValueError):
    """A CEL expression that does not compile; line and column are 1-based in the expression."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.line, self.col = line, col


class ExprTooCostly(ExprError):
    """An expression refused before it is compiled: longer, deeper or costlier than planops.limits allows."""


@dataclass(frozen=True, slots=True)
class FieldRef:
    """A ``ticket.a.b`` path read by an expression, at an offset in its text."""

    name: str
    offset: int


@lru_cache(maxsize=65536)
def compile_expr(source: str) -> cel.Program:
    """Compile once; raise ExprError with the position CEL reports, ExprTooCostly before CEL sees it."""
    costly = too_costly(source)
    if costly is not None:
        raise ExprTooCostly(costly.message, *position(source, costly.offset))
    try:
        return cel.compile(source)
    except (ValueError, RuntimeError, TypeError) as exc:
        match = _ERROR_AT.search(str(exc))
        if match:
            line, col, message = match.groups()
            raise ExprError(_plain(message), int(line), int(col)) from None
        raise ExprError(str(exc).splitlines()[0]) from None


def position(source: str, offset: int) -> tuple[int, int]:
    """(line, column), 1-based, of ``offset`` in ``source``."""
    before = source[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _plain(message: str) -> str:
    # CEL lists every token it would accept; the first words say enough.
    return message.split(" expecting ")[0].replace("Syntax error: ", "syntax error: ")


def code_only(source: str) -> str:
    """The expression with its comments and string literals blanked out (same length, newlines kept).

    What is left is code: scanning it for ``ticket.x`` or ``&&`` cannot be fooled
    by a quote in a comment or a backslash in a raw string, and offsets into it
    are offsets into ``source``.
    """
    return _TEXT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source)


def field_refs(source: str) -> list[FieldRef]:
    """Every ``ticket.x.y`` the expression reads (method calls excluded)."""
    refs = []
    for match in _REF.finditer(code_only(source)):
        parts = [p.strip() for p in match["ref"].split(".")[1:]]
        if match["call"]:
            parts = parts[:-1]
        if parts:
            refs.append(FieldRef(".".join(parts), match.start()))
    return refs


def split_top_level(source: str, joiner: str) -> list[str] | None:
    """The operands of ``joiner`` (``&&`` or ``||``) at the top level of an expression.

    Splits outside comments, string literals and brackets only. None when the
    other boolean operator or a ``?:`` also stands at the top level (the split
    would misread precedence). An operand may end in a ``//`` comment: join
    operands with a line break between them.
    """
    code = code_only(source)
    other = "||" if joiner == "&&" else "&&"
    cuts, depth, i = [], 0, 0
    while i < len(code):
        ch = code[i]
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and code.startswith(joiner, i):
            cuts.append(i)
            i += 1
        elif depth == 0 and (code.startswith(other, i) or ch == "?"):
            return None
        i += 1
    starts = [0, *(c + 2 for c in cuts)]
    ends = [*cuts, len(source)]
    return [source[a:b] for a, b in zip(starts, ends, strict=True)]


def context(ticket: Mapping[str, Any], plan: Mapping[str, Any] | None = None) -> cel.Context:
    """An evaluation context for one ticket, built once and reused for every rule.

    ``plan`` is the plan's parameters (planops.parameters.values, built once per plan), read as ``plan.<name>``.
    """
    variables: dict[str, Any] = {"ticket": dict(ticket)}
    if plan is not None:
        variables["plan"] = dict(plan)
    return cel.Context(variables)


def matches(program: cel.Program, ctx: cel.Context) -> bool:
    """True only when the expression evaluates to true.

    A field the ticket lacks, an index past a list's end, a type mismatch, a
    division by zero or an integer overflow means "does not match" — validation, not the run, catches misspelled fields.
    """
    try:
        return program.execute(ctx) is True
    except (LookupError, TypeError, ValueError, ArithmeticError, RuntimeError, AttributeError):
        # LookupError: a missing key or list index; ArithmeticError: division by zero, integer overflow.
        return False
