"""Ordered `when:` lists (segments, routing rules, SLA policies): the first that matches wins.

Plans hold hundreds of rules, most of the shape ``ticket.category == 'billing'
&& …``. Such a rule can only match a ticket whose ``category`` is
``'billing'``, so each rule is filed under its first top-level
``ticket.path == 'literal'`` conjunct and a ticket evaluates only the rules
filed under its own values (plus the rules without such a conjunct), in plan
order. The answer is exactly that of trying every rule in turn; it just skips
rules that cannot match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import cel

from planops.engine.tickets import TicketView
from planops.expr import compile_expr, field_refs, matches, split_top_level

_GUARD = re.compile(
    r"""^\s*(?:ticket(?P<p1>(?:\s*\.\s*[A-Za-z_]\w*)+)\s*==\s*(?P<q1>'[^'\\\n]*'|"[^"\\\n]*")
        |(?P<q2>'[^'\\\n]*'|"[^"\\\n]*")\s*==\s*ticket(?P<p2>(?:\s*\.\s*[A-Za-z_]\w*)+))\s*$""",
    re.X,
)
_STRING = re.compile(r"""'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*\"""")
_TICKET = re.compile(r"\bticket\b")

Path = tuple[str, ...]


def guard(source: str) -> tuple[Path, str] | None:
    """The first top-level ``ticket.a.b == 'x'`` conjunct of an expression, if it has one."""
    for part in _conjuncts(source):
        found = _GUARD.match(part)
        if found:
            path = found["p1"] or found["p2"]
            literal = found["q1"] or found["q2"]
            return tuple(p.strip() for p in path.split(".")[1:]), literal[1:-1]
    return None


def _conjuncts(source: str) -> list[str]:
    """The operands of top-level ``&&``; nothing when ``||`` or ``?:`` sit at the top."""
    return split_top_level(source, "&&") or []


def paths_read(sources: Sequence[str | None]) -> tuple[Path, ...] | None:
    """The ticket paths (``customer.annual_value``) the expressions read; None when one reads ``ticket`` whole."""
    found: dict[Path, None] = {}
    for source in sources:
        if not source:
            continue
        refs = field_refs(source)
        if len(_TICKET.findall(_STRING.sub("''", source))) != len(refs):
            return None
        found.update((tuple(ref.name.split(".")), None) for ref in refs)
    return tuple(found)


def fields_read(sources: Sequence[str | None]) -> frozenset[str] | None:
    """The top-level ticket fields the expressions read; None when one reads ``ticket`` whole."""
    paths = paths_read(sources)
    return None if paths is None else frozenset(p[0] for p in paths)


class Memo:
    """Answers of pure expressions by the values of the ticket paths they read.

    A CEL expression's answer depends on nothing but the values it reads, so
    tickets that agree on those values (type included: CEL tells 1, 1.0 and
    true apart) share one evaluation.
    """

    __slots__ = ("_split", "answers", "paths")

    LIMIT = 65536

    def __init__(self, paths: tuple[Path, ...] | None) -> None:
        self.paths = paths
        self._split = None if paths is None else tuple((p[0], p[1:]) for p in paths)
        self.answers: dict[tuple[Any, ...], Any] = {}

    def clear(self) -> None:
        self.answers.clear()

    def key(self, data: dict[str, Any]) -> tuple[Any, ...] | None:
        """The values the expressions read, or None when they cannot be told apart safely."""
        if self._split is None:
            return None
        values = []
        for head, rest in self._split:
            value = data.get(head, MISSING)
            for part in rest:
                if isinstance(value, dict):
                    value = value.get(part, MISSING)
                elif value is not MISSING:
                    return None  # a path through a non-mapping: evaluate instead of guessing
            cls = value.__class__
            if cls is str or value is MISSING:
                values.append(value)
            else:  # with their type, since 1 == 1.0 == True in Python but not in CEL
                values.append((cls, value if cls in _SCALARS else repr(value)))
        return tuple(values)

    def put(self, key: tuple[Any, ...] | None, answer: Any) -> Any:
        if key is not None:
            if len(self.answers) >= self.LIMIT:
                self.answers.clear()
            self.answers[key] = answer
        return answer


class Predicate:
    """One ``when:`` (a workflow branch guard): does it hold for a ticket?"""

    __slots__ = ("fields", "memo", "program")

    def __init__(self, source: str) -> None:
        self.program = compile_expr(source)
        paths = paths_read([source])
        self.fields = None if paths is None else frozenset(p[0] for p in paths)
        self.memo = Memo(paths)

    def __call__(self, view: TicketView) -> bool:
        memo = self.memo
        key = memo.key(view.data)
        answer = MISSING if key is None else memo.answers.get(key, MISSING)
        if answer is MISSING:
            answer = memo.put(key, matches(self.program, view.context(self.fields)))
        return bool(answer)


class FirstMatch:
    """Ordered expressions (None: always matches); ``first(view)`` is the index of the first match."""

    def __init__(self, sources: Sequence[str | None]) -> None:
        self.programs: tuple[cel.Program | None, ...] = tuple(compile_expr(s) if s else None for s in sources)
        self.fields = fields_read(sources)
        self.memo = Memo(paths_read(sources))
        self._open: list[int] = []
        self._filed: dict[Path, dict[str, list[int]]] = {}
        for i, source in enumerate(sources):
            found = guard(source) if source else None
            if found is None:
                self._open.append(i)
            else:
                self._filed.setdefault(found[0], {}).setdefault(found[1], []).append(i)

    def first(self, view: TicketView) -> int | None:
        memo = self.memo
        key = memo.key(view.data)
        answer = MISSING if key is None else memo.answers.get(key, MISSING)
        if answer is MISSING:
            answer = memo.put(key, self._evaluate(view))
        return answer  # type: ignore[no-any-return]

    def _evaluate(self, view: TicketView) -> int | None:
        ctx: cel.Context | None = None
        for i in self._candidates(view.data):
            program = self.programs[i]
            if program is None:
                return i
            if ctx is None:
                ctx = view.context(self.fields)
            if matches(program, ctx):
                return i
        return None

    def _candidates(self, data: dict[str, Any]) -> list[int]:
        if not self._filed:
            return self._open
        lists = [self._open]
        for path, by_value in self._filed.items():
            value = _lookup(data, path)
            if isinstance(value, str):
                lists.append(by_value.get(value, []))
        return sorted(i for chunk in lists for i in chunk) if len(lists) > 1 else self._open


MISSING: Any = object()
_SCALARS = frozenset({int, float, bool, type(None), datetime})


def _lookup(data: Any, path: Path) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return MISSING
        data = data.get(key, MISSING)
    return data
