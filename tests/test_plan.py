"""The compiled plan's shared rules: role lookup and the month's money, read alike by checks, diff and handbook."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planops.handbook.context import Context
from planops.handbook.pages import budget as budget_page
from planops.loader.compile import load_plan
from planops.pipeline import check_plan
from planops.review.semantic import totals
from tests.helpers import edit

TODAY = date(2026, 11, 1)
SECOND_TEAM = (
    "kind: Team\nname: weekend\nroles:\n"
    "  - {name: agent, title: Cheap agent, tier: 1, headcount: 1, monthly_cost: 10}\n"
)


def test_a_repeated_role_name_finds_the_first_role(plan_dir: Path) -> None:
    (plan_dir / "weekend.yaml").write_text(SECOND_TEAM, encoding="utf-8")
    plan, _ = load_plan(plan_dir)
    assert plan.roles["agent"].title == "Support agent"
    assert [r.title for r in plan.all_roles if r.name == "agent"] == ["Support agent", "Cheap agent"]


def test_every_role_of_every_team_is_paid(plan_dir: Path) -> None:
    (plan_dir / "weekend.yaml").write_text(SECOND_TEAM, encoding="utf-8")
    costs = load_plan(plan_dir)[0].costs
    # the starter: 2 × 3000 + 1 × 4000 salaries and 500 of lines; the weekend team adds 10
    assert (costs.headcount, costs.salaries, costs.lines, costs.limit) == (4, 10_010, 500, 11_000)
    assert costs.total == 10_510


def test_check_diff_and_handbook_agree_on_the_total(plan_dir: Path) -> None:
    """A second Team under a role name already used is paid too: it cannot hide an over-budget error."""
    base, _ = load_plan(plan_dir)
    (plan_dir / "weekend.yaml").write_text(
        SECOND_TEAM.replace("monthly_cost: 10", "monthly_cost: 1000"), encoding="utf-8"
    )
    checked = check_plan(plan_dir, TODAY)
    assert [d.message for d in checked.findings if d.code == "over-budget"] == [
        "the plan costs USD 11,500 a month (salaries USD 11,000 + lines USD 500), USD 500 over the limit of USD 11,000"
    ]
    diffed = {c.what: c.after for c in totals(base, checked.plan)}
    assert diffed["monthly total (salaries and lines)"] == "11,500 of 11,000 (over the limit)"

    edit(plan_dir / "team.yaml", "monthly_limit: 11000", "monthly_limit: 12000")
    edit(plan_dir / "weekend.yaml", "name: agent", "name: weekend-agent")  # a repeated role name is an error
    valid = check_plan(plan_dir, TODAY).valid
    assert valid is not None
    page = budget_page.render(Context(valid, TODAY))
    assert "<strong>USD 11,500</strong>" in page and "USD 500 a month to spare" in page
    salaries = page.split("{#salaries}")[1]
    assert salaries.count("<tr>") == 1 + 3  # the header, then every role of both teams


RESERVE = (
    "kind: Budget\nname: reserve\ncurrency: USD\nmonthly_limit: 50000\n"
    "lines:\n  - {name: Contractors, category: outsourcing, monthly: 1000}\n"
)


def test_a_second_budget_with_a_larger_limit_cannot_hide_the_first_ones(plan_dir: Path) -> None:
    """One Budget per plan: a second is an error, its lines count, and the lowest limit applies."""
    base, _ = load_plan(plan_dir)
    (plan_dir / "a-reserve.yaml").write_text(RESERVE, encoding="utf-8")  # read before team.yaml
    checked = check_plan(plan_dir, TODAY)
    found = [(d.path.rsplit("/", 1)[1], d.line, d.col, d.code, d.message) for d in checked.errors]
    assert found == [
        ("team.yaml", 10, 7, "several-objects", f"a plan has one Budget; another is at {plan_dir}/a-reserve.yaml:1"),
        (
            "team.yaml",
            15,
            16,
            "over-budget",
            "the plan costs USD 11,500 a month (salaries USD 10,000 + lines USD 1,500), "
            "USD 500 over the limit of USD 11,000",
        ),
    ]
    diffed = {c.what: c.after for c in totals(base, checked.plan)}
    assert diffed["monthly total (salaries and lines)"] == "11,500 of 11,000 (over the limit)"


def test_check_diff_and_handbook_show_the_same_totals_for_two_teams(plan_dir: Path) -> None:
    base, _ = load_plan(plan_dir)
    (plan_dir / "weekend.yaml").write_text(SECOND_TEAM.replace("name: agent", "name: weekend-agent"), encoding="utf-8")
    edit(plan_dir / "team.yaml", "monthly: 200}", "monthly: 1000}")
    checked = check_plan(plan_dir, TODAY)
    [over] = [d.message for d in checked.findings if d.code == "over-budget"]
    assert over == (
        "the plan costs USD 11,310 a month (salaries USD 10,010 + lines USD 1,300), "
        "USD 310 over the limit of USD 11,000"
    )
    diffed = {c.what: c.after for c in totals(base, checked.plan)}
    assert diffed["monthly total (salaries and lines)"] == "11,310 of 11,000 (over the limit)"
    assert diffed["total monthly cost"] == "10,010"

    edit(plan_dir / "team.yaml", "monthly_limit: 11000", "monthly_limit: 12000")
    valid = check_plan(plan_dir, TODAY).valid
    assert valid is not None
    page = budget_page.render(Context(valid, TODAY))
    assert "<strong>USD 11,310</strong>" in page and "USD 690 a month to spare" in page
    assert "USD 10,010" in page and "USD 1,300" in page
