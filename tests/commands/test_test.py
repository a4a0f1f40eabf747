"""planops test: exit codes, failure text, -k, JSON, JUnit XML and coverage."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.helpers import edit
from tests.helpers.smallplan import scenario, write_plan

from planops.cli import main

REPO = Path(__file__).resolve().parents[2]
MONDAY = "2026-03-02T09:00:00+01:00"
GOOD = scenario(
    "quick-answer",
    created=MONDAY,
    events="[{at: +1h, do: respond}, {at: +2h, do: resolve}]",
    expect="{state: resolved, sla: {first_response: met}}",
)
BAD = scenario("wrong-state", created=MONDAY, events="[{at: +1h, do: escalate}]", expect="{state: resolved}")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["test", *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_all_pass_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_plan(tmp_path, GOOD)
    code, out, _ = run(capsys, "--plan", str(folder))
    assert (code, out) == (0, ["1 scenario: 1 passed, 0 failed"])


def test_a_failure_exits_1_with_expected_and_actual(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_plan(tmp_path, GOOD, BAD)
    code, out, _ = run(capsys, "--plan", str(folder))
    where = folder / "scenarios" / "main.yaml"
    assert code == 1
    assert out[:4] == [
        f"scenario 'wrong-state' failed ({where}:13)",
        "  state: expected resolved, got lead-review",
        "  trace (times in Europe/Berlin):",
        "    at                           event     from → to             owner  SLA clocks",
    ]
    assert out[-1] == "2 scenarios: 1 passed, 1 failed"


def test_k_selects_by_name_and_verbose_lists_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_plan(tmp_path, GOOD, BAD)
    code, out, _ = run(capsys, "--plan", str(folder), "-k", "QUICK", "-v")
    assert code == 0
    assert out == [f"ok quick-answer ({folder / 'scenarios' / 'main.yaml'}:2)", "", "1 scenario: 1 passed, 0 failed"]


def test_k_matching_nothing_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--plan", str(write_plan(tmp_path, GOOD)), "-k", "nothing")
    assert (code, out, err) == (2, [], "planops test: error: no scenario name contains 'nothing'\n")


def test_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--plan", str(write_plan(tmp_path, GOOD, BAD)), "--format", "json", "--coverage")
    result = json.loads("\n".join(out))
    assert code == 1
    assert result["summary"] == {"total": 2, "passed": 1, "failed": 1}
    failed = result["scenarios"][1]
    assert (failed["name"], failed["passed"], failed["mismatches"]) == (
        "wrong-state",
        False,
        [{"key": "state", "expected": "resolved", "actual": "lead-review"}],
    )
    assert failed["run"]["trace"][1] == {
        "at": "2026-03-02T10:00:00+01:00",
        "event": "escalate",
        "timer": False,
        "from": "answer",
        "to": "lead-review",
        "owner": "lead",
        "note": None,
    }
    assert result["coverage"]["workflows"][1]["missed_states"] == []
    assert "lead-review --reassign--> answer" in result["coverage"]["workflows"][1]["missed_transitions"]


def test_junit_xml_for_ci(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "reports" / "planops.xml"
    folder = write_plan(tmp_path, GOOD, BAD)
    code, _, _ = run(capsys, "--plan", str(folder), "--junitxml", str(report))
    suite = ET.parse(report).getroot().find("testsuite")
    assert code == 1 and suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["quick-answer", "wrong-state"]
    assert cases[1].get("line") == "13" and cases[1].get("file") == str(folder / "scenarios" / "main.yaml")
    failure = cases[1].find("failure")
    assert failure is not None and failure.get("message") == "state differs"
    assert "state: expected resolved, got lead-review" in (failure.text or "")


def test_coverage_lists_what_no_scenario_visits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--plan", str(write_plan(tmp_path, GOOD)), "--coverage", "--fail-under", "14")
    assert code == 0
    assert out[1:7] == [
        "",
        "coverage of workflow states and transitions:",
        "  workflow         cover  visited",
        "  billing-dispute  0.0%   0/14",
        "  general          42.9%  3/7",
        "  total            14.3%  3/21",
    ]
    assert "  general: state never entered: lead-review" in out
    assert "  general: transition never taken: lead-review --reassign--> answer" in out
    assert "  billing-dispute: transition never taken: triage --escalate #2--> billing-review" in out
    assert main(["test", "--plan", str(tmp_path / "plan"), "--coverage", "--fail-under", "15"]) == 1


def test_a_plan_with_errors_runs_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_plan(tmp_path, GOOD)
    edit(folder / "workflows/general.yaml", "reassign: answer", "reassign: anser")
    code, out, err = run(capsys, "--plan", str(folder), "--snippet")
    assert code == 1
    assert out == [
        f"{folder / 'workflows/general.yaml'}:11:39: error[unknown-state]: 'anser' is not a state of "
        "workflow 'general' (did you mean 'answer'?)",
        "   11 |     on: {resolve: resolved, reassign: anser}",
        "      |                                       ^",
    ]
    assert err == f"{folder}: 1 error; fix the plan before its scenarios can run (see planops validate)\n"


def test_a_plan_with_errors_without_snippets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_plan(tmp_path, GOOD)
    edit(folder / "workflows/general.yaml", "reassign: answer", "reassign: anser")
    code, out, _ = run(capsys, "--plan", str(folder), "--no-snippet")
    assert (code, len(out)) == (1, 1)


def test_plan_errors_as_json_have_no_snippet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_plan(tmp_path, GOOD)
    edit(folder / "workflows/general.yaml", "reassign: answer", "reassign: anser")
    code, out, _ = run(capsys, "--plan", str(folder), "--format", "json")
    (found,) = json.loads("\n".join(out))
    assert code == 1 and (found["code"], found["line"], found["col"]) == ("unknown-state", 11, 39)


def test_missing_plan_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--plan", str(tmp_path / "nowhere"))
    assert code == 2 and err.count("\n") == 1 and "not found" in err


def test_the_bundled_plan_passes_with_full_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--plan", str(REPO / "plan"), "--coverage", "--fail-under", "100")
    assert code == 0, "\n".join(out)
    assert out[0].endswith("passed, 0 failed") and int(out[0].split()[0]) >= 25
    assert out[-1].startswith("  total") and "100.0%" in out[-1]
