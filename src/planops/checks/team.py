"""The team's reporting lines end at someone who reports to no one."""

from __future__ import annotations

from collections.abc import Iterator

from planops.diagnostics import ERROR, Code, Diagnostic
from planops.model import Team
from planops.plan import CompiledPlan

REPORTS_TO_CYCLE = Code(
    "reports-to-cycle",
    ERROR,
    "Roles whose `reports_to:` lead back to themselves: escalation along the reporting line never ends. "
    "Reported once per cycle, at the role that closes it (the last of them in file order).",
    "roles:\n  - {name: lead, title: Lead, tier: 2, reports_to: manager}\n"
    "  - {name: manager, title: Manager, tier: 3, reports_to: lead}\n",
)


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    places = _places(plan)
    order = list(places)
    boss = {name: role.reports_to for name, role in plan.roles.items() if role.reports_to in plan.roles}
    for cycle in _cycles(order, {k: v for k, v in boss.items() if v is not None}):
        closing = max(cycle, key=order.index)
        start = cycle.index(closing)
        shown = [*cycle[start:], *cycle[:start], closing]
        team, index = places[closing]
        yield REPORTS_TO_CYCLE.at(
            plan,
            team,
            ("roles", index, "reports_to"),
            f"reports_to makes a cycle: {' → '.join(shown)}",
            hint="the role at the top of the line reports to no one: remove its reports_to",
        )


def _places(plan: CompiledPlan) -> dict[str, tuple[Team, int]]:
    """Each role's Team and index there, the first where a name repeats (a repeat is its own finding)."""
    found: dict[str, tuple[Team, int]] = {}
    for team in plan.all(Team):
        for i, role in enumerate(team.roles):
            found.setdefault(role.name, (team, i))
    return found


def _cycles(order: list[str], boss: dict[str, str]) -> Iterator[list[str]]:
    """Every cycle of the reports_to graph once, in the order its members are reached."""
    done: set[str] = set()
    for start in order:
        chain: list[str] = []
        name: str | None = start
        while name is not None and name not in done and name not in chain:
            chain.append(name)
            name = boss.get(name)
        if name is not None and name in chain:
            yield chain[chain.index(name) :]
        done.update(chain)


CODES = [REPORTS_TO_CYCLE]
