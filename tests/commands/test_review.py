"""planops review: owners, last review, next due, overdue; --as-of, --strict, --format json/github."""

from __future__ import annotations

import json
import subprocess
import sys
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


def _save(folder: Path, period: str, value: float | None, met: bool | None) -> None:
    row = {"kpi": "frt", "period": period, "by": {}, "value": value, "unit": "minutes", "target": {"max": 240.0}}
    split = {**row, "by": {"channel": "chat"}, "value": 1.0, "met": True}
    data = {"planops": "planops actuals", "period": period, "grain": "quarter", "kpis": [{**row, "met": met}, split]}
    folder.mkdir(exist_ok=True)
    (folder / f"{period}.json").write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def actuals(plan_folder: Path) -> Path:
    folder = plan_folder.parent / "actuals"  # next to the plan folder
    _save(folder, "2025-Q4", 100.0, True)
    _save(folder, "2026-Q1", 300.04, False)
    return folder


def test_text_shows_the_last_saved_periods_kpis_after_the_reviews(
    actuals: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = review(capsys, "--as-of", "2026-03-15")
    assert code == 0 and err == ""
    assert out.endswith(
        "\nKPIs of 2026-Q1, the last saved quarter (actuals/2026-Q1.json): 0 met, 1 missed\n\n"
        "KPI  VALUE        TARGET  MET\n"
        "frt  300 minutes  ≤ 240   missed\n"
    )


def test_json_and_github_carry_the_kpis(actuals: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = json.loads(review(capsys, "--as-of", "2026-03-15", "--format", "json")[1])
    assert document["actuals"] == {
        "file": "actuals/2026-Q1.json",
        "period": "2026-Q1",
        "grain": "quarter",
        "kpis": [
            {"kpi": "frt", "value": 300.04, "unit": "minutes", "target": {"max": 240.0}, "met": False, "tickets": 0}
        ],
    }
    _, _, err = review(capsys, "--as-of", "2026-03-15", "--format", "github")
    assert (
        err == "plan: 1 overdue, 13 due within 30 days, 0 ok\nactuals/2026-Q1.json: KPIs of 2026-Q1: 0 met, 1 missed\n"
    )


def test_without_actuals_json_says_null(plan_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert json.loads(review(capsys, "--format", "json")[1])["actuals"] is None


def test_a_bad_saved_file_is_a_warning_and_left_out(actuals: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (actuals / "2026-Q2.json").write_text('{"planops": "planops actuals", "period": "2026-Q2"}', encoding="utf-8")
    code, out, err = review(capsys, "--as-of", "2026-03-15")
    assert code == 0 and "KPIs of 2026-Q1" in out
    assert err == (
        "planops review: warning: actuals/2026-Q2.json: not saved actuals as planops writes them (grain: Field "
        "required; 1 more); regenerate it\n"
    )


def test_review_reads_actuals_without_duckdb_charts_or_the_handbook(actuals: Path) -> None:
    code = (
        "import sys\n"
        "from planops.cli import main\n"
        "main(['review', '--as-of', '2026-03-15'], process=True)\n"
        "print([m for m in ('duckdb', 'vl_convert', 'mkdocs', 'nh3', 'markdown') if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=actuals.parent, timeout=120
    )
    assert "KPIs of 2026-Q1" in result.stdout and result.stdout.splitlines()[-1] == "[]", result.stdout + result.stderr
