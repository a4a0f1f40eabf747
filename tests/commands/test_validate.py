"""planops validate: exit codes and the three output formats."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers import edit

from planops.cli import main


def test_clean_plan_exits_0(plan_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--plan", str(plan_dir)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.endswith(": no findings\n")


def test_errors_exit_1_sorted_by_file_and_line(plan_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(plan_dir / "workflows/support.yaml", "escalate: lead-review", "escalate: lead-reveiw")
    edit(plan_dir / "team.yaml", "monthly_limit: 11000", "monthly_limit: 10000")
    assert main(["validate", "--plan", str(plan_dir), "--no-snippet"]) == 1
    lines = capsys.readouterr().out.splitlines()
    team, workflow = str(plan_dir / "team.yaml"), str(plan_dir / "workflows/support.yaml")
    assert [line.split(": ")[0] for line in lines] == [f"{team}:15:16", f"{workflow}:12:17", f"{workflow}:14:3"]
    assert lines[1].endswith(
        "error[unknown-state]: 'lead-reveiw' is not a state of workflow 'support' (did you mean 'lead-review'?)"
    )


def test_warnings_pass_unless_strict(plan_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(plan_dir / "service.yaml", "targets: {first_response: 8h}", "targets: {first_response: 4h}")
    assert main(["validate", "--plan", str(plan_dir)]) == 0
    assert "warning[slower-than-channel]" in capsys.readouterr().out
    assert main(["validate", "--plan", str(plan_dir), "--strict"]) == 1


def test_json_format(plan_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(plan_dir / "workflows/support.yaml", "owner: agent", "owner: agnet")
    assert main(["validate", "--plan", str(plan_dir), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data == [
        {
            "path": str(plan_dir / "workflows/support.yaml"),
            "line": 9,
            "col": 12,
            "code": "unknown-role",
            "severity": "error",
            "message": "owner 'agnet' is not a role of any Team",
            "hint": "did you mean 'agent'?",
        }
    ]


def test_github_format(plan_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(plan_dir / "workflows/support.yaml", "owner: agent", "owner: agnet")
    assert main(["validate", "--plan", str(plan_dir), "--format", "github"]) == 1
    out = capsys.readouterr().out.strip()
    path = str(plan_dir / "workflows/support.yaml")
    assert out == (
        f"::error file={path},line=9,col=12,title=unknown-role::owner 'agnet' is not a role of any Team "
        "(did you mean 'agent'?)"
    )


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe\x00garbage",
        b"kind: [unclosed\n",
        b"- a\n- b\n",
        b"kind: Plan\nname: x\n" * 3,
        b"\x00\x01\x02",
        b"kind: Workflow\nname: w\ninitial: a\nstates: {a: {on: {go: [{to: a, when: 3}]}}}\n",
        b"kind: Scenario\nname: s\nticket: {created: 7}\nevents: [{at: yesterday, do: x}]\n",
    ],
)
def test_garbage_never_tracebacks(plan_dir: Path, content: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    (plan_dir / "junk.yaml").write_bytes(content)
    assert main(["validate", "--plan", str(plan_dir)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert "internal error" not in captured.err
    assert "junk.yaml:" in captured.out


def test_validate_never_changes_files(plan_dir: Path) -> None:
    edit(plan_dir / "workflows/support.yaml", "owner: agent", "owner: agnet")
    before = {p: p.read_bytes() for p in plan_dir.rglob("*") if p.is_file()}
    main(["validate", "--plan", str(plan_dir)])
    assert {p: p.read_bytes() for p in plan_dir.rglob("*") if p.is_file()} == before


def test_findings_at_the_same_place_come_in_the_same_order_every_run(plan_dir: Path) -> None:
    # two sla-gap warnings share file, line, column and code; string hashing differs per process
    edit(
        plan_dir / "service.yaml",
        "  urgent: {first_response: 1h, resolution: 8h}\n"
        "  normal: {first_response: 8h, next_response: 8h, resolution: 40h}\n",
        "  low: {first_response: 8h}\n",
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-m", "planops", "validate", "--plan", str(plan_dir), "--no-snippet"],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3", "4", "5")
    }
    assert len(outputs) == 1
    assert [line.split(": SLA policy")[1].split(",")[0] for line in outputs.pop().splitlines()[:2]] == [
        " 'standard' has no targets for priority 'urgent'",
        " 'standard' has no targets for priority 'normal'",
    ]


def test_validate_refuses_what_the_handbook_would_not_publish(
    plan_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (plan_dir / "pages" / "evil.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (plan_dir / "pages" / "secret.md").symlink_to("/etc/passwd")
    monkeypatch.chdir(plan_dir.parent)
    code = main(["validate"])
    out, _err = capsys.readouterr()
    assert code == 1
    assert [line.split(": ")[1] for line in out.splitlines()] == ["error[page-file-type]", "error[page-link]"]
    assert out.startswith("plan/pages/evil.html:1:1: ") and "root:" not in out


def test_text_findings_quote_their_line_with_a_caret(plan_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(plan_dir / "workflows/support.yaml", "owner: agent", "owner: agnet")
    assert main(["validate", "--plan", str(plan_dir), "--snippet"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{plan_dir / 'workflows/support.yaml'}:9:12: error[unknown-role]: owner 'agnet' is not a role of any Team "
        "(did you mean 'agent'?)",
        "    9 |     owner: agnet",
        "      |            ^",
    ]


def test_no_snippet_gives_one_line_per_finding(plan_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(plan_dir / "workflows/support.yaml", "owner: agent", "owner: agnet")
    assert main(["validate", "--plan", str(plan_dir), "--no-snippet"]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.endswith("error[unknown-role]: owner 'agnet' is not a role of any Team (did you mean 'agent'?)")


def test_a_file_that_is_not_utf8_is_reported_without_a_snippet(
    plan_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (plan_dir / "junk.yaml").write_bytes(b"kind: Plan\nname: \xff\n")
    assert main(["validate", "--plan", str(plan_dir)]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{plan_dir / 'junk.yaml'}:2:7: error[not-utf8]: ")


def test_a_yaml_syntax_error_quotes_the_broken_line(plan_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (plan_dir / "junk.yaml").write_text("kind: Channel\nname: [unclosed\n", encoding="utf-8")
    assert main(["validate", "--plan", str(plan_dir), "--snippet"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{plan_dir / 'junk.yaml'}:3:1: error[yaml-syntax]: ")
    assert lines[1:] == ["    3 |", "      | ^"]  # the end of the file, where the ']' was expected


def test_sarif_format_from_the_repository_root(
    plan_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    subprocess.run(["git", "init", "-q", str(plan_dir.parent)], check=True)
    monkeypatch.chdir(plan_dir / "workflows")  # run from deep inside: locations are still from the root
    edit(plan_dir / "workflows/support.yaml", "owner: agent", "owner: agnet")
    assert main(["validate", "--plan", "..", "--format", "sarif"]) == 1
    out, err = capsys.readouterr()
    (result,) = json.loads(out)["runs"][0]["results"]
    assert err == ""
    assert (result["ruleId"], result["locations"][0]["physicalLocation"]) == (
        "unknown-role",
        {
            "artifactLocation": {"uri": "plan/workflows/support.yaml", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 9, "startColumn": 12},
        },
    )


def test_sarif_of_a_clean_plan_has_no_results(plan_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--plan", str(plan_dir), "--format", "sarif"]) == 0
    log = json.loads(capsys.readouterr().out)
    assert log["version"] == "2.1.0" and log["runs"][0]["results"] == []


def test_piped_text_findings_stay_one_a_line_and_a_terminal_gets_the_quoted_line(
    plan_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(plan_dir / "workflows/support.yaml", "owner: agent", "owner: agnet")
    assert main(["validate", "--plan", str(plan_dir)]) == 1  # captured: not a terminal
    (finding,) = capsys.readouterr().out.splitlines()
    assert finding.endswith("owner 'agnet' is not a role of any Team (did you mean 'agent'?)")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert main(["validate", "--plan", str(plan_dir)]) == 1
    assert capsys.readouterr().out.splitlines()[1:] == ["    9 |     owner: agnet", "      |            ^"]
    assert main(["validate", "--plan", str(plan_dir), "--no-snippet"]) == 1
    assert capsys.readouterr().out.splitlines() == [finding]
