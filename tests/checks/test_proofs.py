"""Rules no ticket can reach, proved by the SMT solver: each defect at file:line:col, and its healthy counterpart."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from tests.helpers import edit, findings, where

from planops.checks import proofs
from planops.expr import compile_expr, context, matches

SVC = "service.yaml"
FLOW = "workflows/support.yaml"
CODES = {"swallowed-rule", "never-true", "always-true", "dead-choice"}
SET = "    set: {priority: urgent, queue: escalations, workflow: support}\n"


def rules(plan_dir: Path, *whens: str) -> None:
    """Routing rules r1, r2… with these ``when:`` between the starter's 'outage' and its default."""
    added = "".join(f'  - name: r{i}\n    when: "{w}"\n{SET}' for i, w in enumerate(whens, 1))
    edit(plan_dir / SVC, "  - name: everything-else\n", added + "  - name: everything-else\n")


def proved(root: Path) -> list[tuple[str, int, int, str, str]]:
    found = [d for d in findings(root) if d.code in CODES]
    return [(*w, d.message) for d, w in zip(found, where(found, root), strict=True)]


def test_a_rule_implied_by_an_earlier_one_names_it(plan_dir: Path) -> None:
    rules(plan_dir, "ticket.category == 'outage' && ticket.amount > 500.0")
    assert proved(plan_dir) == [
        (
            SVC,
            41,
            11,
            "swallowed-rule",
            "rule 'r1' can never apply: every ticket its when: matches is taken first by rule 'outage'",
        )
    ]


def test_a_rule_swallowed_by_several_names_the_fewest(plan_dir: Path) -> None:
    rules(plan_dir, "ticket.amount > 500.0", "ticket.region == 'eu'", "ticket.amount <= 500.0", "ticket.amount > 9.0")
    assert proved(plan_dir) == [
        (
            SVC,
            50,
            11,
            "swallowed-rule",
            "rule 'r4' can never apply: every ticket its when: matches is taken first by rule 'r1' and rule 'r3'",
        )
    ]


@pytest.mark.parametrize(
    "whens",
    [
        ("ticket.category == 'billing' && ticket.amount > 500.0", "ticket.category == 'billing'"),
        ("ticket.amount > 500.0", "ticket.amount >= 500.0"),
        ("has(ticket.amount)", "!has(ticket.region) && ticket.category == 'x'"),
        ("ticket.region == 'eu' || ticket.amount > 1.0", "ticket.region == 'us'"),
        ("ticket.amount > 5.0 || ticket.amount < 5.0", "ticket.amount != 5.0"),  # null and NaN are neither
        ("ticket.subject.matches('x')", "ticket.subject.matches('x') && ticket.amount > 1.0"),  # not decided
    ],
)
def test_overlapping_rules_that_each_can_apply_give_no_finding(plan_dir: Path, whens: tuple[str, ...]) -> None:
    rules(plan_dir, *whens)
    assert proved(plan_dir) == []


def test_a_field_that_is_null_or_missing_is_told_apart(plan_dir: Path) -> None:
    # region == 'eu' || region != 'eu' holds for every ticket with a region, null included; has() for none more
    rules(plan_dir, "ticket.region == 'eu' || ticket.region != 'eu'", "ticket.region == null", "has(ticket.region)")
    assert [p[3:] for p in proved(plan_dir)] == [
        (
            "always-true",
            "the when: of rule 'r1' is true for every ticket that has region: it only asks whether the ticket has it",
        ),
        ("swallowed-rule", "rule 'r2' can never apply: every ticket its when: matches is taken first by rule 'r1'"),
        ("swallowed-rule", "rule 'r3' can never apply: every ticket its when: matches is taken first by rule 'r1'"),
    ]


def test_a_when_that_contradicts_itself_names_the_parts(plan_dir: Path) -> None:
    rules(plan_dir, "ticket.region == 'eu' && ticket.amount > 500.0 && ticket.amount < 100.0")
    assert proved(plan_dir) == [
        (
            SVC,
            41,
            11,
            "never-true",
            "rule 'r1' can never apply: `ticket.amount > 500.0` and `ticket.amount < 100.0` never hold together",
        )
    ]


