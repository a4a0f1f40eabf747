"""Rules no ticket can reach, proved: segments, routing rules, SLA policies and workflow branches whose
``when:`` is never true, is swallowed by earlier entries of its first-match list, or holds for every
ticket that has its fields; and ``?:`` branches never taken.

The z3 SMT solver decides them over a typed subset of CEL (planops.celcheck.smt lists it); a ``when:``
outside it is skipped. Answers are remembered across runs (planops.usercache) by the list's texts and
names and the plan's field types and parameter values, so the solver (and its import) runs only for a
list that changed.
"""

from __future__ import annotations

import hashlib
import json
import time
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any

from planops.diagnostics import WARNING, Code, Diagnostic
from planops.expr import ExprError, compile_expr, position
from planops.limits import MAX_PROOF_SECONDS
from planops.loader.document import Path
from planops.model import PlanObject
from planops.plan import CompiledPlan
from planops.usercache import Remembered, files_stamp

SWALLOWED = Code(
    "swallowed-rule",
    WARNING,
    "A segment, routing rule, SLA policy or workflow branch whose `when:` only matches tickets that earlier "
    "entries of its list take first, so it never applies (proved by an SMT solver over the typed CEL subset; "
    "other expressions are skipped).",
    "rules:\n  - {name: billing, when: \"ticket.category == 'billing'\", set: {queue: billing}}\n"
    "  - {name: big-billing, when: \"ticket.category == 'billing' && ticket.amount > 500.0\", set: {queue: vip}}\n",
)
NEVER_TRUE = Code(
    "never-true",
    WARNING,
    "A `when:` that no ticket with the typed fields can make true: its parts contradict each other.",
    'when: "ticket.amount > 500.0 && ticket.amount < 100.0"\n',
)
ALWAYS_TRUE = Code(
    "always-true",
    WARNING,
    "A `when:` that holds for every ticket that has the fields it reads: it only asks whether they are there.",
    "when: \"ticket.priority in ['urgent', 'high', 'normal', 'low']\"\n",
)
DEAD_CHOICE = Code(
    "dead-choice",
    WARNING,
    "A `?:` whose condition is never true (or never false), so one of its branches is never taken.",
    'when: "has(ticket.x) || !has(ticket.x) ? ticket.amount > 5.0 : ticket.amount > 50.0"\n',
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of a first-match list: where its ``when:`` is, how a message names it."""

    obj: PlanObject
    path: Path
    label: str
    when: str | None


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    env = plan.cel_env
    if env.ticket is None:
        return
    fingerprint = _fingerprint(plan)
    for entries in lists(plan):
        if sum(1 for e in entries if e.when) == 0:
            continue
        for answer in _answers(plan, [e.when for e in entries], fingerprint):
            yield from _finding(plan, entries, answer)
    ANSWERS.flush()


def lists(plan: CompiledPlan) -> Iterator[list[Entry]]:
    """Every first-match list, up to its first entry without ``when:`` (what follows is shadowed-rule's).

    The (SLA policies) list of a broken kind is left out: a policy that failed its shape may be the one."""
    if plan.segmentation is not None:
        seg = plan.segmentation
        yield _upto(
            [Entry(seg, ("segments", i, "when"), f"segment '{s.name}'", s.when) for i, s in enumerate(seg.segments)]
        )
    if not plan.is_broken("SLAPolicy"):
        yield _upto([Entry(p, ("when",), f"SLA policy '{p.name}'", p.when) for p in plan.sla_policies])
    if plan.routing is not None:
        rules = plan.routing.rules
        yield _upto(
            [Entry(plan.routing, ("rules", i, "when"), f"rule '{r.name}'", r.when) for i, r in enumerate(rules)]
        )
    for wf in plan.workflows.values():
        for state_name, state in wf.states.items():
            for event, target in state.on.items():
                if isinstance(target, str):
                    continue
                yield _upto(
                    [
                        Entry(
                            wf,
                            ("states", state_name, "on", event, i, "when"),
                            _branch(i, b.to, event, state_name),
                            b.when,
                        )
                        for i, b in enumerate(target)
                    ]
                )


def _branch(i: int, to: str, event: str, state: str) -> str:
    return f"branch {i + 1} of '{event}' in state '{state}' (to '{to}')"


def _upto(entries: list[Entry]) -> list[Entry]:
    """The entries up to the first without ``when:`` (the default, kept: with it no ticket matches none)."""
    for i, e in enumerate(entries):
        if e.when is None:
            return entries[: i + 1]
    return entries


def _stamp() -> str:
    here = FilePath(__file__).parent.parent
    mine = [here / "celcheck" / n for n in ("smt.py", "proofs.py", "syntax.py", "cel.lark")]
    return files_stamp([FilePath(__file__), *mine, here / "ticketfields.py"])


_DEADLINES: dict[int, float] = {}
"""When the solver's time (MAX_PROOF_SECONDS) for a plan, by its id, runs out: from its first question on."""


def _deadline(plan: CompiledPlan) -> float:
    found = _DEADLINES.get(id(plan))
    if found is None:
        found = _DEADLINES[id(plan)] = time.monotonic() + MAX_PROOF_SECONDS
        weakref.finalize(plan, _DEADLINES.pop, id(plan), None)  # a later plan with the same id starts afresh
    return found


ANSWERS = Remembered("cel-proofs", _stamp)
"""Proofs by a hash of a list's texts and labels and the plan's fields and parameters: no ticket is kept."""


def _fingerprint(plan: CompiledPlan) -> str:
    from planops.parameters import values

    fields = repr(sorted(plan.ticket_schema.fields.items()))
    params = repr(sorted((k, type(v).__name__, repr(v)) for k, v in values(plan.manifest).items()))
    return hashlib.sha256(f"{fields}\0{params}".encode()).hexdigest()


def _answers(plan: CompiledPlan, whens: list[str | None], fingerprint: str) -> list[list[Any]]:
    """[index, kind, offset, names, witness] per proof: remembered, else worked out by the solver (then remembered)."""
    key = hashlib.sha256(json.dumps([fingerprint, whens]).encode()).hexdigest()
    kept = ANSWERS.answers().get(key)
    if isinstance(kept, list):
        return kept
    answers, complete = _solve(plan, whens)
    found = [[a.index, a.kind, a.offset, list(a.names), a.witness] for a in answers]
    if complete:  # a list left half asked (out of time) is asked again next run
        ANSWERS.keep(key, found, write=False)
    return found


def matching_none(plan: CompiledPlan, whens: Sequence[str | None]) -> str:
    """``, e.g. {…}``: a ticket that no ``when:`` of a list without a default matches, as the solver found it; ""
    when it found none (an expression outside the subset, or the fields' types unknown)."""
    if plan.cel_env.ticket is None or not whens or any(w is None for w in whens):
        return ""
    for answer in _answers(plan, list(whens), _fingerprint(plan)):
        if isinstance(answer, list) and len(answer) == 5 and answer[1] == "none" and isinstance(answer[4], str):
            shown = answer[4] if answer[4] != "{}" else "a ticket without the fields they read"
            return f", e.g. {shown}"
    return ""


def _solve(plan: CompiledPlan, whens: list[str | None]) -> tuple[list[Any], bool]:
    from planops.celcheck import proofs
    from planops.parameters import values

    env = plan.cel_env

    def decided(source: str) -> bool:
        try:
            compile_expr(source)
        except ExprError:
            return False
        return not env.check(source)

    assert env.ticket is not None
    deadline = _deadline(plan)
    return proofs.first_match(whens, decided, env.ticket, values(plan.manifest), deadline)


def _finding(plan: CompiledPlan, entries: Sequence[Entry], answer: list[Any]) -> Iterator[Diagnostic]:
    try:
        index, kind, offset, names, _witness = answer
        entry = entries[index]
    except (ValueError, TypeError, IndexError):
        return  # a remembered answer of another shape
    if kind == "swallowed":
        earlier = [entries[int(n)].label for n in names]
        yield SWALLOWED.at(
            plan,
            entry.obj,
            entry.path,
            f"{entry.label} can never apply: every ticket its when: matches is taken first by {_and(earlier)}",
            hint=f"move it before {earlier[0]}, or remove it",
        )
    elif kind == "never":
        yield NEVER_TRUE.at(plan, entry.obj, entry.path, _never(entry.label, names), hint="fix or remove the when:")
    elif kind == "always":
        message, hint = _always(entry.label, names)
        yield ALWAYS_TRUE.at(plan, entry.obj, entry.path, message, hint=hint)
    elif kind in ("then", "else") and entry.when is not None:
        doc = plan.where(entry.obj)
        line, col = doc.text_loc(entry.path, *position(entry.when, int(offset)))
        never, branch = ("true", "first") if kind == "then" else ("false", "second")
        yield DEAD_CHOICE.located(
            doc.path,
            line,
            col,
            f"the {branch} branch of this ?: in the when: of {entry.label} is never taken: "
            f"its condition is never {never}",
            "drop the ?: and keep the branch that is taken",
        )


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"


def _never(label: str, parts: Sequence[str]) -> str:
    if len(parts) == 1:
        return f"{label} can never apply: no ticket makes `{parts[0]}` true"
    shown = _and([f"`{p}`" for p in parts])
    return f"{label} can never apply: {shown} never hold together"


def _always(label: str, fields: Sequence[str]) -> tuple[str, str]:
    if not fields:
        return f"the when: of {label} is true for every ticket", "drop the when:"
    has = " && ".join(f"has(ticket.{f})" for f in fields)
    return (
        f"the when: of {label} is true for every ticket that has {_and(list(fields))}: it only asks whether "
        f"the ticket has {'it' if len(fields) == 1 else 'them'}",
        f"write `{has}` if that is what is meant",
    )


CODES = [SWALLOWED, NEVER_TRUE, ALWAYS_TRUE, DEAD_CHOICE]
