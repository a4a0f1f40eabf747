"""Static checks of one CEL expression against the plan's ticket fields and parameters.

The checker infers a type for every node of the syntax tree (planops.celcheck.syntax)
and reports, each at its offset in the expression: names that are not
variables, fields the ticket or a parameter does not have (at any depth, also
``ticket['x']`` with a literal key), functions the evaluator lacks, operands
that can never compare or combine, conditions that are not true or false,
literals outside a field's allowed values, and constant parts that always fail
(``1 / 0``). Where it cannot know a type (``dyn``), it assumes the best.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from planops.celcheck import rules
from planops.celcheck.constants import constant_errors
from planops.celcheck.syntax import Call, Ident, Index, ListOf, Literal, MapOf, Message, Node, Select, Unreadable, parse
from planops.celcheck.types import BOOL, DYN, TYPE, Type, of_field
from planops.celcheck.unparse import text
from planops.diagnostics import did_you_mean
from planops.ticketfields import TicketField, names
from planops.usercache import Remembered, files_stamp

KINDS = (
    "variable",
    "field",
    "function",
    "types",
    "condition",
    "constant",
    "value",
    "name",
    "parameter",
)


@dataclass(frozen=True, slots=True)
class Finding:
    """What is wrong (``kind``, one of KINDS), where in the expression's text, and the fix.

    The kinds: an unknown ``variable``, ``field`` or ``function``; operand ``types`` that never work
    together; a ``condition`` that is not one; a ``constant`` part that always fails; a literal that is
    not one of a field's values (``value``) or not one of the plan's names (``name``); a ``parameter``
    the Plan does not have.
    """

    kind: str
    offset: int
    message: str
    hint: str | None = None
    names: tuple[str, str] | None = None
    """For ``unknown-name``: what (segment, channel…) and the name, so a broken document defining it can be told."""


@dataclass(eq=False)
class Env:
    """What expressions may read: the ticket's fields, the Plan's parameters (None: not checked)."""

    ticket: Mapping[str, TicketField] | None
    """None: the fields are not known (the Plan that declares them is broken), so any field may be read."""
    parameters: Mapping[str, TicketField] | None = None
    _memo: dict[tuple[str, bool], list[Finding]] = field(default_factory=dict, repr=False)

    def check(self, source: str, condition: bool = True) -> list[Finding]:
        """Findings for ``source`` (remembered per text, and across runs); none where the grammar cannot read it."""
        key = (source, condition)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._remembered(source, condition)
        return found

    def _remembered(self, source: str, condition: bool) -> list[Finding]:
        """A run before may have checked the same text against the same fields: its findings, else checked now."""
        key = hashlib.sha256(f"{self._fingerprint}\0{condition}\0{source}".encode()).hexdigest()
        kept = FINDINGS.answers().get(key)
        if isinstance(kept, list):
            try:
                return [Finding(k, o, m, h, tuple(n) if n else None) for k, o, m, h, n in kept]
            except (TypeError, ValueError):
                pass  # another shape: checked again
        found = _check(source, self, condition)
        FINDINGS.keep(key, [[f.kind, f.offset, f.message, f.hint, f.names] for f in found], write=False)
        return found

    @cached_property
    def _fingerprint(self) -> str:
        """What the findings depend on besides the text: the fields and parameters (their types and values)."""
        described = repr(sorted((self.ticket or {}).items())) + repr(sorted((self.parameters or {}).items()))
        return hashlib.sha256(f"{self.ticket is None}{self.parameters is None}{described}".encode()).hexdigest()

    def flush(self) -> None:
        """Write the findings worked out in this run for the next (planops.usercache)."""
        FINDINGS.flush()


def _stamp() -> str:
    """Which checker answered: the size and time of its own files (a new planops checks everything again)."""
    here = Path(__file__).parent
    return files_stamp(sorted([*here.glob("*.py"), here / "cel.lark", here.parent / "ticketfields.py"]))


FINDINGS = Remembered("cel-findings", _stamp)
"""Findings by a hash of the expression and what it may read: a run whose expressions did not change
parses none of them. Kept are hashes and the findings' words, never a ticket."""


def _check(source: str, env: Env, condition: bool) -> list[Finding]:
    with deep_enough(source):
        try:
            tree = parse(source)
        except Unreadable:
            return []  # the evaluator accepted it (compile_expr ran first): nothing here to say about it
        walker = _Walker(env)
        kind = walker.type_of(tree, {})
        if condition:
            walker.add(rules.not_a_condition(tree, kind))
        if not walker.found:
            walker.found.extend(constant_errors(tree))
        return walker.found


