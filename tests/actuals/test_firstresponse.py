"""First response per exported ticket in SQL: the engine's due time, business time and verdict, ticket by ticket."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from planops.actuals.businesstime import instant
from planops.actuals.firstresponse import first_response_view
from planops.actuals.reader import read_export
from planops.actuals.routing import routed_view, ticket_of
from planops.engine import Engine
from planops.pipeline import check_plan
from planops.plan import ValidPlan

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "acme-2026-Q3"
UNTIL = datetime(2026, 10, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def plan() -> ValidPlan:
    checked = check_plan(REPO / "plan")
    assert isinstance(checked.plan, ValidPlan)
    return checked.plan


def test_due_times_business_time_and_verdicts_are_the_engines(plan: ValidPlan) -> None:
    export = read_export(SAMPLE / "tickets.csv", SAMPLE / "events.csv")
    con = export.connection
    assert routed_view(con, plan)
    first_response_view(con, plan, UNTIL)
    sql = {
        row[0]: row[1:]
        for row in con.execute("SELECT id, due_us, responded_us, business_us, outcome FROM first_response").fetchall()
    }
    cursor = con.execute("SELECT * FROM tickets")
    names = [d[0] for d in cursor.description]
    tickets = cursor.fetchall()
    engine, fields, checked, verdicts = Engine.for_plan(plan), plan.ticket_schema.fields, 0, set()
    responses = dict(
        con.execute("SELECT ticket_id, min(\"at\") FROM events WHERE event = 'respond' GROUP BY ticket_id").fetchall()
    )
    for values in tickets:
        row: dict[str, Any] = dict(zip(names, values, strict=True))
        routed = engine.route(ticket_of(row, fields))
        due_us, responded_us, business_us, outcome = sql[row["id"]]
        due = routed.due.get("first_response")
        assert (None if due_us is None else instant(due_us)) == (None if due is None else due.astimezone(UTC))
        answered = responses.get(row["id"])
        assert (None if responded_us is None else instant(responded_us)) == answered
        if answered is not None:
            assert timedelta(microseconds=business_us) == routed.calendar.open_time(routed.created, answered)
        if due is not None:
            expected = "met" if answered and answered <= due else "breached" if answered or due < UNTIL else "pending"
            assert outcome == expected
            verdicts.add(outcome)
        checked += 1
    assert checked == len(sql) > 3000
    assert verdicts == {"met", "breached", "pending"} or verdicts >= {"met", "breached"}
