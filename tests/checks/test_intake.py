"""A ticket's way in: rules that set no workflow, segments that read the segment or have no channel,
queues whose workflow starts with an owner who does not serve them."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import edit, findings, where

from planops.diagnostics import Diagnostic, Severity

SVC = "service.yaml"


def _only(root: Path, code: str) -> Diagnostic:
    [found] = [d for d in findings(root) if d.code == code]
    return found


def test_a_rule_that_sets_no_workflow_is_an_error_at_its_set(plan_dir: Path) -> None:
    edit(plan_dir / SVC, "set: {priority: urgent, queue: escalations, workflow: support}", "set: {priority: urgent}")
    found = _only(plan_dir, "rule-without-workflow")
    assert where([found], plan_dir) == [(SVC, 39, 10, "rule-without-workflow")]
    assert found.severity is Severity.ERROR
    assert found.text == (
        "routing rule 'outage' sets no workflow, and later rules are not tried for the tickets it takes: "
        "they get no workflow unless they arrive with one (add workflow: to its set:)"
    )


def test_a_shadowed_rule_without_workflow_is_only_shadowed(plan_dir: Path) -> None:
    edit(plan_dir / SVC, "    set: {priority: normal, queue: frontline, workflow: support}", "    set: {priority: low}")
    edit(plan_dir / SVC, "    when: \"ticket.category == 'outage'\"\n", "")
    edit(plan_dir / SVC, "  - name: everything-else\n", "  - name: everything-else\n    when: ticket.amount > 1.0\n")
    codes = [f[3] for f in where(findings(plan_dir), plan_dir)]
    assert "rule-without-workflow" not in codes and "shadowed-rule" in codes


def test_a_segment_reading_the_segment_is_an_error_at_the_field(plan_dir: Path) -> None:
    edit(
        plan_dir / SVC,
        'when: "ticket.customer.annual_value >= 20000"',
        "when: \"ticket.customer.annual_value >= 20000 || ticket.segment == 'priority'\"",
    )
    found = _only(plan_dir, "segment-reads-segment")
    assert where([found], plan_dir) == [(SVC, 15, 104, "segment-reads-segment")]
    assert found.text == (
        "segment 'priority' reads ticket.segment, which the segments decide: it is unset while they are tried "
        "(decide the segment from other fields, such as ticket.customer.annual_value)"
    )


def test_a_segment_no_channel_lets_in_is_a_warning_at_its_name(plan_dir: Path) -> None:
    edit(plan_dir / SVC, "type: email\n", "type: email\nsegments: [priority]\n")
    found = _only(plan_dir, "segment-without-channel")
    assert where([found], plan_dir) == [(SVC, 16, 12, "segment-without-channel")]
    assert found.severity is Severity.WARNING
    assert found.text == (
        "no channel lets segment 'standard' in: each channel's segments: leaves it out "
        "(add it to the segments: of a channel its customers may use)"
    )


def test_a_channel_open_to_everyone_lets_every_segment_in(plan_dir: Path) -> None:
    edit(plan_dir / SVC, "type: email\n", "type: email\nsegments: [priority]\n")
    (plan_dir / "web.yaml").write_text("kind: Channel\nname: web\ncalendar: office\n", encoding="utf-8")
    assert [d for d in findings(plan_dir) if d.code == "segment-without-channel"] == []


def test_a_queue_whose_workflow_starts_with_an_owner_not_serving_it_is_a_warning(plan_dir: Path) -> None:
    edit(plan_dir / "team.yaml", "queues: [frontline, escalations]}", "queues: [frontline]}")
    found = _only(plan_dir, "queue-owner-mismatch")
    assert where([found], plan_dir) == [(SVC, 39, 59, "queue-owner-mismatch")]
    assert found.severity is Severity.WARNING
    assert found.text == (
        "routing rule 'outage' sends tickets to queue 'escalations', but workflow 'support' starts in state "
        "'triage', owned by 'agent', who does not serve queue 'escalations' "
        "(add escalations to the queues: of role 'agent', or route to a queue it serves: frontline)"
    )
