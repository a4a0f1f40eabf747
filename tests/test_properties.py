"""Properties: whatever plan, ticket or command line arrives, planops never reaches an internal error.

Each example runs the real command line in this process, in a fresh folder (a
copy of a small git repository holding the starter plan), and asserts that it
exits with 0, 1 or 2 and prints neither "internal error" nor a traceback.

The number of examples comes from the Hypothesis profile (see conftest.py):
``ci`` by default, ``HYPOTHESIS_PROFILE=long`` for a long local run.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planops.cli import _parser
from tests.conftest import STARTER
from tests.helpers.inprocess import Ran, run_cli
from tests.helpers.strategies import NAMES, PlanFiles, cel, plans, texts, ticket_files, timestamps, tweaked_plans

# --- the workspace: a git repository with the starter plan, committed twice --------------------------------


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        check=True,
        capture_output=True,
    )


@cache
def _template(base: Path) -> Path:
    repo = base / "template"
    shutil.copytree(STARTER, repo)
    (repo / "ticket.yaml").write_text("channel: email\ncategory: outage\ncreated: 2027-01-12T09:15:00Z\n")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "starter")
    plan = repo / "plan" / "service.yaml"
    plan.write_text(plan.read_text().replace("first_response: 1h", "first_response: 2h"))
    _git(repo, "commit", "-q", "-am", "slower")
    _git(repo, "tag", "v1")
    return repo


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Make a fresh copy of the template repository per example."""
    template = _template(tmp_path_factory.mktemp("template"))

    def fresh(plan: PlanFiles | None = None) -> Path:
        root = tmp_path_factory.mktemp("ws") / "repo"
        shutil.copytree(template, root, symlinks=True)
        if plan is not None:
            shutil.rmtree(root / "plan")
            plan.write(root / "plan")
        return root

    return fresh


def ok(argv: list[str], cwd: Path, stdin: bytes = b"") -> Ran:
    ran = run_cli(argv, cwd, stdin)
    ran.assert_no_internal_error()
    return ran


# --- random plans ------------------------------------------------------------------------------------------

PLAN_COMMANDS = [
    ["validate"],
    ["validate", "--format", "github", "--strict"],
    ["test", "--coverage", "-v"],
    ["route", "ticket.yaml", "--format", "json"],
    ["simulate", "quick-answer"],
    ["review", "--format", "json"],
    ["codeowners", "--check"],
    ["diff", "HEAD"],
]


