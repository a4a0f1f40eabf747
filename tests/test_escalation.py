"""The escalation margins: which tickets, which targets run where, and the margin in business time."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from planops.escalation import equalities, margins, routed_pairs, running_targets
from planops.pipeline import check_plan
from tests.helpers.smallplan import load, write_plan


@pytest.mark.parametrize(
    ("source", "facts"),
    [
        ("ticket.segment == 'vip'", {"segment": "vip"}),
        ("'vip' == ticket.segment && ticket.customer.tier == 'gold'", {"segment": "vip", "customer.tier": "gold"}),
        ("(ticket.a == 'x' && ticket.b == 'y') && ticket.n > 3", {"a": "x", "b": "y"}),
        ("ticket.a == 'x' || ticket.b == 'y'", {}),
        ("ticket.a == 'x' && ticket.a == 'y'", {}),
        ("ticket.n == 3", {}),
        ("ticket.a == 'unterminated", {}),
        (None, {}),
    ],
)
def test_equalities_are_the_top_level_string_comparisons(source: str | None, facts: dict[str, object]) -> None:
    assert equalities(source) == facts


def test_routed_pairs_follow_the_rules_priorities_and_policy_order(tmp_path: Path) -> None:
    plan = load(write_plan(tmp_path))
    pairs = [(p.name, q) for p, q in routed_pairs(plan, "billing-dispute")]
    assert pairs == [("vip", "high"), ("vip", "normal"), ("standard", "high"), ("standard", "normal")]
    assert [(p.name, q) for p, q in routed_pairs(plan, "general")] == [("vip", "normal"), ("standard", "normal")]


def test_running_targets_per_state(tmp_path: Path) -> None:
    plan = load(write_plan(tmp_path))
    running = running_targets(plan.workflows["billing-dispute"])
    every = {"first_response", "next_response", "resolution"}
    assert running == {
        "triage": every,
        "billing-review": every,
        "manager-approval": every,
        "waiting": {"first_response", "next_response"},
        "resolved": set(),
    }


def test_the_margin_is_the_target_minus_the_timer(tmp_path: Path) -> None:
    plan = load(write_plan(tmp_path))
    found = margins(plan, plan.workflows["general"])
    assert [(m.state, m.policy, m.priority, m.target, m.spare, m.late) for m in found] == [
        ("answer", "vip", "normal", "first_response", timedelta(0), False),
        ("answer", "vip", "normal", "next_response", timedelta(hours=4), False),
        ("answer", "vip", "normal", "resolution", timedelta(hours=20), False),
        ("answer", "standard", "normal", "first_response", timedelta(hours=4), False),
        ("answer", "standard", "normal", "next_response", timedelta(hours=4), False),
        ("answer", "standard", "normal", "resolution", timedelta(hours=36), False),
    ]
    assert {m.calendar for m in found} == {"berlin", None}


def test_a_rule_setting_no_workflow_counts_for_every_workflow_and_policies_may_name_one(tmp_path: Path) -> None:
    folder = write_plan(tmp_path)
    service = folder / "service.yaml"
    text = service.read_text(encoding="utf-8")
    text = text.replace("when: \"ticket.segment == 'vip'\"", "when: \"ticket.workflow == 'general'\"")
    text = text.replace("set: {priority: high, queue: billing, workflow: billing-dispute}", "set: {priority: low}")
    service.write_text(text, encoding="utf-8")
    plan, found = check_plan(folder)  # a rule without workflow is an error, yet the margins must not break on it
    assert "rule-without-workflow" in [d.code for d in found]
    assert [(p.name, q) for p, q in routed_pairs(plan, "billing-dispute")] == [
        ("standard", "normal"),
        ("standard", "low"),
    ]
    assert [(p.name, q) for p, q in routed_pairs(plan, "general")] == [
        ("vip", "normal"),
        ("standard", "normal"),
        ("standard", "low"),
    ]
