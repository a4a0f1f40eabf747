"""A plan whose scenarios leave states and transitions uncovered, one of them failing, with a hostile title.

``general``: the failing scenario ``wrong`` enters answer and resolved only (lead-review: never);
``billing-dispute``: ``timer`` lets triage's timer take the first escalate branch to manager-approval.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planops.handbook import examples
from planops.handbook.context import Context
from tests.helpers.smallplan import load, scenario, write_plan

MONDAY = "2026-03-02T09:00:00+01:00"
TODAY = date(2026, 11, 1)
HOSTILE = "<img src=x onerror=alert(1)> *quick*"
SCENARIOS = (
    scenario(
        "timer", created=MONDAY, until="+4h", category="billing", amount=900.0, expect="{state: manager-approval}"
    ),
    scenario("wrong", created=MONDAY, events="[{at: +1h, do: resolve}]", expect="{state: lead-review}")
    + f'title: "{HOSTILE}"\n',
)


def write(root: Path) -> Path:
    """The plan folder below ``root``."""
    return write_plan(root, *SCENARIOS)


def context(root: Path) -> Context:
    """The handbook's context for the plan: its scenarios run once, as a build runs them."""
    plan = load(write(root))
    return Context(plan, TODAY, runs=examples.run_all(plan))
