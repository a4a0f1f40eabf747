"""Ordered `when:` lists (segments, routing rules, SLA policies): the first that matches wins.

Plans hold hundreds of rules, most of the shape ``ticket.category == 'billing'
&& …``. Such a rule can only match a ticket whose ``category`` is
``'billing'``, so each rule is filed under its first top-level
``ticket.path == 'literal'`` conjunct and a ticket evaluates only the rules
filed under its own values (plus the rules without such a conjunct), in plan
order. A filed rule then only has to check the rest of its conjuncts: for a
ticket filed under the literal, ``literal && rest`` is ``rest`` (CEL's ``&&``
with a true operand is the other operand, errors included). Rules often share
that rest (``ticket.amount > 500.0``), and a rest is one ``Predicate`` per
text, so its remembered answers serve every rule that has it. The answer is
exactly that of trying every rule in turn; it just skips work that cannot
change it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from planops.engine.tickets import TicketView
from planops.expr import code_only, compile_expr, field_refs, matches, split_top_level
from planops.parameters import reads_plan

_GUARD = re.compile(
    r"""^\s*(?:ticket(?P<p1>(?:\s*\.\s*[A-Za-z_]\w*)+)\s*==\s*(?P<q1>'[^'\\\n]*'|"[^"\\\n]*")
        |(?P<q2>'[^'\\\n]*'|"[^"\\\n]*")\s*==\s*ticket(?P<p2>(?:\s*\.\s*[A-Za-z_]\w*)+))\s*$""",
    re.X,
)
_TICKET = re.compile(r"\bticket\b")

Path = tuple[str, ...]


def guard(source: str) -> tuple[Path, str] | None:
    """The first top-level ``ticket.a.b == 'x'`` conjunct of an expression, if it has one."""
    found = filing(source)
    return None if found is None else found[:2]


def filing(source: str) -> tuple[Path, str, str | None] | None:
    """As ``guard``, with the other conjuncts as one expression (None when there are none)."""
    parts = _conjuncts(source)
    for i, part in enumerate(parts):
        found = _GUARD.match(part)
        if found:
            path = found["p1"] or found["p2"]
            literal = found["q1"] or found["q2"]
            # no part holds a top-level || or ?: (or there would be no parts), so && joins them safely;
            # on a line of its own, as a part may end in a // comment
            rest = [p.strip() for p in (*parts[:i], *parts[i + 1 :])]
            return tuple(p.strip() for p in path.split(".")[1:]), literal[1:-1], "\n&& ".join(rest) or None
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
        if len(_TICKET.findall(code_only(source))) != len(refs):
            return None
        found.update((tuple(ref.name.split(".")), None) for ref in refs)
    return tuple(found)


def fields_read(sources: Sequence[str | None]) -> frozenset[str] | None:
    """The top-level ticket fields the expressions read; None when one reads ``ticket`` whole."""
    return _heads(paths_read(sources))


def _heads(paths: tuple[Path, ...] | None) -> frozenset[str] | None:
    return None if paths is None else frozenset(p[0] for p in paths)


class Memo:
    """Answers of pure expressions by the values of the ticket paths they read.

    A CEL expression's answer depends on nothing but the values it reads, so
    tickets that agree on those values (type included: CEL tells 1, 1.0 and
    true apart) share one evaluation.
    """

    __slots__ = ("_split", "answers")

    LIMIT = 65536

    def __init__(self, paths: tuple[Path, ...] | None) -> None:
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

    def answer(self, data: dict[str, Any], compute: Callable[[], Any]) -> Any:
        """The remembered answer for these values, else ``compute()`` (remembered when the values can be told apart)."""
        key = self.key(data)
        if key is None:
            return compute()
        found = self.answers.get(key, MISSING)
        if found is MISSING:
            if len(self.answers) >= self.LIMIT:
                self.answers.clear()
            found = self.answers[key] = compute()
        return found


class Predicate:
    """One ``when:`` (a workflow branch guard): does it hold for a ticket?

    ``parameters`` is the plan's ``plan`` map (planops.parameters.values), one
    for the whole plan; it is added to the contexts of an expression that reads
    ``plan``. Answers are remembered by ticket values alone: the parameters of
    a plan do not change.
    """

    __slots__ = ("fields", "memo", "plan", "program")

    def __init__(self, source: str, parameters: dict[str, Any] | None = None) -> None:
        self.program = compile_expr(source)
        paths = paths_read([source])
        self.fields = _heads(paths)
        self.memo = Memo(paths)
        self.plan = parameters if parameters is not None and reads_plan(source) else None

    def __call__(self, view: TicketView) -> bool:
        return bool(self.memo.answer(view.data, lambda: matches(self.program, view.context(self.fields, self.plan))))


def shared_predicate(source: str, shared: dict[str, Predicate], parameters: dict[str, Any] | None = None) -> Predicate:
    """The one Predicate of ``source`` in ``shared`` (made on first use), so its answers are remembered once.

    Every Predicate in ``shared`` has the same ``parameters`` (one plan's).
    """
    found = shared.get(source)
    if found is None:
        found = shared[source] = Predicate(source, parameters)
    return found


class FirstMatch:
    """Ordered expressions (None: always matches); ``first(view)`` is the index of the first match.

    ``shared`` holds the predicates (by text) of the rules' rests; pass the
    same mapping to several lists to share their remembered answers, and the
    plan's ``parameters`` (see Predicate) when the expressions may read ``plan``.
    """

    def __init__(
        self,
        sources: Sequence[str | None],
        shared: dict[str, Predicate] | None = None,
        parameters: dict[str, Any] | None = None,
    ) -> None:
        shared = {} if shared is None else shared
        self.memo = Memo(paths_read(sources))
        checks: list[Predicate | None] = []
        unfiled: list[int] = []
        filed: dict[Path, dict[str, list[int]]] = {}
        for i, source in enumerate(sources):
            found = filing(source) if source else None
            if found is None:
                unfiled.append(i)
                checks.append(shared_predicate(source, shared, parameters) if source else None)
            else:
                path, literal, rest = found
                filed.setdefault(path, {}).setdefault(literal, []).append(i)
                checks.append(shared_predicate(rest, shared, parameters) if rest else None)
        self.checks = tuple(checks)
        """Per expression, what is left to check once it is a candidate (None: nothing)."""
        self._unfiled = tuple(unfiled)
        # per filed path and value: its rules and the unfiled ones, in plan order
        self._filed = {
            path: {value: tuple(sorted([*rules, *unfiled])) for value, rules in by_value.items()}
            for path, by_value in filed.items()
        }

    def first(self, view: TicketView) -> int | None:
        return self.memo.answer(view.data, lambda: self._evaluate(view))  # type: ignore[no-any-return]

    def _evaluate(self, view: TicketView) -> int | None:
        checks = self.checks
        for i in self._candidates(view.data):
            check = checks[i]
            if check is None or check(view):
                return i
        return None

    def _candidates(self, data: dict[str, Any]) -> Sequence[int]:
        """The expressions that can match: those filed under the ticket's values and the unfiled, in plan order."""
        found: list[Sequence[int]] = []
        for path, by_value in self._filed.items():
            value = _lookup(data, path)
            if isinstance(value, str) and value in by_value:
                found.append(by_value[value])
        if not found:
            return self._unfiled
        return found[0] if len(found) == 1 else sorted(set().union(*found))


MISSING: Any = object()
_SCALARS = frozenset({int, float, bool, type(None), datetime})


def _lookup(data: Any, path: Path) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return MISSING
        data = data.get(key, MISSING)
    return data
