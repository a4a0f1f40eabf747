"""Owners without a Team: one warning, at the first owner; none when the Team document is only broken."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import edit, findings, where

from planops.diagnostics import Severity
from planops.pipeline import check_plan


def test_owners_without_a_team_are_one_warning_at_the_first_owner(plan_dir: Path) -> None:
    (plan_dir / "team.yaml").unlink()
    checked = check_plan(plan_dir)
    [found] = [d for d in checked.findings if d.code == "missing-team"]
    assert where([found], plan_dir) == [("plan.yaml", 7, 8, "missing-team")]
    assert found.severity is Severity.WARNING
    assert found.text == (
        "owner 'support-lead' names a Team role, but the plan has no Team; 4 other owners name roles too "
        "(add a Team whose roles: include the owners (planops init writes one), or remove the owners)"
    )
    assert checked.errors == [] and checked.valid is not None  # a warning: the plan still runs


def test_a_single_owner_without_a_team_is_named_alone(plan_dir: Path) -> None:
    (plan_dir / "team.yaml").unlink()
    for name in ("plan.yaml", "scenarios/examples.yaml", "workflows/support.yaml"):
        path = plan_dir / name
        kept = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if "owner:" not in line]
        path.write_text("".join(kept), encoding="utf-8")
    edit(plan_dir / "workflows" / "support.yaml", "  triage:\n", "  triage:\n    owner: agent\n")
    [found] = [d for d in findings(plan_dir) if d.code == "missing-team"]
    assert where([found], plan_dir) == [("workflows/support.yaml", 8, 12, "missing-team")]
    assert found.message == "owner 'agent' names a Team role, but the plan has no Team"


def test_a_broken_team_document_is_not_reported_as_missing(plan_dir: Path) -> None:
    edit(plan_dir / "team.yaml", "kind: Team\n", "kind: Team\ntitel: x\n")
    assert [code for *_, code in where(findings(plan_dir), plan_dir)] == ["unknown-key"]
