"""Review cadence: due dates by month, quarter, half-year and year; inherited owners and dates."""

from __future__ import annotations

from datetime import date

import pytest
from tests.helpers.gitrepo import PLAN
from tests.review.test_semantic import compiled

from planops.review.cadence import add_months, findings, review_status


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 10), 3, date(2026, 4, 10)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 12, 1), 12, date(2027, 12, 1)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("every", "due"),
    [
        ("month", date(2026, 2, 10)),
        ("quarter", date(2026, 4, 10)),
        ("half-year", date(2026, 7, 10)),
        ("year", date(2027, 1, 10)),
    ],
)
def test_cadence_sets_the_due_date(every: str, due: date) -> None:
    files = dict(PLAN, **{"plan.yaml": PLAN["plan.yaml"].replace("every: quarter", f"every: {every}")})
    statuses = review_status(compiled(files), date(2026, 1, 20))
    assert {s.due for s in statuses} == {due}


def test_own_review_date_and_owner_win_over_the_plans() -> None:
    files = dict(PLAN)
    files["service.yaml"] = files["service.yaml"].replace(
        "owner: billing-lead\n", "owner: billing-lead\nreviewed: 2025-12-01\n"
    )
    statuses = {(s.kind, s.name): s for s in review_status(compiled(files), date(2026, 3, 15))}
    vip = statuses["SLAPolicy", "vip"]
    assert (vip.owner, vip.owner_inherited, vip.reviewed, vip.reviewed_inherited) == (
        "billing-lead",
        False,
        date(2025, 12, 1),
        False,
    )
    assert (vip.due, vip.status) == (date(2026, 3, 1), "overdue")
    standard = statuses["SLAPolicy", "standard"]
    assert (standard.owner, standard.owner_inherited, standard.reviewed, standard.reviewed_inherited) == (
        "lead",
        True,
        date(2026, 1, 10),
        True,
    )
    assert (standard.due, standard.status) == (date(2026, 4, 10), "due soon")
    assert next(iter(statuses)) == ("SLAPolicy", "vip")  # soonest due first


def test_status_boundaries() -> None:
    plan = compiled(PLAN)
    assert {s.status for s in review_status(plan, date(2026, 4, 10))} == {"due soon"}  # due today
    assert {s.status for s in review_status(plan, date(2026, 4, 11))} == {"overdue"}
    assert {s.status for s in review_status(plan, date(2026, 3, 10))} == {"ok"}  # 31 days ahead


def test_never_reviewed_is_overdue() -> None:
    files = dict(PLAN, **{"plan.yaml": PLAN["plan.yaml"].replace("reviewed: 2026-01-10\n", "")})
    statuses = review_status(compiled(files), date(2026, 1, 20))
    assert {(s.reviewed, s.due, s.status) for s in statuses} == {(None, None, "overdue")}
    found = findings(statuses, "quarter")
    assert found[0].message == "Calendar 'office' has never been reviewed"


def test_overdue_findings() -> None:
    statuses = review_status(compiled(PLAN), date(2026, 5, 1))
    found = findings(statuses, "quarter", strict=True)
    assert len(found) == len(statuses)
    routing = next(d for d in found if d.path == "plan/routing.yaml")
    assert (routing.line, routing.code, str(routing.severity)) == (2, "review-overdue", "error")
    assert routing.text == (
        "Routing 'default' was last reviewed 2026-01-10; its quarterly review was due 2026-04-10 "
        "(review it with lead and set 'reviewed:')"
    )
