"""The reference page's coverage total is the one `planops test --coverage` prints, from the build's own runs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.helpers import covered
from tests.helpers.inprocess import run_cli

from planops.handbook.context import REFERENCE
from planops.handbook.pages import reference


def _cli_rows(root: Path) -> dict[str, tuple[str, str]]:
    """``planops test --coverage``'s table: workflow (or total) -> (percent, covered/total)."""
    ran = run_cli(["test", "--coverage"], root)
    assert ran.code == 1, ran.err  # the scenario 'wrong' fails
    rows = re.findall(r"^  (\S+)\s+(\d+\.\d%)\s+(\d+/\d+)$", ran.out, re.M)
    return {name: (percent, count) for name, percent, count in rows}


def test_the_total_agrees_with_planops_test_coverage(tmp_path: Path) -> None:
    ctx = covered.context(tmp_path)
    page = reference.render(ctx.at(REFERENCE))
    rows = _cli_rows(tmp_path)
    assert rows == {"billing-dispute": ("21.4%", "3/14"), "general": ("42.9%", "3/7"), "total": ("28.6%", "6/21")}
    assert (
        "The scenarios enter and take 6 of 21 (28.6%) of the workflows' steps and transitions, the total "
        "`planops test --coverage` reports. 2 scenarios: 1 pass, 1 fail."
    ) in page
    cell = '<td style="text-align: left;">'
    for name in ("billing-dispute", "general"):
        percent, count = rows[name]
        link = f'<a href="../workflows/{name}/#coverage">{name}</a>'
        assert f"{cell}{link}</td>{cell}{percent}</td>{cell}{count}</td>" in page, name


def test_plan_json_carries_the_coverage_of_planops_test_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from planops.handbook import machine, site
    from planops.review.mermaid import state_diagram

    monkeypatch.chdir(tmp_path)  # paths in plan.json are as the build, run in the repository, sees them
    ctx = covered.context(Path("."))
    pages = site.build_pages(ctx, state_diagram)
    data = json.loads(machine.plan_json(ctx.plan, covered.TODAY, pages, True, tested=ctx))
    ran = run_cli(["test", "--coverage", "--format", "json"], tmp_path)
    cli = json.loads(ran.out)["coverage"]
    detail = ("states", "transitions")
    assert [{k: v for k, v in w.items() if k not in detail} for w in data["coverage"]["workflows"]] == cli["workflows"]
    assert {k: v for k, v in data["coverage"].items() if k != "workflows"} == {
        k: v for k, v in cli.items() if k != "workflows"
    }
    general = data["coverage"]["workflows"][1]
    assert general["states"] == [
        {"state": "answer", "covered_by": ["wrong"]},
        {"state": "lead-review", "covered_by": []},
        {"state": "resolved", "covered_by": ["wrong"]},
    ]
    billing = data["coverage"]["workflows"][0]
    timer = next(t for t in billing["transitions"] if t["covered_by"])
    assert timer == {
        "from": "triage",
        "event": "escalate",
        "branch": 0,
        "to": "manager-approval",
        "transition": "triage --escalate #1--> manager-approval",
        "covered_by": ["timer"],
        "by_timer": ["timer"],
    }
    assert data["results"] == [
        {
            "name": "timer",
            "path": "plan/scenarios/main.yaml",
            "line": 2,
            "passed": True,
            "problems": [],
            "mismatches": [],
            "workflow": "billing-dispute",
            "example": "scenarios/billing-dispute/#scenario-timer",
        },
        {
            "name": "wrong",
            "path": "plan/scenarios/main.yaml",
            "line": 14,
            "passed": False,
            "problems": [],
            "mismatches": [{"key": "state", "expected": "lead-review", "actual": "resolved"}],
            "workflow": "general",
            "example": "scenarios/general/#scenario-wrong",
        },
    ]
    assert data["pages"]["scenarios/general.md"] == "scenarios/general/"
