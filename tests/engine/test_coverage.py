"""Workflow coverage: states entered and transitions (event branches) taken by the scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers.smallplan import load, scenario, write_plan

from planops.engine import Coverage, Engine, coverage

MONDAY = "2026-03-02T09:00:00+01:00"


def covered(tmp_path: Path, *docs: str) -> Coverage:
    plan = load(write_plan(tmp_path, *docs))
    engine = Engine.for_plan(plan)
    return coverage(plan, [engine.run(s) for s in plan.scenarios.values()])


def test_what_no_scenario_visits_is_listed(tmp_path: Path) -> None:
    cov = covered(
        tmp_path,
        scenario("quick", created=MONDAY, events="[{at: +1h, do: resolve}]"),
        scenario("timer", created=MONDAY, until="+4h", category="billing", amount=900.0),
    )
    billing, general = cov.workflows
    assert general.workflow == "general"
    assert general.missed_states == ("lead-review",)
    assert [general.describe(e) for e in general.missed_edges] == [
        "answer --escalate--> lead-review",
        "lead-review --resolve--> resolved",
        "lead-review --reassign--> answer",
    ]
    assert (general.covered, general.total) == (3, 7)
    # the billing timer took the first escalate branch (amount > 500) only
    assert billing.missed_states == ("billing-review", "waiting", "resolved")
    assert "triage --escalate #2--> billing-review" in [billing.describe(e) for e in billing.missed_edges]
    assert "triage --escalate #1--> manager-approval" not in [billing.describe(e) for e in billing.missed_edges]
    assert cov.covered == billing.covered + general.covered
    # who visited what: the timer's move is known as the timer's
    assert general.entered_by == {"answer": ("quick",), "resolved": ("quick",)}
    assert billing.entered_by == {"triage": ("timer",), "manager-approval": ("timer",)}
    timer_edge = ("triage", "escalate", 0, "manager-approval")
    assert billing.taken_by == {timer_edge: ("timer",)} and billing.timed_by == {timer_edge: ("timer",)}
    assert general.timed_by == {}
    assert cov.percent == pytest.approx(100 * cov.covered / cov.total)


def test_every_state_and_transition_is_100_percent(tmp_path: Path) -> None:
    cov = covered(
        tmp_path,
        scenario(
            "a",
            created=MONDAY,
            events="[{at: +1h, do: escalate}, {at: +2h, do: reassign},"
            " {at: +3h, do: escalate}, {at: +4h, do: resolve}]",
        ),
        scenario("b", created=MONDAY, events="[{at: +1h, do: resolve}]"),
    )
    general = cov.workflows[1]
    assert (general.percent, general.missed_states, general.missed_edges) == (100.0, (), ())


def test_no_runs_nothing_covered(tmp_path: Path) -> None:
    plan = load(write_plan(tmp_path))
    cov = coverage(plan, [])
    # states + transitions of each workflow
    assert cov.covered == 0 and cov.percent == 0.0 and cov.total == (5 + 9) + (3 + 4)
