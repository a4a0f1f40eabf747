"""Which roles answer a channel: routing's queues, a rule reading ticket.channel, pools of shared agents."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import edit

from planops.pipeline import check_plan
from planops.staffing.pools import pools, reachable_queues, serving_roles

AGENT = "queues: [frontline, escalations]}"
LEAD = "escalation_contact: true}"


def test_a_rule_reading_the_channel_reaches_only_the_channel_it_names(plan_dir: Path) -> None:
    edit(plan_dir / "service.yaml", "when: \"ticket.category == 'outage'\"", "when: \"ticket.channel == 'phone'\"")
    edit(plan_dir / "team.yaml", AGENT, "queues: [frontline], shifts: [{name: d, calendar: office, headcount: 1}]}")
    edit(plan_dir / "team.yaml", LEAD, LEAD[:-1] + ", shifts: [{name: d, calendar: office, headcount: 1}]}")
    (plan_dir / "phone.yaml").write_text(
        "kind: Channel\nname: phone\ntype: phone\ncalendar: office\n", encoding="utf-8"
    )
    plan, _ = check_plan(plan_dir)
    assert plan is not None
    email, phone = plan.channels["email"], plan.channels["phone"]
    assert reachable_queues(plan, email) == {"frontline"}
    assert reachable_queues(plan, phone) == {"frontline", "escalations"}
    assert [r.name for r in serving_roles(plan, email)] == ["agent"]
    assert [r.name for r in serving_roles(plan, phone)] == ["agent", "support-lead"]
    [pool] = pools(plan, ["email", "phone"])  # they share the agent
    assert pool.channels == ("email", "phone") and [r.name for r in pool.roles] == ["agent", "support-lead"]


def test_without_a_role_serving_the_queues_every_role_with_shifts_answers(plan_dir: Path) -> None:
    edit(plan_dir / "team.yaml", LEAD, "escalation_contact: true, shifts: [{name: d, calendar: office, headcount: 1}]}")
    edit(plan_dir / "team.yaml", "queues: [escalations], ", "")
    edit(plan_dir / "team.yaml", AGENT, "queues: [frontline, escalations]}")
    plan, _ = check_plan(plan_dir)
    assert plan is not None
    assert [r.name for r in serving_roles(plan, plan.channels["email"])] == ["support-lead"]
