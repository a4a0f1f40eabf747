"""Reporting lines: a cycle of reports_to is one error, at the role that closes it, listing the cycle."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import edit, findings, where

from planops.diagnostics import Severity

AGENT = "queues: [frontline, escalations]}"
HINT = " (the role at the top of the line reports to no one: remove its reports_to)"


def test_two_roles_reporting_to_each_other_are_one_cycle_at_the_second(plan_dir: Path) -> None:
    edit(plan_dir / "team.yaml", AGENT, AGENT[:-1] + ", reports_to: support-lead}")
    edit(plan_dir / "team.yaml", "escalation_contact: true}", "escalation_contact: true, reports_to: agent}")
    [found] = [d for d in findings(plan_dir) if d.code == "reports-to-cycle"]
    assert where([found], plan_dir) == [("team.yaml", 8, 151, "reports-to-cycle")]
    assert found.severity is Severity.ERROR
    assert found.text == "reports_to makes a cycle: support-lead → agent → support-lead" + HINT


def test_a_role_reporting_to_itself_is_a_cycle(plan_dir: Path) -> None:
    edit(plan_dir / "team.yaml", AGENT, AGENT[:-1] + ", reports_to: agent}")
    [found] = [d for d in findings(plan_dir) if d.code == "reports-to-cycle"]
    assert where([found], plan_dir) == [("team.yaml", 7, 130, "reports-to-cycle")]
    assert found.message == "reports_to makes a cycle: agent → agent"


def test_a_cycle_across_teams_is_reported_once_and_a_chain_into_it_is_not_a_cycle(plan_dir: Path) -> None:
    edit(plan_dir / "team.yaml", AGENT, AGENT[:-1] + ", reports_to: support-lead}")
    edit(plan_dir / "team.yaml", "escalation_contact: true}", "escalation_contact: true, reports_to: boss}")
    (plan_dir / "more.yaml").write_text(
        "kind: Team\nname: leads\nroles:\n"
        "  - {name: boss, title: Boss, tier: 3, reports_to: support-lead}\n"
        "  - {name: new-hire, title: New hire, tier: 1, reports_to: agent}\n",
        encoding="utf-8",
    )
    found = [d for d in findings(plan_dir) if d.code == "reports-to-cycle"]
    # more.yaml is read before team.yaml, so support-lead closes the cycle
    assert where(found, plan_dir) == [("team.yaml", 8, 151, "reports-to-cycle")]
    assert found[0].message == "reports_to makes a cycle: support-lead → boss → support-lead"


def test_reporting_lines_that_end_are_clean(plan_dir: Path) -> None:
    edit(plan_dir / "team.yaml", AGENT, AGENT[:-1] + ", reports_to: support-lead}")
    assert [d for d in findings(plan_dir) if d.code == "reports-to-cycle"] == []
