"""The solver's formula of an expression says exactly what the real evaluator does.

Expressions are drawn from the decided subset (planops.celcheck.smt) over a fixed set of fields. Both ways:
each outcome (true, false, failed) the solver finds possible comes with a ticket that really gives it, and
each ticket drawn at random (fields missing, null, NaN, or values) gives an outcome the formula allows — so
an answer "no ticket can…" is never wrong for tickets that fit the fields.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
import z3
from hypothesis import given, note, settings
from hypothesis import strategies as st

from planops.celcheck.proofs import ticket_of
from planops.celcheck.smt import Cond, Translator, Undecided
from planops.celcheck.syntax import parse
from planops.expr import compile_expr, context
from planops.model.fields import FieldSpec
from planops.ticketfields import build
from planops.ticketvalues import typed

FIELDS, _ = build(
    {
        "region": FieldSpec(type="string", values=("eu", "us")),
        "n": "integer",
        "flag": "bool",
        "customer.tier": FieldSpec(type="string", values=("gold", "silver")),
    },
    {},
)
NUMBERS = ["0.0", "1.5", "10.0", "-2.0", "3", "0"]
ATOMS = st.one_of(
    st.builds(
        lambda op, x: f"ticket.amount {op} {x}",
        st.sampled_from(["<", "<=", ">", ">=", "==", "!="]),
        st.sampled_from(NUMBERS),
    ),
    st.builds(
        lambda op, x: f"ticket.n {op} {x}", st.sampled_from(["<", ">=", "==", "!="]), st.sampled_from(["0", "3", "1.5"])
    ),
    st.builds(lambda op, x: f"ticket.region {op} '{x}'", st.sampled_from(["==", "!="]), st.sampled_from(["eu", "us"])),
    st.builds(lambda op, x: f"ticket.subject {op} '{x}'", st.sampled_from(["==", "!="]), st.sampled_from(["", "ab"])),
    st.builds(
        lambda f, x: f"ticket.subject.{f}('{x}')",
        st.sampled_from(["startsWith", "endsWith", "contains"]),
        st.sampled_from(["a", "b"]),
    ),
    st.sampled_from(
        [
            "ticket.region in ['eu']",
            "ticket.region in ['eu', 'us']",
            "ticket.amount in [1.5, 3]",
            "ticket.flag",
            "ticket.flag == true",
            "ticket.amount == null",
            "ticket.region != null",
            "has(ticket.amount)",
            "has(ticket.customer)",
            "has(ticket.customer.tier)",
            "ticket.customer.tier == 'gold'",
            "ticket.customer.tier.startsWith('s')",
            "true",
            "false",
        ]
    ),
)
EXPRESSIONS = st.recursive(
    ATOMS,
    lambda inner: st.one_of(
        st.builds(lambda a, b: f"({a} && {b})", inner, inner),
        st.builds(lambda a, b: f"({a} || {b})", inner, inner),
        st.builds(lambda a: f"!({a})", inner),
        st.builds(lambda a, b, c: f"({a} ? {b} : {c})", inner, inner, inner),
    ),
    max_leaves=6,
)
VALUES: dict[str, st.SearchStrategy[Any]] = {
    "amount": st.sampled_from([0.0, 1.5, 3.0, 10.0, -2.0, 2.0, math.nan, math.inf, None]),
    "n": st.sampled_from([0, 3, 1, -5, None]),
    "region": st.sampled_from(["eu", "us", None]),
    "subject": st.sampled_from(["", "ab", "ba", "b", None]),
    "flag": st.sampled_from([True, False, None]),
}
TICKETS = st.fixed_dictionaries(
    {},
    optional={
        **VALUES,
        "customer": st.one_of(
            st.none(), st.fixed_dictionaries({}, optional={"tier": st.sampled_from(["gold", "silver", None])})
        ),
    },
)


def outcome(source: str, ticket: dict[str, Any]) -> str:
    try:
        result = compile_expr(source).execute(context(typed(ticket, FIELDS)))
    except Exception:  # any failure means "does not match" (planops.expr.matches)
        return "failed"
    return {True: "true", False: "false"}.get(result, "failed") if isinstance(result, bool) else "failed"


def formulas(cond: Cond) -> dict[str, Any]:
    return {"true": cond.true, "false": cond.false, "failed": z3.And(z3.Not(cond.true), z3.Not(cond.false))}


def translated(source: str) -> tuple[Translator, Cond]:
    tr = Translator(FIELDS, {})
    try:
        return tr, tr.condition(parse(source))
    except Undecided:
        pytest.fail(f"{source} is in the decided subset")


@settings(max_examples=150, deadline=None)
@given(EXPRESSIONS)
def test_every_outcome_the_solver_allows_has_a_real_ticket(source: str) -> None:
    tr, cond = translated(source)
    for name, formula in formulas(cond).items():
        solver = z3.Solver()
        solver.add(tr.facts)
        if solver.check(formula) == z3.sat:
            ticket = ticket_of(tr, solver.model(), list(tr.read))
            note(f"{name}: {ticket}")
            assert outcome(source, ticket) == name


@settings(max_examples=150, deadline=None)
@given(EXPRESSIONS, TICKETS)
def test_every_real_outcome_is_one_the_formula_allows(source: str, ticket: dict[str, Any]) -> None:
    tr, cond = translated(source)
    real = outcome(source, ticket)
    solver = z3.Solver()
    solver.add(tr.facts)
    solver.add(_is(tr, ticket))
    assert solver.check(formulas(cond)[real]) == z3.sat, (real, ticket)


def _is(tr: Translator, ticket: dict[str, Any]) -> list[Any]:
    """That the formula's fields are those of ``ticket`` (infinity stands for a number beyond every literal)."""
    facts = []
    for name, f in tr.read.items():
        value, there = _lookup(ticket, name.split("."))
        facts.append(f.present == there)
        if not there:
            continue
        facts.append(f.null == (value is None))
        if f.term is None or value is None:
            continue
        if isinstance(value, float) and math.isnan(value):
            facts.append(f.term.nan)
            continue
        facts.append(z3.Not(f.term.nan))
        if f.term.enum is not None:
            facts.append(f.term.value == f.term.enum.index(value))
        elif isinstance(value, float) and math.isinf(value):
            facts.append(f.term.value > 10**6 if value > 0 else f.term.value < -(10**6))
        elif isinstance(value, str):
            facts.append(f.term.value == z3.StringVal(value))
        else:
            facts.append(f.term.value == value)
    return facts


def _lookup(ticket: dict[str, Any], path: list[str]) -> tuple[Any, bool]:
    value: Any = ticket
    for part in path:
        if not isinstance(value, dict) or part not in value:
            return None, False
        value = value[part]
    return value, True
