"""Checks that run the engine: `planops validate` warns about a workflow no scenario exercises."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import edit
from tests.helpers.smallplan import scenario, write_plan

from planops.cli import main
from planops.pipeline import check_plan

MONDAY = "2026-03-02T09:00:00+01:00"


def test_a_workflow_no_scenario_is_routed_to_is_untested(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_plan(tmp_path, scenario("question", created=MONDAY))
    assert main(["validate", "--plan", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out == (
        f"{folder / 'workflows' / 'billing.yaml'}:2:7: warning[untested-workflow]: no scenario exercises "
        "workflow 'billing-dispute' (add a Scenario whose ticket is routed to it; `planops route` shows "
        "where a ticket goes)\n"
        "    2 | name: billing-dispute\n"
        "      |       ^\n"
    )
    assert main(["validate", "--plan", str(folder), "--strict"]) == 1


def test_routing_decides_not_the_expectation(tmp_path: Path) -> None:
    folder = write_plan(
        tmp_path,
        scenario("question", created=MONDAY, expect="{workflow: billing-dispute}"),
        scenario("dispute", created=MONDAY, category="billing"),
    )
    _plan, found = check_plan(folder)
    assert [d.code for d in found] == []


def test_not_run_on_a_plan_with_errors(tmp_path: Path) -> None:
    folder = write_plan(tmp_path)
    edit(folder / "workflows" / "general.yaml", "reassign: answer", "reassign: anser")
    _plan, found = check_plan(folder)
    assert [d.code for d in found] == ["unknown-state"]
