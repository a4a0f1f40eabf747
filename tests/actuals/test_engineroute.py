"""Where a condition is beyond the SQL subset, the engine routes each distinct kind of exported ticket once, and
every ticket goes where Engine.route sends it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from planops.actuals.engineroute import engine_routed_view, routing_columns
from planops.actuals.reader import read_export
from planops.actuals.report import report
from planops.actuals.routing import routed_view, ticket_of
from planops.engine import ChannelRefused, Engine, TicketError
from planops.pipeline import Level, check_plan
from planops.plan import ValidPlan

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "acme-2026-Q3"
OUTAGE = "when: \"ticket.category == 'outage'\""
MATCHES = "when: \"ticket.category.matches('^out[a-z]+$') && size(ticket.region) > 0\""


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> ValidPlan:
    root = tmp_path_factory.mktemp("bundled") / "plan"
    shutil.copytree(REPO / "plan", root)
    routing = root / "routing.yaml"
    text = routing.read_text(encoding="utf-8")
    assert text.count(OUTAGE) == 1
    routing.write_text(text.replace(OUTAGE, MATCHES), encoding="utf-8")
    checked = check_plan(root, level=Level.MEANING)
    assert checked.valid is not None, checked.errors
    return checked.valid


def _engine(plan: ValidPlan, rows: list[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
    engine, fields, found = Engine.for_plan(plan), plan.ticket_schema.fields, {}
    for row in rows:
        try:
            r = engine.route(ticket_of(row, fields))
        except ChannelRefused as refused:
            found[row["id"]] = (refused.segment, None, None, None, None, None, True)
            continue
        except TicketError:
            found[row["id"]] = (None,) * 6 + (False,)
            continue
        found[row["id"]] = (r.segment, r.priority, r.queue, r.workflow, r.rule, r.sla_policy, False)
    return found


def test_the_sql_subset_cannot_route_the_plan(plan: ValidPlan) -> None:
    export = read_export(SAMPLE / "tickets.csv", SAMPLE / "events.csv", fields=plan.ticket_schema.fields)
    assert routed_view(export.connection, plan) is False


def test_every_ticket_goes_where_the_engine_sends_it(plan: ValidPlan) -> None:
    export = read_export(SAMPLE / "tickets.csv", SAMPLE / "events.csv", fields=plan.ticket_schema.fields)
    con = export.connection
    told: list[str] = []
    groups = engine_routed_view(con, plan, progress=told.append)
    assert told == [f"routing {groups:,} kinds of ticket with the engine… {n:,}" for n in range(0, groups, 1000)]
    cursor = con.execute("SELECT * FROM tickets ORDER BY id")
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    found = {
        r[0]: tuple(r[1:])
        for r in con.execute(
            "SELECT id, segment, priority, queue, workflow, rule, sla_policy, refused FROM routed"
        ).fetchall()
    }
    expected = _engine(plan, rows)
    assert len(found) == len(expected) == len(rows) > 3000
    assert [(k, found[k], expected[k]) for k in expected if found[k] != expected[k]] == []
    assert 0 < groups < len(rows)
    assert sum(v[4] == "outage" for v in found.values()) > 10  # the rule SQL could not read did match


def test_the_groups_are_the_columns_routing_reads(plan: ValidPlan) -> None:
    columns = ["id", "created_at", "channel", "category", "priority", "region", "amount", "invoice_id"]
    more = ["customer.annual_value", "customer.churn_risk", "customer.plan", "subject"]
    assert routing_columns(plan, [*columns, *more]) == [
        "channel",
        "category",
        "priority",
        "region",
        "amount",
        "customer.annual_value",
        "customer.churn_risk",
    ]


def test_the_report_measures_a_plan_beyond_the_subset(plan: ValidPlan) -> None:
    measured = report(plan, SAMPLE / "tickets.csv", SAMPLE / "events.csv")
    assert measured.tickets == 3211 and measured.rows[0].kpi == "first-response-time"