@pytest.mark.parametrize("values", [", values: [gold, silver]", ""])
def test_values_make_a_rule_swallowed_that_free_text_would_not(plan_dir: Path, values: str) -> None:
    declared = f"kind: Plan\nticket_fields:\n  tier: {{type: string{values}}}\n"
    edit(plan_dir / "plan.yaml", "kind: Plan\n", declared)
    rules(plan_dir, "ticket.tier == 'gold'", "ticket.tier == 'silver'", "has(ticket.tier) && ticket.tier != null")
    swallowed = [p[3:] for p in proved(plan_dir) if p[3] == "swallowed-rule"]
    if not values:
        assert swallowed == []
        return
    assert swallowed == [
        (
            "swallowed-rule",
            "rule 'r3' can never apply: every ticket its when: matches is taken first by rule 'r1' and rule 'r2'",
        )
    ]


def test_a_segment_and_an_sla_policy_are_proved_too(plan_dir: Path) -> None:
    edit(
        plan_dir / SVC,
        '  - {name: priority, title: Priority customers, when: "ticket.customer.annual_value >= 20000"}\n',
        '  - {name: priority, title: Priority customers, when: "ticket.customer.annual_value >= 20000"}\n'
        '  - {name: big, when: "ticket.customer.annual_value > 50000.0"}\n',
    )
    (plan_dir / "more.yaml").write_text(
        "kind: SLAPolicy\nname: first\norder: -2\nwhen: \"ticket.segment == 'priority'\"\n"
        "targets:\n  urgent: {first_response: 1h}\n  normal: {first_response: 8h}\n"
        "---\nkind: SLAPolicy\nname: second\norder: -1\n"
        "when: \"ticket.segment in ['priority'] && ticket.channel == 'email'\"\n"
        "targets:\n  urgent: {first_response: 1h}\n  normal: {first_response: 8h}\n",
        encoding="utf-8",
    )
    assert [p for p in proved(plan_dir) if p[3] == "swallowed-rule"] == [
        (
            "more.yaml",
            12,
            7,
            "swallowed-rule",
            "SLA policy 'second' can never apply: every ticket its when: matches is taken first by SLA policy 'first'",
        ),
        (
            SVC,
            16,
            23,
            "swallowed-rule",
            "segment 'big' can never apply: every ticket its when: matches is taken first by segment 'priority'",
        ),
    ]


def test_a_workflow_guard_true_for_every_ticket_with_its_fields(plan_dir: Path) -> None:
    edit(
        plan_dir / FLOW,
        "      escalate: lead-review\n",
        '      escalate:\n        - {to: lead-review, when: "ticket.amount >= 100.0 || ticket.amount < 100.0"}\n'
        "        - {to: resolved}\n",
    )
    assert proved(plan_dir) == [
        (
            FLOW,
            13,
            35,
            "always-true",
            "the when: of branch 1 of 'escalate' in state 'triage' (to 'lead-review') is true for every ticket that "
            "has amount: it only asks whether the ticket has it",
        )
    ]


def test_a_choice_whose_condition_is_never_false(plan_dir: Path) -> None:
    rules(plan_dir, "(ticket.amount > 5.0 || ticket.amount <= 5.0) ? ticket.region == 'eu' : ticket.region == 'us'")
    assert proved(plan_dir) == [
        (
            SVC,
            41,
            58,
            "dead-choice",
            "the second branch of this ?: in the when: of rule 'r1' is never taken: its condition is never false",
        )
    ]


def test_an_expression_outside_the_subset_is_skipped(plan_dir: Path) -> None:
    rules(plan_dir, "ticket.category == 'outage' && size(ticket.tags) > 1")
    assert proved(plan_dir) == []