HALF = settings(max_examples=max(10, settings().max_examples // 2))  # eight commands per example


@HALF
@given(plan=plans())
def test_random_plans_never_reach_an_internal_error(workspace, plan: PlanFiles) -> None:  # type: ignore[no-untyped-def]
    root = workspace(plan)
    for argv in PLAN_COMMANDS:
        ok(argv, root)


@HALF
@given(plan=tweaked_plans())
def test_plans_with_values_of_the_right_shape_run_end_to_end(workspace, plan: PlanFiles) -> None:  # type: ignore[no-untyped-def]
    """Mostly valid plans: routing, scenario runs, the review and the diff see the random values too."""
    root = workspace(plan)
    for argv in PLAN_COMMANDS:
        ok(argv, root)


@given(plan=plans(extreme=True))
def test_plans_with_extreme_values_never_reach_an_internal_error(workspace, plan: PlanFiles) -> None:  # type: ignore[no-untyped-def]
    """Durations like 99999999999h, +99999999d, year 9999, 5000-digit numbers: bounded elsewhere."""
    root = workspace(plan)
    for argv in PLAN_COMMANDS:
        ok(argv, root)


@settings(max_examples=max(3, settings().max_examples // 10))
@given(plan=tweaked_plans())
def test_random_plans_build_or_say_why(workspace, plan: PlanFiles) -> None:  # type: ignore[no-untyped-def]
    ran = ok(["build"], workspace(plan))
    assert ran.code in (0, 1)


# --- random tickets ----------------------------------------------------------------------------------------


@given(raw=ticket_files(), fmt=st.sampled_from(["text", "json"]))
def test_random_tickets_route_or_say_why(workspace, raw: bytes, fmt: str) -> None:  # type: ignore[no-untyped-def]
    root = workspace()
    (root / "t.yaml").write_bytes(raw)
    ran = ok(["route", "t.yaml", "--format", fmt], root)
    assert ran.code in (0, 1)
    if ran.code == 1:  # findings about its fields, each on a line, or one line saying why it cannot be routed
        lines = ran.err.splitlines()
        assert ran.err.endswith("\n") and all(_FINDING.match(line) for line in lines[:-1])
        assert lines[-1].startswith("planops route: error: ") or _FINDING.match(lines[-1])
        assert lines[-1].startswith("planops route: error: ") or any(": error[" in line for line in lines)


@given(raw=ticket_files(extreme=True))
def test_tickets_with_extreme_values_route_or_say_why(workspace, raw: bytes) -> None:  # type: ignore[no-untyped-def]
    root = workspace()
    (root / "t.yaml").write_bytes(raw)
    assert ok(["route", "t.yaml"], root).code in (0, 1)


@given(raw=ticket_files().filter(lambda raw: _utf8(raw)))
def test_random_tickets_on_standard_input(workspace, raw: bytes) -> None:  # type: ignore[no-untyped-def]
    ok(["route", "-"], workspace(), stdin=raw)


_FINDING = re.compile(r"t\.yaml:\d+:\d+: (error|warning)\[[a-z-]+\]: ")


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@given(when=cel, ticket=ticket_files())
def test_random_expressions_validate_and_route(workspace, when: str, ticket: bytes) -> None:  # type: ignore[no-untyped-def]
    root = workspace()
    service = root / "plan" / "service.yaml"
    quoted = json.dumps(when)  # a YAML double-quoted string, every control character escaped
    service.write_text(service.read_text().replace("\"ticket.category == 'outage'\"", quoted))
    (root / "t.yaml").write_bytes(ticket)
    ok(["validate"], root)
    ok(["route", "t.yaml"], root)
    ok(["test"], root)


# --- random command lines ----------------------------------------------------------------------------------

SKIPPED_COMMANDS = {"serve"}  # it serves until stopped
SAFE_NAME = st.text(st.sampled_from("abcxyz019-_ é"), min_size=1, max_size=8)
PATHS = st.one_of(
    st.sampled_from(
        [
            "plan",
            "plan/plan.yaml",
            "plan/pages",
            "ticket.yaml",
            "nowhere",
            ".",
            "site",
            "out/report.xml",
            "mkdocs.yml",
            "schema/planops.schema.json",
            "new/dir",
            "plan/scenarios",
            ".git",
            "ticket.yaml/x",
        ]
    ),
    SAFE_NAME,
)
REVISIONS = st.one_of(
    st.sampled_from(
        [
            "HEAD",
            "HEAD~1",
            "HEAD~9",
            "main",
            "v1",
            "master",
            "-x",
            "--output=x",
            "@",
            "HEAD^{tree}",
            "HEAD:plan",
            "..",
            "HEAD..main",
            "0000000",
            "@{-1}",
        ]
    ),
    texts,
)
BY_DEST = {
    "ticket": st.sampled_from(["ticket.yaml", "-", "nowhere.yaml", "plan", "plan/plan.yaml"]) | SAFE_NAME,
    "scenario": st.sampled_from(["quick-answer", "escalated-by-timer"]) | texts,
    "base": REVISIONS,
    "head": REVISIONS,
    "keyword": texts,
    "as_of": timestamps().map(lambda t: t[:10]) | texts,
    "fail_under": st.sampled_from(["0", "50", "99.9", "100", "-1", "nan", "abc"]),
}


def _subparsers() -> dict[str, object]:
    parser = _parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return dict(action.choices)  # type: ignore[arg-type]


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """A command from planops.cli.COMMANDS with random flags and values drawn from its parser."""
    commands = _subparsers()
    name = draw(st.sampled_from(sorted(set(commands) - SKIPPED_COMMANDS)))
    argv = [name]
    for action in commands[name]._actions:  # type: ignore[attr-defined]
        if action.dest == "help" or not draw(st.booleans() if action.option_strings else st.just(True)):
            continue
        if not action.option_strings:  # a positional: usually given
            if action.nargs != "?" or draw(st.booleans()):
                argv.append(draw(_value(action)))
            continue
        argv.append(draw(st.sampled_from(action.option_strings)))
        if action.nargs != 0:
            argv.append(draw(_value(action)))
    if draw(st.integers(0, 9)) == 0:
        argv.insert(draw(st.integers(1, len(argv))), draw(st.sampled_from(["--nope", "-", "--", "--plan"]) | texts))
    return [arg.replace("\0", "") for arg in argv]  # arguments reach a program as C strings: none holds a NUL


def _value(action: object) -> st.SearchStrategy[str]:
    dest, choices = getattr(action, "dest", ""), getattr(action, "choices", None)
    if choices:
        return st.sampled_from(sorted(str(c) for c in choices)) | texts  # as typed: choices may be numbers
    if dest in BY_DEST:
        return BY_DEST[dest]
    return PATHS


@given(argv=command_lines())
def test_random_command_lines_never_reach_an_internal_error(workspace, argv: list[str]) -> None:  # type: ignore[no-untyped-def]
    root = workspace()
    ok(argv, root, stdin=b"channel: email\ncreated: 2027-01-12T09:15:00Z\n")


@given(names=st.lists(st.sampled_from(NAMES) | texts, min_size=1, max_size=3))
def test_simulate_any_name(workspace, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    root = workspace()
    for name in names:
        assert ok(["simulate", name], root).code in (0, 1, 2)
