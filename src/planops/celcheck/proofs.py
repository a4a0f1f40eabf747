"""Proofs about a first-match list of ``when:`` (segments, routing rules, SLA policies, a workflow event's
branches), by the z3 SMT solver over the CEL subset of planops.celcheck.smt.

For each entry whose ``when:`` is in the subset: whether no ticket makes it true (``never``, naming the
parts that contradict each other), whether every ticket it matches is taken by earlier entries
(``swallowed``, naming the fewest of them that do), whether it is true for every ticket that has the
fields it reads (``always``); and for each ``?:`` inside, whether a branch can never be taken. An
earlier entry outside the subset is left out of the question, which can only make an entry look
reachable: every answer given is a proof.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import z3

from planops.celcheck.smt import Cond, Field, Translator, Undecided, path_of
from planops.celcheck.syntax import Call, Ident, Literal, Node, Unreadable, children, parse
from planops.celcheck.unparse import text
from planops.limits import MAX_PROOF_MS
from planops.ticketfields import TicketField


@dataclass(frozen=True, slots=True)
class Answer:
    """What was proved about entry ``index``: ``kind`` (never, swallowed, always, then, else), and the words.

    ``offset`` is where in the ``when:`` it points (a ``?:``), None for the whole ``when:``; ``names``
    the earlier entries (swallowed), the contradicting parts (never) or the fields (always).
    """

    index: int
    kind: str
    offset: int | None
    names: tuple[str, ...]
    witness: str = ""


def first_match(
    whens: Sequence[str | None],
    decided: Callable[[str], bool],
    fields: Mapping[str, TicketField],
    parameters: Mapping[str, Any],
    deadline: float,
) -> tuple[list[Answer], bool]:
    """Every proof about the entries of one list, and whether every entry was asked about before ``deadline``
    (``time.monotonic()``); ``decided(source)`` says whether a text may be translated (it compiles and the
    checker found nothing wrong with it). Names in answers are entry indexes as text."""
    tr = Translator(fields, parameters)
    conds: list[tuple[Cond, frozenset[str], tuple[Node, ...]] | None] = []
    for source in whens:
        conds.append(_translated(tr, source) if source and decided(source) else None)
    choices = [list(_choices(tr, s)) if s and decided(s) else [] for s in whens]
    free, reached = _solver(tr.facts), _solver(tr.facts)  # reached: also that no earlier entry matched
    found: list[Answer] = []
    earlier: list[tuple[int, Cond]] = []
    for i, entry in enumerate(conds):
        if not _time_left(deadline, free, reached):
            return found, False
        if entry is not None:
            found.extend(_entry(free, reached, tr, i, entry, earlier))
            reached.add(z3.Not(entry[0].true))
            earlier.append((i, entry[0]))
        for offset, where, cond in choices[i]:
            if _unsat(free, cond.true if where == "then" else cond.false):
                found.append(Answer(i, where, offset, ()))
    if whens and whens[-1] is not None and all(c is not None for c in conds):
        read = set().union(*(c[1] for c in conds if c is not None))
        ticket = _matching_none(reached, tr, read)
        if ticket is not None:
            found.append(Answer(len(whens) - 1, "none", None, (), ticket))
    return found, True


def _time_left(deadline: float, *solvers: z3.Solver) -> bool:
    """Whether there is time left; each solver's next questions get at most that much."""
    left = int((deadline - time.monotonic()) * 1000)
    for solver in solvers:
        solver.set("timeout", max(1, min(MAX_PROOF_MS, left)))
    return left > 0


def _matching_none(reached: z3.Solver, tr: Translator, read: set[str]) -> str | None:
    """A ticket no entry matches (with a value in each field read, if there is one); None if every ticket matches."""
    if reached.check(tr.has_values(read)) != z3.sat and reached.check() != z3.sat:
        return None
    model = reached.model()
    if any(f.term is None and not f.fields and _true(model, f.present) for f in tr.read.values()):
        return None  # a field present whose value cannot be shown (a list, a timestamp)
    return witness(tr, model, list(tr.read))


def _solver(facts: list[Any]) -> z3.Solver:
    solver = z3.Solver()
    solver.set("timeout", MAX_PROOF_MS)
    solver.add(facts)
    return solver


def _translated(tr: Translator, source: str) -> tuple[Cond, frozenset[str], tuple[Node, ...]] | None:
    try:
        tree = parse(source)
        tr.values_read = set()
        cond = tr.condition(tree)
    except (Undecided, Unreadable, RecursionError):
        return None
    top = tree.args if isinstance(tree, Call) and tree.function == "_&&_" else (tree,)
    return cond, frozenset(tr.values_read), top


def _choices(tr: Translator, source: str) -> Iterator[tuple[int, str, Cond]]:
    """Each ``?:`` of an expression whose condition is in the subset: its offset, then/else, the condition."""
    try:
        stack = [parse(source)]
    except Unreadable:
        return
    while stack:
        node = stack.pop()
        stack.extend(children(node))
        if isinstance(node, Call) and node.function == "_?_:_":
            if _settings_only(node.args[0]):
                continue
            try:
                cond = tr.condition(node.args[0])
            except (Undecided, RecursionError):
                continue
            yield node.offset, "then", cond
            yield node.offset, "else", cond


