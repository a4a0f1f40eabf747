"""The measures that need the SLA clocks or events over time, on a small export whose answers are worked out by
hand: next response time (one value per answered next-response clock), backlog at each period's end, and
durations in calendar time with ``hours: calendar``."""

from __future__ import annotations

from pathlib import Path

import pytest

from planops.actuals.report import report
from planops.pipeline import check_plan
from planops.plan import ValidPlan

KPIS = """
---
kind: KPI
name: next-response
title: Next response
measures: next_response_time
target: {max: 1h}
owner: support-lead
---
kind: KPI
name: backlog
title: Backlog
measures: backlog
statistic: count
target: {max: 1}
owner: support-lead
---
kind: KPI
name: first-response-mean
title: First response (mean)
measures: first_response_time
target: {max: 1h}
owner: support-lead
---
kind: KPI
name: first-response-elapsed
title: First response (mean, every hour)
measures: first_response_time
hours: calendar
target: {max: 1h}
owner: support-lead
---
kind: KPI
name: sla
title: SLA attainment
measures: sla_attainment
statistic: rate
target: {min: 95}
owner: support-lead
"""
TICKETS = """id,created_at,channel,category,customer.annual_value
t1,2026-07-06T16:00:00Z,email,question,100
t2,2026-07-07T09:00:00Z,email,question,100
t3,2026-07-08T09:00:00Z,email,question,100
t4,2026-08-05T09:00:00Z,email,question,100
"""
# The office (Europe/London, mon-fri 09:00-17:30; 08:00-16:30 UTC in summer time).
EVENTS = """ticket_id,at,event,value
t1,2026-07-07T08:30:00Z,respond,
t1,2026-07-07T09:00:00Z,customer_reply,
t1,2026-07-07T10:00:00Z,customer_reply,
t1,2026-07-07T11:00:00Z,respond,
t1,2026-07-07T12:00:00Z,solve,
t2,2026-07-07T09:30:00Z,respond,
t2,2026-07-07T10:00:00Z,customer_reply,
t2,2026-07-07T11:00:00Z,solve,
t2,2026-08-03T09:00:00Z,reopen,
t2,2026-08-04T09:00:00Z,solve,
"""


@pytest.fixture
def values(plan_dir: Path, tmp_path: Path) -> dict[tuple[str, str], tuple[float | None, int]]:
    with (plan_dir / "plan.yaml").open("a", encoding="utf-8") as out:
        out.write(KPIS)
    plan = check_plan(plan_dir).plan
    assert isinstance(plan, ValidPlan)
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "events.csv").write_text(EVENTS, encoding="utf-8")
    found = report(plan, tmp_path / "tickets.csv", tmp_path / "events.csv", period="month")
    return {(r.kpi, r.period): (r.value, r.tickets) for r in found.rows}


def test_next_response_time_counts_each_answered_clock_from_the_oldest_message(
    values: dict[tuple[str, str], tuple[float | None, int]],
) -> None:
    # t1: the customer wrote at 10:00 and 11:00 BST, the answer came at 12:00: 120 minutes from the oldest;
    # t2's message is not answered: no value.
    assert values[("next-response", "2026-07")] == (120.0, 1)


def test_backlog_is_what_is_open_at_each_periods_end(values: dict[tuple[str, str], tuple[float | None, int]]) -> None:
    # End of July: t3 open (t2 solved, reopened only in August). End of August: t3 and t4.
    assert values[("backlog", "2026-07")] == (1.0, 1)
    assert values[("backlog", "2026-08")] == (2.0, 2)


def test_hours_calendar_counts_every_hour(values: dict[tuple[str, str], tuple[float | None, int]]) -> None:
    # t1: created 17:00 BST on Monday, answered 09:30 on Tuesday: 30 + 30 business minutes, 990 in all; t2: 30.
    assert values[("first-response-mean", "2026-07")] == (45.0, 3)
    assert values[("first-response-elapsed", "2026-07")] == (510.0, 3)


def test_sla_attainment_is_the_share_of_every_applied_target_met(
    values: dict[tuple[str, str], tuple[float | None, int]],
) -> None:
    # July, normal priority (first response 8h, next response 8h, resolution 40h), judged at the export's end
    # (4 August): t1 meets all three; t2 its first response and resolution (at its first solve; the reopen does
    # not restart it), its unanswered message is breached; t3 breaches both of its targets. 5 of 8.
    assert values[("sla", "2026-07")] == (62.5, 3)
    # August: t4 is created after the export's last event; both of its targets are pending.
    assert values[("sla", "2026-08")] == (None, 1)
