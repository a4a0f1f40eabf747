"""Workload per queue and role (planops.actuals.workload) on the demo plan: role agent (headcount 2) serves
frontline and billing; no other role serves a queue."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.helpers.gitrepo import Repo, repo_fixture  # noqa: F401  (the fixture)

from planops.actuals.workload import Load, no_shifts, scheduled_capacity, workload
from planops.plan import ValidPlan
from planops.review.replay import revision

SPAN = {"2026-Q1": (datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))}
COUNTS = {("2026-Q1", "billing", "email"): 4, ("2026-Q1", "frontline", "email"): 2, ("2026-Q1", "frontline", "x"): 1}


def loads(found: list[Load]) -> list[tuple[str, str, float, float | None, float | None, float | None]]:
    return [(w.kind, w.name, w.tickets, w.hours, w.capacity, w.utilisation) for w in found]


def test_without_handle_times_or_shifts_only_tickets_are_counted(repo: Repo) -> None:
    plan = revision(repo.root, None, repo.plan, "head").plan
    assert loads(workload(plan, "head", COUNTS, SPAN, no_shifts)) == [
        ("queue", "billing", 4, None, None, None),
        ("queue", "frontline", 3, None, None, None),
        ("role", "agent", 7, None, None, None),
    ]


def test_handle_hours_and_capacity_give_utilisation(repo: Repo) -> None:
    service = repo.plan / "service.yaml"
    service.write_text(service.read_text().replace("calendar: office\n", "calendar: office\nhandle_time: 30m\n", 1))
    plan = revision(repo.root, None, repo.plan, "head").plan  # the working tree: email takes 30 minutes a ticket
    assert plan.channels["email"].handle_time == timedelta(minutes=30)
    asked = []

    def capacity(found: ValidPlan, role: str, start: datetime, end: datetime) -> float | None:
        asked.append((role, start, end))
        return 20.0 if role == "agent" else None

    assert loads(workload(plan, "head", COUNTS, SPAN, capacity)) == [
        ("queue", "billing", 4, 2.0, 10.0, 20.0),  # 4 × 30 min; half the agents' 20 h
        ("queue", "frontline", 3, 1.0, 10.0, 10.0),  # channel x is not the plan's: no hours
        ("role", "agent", 7, 3.0, 20.0, 15.0),
    ]
    assert asked[0] == ("agent", *SPAN["2026-Q1"])


def test_the_capacity_of_a_backtest_is_what_the_shifts_schedule() -> None:
    from planops.staffing.capacity import scheduled_hours

    assert scheduled_capacity() is scheduled_hours
