"""planops review: owners, last review, next due, overdue; --as-of, --strict, --format json/github."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.helpers import edit
from tests.helpers.gitrepo import PLAN

from planops.cli import main


@pytest.fixture
def plan_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, text in PLAN.items():
        path = tmp_path / "plan" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    edit(tmp_path / "plan" / "service.yaml", "owner: billing-lead\n", "owner: billing-lead\nreviewed: 2025-12-01\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "plan"


def review(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["review", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_table(plan_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = review(capsys, "--as-of", "2026-03-15")
    lines = out.splitlines()
    assert code == 0 and err == ""
    assert lines[0] == "Reviews every quarter, as of 2026-03-15: 1 overdue, 13 due within 30 days, 0 ok"
    assert lines[2] == "STATUS    DUE         LAST REVIEW  OWNER         OBJECT"
    assert lines[3] == "overdue   2026-03-01  2025-12-01   billing-lead  SLAPolicy vip (plan/service.yaml:12)"
    assert "due soon  2026-04-10  2026-01-10*  lead*         Calendar office (plan/calendars.yaml:1)" in lines
    assert "due soon  2026-04-10  2026-01-10*  billing-lead  Workflow dispute (plan/workflows/dispute.yaml:1)" in lines
    assert lines[-1] == "* taken from the Plan manifest: the object does not say"


def test_strict_fails_only_when_overdue(plan_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert review(capsys, "--as-of", "2026-03-15", "--strict")[0] == 1
    assert review(capsys, "--as-of", "2026-02-15", "--strict")[0] == 0
    assert review(capsys, "--as-of", "2026-03-15")[0] == 0


def test_json(plan_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = review(capsys, "--as-of", "2026-03-15", "--format", "json")
    document = json.loads(out)
    assert code == 0
    assert (document["as_of"], document["every"]) == ("2026-03-15", "quarter")
    assert document["objects"][0] == {
        "kind": "SLAPolicy",
        "name": "vip",
        "path": "plan/service.yaml",
        "line": 12,
        "owner": "billing-lead",
        "owner_inherited": False,
        "reviewed": "2025-12-01",
        "reviewed_inherited": False,
        "due": "2026-03-01",
        "status": "overdue",
    }


def test_github_annotations(plan_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = review(capsys, "--as-of", "2026-03-15", "--format", "github", "--strict")
    assert code == 1
    assert out == (
        "::error file=plan/service.yaml,line=12,col=1,title=review-overdue::SLAPolicy 'vip' was last reviewed "
        "2025-12-01; its quarterly review was due 2026-03-01 (review it with billing-lead and set 'reviewed:')\n"
    )
    assert err == "plan: 1 overdue, 13 due within 30 days, 0 ok\n"


def test_bad_date_is_a_usage_error(plan_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["review", "--as-of", "next week"])
    assert exit_info.value.code == 2
    assert "argument --as-of: 'next week' is not a date like 2026-12-31" in capsys.readouterr().err


def test_missing_plan_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = review(capsys)
    assert (code, out) == (2, "")
    assert err == "planops review: error: plan folder 'plan' not found (use --plan DIR to point at it)\n"
