"""Escalate before breach: a timer longer than a target still running in its state, for routed tickets."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import edit, findings, where
from tests.helpers.smallplan import write_plan

from planops.diagnostics import Diagnostic, Severity

CODES = ("escalation-after-breach", "escalate-before-missed", "escalate-before-without-timer")
TIMER = "timeout: {after: 2h, event: escalate}"
WAITING = "pause: [resolution]\n    on: {customer_reply: billing-review}"
CLOSING = "pause: [resolution]\n    on: {customer_reply: billing-review, close: resolved}\n" + (
    "    timeout: {after: 30h, event: close}"
)
BILLING = "workflows/billing.yaml"


def escalation(folder: Path) -> list[Diagnostic]:
    return [d for d in findings(folder) if d.code in CODES]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return write_plan(tmp_path)


def test_a_timer_no_longer_than_any_routed_target_is_clean(small: Path) -> None:
    # triage's 2h timer against vip high's first_response of 2h: it fires at the due time, not after it
    assert escalation(small) == []


def test_a_timer_longer_than_first_response_warns_at_the_timer(small: Path) -> None:
    edit(small / BILLING, TIMER, TIMER.replace("2h", "3h"))
    [found] = escalation(small)
    assert where([found], small) == [(BILLING, 13, 22, "escalation-after-breach")]
    assert found.severity is Severity.WARNING
    assert found.message == (
        "high tickets of policy 'vip' breach first_response (2h) 1h before the 3h timer of state 'triage' "
        "fires 'escalate'"
    )
    assert found.hint == (
        "shorten the timer to at most 2h or lengthen the target, or set escalate_before: to the targets the "
        "timer protects, [] for none"
    )


def test_one_finding_per_target_names_the_tightest_policy_and_lists_the_others(small: Path) -> None:
    edit(small / BILLING, TIMER, TIMER.replace("2h", "5h"))
    found = escalation(small)
    assert [d.message for d in found] == [
        "high tickets of policy 'vip' breach first_response (2h) 3h before the 5h timer of state 'triage' "
        "fires 'escalate'; so do normal of 'vip' (4h), high of 'standard' (4h)",
        "high tickets of policy 'vip' breach next_response (4h) 1h before the 5h timer of state 'triage' "
        "fires 'escalate'",
    ]


def test_a_priority_routing_never_sends_to_the_workflow_is_not_checked(small: Path) -> None:
    # vip urgent promises a 30m first response, but no rule sends urgent tickets to billing-dispute
    edit(small / BILLING, TIMER, TIMER.replace("2h", "1h"))
    assert escalation(small) == []
    edit(small / "service.yaml", "set: {priority: high, queue: billing", "set: {priority: urgent, queue: billing")
    [found] = escalation(small)
    assert found.message.startswith("urgent tickets of policy 'vip' breach first_response (30m) 30m before")


def test_a_policy_whose_when_contradicts_the_rule_is_not_checked(small: Path) -> None:
    edit(small / BILLING, TIMER, TIMER.replace("2h", "3h"))
    rule = "when: \"ticket.category == 'billing' && ticket.amount > 500.0\""
    edit(small / "service.yaml", rule, "when: \"ticket.segment == 'standard' && ticket.amount > 500.0\"")
    assert escalation(small) == []  # vip needs segment 'vip'; standard high's 4h first response holds


def test_a_paused_target_does_not_run_in_its_state(small: Path) -> None:
    edit(small / BILLING, WAITING, CLOSING)
    found = escalation(small)
    assert where(found, small) == [(BILLING, 21, 22, "escalation-after-breach")] * 2
    assert [d.message.split(" before")[0] for d in found] == [
        "high tickets of policy 'vip' breach first_response (2h) 28h",
        "high tickets of policy 'vip' breach next_response (4h) 26h",
    ]  # resolution is paused in waiting: not reported
    edit(small / BILLING, "pause: [resolution]", "pause: [first_response, next_response, resolution]")
    assert escalation(small) == []


def test_a_state_reached_only_by_respond_runs_no_first_response(small: Path) -> None:
    edit(small / BILLING, "ask_customer: waiting}", "respond: waiting}")
    edit(small / BILLING, WAITING, CLOSING.replace("[resolution]", "[resolution, next_response]"))
    assert escalation(small) == []


def test_escalate_before_makes_a_late_timer_an_error(small: Path) -> None:
    edit(small / BILLING, TIMER, TIMER.replace("2h", "3h") + "\n    escalate_before: first_response")
    [found] = escalation(small)
    assert where([found], small) == [(BILLING, 13, 22, "escalate-before-missed")]
    assert found.severity is Severity.ERROR
    assert found.message.startswith("high tickets of policy 'vip' breach first_response (2h) 1h before")
    assert found.hint == "escalate_before: names first_response: shorten the timer to at most 2h or lengthen the target"


def test_escalate_before_other_targets_accepts_the_late_one(small: Path) -> None:
    edit(small / BILLING, TIMER, TIMER.replace("2h", "3h") + "\n    escalate_before: [resolution]")
    assert escalation(small) == []
    edit(small / BILLING, "escalate_before: [resolution]", "escalate_before: []")
    assert escalation(small) == []


def test_escalate_before_met_is_clean(small: Path) -> None:
    edit(small / BILLING, TIMER, TIMER + "\n    escalate_before: [first_response, next_response, resolution]")
    assert escalation(small) == []


def test_escalate_before_without_a_timer_is_an_error(small: Path) -> None:
    edit(small / BILLING, WAITING, WAITING + "\n    escalate_before: [resolution]")
    [found] = escalation(small)
    assert where([found], small) == [(BILLING, 21, 5, "escalate-before-without-timer")]
    assert found.message == "state 'waiting' names targets in escalate_before: but has no timer to fire before them"


def test_escalate_before_names_only_targets(small: Path) -> None:
    edit(small / BILLING, TIMER, TIMER + "\n    escalate_before: first_reply")
    [found] = [d for d in findings(small) if d.severity is Severity.ERROR]
    assert where([found], small)[0][:3] == (BILLING, 14, 22)


@pytest.mark.parametrize("root", ["plan", "src/planops/starter/plan"])
def test_the_bundled_and_starter_plans_escalate_before_breach(root: str) -> None:
    assert escalation(Path(__file__).resolve().parents[2] / root) == []
