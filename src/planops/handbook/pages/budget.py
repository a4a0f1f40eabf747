"""Budget: cost lines, salaries from the team, the total against the limit and the headroom."""

from __future__ import annotations

from planops.checks.budget import money
from planops.costs import Costs
from planops.handbook import markup
from planops.handbook.context import Context

TITLE = "Budget"
SUMMARY = (
    "The monthly budget: cost lines, salaries derived from the team, the total against the limit and the headroom."
)


def render(ctx: Context) -> str:
    t = ctx.plan.costs  # planops.costs: the rule the budget check and the diff read too
    budget = t.budget
    if budget is None:
        return markup.join("# Budget", "This plan has no budget.")
    cur, limit, headroom = budget.currency, budget.monthly_limit, budget.monthly_limit - t.total
    summary = markup.table(
        ["", "Monthly"],
        [
            ["Salaries (from the team)", money(t.salaries, cur)],
            ["Cost lines", money(t.lines, cur)],
            [markup.strong("Total"), markup.strong(money(t.total, cur))],
            ["Limit", money(limit, cur)],
            ["Headroom", money(headroom, cur)],
        ],
        ["left", "right"],
    )
    verdict = (
        markup.admonition(
            "success",
            "Within budget",
            f"{money(headroom, cur)} a month to spare ({headroom / limit:.1%} of the limit).",
        )
        if headroom >= 0
        else markup.admonition("danger", "Over budget", f"{money(-headroom, cur)} a month over the limit.")
    )
    return markup.join(
        markup.heading(1, budget.title or "Budget"),
        markup.block(budget.description),
        summary,
        verdict,
        "## Cost lines {#cost-lines}",
        _lines(t, cur),
        "## Salaries {#salaries}",
        _salaries(ctx, t, cur),
    )


def _lines(t: Costs, currency: str) -> str:
    rows = [
        [
            markup.text(line.name),
            markup.text(line.category),
            money(line.monthly, currency),
            markup.inline(line.description),
        ]
        for line in t.cost_lines
    ]
    return (
        markup.table(["Line", "Category", "Monthly", "What for"], rows, ["left", "left", "right", "left"])
        or "No cost lines besides salaries."
    )


def _salaries(ctx: Context, t: Costs, currency: str) -> str:
    rows = [
        [
            ctx.role(r.name),
            f"{r.headcount:g}",
            money(r.monthly_cost, currency),
            money(r.headcount * r.monthly_cost, currency),
        ]
        for r in t.roles
    ]
    return markup.table(["Role", "Headcount", "Each", "Monthly"], rows, ["left", "right", "right", "right"])
