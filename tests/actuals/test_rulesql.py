"""The plan's conditions as SQL answer exactly as the CEL evaluator does, ticket by ticket."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from planops.actuals.rulesql import condition, first_match
from planops.celengine import cel
from planops.expr import compile_expr, matches
from planops.pipeline import check_plan
from planops.ticketvalues import typed

REPO = Path(__file__).resolve().parents[2]
PLAN = check_plan(REPO / "plan").plan
PARAMETERS = {name: p.value for name, p in (PLAN.manifest.parameters if PLAN.manifest else {}).items()}
COLUMNS = {
    "channel": "VARCHAR",
    "category": "VARCHAR",
    "segment": "VARCHAR",
    "priority": "VARCHAR",
    "region": "VARCHAR",
    "amount": "DOUBLE",
    "subject": "VARCHAR",
    "customer.annual_value": "DOUBLE",
    "customer.churn_risk": "BOOLEAN",
    "customer.plan": "VARCHAR",
}


def _whens() -> list[str]:
    found = [s.when for s in PLAN.segmentation.segments] if PLAN.segmentation else []
    found += [p.when for p in PLAN.sla_policies]
    found += [r.when for r in PLAN.routing.rules] if PLAN.routing else []
    for workflow in PLAN.workflows.values():
        for state in workflow.states.values():
            for target in state.on.values():
                found += [] if isinstance(target, str) else [b.when for b in target]
    return sorted({w for w in found if w})


WHENS = _whens()
SQL = {when: condition(when, PARAMETERS) for when in WHENS}


def test_every_condition_of_the_bundled_plan_is_in_the_subset() -> None:
    assert [when for when, sql in SQL.items() if sql is None] == []
    assert len(WHENS) > 10


def _flat(ticket: dict[str, Any]) -> dict[str, Any]:
    row = {k: v for k, v in ticket.items() if k != "customer"}
    row.update({f"customer.{k}": v for k, v in ticket.get("customer", {}).items()})
    return row


def _sql_answers(tickets: list[dict[str, Any]]) -> list[list[bool]]:
    con = duckdb.connect()
    con.execute("CREATE TABLE t (n INTEGER, " + ", ".join(f'"{c}" {t}' for c, t in COLUMNS.items()) + ")")
    for n, ticket in enumerate(tickets):
        row = _flat(ticket)
        con.execute(f"INSERT INTO t VALUES (?, {', '.join('?' for _ in COLUMNS)})", [n, *(row.get(c) for c in COLUMNS)])
    selects = ", ".join(f"coalesce({SQL[w].sql('duckdb')}, false)" for w in WHENS)  # type: ignore[union-attr]
    return [list(r) for r in con.execute(f"SELECT {selects} FROM t ORDER BY n").fetchall()]


def _cel_answers(tickets: list[dict[str, Any]]) -> list[list[bool]]:
    """As the engine reads a ticket: typed by the plan's fields, with the parameters as ``plan``."""
    rows = []
    for ticket in tickets:
        ctx = cel.Context({"ticket": typed(ticket, PLAN.ticket_schema.fields), "plan": PARAMETERS})
        rows.append([matches(compile_expr(w), ctx) for w in WHENS])
    return rows


def _values(field: str) -> list[Any]:
    f = PLAN.ticket_schema.fields.get(field)
    return list(f.values or []) if f else []


tickets = st.fixed_dictionaries(
    {},
    optional={
        "channel": st.sampled_from([*_values("channel"), "fax"]),
        "category": st.sampled_from(_values("category")),
        "segment": st.sampled_from(_values("segment")),
        "priority": st.sampled_from(_values("priority")),
        "region": st.sampled_from(["emea", "americas", "apac"]),
        "amount": st.one_of(st.integers(0, 5000), st.floats(0, 5000, allow_nan=False)),
        "subject": st.text(max_size=12),
        "customer": st.fixed_dictionaries(
            {},
            optional={
                "annual_value": st.sampled_from([0, 9999.5, 10000, 49999, 50000, 50000.0, 250000]),
                "churn_risk": st.booleans(),
                "plan": st.sampled_from(["starter", "growth", "enterprise"]),
            },
        ),
    },
)


@given(st.lists(tickets, min_size=1, max_size=25))
def test_sql_and_cel_agree_on_every_condition_for_random_tickets(batch: list[dict[str, Any]]) -> None:
    assert _sql_answers(batch) == _cel_answers(batch)


@pytest.mark.parametrize(
    ("source", "sql"),
    [
        (
            "ticket.category == 'billing' && ticket.amount > 500.0",
            '(("category" = \'billing\') AND ("amount" > 500.0))',
        ),
        ("ticket.customer['plan'] in ['growth', 'it\\'s']", "\"customer.plan\" IN ('growth', 'it''s')"),
        ("!has(ticket.segment)", '(NOT (NOT "segment" IS NULL))'),
        ("ticket.amount > plan.limit", '"amount" > 500.0'),
    ],
)
def test_conditions_print_as_sql(source: str, sql: str) -> None:
    found = condition(source, {"limit": 500.0})
    assert found is not None and found.sql("duckdb") == sql


@pytest.mark.parametrize(
    "source", ["ticket.tags.exists(t, t == 'x')", "ticket.amount / 2.0 > 1.0", "launch(ticket.x)", "ticket.amount >"]
)
def test_what_is_outside_the_subset_is_left_to_the_engine(source: str) -> None:
    assert condition(source) is None


def test_first_match_is_one_case_expression_in_every_dialect() -> None:
    case = first_match(["ticket.segment == 'vip'", "ticket.amount > 1.0", None])
    assert case is not None
    assert case.sql("duckdb") == ('CASE WHEN "segment" = \'vip\' THEN 0 WHEN "amount" > 1.0 THEN 1 ELSE 2 END')
    assert case.sql("bigquery").startswith("CASE WHEN `segment` = 'vip' THEN 0")
    assert first_match(["ticket.a.exists(x, x)"]) is None
    assert first_match([]) is not None and first_match([]).sql("duckdb") == "NULL"  # type: ignore[union-attr]
