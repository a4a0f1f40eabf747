"""Hostile plans through the real commands: no value forges a line, an annotation, a control sequence or Markdown.

Each plan is the starter (or the review tests' git repository) with values a
pull request could bring: a scenario file whose name holds an ANSI escape, a
newline and a workflow command; ticket values with HTML, headings, bidi
controls and ``##[error]``; an owner that is a forged annotation.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from tests.helpers import edit
from tests.helpers.gitrepo import Repo, repo_fixture  # noqa: F401  (the fixture)
from tests.helpers.hostile import commands, rendered

from planops.cli import main
from planops.handbook.context import Context
from planops.handbook.pages.review import render_changelog
from planops.output.escape import visible
from planops.pipeline import Level, check_plan
from planops.review.history import changelog

FILE = "ev\x1b[31mil\n::error file=README.md,line=1::forged.yaml"
QUEUE = "x <img src=x onerror=alert(1)>\n## FAKE \x1b[2J ##[error]boom"
CATEGORY = "q\r\n::warning::x \u202egnp.exe\u2066 \x9b2J"
OWNER = "ghost\n::error file=README.md,line=1::forged \x1b]8;;http://evil\x07"
SCENARIO = f"""\
kind: Scenario
name: hostile
ticket:
  channel: email
  category: {json.dumps(CATEGORY)}
  queue: {json.dumps(QUEUE)}
  customer: {{annual_value: 1200}}
  created: 2027-01-12T09:15:00+00:00
events:
  - {{at: +45m, do: respond}}
expect:
  queue: frontline
"""
SHOWN_FILE = "plan/scenarios/ev\\x1b[31mil\\n::error file=README.md,line=1::forged.yaml"
SHOWN_QUEUE = "x <img src=x onerror=alert(1)>\\n## FAKE \\x1b[2J ##\\x5berror]boom"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_clean(*outputs: str) -> None:
    """No raw control, format or separator character; no workflow command for the Actions runner."""
    for output in outputs:
        assert all(line.isprintable() for line in output.split("\n")), output
        assert commands(output) == [], output


@pytest.fixture
def hostile(plan_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The starter plan, valid, with one more scenario that fails: hostile file name and ticket values."""
    (plan_dir / "scenarios" / FILE).write_text(SCENARIO, encoding="utf-8")
    monkeypatch.chdir(plan_dir.parent)
    return plan_dir


def test_test_text_shows_every_value_on_its_own_line(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "test", "--plan", "plan")
    assert code == 1
    lines = out.splitlines()
    assert lines[:3] == [
        f"scenario 'hostile' failed ({SHOWN_FILE}:2)",
        f"  queue: expected frontline, got {SHOWN_QUEUE}",
        "  trace (times in Europe/London):",
    ]
    assert lines[-1] == "3 scenarios: 2 passed, 1 failed"
    assert len(lines) == 8
    assert_clean(out, err)


