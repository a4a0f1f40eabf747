"""Budget: cost lines, salaries from the team, the total against the limit and the headroom."""

from __future__ import annotations

from planops.checks.budget import money
from planops.handbook import markup
from planops.handbook.context import Context

TITLE = "Budget"
SUMMARY = (
    "The monthly budget: cost lines, salaries derived from the team, the total against the limit and the headroom."
)


def render(ctx: Context) -> str:
    budget = ctx.plan.budget
    if budget is None:
        return markup.join("# Budget", "This plan has no budget.")
    t = ctx.plan.costs
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
        _lines(ctx),
        "## Salaries {#salaries}",
        _salaries(ctx),
    )


def _lines(ctx: Context) -> str:
    budget = ctx.plan.budget
    assert budget is not None
    rows = [
        [
            markup.text(line.name),
            markup.text(line.category),
            money(line.monthly, budget.currency),
            markup.inline(line.description),
        ]
        for line in budget.lines
    ]
    return (
        markup.table(["Line", "Category", "Monthly", "What for"], rows, ["left", "left", "right", "left"])
        or "No cost lines besides salaries."
    )


def _salaries(ctx: Context) -> str:
    budget = ctx.plan.budget
    assert budget is not None
    cur = budget.currency
    rows = [
        [ctx.role(r.name), f"{r.headcount:g}", money(r.monthly_cost, cur), money(r.headcount * r.monthly_cost, cur)]
        for r in ctx.plan.all_roles
    ]
    return markup.table(["Role", "Headcount", "Each", "Monthly"], rows, ["left", "right", "right", "right"])
