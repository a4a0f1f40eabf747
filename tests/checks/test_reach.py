"""Channel promises: every SLA policy that can apply to a channel's tickets is compared, all gaps in one run; and
the calendars routing may give each workflow's tickets."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import REPO
from tests.helpers import edit, findings, where

from planops.checks.reach import Way, policies_for_channel, workflow_calendars
from planops.loader.compile import load_plan
from planops.pipeline import check_plan

SVC = "service.yaml"


def policy(name: str, order: int, when: str | None, first: str, nxt: str = "2h") -> str:
    condition = f'when: "{when}"\n' if when else ""
    return (
        f"---\nkind: SLAPolicy\nname: {name}\norder: {order}\n{condition}"
        f"targets:\n  urgent: {{first_response: 1h}}\n  normal: {{first_response: {first}, next_response: {nxt}}}\n"
    )


def add(root: Path, *docs: str) -> None:
    (root / "more.yaml").write_text("".join(docs).removeprefix("---\n"), encoding="utf-8")


def gaps(root: Path) -> list[tuple[str, int, int, str]]:
    """(file, line, col, message) of each slower-than-channel finding."""
    found = [d for d in findings(root) if d.code == "slower-than-channel"]
    return [(f, line, col, d.message) for d, (f, line, col, _) in zip(found, where(found, root), strict=True)]


def test_a_policy_reading_another_field_too_is_compared_and_every_gap_is_reported(plan_dir: Path) -> None:
    edit(plan_dir / SVC, "targets: {first_response: 8h}", "targets: {first_response: 8h, next_response: 1h}")
    add(
        plan_dir,
        policy("vip", 0, "ticket.segment == 'priority'", "4h"),
        policy("vip-europe", -1, "ticket.segment == 'priority' && ticket.region == 'europe'", "12h"),
    )
    assert gaps(plan_dir) == [
        (
            SVC,
            23,
            27,
            "email promises first_response in 8h, but SLA policy 'vip-europe' gives normal email tickets 12h",
        ),
        (SVC, 23, 46, "email promises next_response in 1h, but SLA policy 'vip-europe' gives normal email tickets 2h"),
        (SVC, 23, 46, "email promises next_response in 1h, but SLA policy 'vip' gives normal email tickets 2h"),
        (SVC, 23, 46, "email promises next_response in 1h, but SLA policy 'standard' gives normal email tickets 8h"),
    ]
    [first, *_] = [d for d in findings(plan_dir) if d.code == "slower-than-channel"]
    assert first.hint == "make the policy's first_response at most 8h, or keep its when: off this channel"


def test_a_policy_for_another_channel_or_for_segments_the_channel_refuses_is_not_compared(plan_dir: Path) -> None:
    edit(plan_dir / SVC, "type: email\n", "type: email\nsegments: [priority]\n")
    add(
        plan_dir,
        "kind: Channel\nname: chat\n",
        policy("chat", 0, "ticket.channel == 'chat' && ticket.region == 'europe'", "12h"),
        policy("standard-only", -1, "ticket.segment == 'standard'", "12h"),
    )
    assert [g for g in gaps(plan_dir) if g[3].startswith("email")] == []


def test_a_policy_that_takes_every_ticket_of_the_channel_ends_the_comparison(plan_dir: Path) -> None:
    edit(plan_dir / SVC, "  normal: {first_response: 8h,", "  normal: {first_response: 20h,")
    add(plan_dir, policy("email-first", 0, "ticket.channel == 'email' || ticket.channel == 'web'", "4h"))
    assert gaps(plan_dir) == []


def test_the_reading_is_one_function_over_the_policies(plan_dir: Path) -> None:
    add(
        plan_dir,
        "kind: Channel\nname: chat\nsegments: [standard]\n",
        policy("vip-chat", 0, "ticket.segment == 'priority' && ticket.channel == 'chat'", "1h"),
        policy("chat", 1, "ticket.channel == 'chat' && has(ticket.customer)", "1h"),
        policy("anything", -1, "ticket['region'] == 'europe'", "1h"),
    )
    plan, _ = load_plan(plan_dir)
    found = policies_for_channel(plan.sla_policies, plan.channels["chat"], plan.segment_names)
    assert [p.name for p in found] == ["anything", "chat", "standard"]
    found = policies_for_channel(plan.sla_policies, plan.channels["email"], plan.segment_names)
    assert [p.name for p in found] == ["anything", "standard"]


def test_the_bundled_plans_workflows_get_the_calendars_their_rules_and_policies_allow() -> None:
    plan, _found = check_plan(REPO / "plan")
    assert plan is not None
    found = workflow_calendars(plan)
    assert {name: set(calendars) for name, calendars in found.items()} == {
        "technical-issue": {"berlin-office", "always-on", "new-york-office"},
        "billing-dispute": {"berlin-office", "new-york-office"},  # an outage policy needs category 'outage'
        "complaint-retention": {"berlin-office", "always-on", "new-york-office"},  # churn-risk reads no category
        "general-inquiry": {"berlin-office", "always-on", "new-york-office"},
    }
    assert found["technical-issue"]["always-on"] == Way("enterprise-outage", "email", "enterprise-outage")
    assert found["billing-dispute"]["berlin-office"] == Way("large-billing-dispute", "email", "enterprise")


@pytest.mark.parametrize(
    ("segments", "calendars"), [("", {"office", "weekends"}), ("segments: [priority]\n", {"office"})]
)
def test_a_channel_whose_segments_leave_out_a_policys_segment_never_gets_its_calendar(
    plan_dir: Path, segments: str, calendars: set[str]
) -> None:
    edit(
        plan_dir / "service.yaml",
        "kind: SLAPolicy\nname: standard\n",
        "kind: SLAPolicy\nname: standard-weekends\norder: 0\nwhen: \"ticket.segment == 'standard'\"\n"
        "calendar: weekends\ntargets: {normal: {first_response: 8h}}\n---\n"
        'kind: Calendar\nname: weekends\ntimezone: Europe/London\nhours: {sat-sun: "10:00-16:00"}\n---\n'
        "kind: SLAPolicy\nname: standard\n",
    )
    edit(plan_dir / "service.yaml", "type: email\n", f"type: email\n{segments}")
    plan, _found = check_plan(plan_dir)
    assert plan is not None
    assert set(workflow_calendars(plan)["support"]) == calendars


def test_a_rule_that_sets_no_workflow_counts_for_every_workflow(plan_dir: Path) -> None:
    edit(plan_dir / "service.yaml", "queue: frontline, workflow: support}", "queue: frontline}")
    plan, _found = check_plan(plan_dir)
    assert plan is not None
    found = workflow_calendars(plan)
    assert found[None] == {"office": Way("everything-else", "email", "standard")}
    assert found["support"] == {"office": Way("outage", "email", "standard")}
