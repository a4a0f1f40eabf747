"""unknown-parameter: every ``plan.x`` names a parameter of the Plan, reported at the ``plan.x``."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import edit, findings

from planops.checks.parameters import Use, uses
from planops.pipeline import check_plan

PLAN, SVC, WF = "plan.yaml", "service.yaml", "workflows/support.yaml"
ANCHOR = "review: {every: quarter}\n"
OUTAGE = "when: \"ticket.category == 'outage'\""


def found(plan_dir: Path) -> list[tuple[str, int, int, str, str]]:
    return [(Path(d.path).name, d.line, d.col, d.code, d.text) for d in findings(plan_dir)]


def declare(plan_dir: Path, block: str = "  refund_approval_limit: 500.0\n  vip: true\n") -> None:
    edit(plan_dir / PLAN, ANCHOR, ANCHOR + "parameters:\n" + block)


def test_a_misspelt_parameter_is_reported_at_it_with_did_you_mean(plan_dir: Path) -> None:
    declare(plan_dir)
    edit(plan_dir / SVC, OUTAGE, 'when: "ticket.amount > plan.refund_aproval_limit && plan.vip"')
    assert found(plan_dir) == [
        (
            SVC,
            38,
            33,
            "unknown-parameter",
            "'plan.refund_aproval_limit' is not a parameter of this plan (did you mean 'refund_approval_limit'?)",
        )
    ]


def test_without_parameters_the_hint_says_where_to_declare(plan_dir: Path) -> None:
    edit(plan_dir / SVC, OUTAGE, "when: >-\n      ticket.amount >\n      plan['limit']")
    assert found(plan_dir) == [
        (
            SVC,
            40,
            12,
            "unknown-parameter",
            "'plan.limit' is not a parameter of this plan (declare it in the Plan under parameters:)",
        )
    ]


def test_text_comments_and_a_ticket_field_named_plan_are_not_parameters(plan_dir: Path) -> None:
    edit(
        plan_dir / PLAN,
        "kpis: [first-response-time, csat]\n",
        "kpis: [first-response-time, csat]\nticket_fields:\n  customer.plan: string\n",
    )
    edit(plan_dir / SVC, OUTAGE, "when: \"ticket.customer.plan == 'plan.x' // plan.y\"")
    assert found(plan_dir) == []


def test_a_plan_that_fails_its_shape_check_adds_no_unknown_parameters(plan_dir: Path) -> None:
    declare(plan_dir, "  refund_approval_limit: [500.0]\n")
    edit(plan_dir / SVC, OUTAGE, 'when: "ticket.amount > plan.refund_approval_limit"')
    assert [f[3] for f in found(plan_dir)] == ["invalid-value"]


def test_a_declared_parameter_is_clean_and_its_uses_are_listed(plan_dir: Path) -> None:
    declare(plan_dir, "  limit: 500.0\n  unused: 1\n")
    edit(plan_dir / SVC, OUTAGE, 'when: "ticket.amount > plan.limit"')
    edit(
        plan_dir / WF,
        "escalate: lead-review\n",
        'escalate: [{to: lead-review, when: "plan.limit > 1.0"}, {to: lead-review}]\n',
    )
    assert findings(plan_dir) == []
    plan, _ = check_plan(plan_dir)
    assert uses(plan) == {
        "limit": (
            Use("Routing", (("routing rule", "outage"),)),
            Use("Workflow", (("workflow", "support"), ("state", "triage"))),
        ),
        "unused": (),
    }
    assert [u.words for u in uses(plan)["limit"]] == ["routing rule outage", "workflow support state triage"]
