"""Exported tickets routed in the database go exactly where the engine sends each of them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planops.actuals.reader import read_export
from planops.actuals.routing import routed_view, routing_query, ticket_of
from planops.engine import Engine, TicketError
from planops.pipeline import check_plan
from planops.plan import ValidPlan

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "acme-2026-Q3"


@pytest.fixture(scope="module")
def plan() -> ValidPlan:
    checked = check_plan(REPO / "plan")
    assert isinstance(checked.plan, ValidPlan)
    return checked.plan


def _engine_routes(plan: ValidPlan, rows: list[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
    engine, found = Engine.for_plan(plan), {}
    fields = plan.ticket_schema.fields
    for row in rows:
        try:
            r = engine.route(ticket_of(row, fields))
        except TicketError:
            found[row["id"]] = ("refused",)
            continue
        found[row["id"]] = (r.segment, r.priority, r.queue, r.workflow, r.rule, r.sla_policy, r.calendar_name)
    return found


def test_the_bundled_sample_routes_in_sql_as_in_the_engine(plan: ValidPlan) -> None:
    export = read_export(SAMPLE / "tickets.csv", SAMPLE / "events.csv")
    con = export.connection
    assert routed_view(con, plan)
    cursor = con.execute("SELECT * FROM tickets ORDER BY id")
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    sql = {
        ticket_id: ("refused",) if refused else (segment, priority, queue, workflow, rule, policy, calendar)
        for ticket_id, segment, priority, queue, workflow, rule, policy, calendar, refused in con.execute(
            "SELECT id, segment, priority, queue, workflow, rule, sla_policy, calendar, refused FROM routed"
        ).fetchall()
    }
    engine = _engine_routes(plan, rows)
    assert len(sql) == len(engine) == len(rows) > 3000
    differing = [(k, sql[k], engine[k]) for k in engine if sql[k] != engine[k]]
    assert differing == []
    assert len({v[3] for v in sql.values()}) >= 3  # several workflows: the test is not one rule for all


def test_columns_the_reader_typed_route_as_their_text_does(plan: ValidPlan) -> None:
    """A number or true/false column typed by the reader is read as it is, not through text: same routes."""
    routes = []
    for fields in (None, plan.ticket_schema.fields):
        con = read_export(SAMPLE / "tickets.csv", SAMPLE / "events.csv", fields=fields).connection
        assert routed_view(con, plan)
        kinds = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE tickets)").fetchall())
        routes.append((kinds["customer.annual_value"], con.execute("SELECT * FROM routed ORDER BY id").fetchall()))
    (text, as_text), (number, as_typed) = routes
    assert (text, number) == ("VARCHAR", "DOUBLE")
    assert len(as_typed) > 3000 and as_typed == as_text


def test_a_condition_outside_the_subset_leaves_routing_to_the_engine(plan: ValidPlan) -> None:
    assert routing_query(plan, dict.fromkeys(["id", "created_at", "channel"], "")) is not None
    assert plan.routing is not None
    rules = list(plan.routing.rules)
    odd = rules[0].model_copy(update={"when": "ticket.tags.exists(t, t == 'vip')"})
    changed = plan.routing.model_copy(update={"rules": (odd, *rules[1:])})
    entries = tuple(e if e.obj is not plan.routing else type(e)(changed, e.doc) for e in plan.entries)
    other = ValidPlan(plan.root, entries, plan.files, plan.broken)
    assert routing_query(other, dict.fromkeys(["id", "created_at"], "")) is None