@contextmanager
def deep_enough(source: str) -> Iterator[None]:
    """Room for the tree of ``source``: a chain like ``ticket.a.a.a…`` nests as deep as it is long.

    Expressions are at most MAX_EXPR_CHARS long (planops.limits), so the tree
    is too; its walk is plain Python recursion, which since Python 3.11 does
    not grow the C stack.
    """
    before = sys.getrecursionlimit()
    needed = 4 * len(source) + 1000
    if needed > before:
        sys.setrecursionlimit(needed)
    try:
        yield
    finally:
        sys.setrecursionlimit(before)


class _Walker:
    def __init__(self, env: Env) -> None:
        self.env = env
        self.found: list[Finding] = []
        self.ticket = Type("map", DYN, TicketField("map", fields=env.ticket), "ticket")  # fields None: open
        params = TicketField("map", fields=env.parameters)
        self.plan = Type("map", DYN, params, "plan")

    def add(self, finding: Finding | None) -> None:
        if finding is not None:
            self.found.append(finding)

    def type_of(self, node: Node, scope: Mapping[str, Type]) -> Type:
        if isinstance(node, Literal):
            return Type(node.kind)
        if isinstance(node, Ident):
            return self.ident(node, scope)
        if isinstance(node, Select):
            return self.select(node, self.type_of(node.operand, scope))
        if isinstance(node, Index):
            return self.index(node, scope)
        if isinstance(node, ListOf):
            items = [self.type_of(i, scope) for i in node.items]
            same = {i.kind for i in items}
            return Type("list", items[0] if len(same) == 1 else DYN)
        if isinstance(node, MapOf):
            for k, v in node.entries:
                self.add(rules.not_a_key(k, self.type_of(k, scope)))
                self.type_of(v, scope)
            return Type("map", DYN)
        if isinstance(node, Message):
            self.add(Finding("function", node.offset, f"`{node.type_name}{{...}}` builds a message; plans have none"))
            return DYN
        assert isinstance(node, Call)
        return rules.call(self, node, scope)

    def ident(self, node: Ident, scope: Mapping[str, Type]) -> Type:
        if node.name in scope:
            return scope[node.name]
        if node.name == "ticket":
            return self.ticket
        if node.name == "plan":
            return self.plan
        if node.name in rules.TYPE_NAMES:
            return TYPE
        known = ["ticket", "plan", *scope]
        self.add(
            Finding(
                "variable",
                node.offset,
                f"'{node.name}' is not a variable: expressions read `ticket` and `plan`",
                did_you_mean(node.name, known),
            )
        )
        return DYN

    def select(self, node: Select, operand: Type, at: int | None = None) -> Type:
        f = operand.field
        if operand.kind == "dyn" or (f is None and operand.kind == "map"):
            return DYN
        if operand.kind != "map" or f is None:
            self.add(
                Finding(
                    "types",
                    node.offset,
                    f"'{operand.path or text(node.operand)}' is {operand.words()}: it has no field '{node.field}'",
                )
            )
            return DYN
        child = f.child(node.field)
        path = f"{operand.path}.{node.field}"
        if child is None:
            self.add(self._unknown(operand, node.field, path, node.offset if at is None else at))
            return DYN
        return of_field(child, path)

    def _unknown(self, operand: Type, name: str, path: str, offset: int) -> Finding:
        if operand.path == "plan" or operand.path.startswith("plan."):
            given = self.env.parameters or {}
            return Finding(
                "parameter",
                offset,
                f"'{path}' is not a parameter of this plan",
                did_you_mean(name, given) or "declare it in the Plan under parameters:",
            )
        siblings = (operand.field.fields or {}) if operand.field else {}
        prefix = operand.path.removeprefix("ticket").lstrip(".")
        choices = [f"{prefix}.{n}".lstrip(".") for n in names(siblings)]
        hint = did_you_mean(f"{prefix}.{name}".lstrip("."), choices)
        return Finding(
            "field",
            offset,
            f"'{path}' is not a known ticket field",
            hint or "declare it in the Plan under ticket_fields:",
        )

    def index(self, node: Index, scope: Mapping[str, Type]) -> Type:
        operand = self.type_of(node.operand, scope)
        key = self.type_of(node.index, scope)
        if operand.kind == "list":
            if key.kind not in ("int", "uint", "dyn"):
                self.add(Finding("types", node.index.offset, f"a list's index is a whole number, found {key.words()}"))
            return operand.elem or DYN
        if operand.kind == "map" and isinstance(node.index, Literal) and node.index.kind == "string":
            name = rules.literal_value(node.index)
            if isinstance(name, str):
                return self.select(Select(node.index.offset, node.operand, name), operand, node.index.offset)
        if operand.kind == "map":
            self.add(rules.not_a_key(node.index, key))
        if operand.kind in ("map", "dyn"):
            return operand.elem or DYN
        self.add(
            Finding(
                "types",
                node.offset,
                f"'{operand.path or text(node.operand)}' is {operand.words()}: it cannot be indexed",
            )
        )
        return DYN


__all__ = ["BOOL", "KINDS", "Env", "Finding"]