def _entry(
    free: z3.Solver,
    reached: z3.Solver,
    tr: Translator,
    i: int,
    entry: tuple[Cond, frozenset[str], tuple[Node, ...]],
    earlier: list[tuple[int, Cond]],
) -> Iterator[Answer]:
    """The proof about one entry, if any; ``reached`` knows that no earlier entry matched, ``free`` does not."""
    cond, read, parts = entry
    settings = all(_settings_only(p) for p in parts)  # a switch of the Plan's parameters, set as meant
    if reached.check(cond.true) == z3.unsat:
        if settings:
            return
        if _unsat(free, cond.true):
            yield Answer(i, "never", None, _contradiction(free, tr, parts))
        else:
            yield Answer(i, "swallowed", None, _fewest(free, cond.true, earlier))
        return
    if not settings and not _one_value_of_many(tr, parts) and _unsat(free, z3.Not(cond.true), tr.has_values(set(read))):
        yield Answer(i, "always", None, tuple(sorted(read)))


def _settings_only(node: Node) -> bool:
    """Whether ``node`` reads the Plan's parameters and no ticket field."""
    names = set()
    stack = [node]
    while stack:
        here = stack.pop()
        if isinstance(here, Ident):
            names.add(here.name)
        stack.extend(children(here))
    return "plan" in names and "ticket" not in names


def _one_value_of_many(tr: Translator, parts: tuple[Node, ...]) -> bool:
    """Whether a top-level part is ``ticket.x == literal`` for a field with other values: then a ticket with
    another value makes the whole false, and it is not always true (no solver needed)."""
    for part in parts:
        if not (isinstance(part, Call) and part.function == "_==_"):
            continue
        for side, other in (part.args, part.args[::-1]):
            path = path_of(side) if isinstance(other, Literal) and other.kind != "null" else None
            f = tr.read.get(".".join(path)) if path else None
            if f is not None and f.term is not None and (f.term.enum is None or len(f.term.enum) > 1):
                return True
    return False


def _unsat(solver: z3.Solver, *assumptions: Any) -> bool:
    return bool(solver.check(*assumptions) == z3.unsat)


def _contradiction(solver: z3.Solver, tr: Translator, top: tuple[Node, ...]) -> tuple[str, ...]:
    """The fewest top-level ``&&`` parts that cannot hold together (all of them if the solver cannot tell)."""
    parts = [(text(p), tr.condition(p)) for p in top]  # translated before: no new facts
    flags = [(name, z3.Bool(f"part-{k}")) for k, (name, _) in enumerate(parts)]
    solver.push()
    for (_, flag), (_, cond) in zip(flags, parts, strict=True):
        solver.add(z3.Implies(flag, cond.true))
    kept = _minimal(solver, [], flags)
    solver.pop()
    return tuple(name for name, _ in kept) if kept else tuple(name for name, _ in parts)


def _fewest(solver: z3.Solver, true: Any, earlier: list[tuple[int, Cond]]) -> tuple[str, ...]:
    """The fewest earlier entries that together take every ticket ``true`` describes, in list order."""
    flags = [(str(i), z3.Bool(f"earlier-{i}")) for i, _ in earlier]
    solver.push()
    for (_, flag), (_, cond) in zip(flags, earlier, strict=True):
        solver.add(z3.Implies(flag, z3.Not(cond.true)))
    kept = _minimal(solver, [true], flags)
    solver.pop()
    return tuple(name for name, _ in kept) if kept else tuple(name for name, _ in flags)


def _minimal(solver: z3.Solver, fixed: list[Any], flags: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """A subset of ``flags`` that with ``fixed`` is unsatisfiable and from which none can be left out."""
    if solver.check(*fixed, *(f for _, f in flags)) != z3.unsat:
        return []
    core = {str(c) for c in solver.unsat_core()}
    kept = [pair for pair in flags if str(pair[1]) in core]
    for pair in list(kept):
        trial = [p for p in kept if p is not pair]
        if solver.check(*fixed, *(f for _, f in trial)) == z3.unsat:
            kept = trial
    return kept


def witness(tr: Translator, model: z3.ModelRef, names: Sequence[str]) -> str:
    """A ticket as plan files write one: ``{category: 'billing', customer: {annual_value: 600.0}}``."""
    return _shown(ticket_of(tr, model, names))


def ticket_of(tr: Translator, model: z3.ModelRef, names: Sequence[str]) -> dict[str, Any]:
    """The ticket of a model: the fields ``names`` that it has, with their values (null None, NaN a float)."""
    ticket: dict[str, Any] = {}
    for name in names:
        f = tr.read.get(name)
        if f is None or not _true(model, f.present):
            continue
        *parents, last = name.split(".")
        inner = ticket
        for part in parents:
            inner = inner.setdefault(part, {})
        inner[last] = {} if f.fields and not _true(model, f.null) else _value(model, f)
    return ticket


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_shown(v)}" for k, v in value.items()) + "}"
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, float) and math.isnan(value):
        return ".nan"
    return repr(value)


def _true(model: z3.ModelRef, formula: Any) -> bool:
    return bool(z3.is_true(model.eval(formula, model_completion=True)))


def _value(model: z3.ModelRef, f: Field) -> Any:
    if _true(model, f.null) or f.term is None:
        return None
    if _true(model, f.term.nan):
        return math.nan
    value = model.eval(f.term.value, model_completion=True)
    if f.term.enum is not None:
        return f.term.enum[value.as_long()]
    if f.term.kind == "text":
        return re.sub(r"\\u\{([0-9a-fA-F]{1,6})\}", lambda m: chr(int(m[1], 16)), value.as_string())
    if f.term.kind == "bool":
        return z3.is_true(value)
    if f.term.kind == "int":
        return value.as_long()
    return float(Fraction(value.numerator_as_long(), value.denominator_as_long()))
