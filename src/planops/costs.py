"""The month's money: the one rule the budget check, the diff and the handbook's budget page all read.

The rule: every role of every Team is paid (headcount × monthly cost, a role name repeated in another Team
included: a repeat is a ``duplicate-name`` error, and it must not make the plan look cheaper), and every cost
line of every Budget is spent, against the lowest ``monthly_limit`` of the Budgets. A plan has one Budget (a
second is a ``several-objects`` error); until it is fixed, a second Budget with a larger limit cannot hide
that the plan is over the first one's, and its lines are counted too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from planops.model import Budget, Team
from planops.model.team import CostLine, Role


@dataclass(frozen=True, slots=True)
class Costs:
    """A month of the plan: what its people and its cost lines cost, against the limit."""

    roles: tuple[Role, ...]
    """Every role of every Team, repeats included, in file order: the people the plan pays."""
    cost_lines: tuple[CostLine, ...]
    """Every cost line of every Budget, in file order."""
    budget: Budget | None
    """The Budget whose limit applies (the lowest), None without a Budget."""

    @property
    def headcount(self) -> float:
        return sum(r.headcount for r in self.roles)

    @property
    def salaries(self) -> float:
        return sum(r.headcount * r.monthly_cost for r in self.roles)

    @property
    def lines(self) -> float:
        return sum(line.monthly for line in self.cost_lines)

    @property
    def total(self) -> float:
        return self.salaries + self.lines

    @property
    def limit(self) -> float | None:
        return self.budget.monthly_limit if self.budget else None

    @property
    def currency(self) -> str | None:
        return self.budget.currency if self.budget else None

    @property
    def over(self) -> float:
        """How much the month costs beyond the limit; 0 within it or without a Budget."""
        return max(self.total - self.limit, 0.0) if self.limit is not None else 0.0


def costs(teams: Iterable[Team], budgets: Iterable[Budget]) -> Costs:
    """The month's costs of a plan's Team and Budget documents (``CompiledPlan.costs`` keeps the answer)."""
    found = tuple(budgets)
    return Costs(
        roles=tuple(role for team in teams for role in team.roles),
        cost_lines=tuple(line for budget in found for line in budget.lines),
        budget=min(found, key=lambda b: b.monthly_limit) if found else None,
    )
