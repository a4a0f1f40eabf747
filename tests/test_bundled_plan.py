"""The bundled plan is a real one: clean, and it has what a small company's plan needs."""

from __future__ import annotations

from planops.pipeline import check_plan
from tests.conftest import REPO


def test_bundled_plan_is_clean() -> None:
    _plan, found = check_plan(REPO / "plan")
    assert found == []


def test_bundled_plan_has_what_the_plan_promises() -> None:
    plan, _ = check_plan(REPO / "plan")
    assert plan.manifest is not None and plan.manifest.review.every == "quarter"
    assert {"first_response_time", "resolution_time", "csat", "fcr", "nps"} <= {k.measures for k in plan.kpis.values()}
    assert {"email", "chat", "phone"} <= {c.type for c in plan.channels.values()}
    assert len(plan.workflows) >= 4
    assert sum(1 for c in plan.calendars.values() if c.holidays.country) >= 2
    assert {1, 2, 3} <= {r.tier for r in plan.roles.values()}
    assert any(r.escalation_contact for r in plan.roles.values())
    assert plan.budget is not None
    money = plan.costs
    assert money.limit == 12000 and money.total <= money.limit and money.currency == "USD"
    assert {"tools"} <= {line.category for line in plan.budget.lines}
    assert len(plan.scenarios) >= 25
