"""--format sarif: a SARIF 2.1.0 log valid against the official schema, in the shape GitHub code scanning takes."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest
from tests.helpers import edit

from planops.checks import CODES
from planops.cli import main
from planops.diagnostics import Diagnostic, Severity
from planops.output.sarif import artifact_uri, message_text, repository_root, rule, sarif_log

SCHEMA = json.loads((Path(__file__).parent / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
LEVELS = {"none", "note", "warning", "error"}  # what code scanning accepts as a result's level


def sarif(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any], str]:
    code = main(["validate", "--format", "sarif", *args])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


@pytest.fixture
def repo(plan_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The starter plan in a real git repository, as the working folder; with an error and a warning."""
    root = plan_dir.parent
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    monkeypatch.chdir(root)
    edit(plan_dir / "workflows/support.yaml", "escalate: lead-review", "escalate: lead-reveiw")
    edit(plan_dir / "service.yaml", "targets: {first_response: 8h}", "targets: {first_response: 4h}")
    return root


def assert_code_scanning_accepts(log: dict[str, Any]) -> None:
    """What GitHub's upload checks and shows: every result names a rule of the run, has a level it knows, and a
    location with a file relative to the repository and a line; every rule has its help."""
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    for r in rules:
        assert r["shortDescription"]["text"] and len(r["shortDescription"]["text"]) <= 1024
        assert r["help"]["text"] and r["help"]["markdown"]
        assert r["defaultConfiguration"]["level"] in LEVELS
    for result in run["results"]:
        assert result["ruleId"] in ids and rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in LEVELS and result["message"]["text"]
        assert result["locations"]
        for location in result["locations"]:
            physical = location["physicalLocation"]
            uri = physical["artifactLocation"]["uri"]
            assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
            assert not uri.startswith("/") and ":" not in uri.split("/")[0] and "\\" not in uri
            assert physical["region"]["startLine"] >= 1 and physical["region"]["startColumn"] >= 1
        assert result["partialFingerprints"]


