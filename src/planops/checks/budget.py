"""The budget: salaries from Team plus cost lines stay within the monthly limit."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from planops.checks.base import ERROR, Code
from planops.diagnostics import Diagnostic
from planops.model import Budget
from planops.plan import CompiledPlan

OVER_BUDGET = Code(
    "over-budget",
    ERROR,
    "Salaries (headcount × monthly cost of every role) plus cost lines exceed `monthly_limit`.",
    "kind: Budget\nname: monthly\ncurrency: USD\nmonthly_limit: 12000\nlines:\n  - {name: Helpdesk, monthly: 900}\n"
    "# while Team roles cost 11,800 a month\n",
)


@dataclass(frozen=True, slots=True)
class Totals:
    """The month's money, as the budget check and the handbook compute it."""

    salaries: float
    lines: float
    limit: float
    currency: str

    @property
    def total(self) -> float:
        return self.salaries + self.lines

    @property
    def headroom(self) -> float:
        return self.limit - self.total


def totals(plan: CompiledPlan, budget: Budget) -> Totals:
    salaries = sum(r.headcount * r.monthly_cost for r in plan.roles.values())
    lines = sum(line.monthly for line in budget.lines)
    return Totals(salaries, lines, budget.monthly_limit, budget.currency)


def money(amount: float, currency: str) -> str:
    return f"{currency} {amount:,.2f}".replace(".00", "")


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    budget = plan.budget
    if budget is None:
        return
    t = totals(plan, budget)
    if t.total > t.limit:
        yield OVER_BUDGET.at(
            plan,
            budget,
            ("monthly_limit",),
            f"the plan costs {money(t.total, t.currency)} a month (salaries {money(t.salaries, t.currency)} "
            f"+ lines {money(t.lines, t.currency)}), {money(-t.headroom, t.currency)} over the limit of "
            f"{money(t.limit, t.currency)}",
            hint="cut cost lines or headcount, or raise monthly_limit",
        )


CODES = [OVER_BUDGET]
