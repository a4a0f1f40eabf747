"""Names repeated inside lists: an error at the second, naming the first's place."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import edit, findings, where

from planops.diagnostics import Severity

SECOND_TEAM = (
    "\n---\nkind: Team\nname: billing\nroles:\n"
    "  - {name: agent, title: Cheap agent, tier: 1, headcount: 1, monthly_cost: 1, queues: [frontline]}\n"
)

CASES = [
    (
        "team.yaml",
        "  - {name: Training, category: training, monthly: 200}",
        "  - {name: Training, category: training, monthly: 200}" + SECOND_TEAM,
        ("team.yaml", 23, 12, "role 'agent' is already defined at {root}/team.yaml:7:12"),
    ),
    (
        "team.yaml",
        "{name: support-lead, title",
        "{name: agent, title",
        ("team.yaml", 8, 12, "role 'agent' is already defined at {root}/team.yaml:7:12"),
    ),
    (
        "team.yaml",
        "{name: Training, category",
        "{name: Helpdesk software, category",
        ("team.yaml", 18, 12, "budget line 'Helpdesk software' is already defined at {root}/team.yaml:17:12"),
    ),
    (
        "service.yaml",
        "  - name: everything-else",
        "  - name: outage",
        ("service.yaml", 40, 11, "routing rule 'outage' is already defined at {root}/service.yaml:37:11"),
    ),
    (
        "service.yaml",
        "{name: standard, title: Everyone else}",
        "{name: priority, title: Everyone else}",
        ("service.yaml", 16, 12, "segment 'priority' is already defined at {root}/service.yaml:15:12"),
    ),
    (
        "plan.yaml",
        "    kpis: [first-response-time, csat]",
        "    kpis: [first-response-time, csat]\n  - {name: answer-fast, statement: Again}",
        ("plan.yaml", 16, 12, "goal 'answer-fast' is already defined at {root}/plan.yaml:13:11"),
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), CASES)
def test_a_repeated_name_in_a_list_is_an_error_at_the_second(
    plan_dir: Path, file: str, old: str, new: str, expected: tuple[str, int, int, str]
) -> None:
    edit(plan_dir / file, old, new)
    found = [d for d in findings(plan_dir) if d.code == "duplicate-name"]
    assert where(found, plan_dir) == [(*expected[:3], "duplicate-name")]
    [finding] = found
    assert finding.severity is Severity.ERROR
    assert finding.text == expected[3].format(root=plan_dir) + " (rename one of them, or remove the repeat)"


def test_a_repeated_state_is_the_loaders_duplicate_key(plan_dir: Path) -> None:
    edit(plan_dir / "workflows/support.yaml", "  resolved:\n", "  lead-review:\n    final: true\n  resolved:\n")
    assert [f for f in where(findings(plan_dir), plan_dir) if f[3] == "duplicate-key"] == [
        ("workflows/support.yaml", 18, 3, "duplicate-key")
    ]