def test_answers_are_remembered_and_the_solver_is_not_asked_again(
    plan_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules(plan_dir, "ticket.category == 'outage' && ticket.amount > 500.0")
    first = proved(plan_dir)
    monkeypatch.setattr(proofs.ANSWERS, "_answers", None)  # read back from the file, as the next run does

    def no_solver(*_args: object) -> list[object]:
        raise AssertionError("asked the solver again")

    monkeypatch.setattr(proofs, "_solve", no_solver)
    assert proved(plan_dir) == first != []


def test_the_bundled_plan_and_the_starter_have_no_dead_rule(plan_dir: Path) -> None:
    bundled = Path(__file__).resolve().parents[2] / "plan"
    assert proved(plan_dir) == []
    assert proved(bundled) == []


def test_a_ticket_that_no_branch_matches_is_shown_and_really_matches_none(plan_dir: Path) -> None:
    whens = ["ticket.region == 'eu' && ticket.amount >= 10.0", "ticket.region != 'eu'"]
    branches = "".join(
        f'        - {{to: {to}, when: "{w}"}}\n' for to, w in zip(["lead-review", "resolved"], whens, strict=True)
    )
    edit(plan_dir / FLOW, "      escalate: lead-review\n", "      escalate:\n" + branches)
    [unmatched] = [d for d in findings(plan_dir) if d.code == "possibly-unmatched"]
    prefix = "every branch of 'escalate' in state 'triage' has a when:; a ticket matching none stays where it is, e.g. "
    assert unmatched.message.startswith(prefix)
    ticket = yaml.safe_load(unmatched.message.removeprefix(prefix))
    assert set(ticket) == {"region", "amount"} and ticket["region"] == "eu" and ticket["amount"] < 10.0
    assert not any(matches(compile_expr(w), context(ticket)) for w in whens)


def test_a_ticket_that_no_rule_matches_is_shown_with_nested_fields(plan_dir: Path) -> None:
    edit(
        plan_dir / SVC,
        "  - name: everything-else\n",
        '  - name: everything-else\n    when: "ticket.amount > 500.0 || ticket.customer.annual_value < 10.0"\n',
    )
    [no_default] = [d for d in findings(plan_dir) if d.code == "no-default"]
    prefix = "the last rule has a when:, so a ticket matching none of them gets no rule, e.g. "
    ticket = yaml.safe_load(no_default.message.removeprefix(prefix))
    assert ticket["amount"] <= 500.0 and ticket["customer"]["annual_value"] >= 10.0
    whens = ["ticket.category == 'outage'", "ticket.amount > 500.0 || ticket.customer.annual_value < 10.0"]
    assert not any(matches(compile_expr(w), context(ticket)) for w in whens)


def test_no_ticket_is_shown_when_a_when_is_not_decided(plan_dir: Path) -> None:
    edit(
        plan_dir / SVC,
        "  - name: everything-else\n",
        "  - name: everything-else\n    when: \"ticket.subject.matches('x')\"\n",
    )
    [no_default] = [d for d in findings(plan_dir) if d.code == "no-default"]
    assert no_default.message == "the last rule has a when:, so a ticket matching none of them gets no rule"


def test_out_of_solver_time_nothing_is_claimed_or_remembered(plan_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules(plan_dir, "ticket.category == 'outage' && ticket.amount > 500.0")
    monkeypatch.setattr(proofs, "MAX_PROOF_SECONDS", 0.0)
    assert proved(plan_dir) == []
    monkeypatch.setattr(proofs, "MAX_PROOF_SECONDS", 20.0)
    assert [p[3] for p in proved(plan_dir)] == ["swallowed-rule"]  # a new plan object: its own time


def test_text_that_z3_would_read_escapes_in_is_not_decided(plan_dir: Path) -> None:
    # z3 reads '\\u{41}' as 'A': such a literal is left to the evaluator
    rules(plan_dir, "ticket.subject == 'A'", "ticket.subject == '\\\\\\\\u{41}'")
    assert proved(plan_dir) == []


def test_a_switch_of_the_plans_parameters_is_not_reported(plan_dir: Path) -> None:
    edit(plan_dir / "plan.yaml", "kind: Plan\n", "kind: Plan\nparameters:\n  limit: 500.0\n")
    rules(plan_dir, "plan.limit > 1.0", "plan.limit < 1.0", "ticket.amount > plan.limit && ticket.amount < 100.0")
    assert [p[3:] for p in proved(plan_dir)] == [
        (
            "never-true",
            "rule 'r3' can never apply: `ticket.amount > plan.limit` and `ticket.amount < 100.0` never hold together",
        )
    ]
