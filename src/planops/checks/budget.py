"""The budget: salaries from Team plus cost lines stay within the monthly limit."""

from __future__ import annotations

from collections.abc import Iterator

from planops.diagnostics import ERROR, Code, Diagnostic
from planops.plan import CompiledPlan

OVER_BUDGET = Code(
    "over-budget",
    ERROR,
    "Salaries (headcount × monthly cost of every role of every Team) plus cost lines exceed `monthly_limit`.",
    "kind: Budget\nname: monthly\ncurrency: USD\nmonthly_limit: 12000\nlines:\n  - {name: Helpdesk, monthly: 900}\n"
    "# while Team roles cost 11,800 a month\n",
)


def money(amount: float, currency: str) -> str:
    return f"{currency} {amount:,.2f}".replace(".00", "")


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    t = plan.costs  # planops.costs: the rule the diff and the handbook read too
    if t.budget is None or t.limit is None or t.over <= 0:
        return
    cur = t.budget.currency
    yield OVER_BUDGET.at(
        plan,
        t.budget,
        ("monthly_limit",),
        f"the plan costs {money(t.total, cur)} a month (salaries {money(t.salaries, cur)} "
        f"+ lines {money(t.lines, cur)}), {money(t.over, cur)} over the limit of {money(t.limit, cur)}",
        hint="cut cost lines or headcount, or raise monthly_limit",
    )


CODES = [OVER_BUDGET]