def test_the_log_is_valid_sarif_2_1_0(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    code, log, err = sarif(capsys)
    assert (code, err) == (1, "")
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert_code_scanning_accepts(log)


def test_results_are_the_findings_at_their_places(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, log, _ = sarif(capsys)
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["tool"]["driver"]["name"] == "planops" and "informationUri" not in run["tool"]["driver"]
    shown = [
        (
            r["ruleId"],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"],
        )
        for r in run["results"]
    ]
    assert shown == [
        ("slower-than-channel", "warning", "plan/service.yaml", {"startLine": 23, "startColumn": 27}),
        ("unknown-state", "error", "plan/workflows/support.yaml", {"startLine": 12, "startColumn": 17}),
        ("unreachable-state", "error", "plan/workflows/support.yaml", {"startLine": 14, "startColumn": 3}),
    ]
    assert run["results"][1]["message"]["text"] == (
        "'lead-reveiw' is not a state of workflow 'support' (did you mean 'lead-review'?)"
    )


def test_every_code_is_a_rule_with_its_summary_example_and_severity(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, log, _ = sarif(capsys)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(CODES)
    unknown = next(r for r in rules if r["id"] == "unknown-state")
    code = CODES["unknown-state"]
    assert unknown["shortDescription"] == unknown["fullDescription"] == {"text": code.summary}
    assert unknown["defaultConfiguration"] == {"level": "error"}
    assert unknown["help"]["text"] == f"{code.summary}\n\nExample that reports it:\n\n{code.example}"
    assert unknown["help"]["markdown"] == f"{code.summary}\n\nExample that reports it:\n\n```yaml\n{code.example}```\n"


def test_a_code_without_an_example_has_its_summary_as_help() -> None:
    bare = next(c for c in CODES.values() if not c.example)
    assert rule(bare)["help"] == {"text": bare.summary, "markdown": bare.summary}


def test_an_example_with_backticks_keeps_its_fence() -> None:
    from planops.diagnostics import Code

    made = rule(Code("x", Severity.WARNING, "Summary.", "a: ```b```\n"))
    assert made["help"]["markdown"] == "Summary.\n\nExample that reports it:\n\n````yaml\na: ```b```\n````\n"
    assert made["defaultConfiguration"] == {"level": "warning"}


def test_fingerprints_follow_a_finding_when_lines_move_above_it(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def places() -> list[tuple[str, int]]:
        _, log, _ = sarif(capsys)
        return [
            (r["partialFingerprints"]["planops/v1"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
            for r in log["runs"][0]["results"]
            if r["ruleId"] == "unknown-state"
        ]

    before = places()
    edit(repo / "plan/workflows/support.yaml", "kind: Workflow\n", "# a comment\n# and another\nkind: Workflow\n")
    after = places()
    assert [f for f, _ in before] == [f for f, _ in after]
    assert [line + 2 for _, line in before] == [line for _, line in after]


def test_the_same_finding_on_identical_lines_has_distinct_fingerprints() -> None:
    text = "a: x\na: x\n"
    found = [Diagnostic("plan/f.yaml", n, 1, "duplicate-key", Severity.ERROR, "m") for n in (1, 2)]
    log = sarif_log(found, CODES, Path.cwd(), {"plan/f.yaml": text}, "1")
    prints = [r["partialFingerprints"]["planops/v1"] for r in log["runs"][0]["results"]]  # type: ignore[index]
    assert prints[0].split(":")[0] == prints[1].split(":")[0] and [p.split(":")[1] for p in prints] == ["1", "2"]


def test_a_plan_outside_the_repository_gives_notifications_not_results(
    plan_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "checkout"
    elsewhere.mkdir()
    subprocess.run(["git", "init", "-q", str(elsewhere)], check=True)
    monkeypatch.chdir(elsewhere)
    edit(plan_dir / "workflows/support.yaml", "owner: agent", "owner: agnet")
    code, log, err = sarif(capsys, "--plan", str(plan_dir))
    assert code == 1  # the exit code still counts every finding
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    (run,) = log["runs"]
    assert run["results"] == []
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "error" and note["associatedRule"]["id"] == "unknown-role"
    assert note["message"]["text"] == (
        "support.yaml:9:12: unknown-role: owner 'agnet' is not a role of any Team (did you mean 'agent'?) "
        "(the file is outside the repository)"
    )
    assert str(tmp_path) not in json.dumps(log)  # no path of the machine in a log that is uploaded
    assert err == (
        "1 finding in files outside the repository 'checkout' are in the SARIF log as notifications only, "
        "not results: run planops inside the repository\n"
    )


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("plan/sla.yaml", "plan/sla.yaml"),
        ("plan/./workflows/../sla.yaml", "plan/sla.yaml"),
        ("plan/a b#1%.yaml", "plan/a%20b%231%25.yaml"),
        ("plan/tarifs-é.yaml", "plan/tarifs-%C3%A9.yaml"),
        ("../other/plan.yaml", None),
        (".", None),
    ],
)
def test_uris_are_relative_to_the_repository_and_percent_encoded(
    path: str, uri: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert artifact_uri(path, tmp_path) == uri
    if uri is not None:
        assert unquote(uri) == str(Path(path).resolve().relative_to(tmp_path.resolve()).as_posix())


def test_a_file_name_that_is_not_utf8_is_its_bytes_percent_encoded(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = os.fsdecode(b"plan/caf\xe9.yaml")  # Latin-1 bytes: not UTF-8, as a folder on Linux may hold
    (repo / name).write_text("kind: Channel\nname: chat\ncolour: red\n", encoding="utf-8")
    code, log, _ = sarif(capsys)
    assert code == 1
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert "plan/caf%E9.yaml" in uris


def test_a_subfolder_of_the_repository_reports_from_its_root(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "plan" / "workflows")
    assert repository_root(Path.cwd()) == repo
    assert artifact_uri("support.yaml", repo) == "plan/workflows/support.yaml"


def test_hostile_messages_stay_data(plan_dir: Path, capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    owner = "ghost\n::error file=README.md,line=1::forged \x1b]8;;http://evil\x07 ##[error]x"
    edit(plan_dir / "workflows/support.yaml", "owner: agent", f"owner: {json.dumps(owner)}")
    code = main(["validate", "--format", "sarif"])
    out = capsys.readouterr().out
    assert code == 1 and out.isascii() and "##[" not in out
    assert all(not line.lstrip().startswith("::") for line in out.splitlines())
    log = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    texts = [r["message"]["text"] for r in log["runs"][0]["results"] if r["ruleId"] == "unknown-role"]
    assert texts == [
        "owner 'ghost\\\\n::error file=README.md,line=1::forged \\\\x1b\\]8;;http://evil\\\\x07 ##\\[error\\]x' "
        "is not a role of any Team"
    ]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain 'name'", "plain 'name'"),
        ("see [here](https://evil.example)", "see \\[here\\](https://evil.example)"),
        ("[0](1) and \\[x]", "\\[0\\](1) and \\\\\\[x\\]"),
        ("bell\x07 and \u202e", "bell\\\\x07 and \\\\u202e"),
    ],
)
def test_a_message_has_no_embedded_link_and_no_control_character(text: str, shown: str) -> None:
    assert message_text(text) == shown


def test_past_code_scannings_limit_the_least_severe_are_left_out_and_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planops.output.findings import FORMATS, Checked
    from planops.output.sarif import MAX_RESULTS

    monkeypatch.chdir(tmp_path)
    warnings = [Diagnostic("plan/a.yaml", n, 1, "sla-gap", Severity.WARNING, "w") for n in range(1, MAX_RESULTS + 1)]
    errors = [Diagnostic("plan/z.yaml", n, 1, "unknown-state", Severity.ERROR, "e") for n in (1, 2, 3)]
    printed = FORMATS["sarif"](Checked("plan", [*warnings, *errors], {}, tmp_path))
    (run,) = json.loads(printed.out)["runs"]
    assert len(run["results"]) == MAX_RESULTS
    assert [r["ruleId"] for r in run["results"][-4:]] == ["sla-gap", "unknown-state", "unknown-state", "unknown-state"]
    assert run["results"][MAX_RESULTS - 4]["locations"][0]["physicalLocation"]["region"]["startLine"] == MAX_RESULTS - 3
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert note["message"]["text"].startswith("3 more findings (the least severe) are not in this log: ")
    assert printed.note == (
        "3 findings (the least severe) are not in the SARIF log: code scanning takes at most 25,000 results "
        "per run; planops validate shows them all"
    )