def test_test_json_and_junit_carry_the_values_exactly(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "test", "--plan", "plan", "--format", "json", "--junitxml", str(tmp_path / "j.xml"))
    assert code == 1
    failed = [s for s in json.loads(out)["scenarios"] if not s["passed"]]
    assert [(s["path"], s["mismatches"]) for s in failed] == [
        (f"plan/scenarios/{FILE}", [{"key": "queue", "expected": "frontline", "actual": QUEUE}])
    ]
    assert out.isascii()
    assert_clean(out, err)
    case = ET.parse(tmp_path / "j.xml").getroot().find("testsuite/testcase[@name='hostile']")
    assert case is not None and case.get("file") == SHOWN_FILE
    failure = case.find("failure")
    assert failure is not None and failure.get("message") == "queue differs"
    assert f"  queue: expected frontline, got {SHOWN_QUEUE}" in (failure.text or "").splitlines()


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_simulate(hostile: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, err = run(capsys, "simulate", "hostile", "--plan", "plan", "--format", fmt)
    assert code == 1
    assert_clean(out, err)
    if fmt == "json":
        assert json.loads(out)["run"]["queue"] == QUEUE
    else:
        assert out.splitlines()[:2] == [
            f"scenario hostile ({SHOWN_FILE}:2)",
            f"routed: segment standard, priority normal, queue {SHOWN_QUEUE}, workflow "
            "support, sla policy standard, calendar office (rule everything-else)",
        ]
        assert f"  queue: expected frontline, got {SHOWN_QUEUE}" in out.splitlines()


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_route(hostile: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    ticket = hostile.parent / "ticket.json"
    ticket.write_text(
        json.dumps(
            {
                "channel": "email",
                "category": CATEGORY,
                "queue": QUEUE,
                "created": "2027-01-12T09:15:00+00:00",
            }
        ),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "route", str(ticket), "--plan", "plan", "--format", fmt)
    assert code == 0
    assert_clean(out, err)
    if fmt == "json":
        assert json.loads(out)["queue"] == QUEUE
    else:
        lines = out.splitlines()
        assert len(lines) == 11
        assert lines[:3] == [
            "segment:            standard",
            "priority:           normal",
            f"queue:              {SHOWN_QUEUE}",
        ]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_route_refuses_a_forged_segment_in_one_clean_line(
    hostile: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    ticket = hostile.parent / "ticket.json"
    ticket.write_text(
        json.dumps({"channel": "email", "segment": OWNER, "created": "2027-01-12T09:15:00+00:00"}), encoding="utf-8"
    )
    code, out, err = run(capsys, "route", str(ticket), "--plan", "plan", "--format", fmt)
    assert (code, out) == (1, "")
    assert_clean(out, err)
    line, quoted, caret = err.splitlines()  # the finding, its source line and the caret under the column
    assert quoted.startswith('    1 | {"channel": "email", "segment": "ghost\\n::error file=README.md')
    assert caret == "      | " + " " * 32 + "^"
    assert line.startswith(
        f"{ticket}:1:33: error[ticket-value]: ticket field 'segment' is one of priority, standard; found"
    )


@pytest.fixture
def broken(plan_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The starter with three errors: a forged owner, an HTML queue, and a hostile file with an unknown key.

    (A file that does not parse at all would hide the other two: it might have defined that owner and queue.)"""
    edit(plan_dir / "scenarios/examples.yaml", "  owner: support-lead\n", f"  owner: {json.dumps(OWNER)}\n")
    edit(plan_dir / "service.yaml", "queue: escalations", f"queue: {json.dumps(QUEUE)}")
    (plan_dir / "scenarios" / FILE).write_text(SCENARIO.replace("events:", "colour: red\nevents:"), encoding="utf-8")
    monkeypatch.chdir(plan_dir.parent)
    return plan_dir


def test_validate_text(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", "--plan", "plan")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 9  # each finding with its source line and caret
    assert lines[0].startswith(f"{SHOWN_FILE}:9:1: error[unknown-key]: unknown key 'colour'")
    assert lines[1:3] == ["    9 | colour: red", "      | ^"]
    assert lines[3] == (
        f"plan/scenarios/examples.yaml:33:10: error[unknown-expectation]: expected owner "
        f"'{visible(OWNER)}' does not exist"
    )
    assert lines[4:6] == [
        '   33 |   owner: "ghost\\n::error file=README.md,line=1::forged \\u001b]8;;http://evil\\u0007"',
        "      |          ^",
    ]
    assert lines[6].startswith(f"plan/service.yaml:39:36: error[unknown-queue]: queue '{SHOWN_QUEUE}' ")
    assert lines[7].endswith('queue: "x <img src=x onerror=alert(1)>\\n## FAKE \\u001b[2J ##\\x5berror]…')
    assert lines[8] == "      | " + " " * 35 + "^"
    assert err == "plan: 3 errors, 0 warnings\n"
    assert_clean(out, err)


def test_validate_github_writes_one_annotation_per_finding_and_no_other(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "validate", "--plan", "plan", "--format", "github")
    assert code == 1
    assert sum(line.lstrip().startswith("::") for line in out.splitlines()) == len(out.splitlines()) == 3
    found = commands(out)
    assert [(c.name, c.properties["file"], c.properties["title"]) for c in found] == [
        ("error", SHOWN_FILE, "unknown-key"),
        ("error", "plan/scenarios/examples.yaml", "unknown-expectation"),
        ("error", "plan/service.yaml", "unknown-queue"),
    ]
    assert found[1].data == f"expected owner '{visible(OWNER)}' does not exist"
    assert found[2].data.startswith(f"queue '{SHOWN_QUEUE}' is served by no Team role")
    assert all(line.isprintable() for line in out.splitlines())
    assert_clean(err)


@pytest.mark.parametrize("command", [["test"], ["simulate", "quick-answer"], ["route", "ticket.json"]])
def test_commands_that_stop_on_plan_errors_print_them_safely(
    broken: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    (broken.parent / "ticket.json").write_text('{"channel": "email", "created": "2027-01-12T09:15:00Z"}')
    code, out, err = run(capsys, *command, "--plan", "plan")
    assert code == 1
    assert len(out.splitlines()) == 9  # three findings, each with its source line and caret
    assert f"expected owner '{visible(OWNER)}' does not exist" in out
    assert err == "plan: 3 errors; fix the plan before its scenarios can run (see planops validate)\n"
    assert_clean(out, err)


def test_review_table_and_annotations(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "review", "--plan", "plan", "--as-of", "2027-06-01")
    assert code == 0
    assert f"overdue  now  never        support-lead*  Scenario hostile ({SHOWN_FILE}:1)" in out.splitlines()
    assert_clean(out, err)
    code, out, err = run(capsys, "review", "--plan", "plan", "--as-of", "2027-06-01", "--format", "github")
    found = commands(out)
    assert len(found) == len(out.splitlines()) == 14
    assert SHOWN_FILE in [c.properties["file"] for c in found]
    assert_clean(err)


# --- planops diff: the pull-request comment

STATEMENT = "Answer <img src=x onerror=alert(1)>\n## FAKE\n<!-- hide @octocat #1 [x](javascript:alert(1))"
LINE = "Help`desk` | ![](http://tracker.example/p.gif) ~~x~~ ##[error]boom"
TITLE = "</details><script>alert(1)</script>\x1b[31m"
UNIT = "- item\n> quote\n```\nfence"
WHEN = "ticket.category == '`<b>' || ticket.category == '|'"
VERSION = "# 2026.2 <h1>x</h1>"
BRANCH = "evil<img_src=x>`@octo#1"


@pytest.fixture
def forged_repo(repo: Repo) -> Repo:
    repo.git("checkout", "-q", "-b", BRANCH)
    repo.edit("plan.yaml", 'version: "2026.1"', f"version: {json.dumps(VERSION)}")
    repo.edit("plan.yaml", "statement: Answer fast", f"statement: {json.dumps(STATEMENT)}")
    repo.edit("plan.yaml", "target: {max: 4h}", f"target: {{max: 4h}}\nunit: {json.dumps(UNIT)}")
    repo.edit(
        "team.yaml",
        "{name: Helpdesk, category: tools, monthly: 500}",
        f"{{name: {json.dumps(LINE)}, category: tools, monthly: 500}}",
    )
    repo.edit("team.yaml", "title: Scribe,", f"title: {json.dumps(TITLE)},")  # listed, not quoted
    clerk = f"{{name: clerk, title: {json.dumps(TITLE)}, tier: 1, headcount: 1, monthly_cost: 1}}"
    repo.edit("team.yaml", "  - {name: scribe,", f"  - {clerk}\n  - {{name: scribe,")
    repo.edit("routing.yaml", "when: \"ticket.category == 'billing'\"", f"when: {json.dumps(WHEN)}")
    repo.commit("Hostile values")
    return repo


ALLOWED = {
    "h2",
    "h3",
    "p",
    "ul",
    "li",
    "code",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "details",
    "summary",
    "strong",
    "pre",
    "div",
    "!--",
    "span",
}


def test_diff_markdown_has_no_element_or_heading_from_a_value(
    forged_repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "diff", "main", BRANCH)
    assert code == 0
    assert_clean(out, err)
    base, head = (forged_repo.git("rev-parse", "--short=7", rev) for rev in ("main", BRANCH))
    for name, page in rendered(out).items():
        assert set(page.tags) <= ALLOWED, (name, page.html)
        assert page.tags.count("!--") == 1  # the marker planops finds its comment by
        assert page.by_tag["h2"] == [f"Plan changes: main ({base}) → {BRANCH} ({head})"], name
        assert set(page.by_tag["h3"]) <= {
            "Plan",
            "Routing",
            "Team",
            "Budget",
            "KPI targets",
            "Titles and descriptions",
            "Tickets that now route differently",
        }, name
        for value in (STATEMENT, LINE, TITLE, UNIT, WHEN, VERSION):
            assert visible(value) in page.text, (name, value)
        assert "@octocat" not in page.html and "#1 [" not in page.html  # no mention, no issue link (outside code)
        assert "http://tracker.example" in page.text and "javascript" in page.text  # as text, not as links


def test_diff_json_and_notes(forged_repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "diff", "main", BRANCH, "--format", "json")
    assert code == 0
    assert_clean(out, err)
    report = json.loads(out)
    assert report["head"]["version"] == VERSION and report["base"]["label"].startswith("main (")


def test_changelog_with_a_hostile_version(forged_repo: Repo) -> None:
    forged_repo.git("checkout", "-q", "main")
    forged_repo.git("merge", "-q", "--ff-only", BRANCH)
    valid = check_plan(forged_repo.root / "plan", level=Level.MEANING).valid
    assert valid is not None
    text = render_changelog(Context(valid, date(2026, 11, 1), releases=tuple(changelog(forged_repo.root))))
    for name, page in rendered(text).items():
        assert set(page.tags) <= {"h1", "h2", "p", "ul", "li", "code"}, (name, page.html)
        assert page.by_tag["h2"][0].startswith(f"{VERSION} — "), name
        assert len(page.by_tag["h2"]) == 2, name
