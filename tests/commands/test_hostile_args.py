"""Hostile arguments and configurations: each is one line on stderr and exit 1 or 2, found before any work.

Argument types (planops.commands.common) refuse bad values while the command
line is parsed; MkDocs configuration errors are gathered into one line; stdin
is read as bytes.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers.smallplan import write_plan

from planops.cli import main


def planops(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


def one_line(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str]:
    """The exit code and the only line on stderr (asserted to be one)."""
    capsys.readouterr()
    code = planops(argv)
    _out, err = capsys.readouterr()
    assert err.count("\n") == 1, err
    return code, err.rstrip("\n")


def run(cwd: Path, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """planops in a real process, as a user or CI runs it."""
    return subprocess.run(
        [sys.executable, "-m", "planops", *args], cwd=cwd, input=stdin, capture_output=True, timeout=120
    )


# --- MkDocs configurations: build and serve -------------------------------------------------

CONFIGS = [
    ("site_name: x\nplugins: [search\n", "mkdocs.yml:3:1: expected ',' or ']', but got '<stream end>'"),
    ("site_name: x\nnav: {a: [b}\n", "mkdocs.yml:2:12: expected ',' or ']', but got '}'"),
    ("site_name: x\n\tdocs_dir: plan/pages\n", "mkdocs.yml:2:1: found character '\\t' that cannot start any token"),
    (
        "site_name: x\ndocs_dir: plan/pages\nplugins: [nosuchplugin, planops]\n",
        "mkdocs.yml: Config value 'plugins': The \"nosuchplugin\" plugin is not installed",
    ),
    (
        "site_name: 5\ndocs_dir: plan/pages\nplugins: [planops]\n",
        "mkdocs.yml: Config value 'site_name': Expected type: <class 'str'> but received: <class 'int'>",
    ),
    (
        "site_name: x\ndocs_dir: nowhere\nplugins: [planops]\n",
        "mkdocs.yml: Config value 'docs_dir': The path '{root}/nowhere' isn't an existing directory.",
    ),
    (
        "site_name: x\ndocs_dir: plan/pages\nplugins: [planops: {plan: 5}]\n",
        "mkdocs.yml: Config value 'plugins': Plugin 'planops' option 'plan': Expected type: <class 'str'> but "
        "received: <class 'int'>",
    ),
    (
        "site_name: x\ndocs_dir: plan/pages\nplugins: [planops: {nosuch: 1}]\n",
        "mkdocs.yml: Config value 'plugins': Plugin 'planops' option 'nosuch': Unrecognised configuration name: nosuch "
        "(strict: warnings fail; --no-strict to build anyway)",
    ),
    (
        "site_name: x\ndocs_dir: plan/pages\ntheme: nosuch\nplugins: [planops]\n",
        "mkdocs.yml: Config value 'theme': Unrecognised theme name: 'nosuch'. The available installed themes are: ",
    ),
    (
        "docs_dir: plan/pages\nplugins: [planops]\n",
        "mkdocs.yml: Config value 'site_name': Required configuration not provided.",
    ),
    ("", "mkdocs.yml: Config value 'site_name': Required configuration not provided."),
    (
        "- a\n- b\n",
        "mkdocs.yml: The configuration is invalid. Expected a key-value mapping (dict) but received: <class 'list'>",
    ),
    (
        "INHERIT: base.yml\nsite_name: x\n",
        "mkdocs.yml: Inherited config file 'base.yml' does not exist at '{root}/base.yml'.",
    ),
    (
        "site_name: x\ndocs_dir: plan/pages\nsite_dir: 7\nplugins: [planops]\n",
        "mkdocs.yml: Config value 'site_dir': Expected type: <class 'str'> but received: <class 'int'>",
    ),
    (
        "site_name: x\ndocs_dir: plan/pages\nplugins: [planops: {today: 2026-02-30}]\n",
        "mkdocs.yml: day is out of range for month",
    ),
    (
        "site_name: x\ndocs_dir: plan/pages\nplugins: [planops: {plan: ''}]\n",
        "mkdocs.yml: Config value 'plugins': Plugin 'planops' option 'plan': the folder name is empty; give the plan "
        "folder, relative to mkdocs.yml (default: plan)",
    ),
    (
        "site_name: x\ndocs_dir: plan/pages\nplugins: [planops: {plan: '  '}]\n",
        "mkdocs.yml: Config value 'plugins': Plugin 'planops' option 'plan': the folder name is empty; give the plan "
        "folder, relative to mkdocs.yml (default: plan)",
    ),
    (
        "site_name: x\ndocs_dir: plan/pages\nplugins: [search]\n",
        "mkdocs.yml does not use the planops plugin, so the plan would be neither checked nor published: add it, e.g. "
        "'plugins: [search, planops]'",
    ),
    (
        "site_name: x\ndocs_dir: plan/pages\n",
        "mkdocs.yml does not use the planops plugin, so the plan would be neither checked nor published: add it, e.g. "
        "'plugins: [search, planops]'",
    ),
    (
        "site_name: x\ndocs_dir: plan/pages\nplugins: []\n",
        "mkdocs.yml does not use the planops plugin, so the plan would be neither checked nor published: add it, e.g. "
        "'plugins: [search, planops]'",
    ),
]


@pytest.mark.parametrize(("config", "message"), CONFIGS, ids=[str(i) for i in range(len(CONFIGS))])
def test_build_reports_a_bad_mkdocs_yml_in_one_line(
    repo: Path, capsys: pytest.CaptureFixture[str], config: str, message: str
) -> None:
    (repo / "mkdocs.yml").write_text(config, encoding="utf-8")
    code, line = one_line(capsys, ["build"])
    assert code == 1
    assert line.startswith(f"planops build: error: {message.replace('{root}', str(repo))}"), line


# syntax, unknown plugin, wrong type, missing INHERIT file, a bad date, no planops plugin
@pytest.mark.parametrize(("config", "message"), [CONFIGS[i] for i in (0, 3, 4, 12, 15, 18)])
def test_serve_reports_a_bad_mkdocs_yml_in_one_line(repo: Path, config: str, message: str) -> None:
    (repo / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run(repo, "serve", "-a", "127.0.0.1:8765")
    assert result.returncode == 1
    assert result.stderr.decode().startswith(f"planops serve: error: {message.replace('{root}', str(repo))}")
    assert result.stderr.count(b"\n") == 1


def test_unreadable_mkdocs_yml_is_one_line(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "mkdocs.yml").write_bytes(b"site_name: caf\xe9\n")
    code, line = one_line(capsys, ["build"])
    assert (code, line) == (
        1,
        "planops build: error: mkdocs.yml: not UTF-8 text (byte 0xe9 at offset 14): save it as UTF-8",
    )
    code, line = one_line(capsys, ["build", "-f", "plan"])
    assert (code, line) == (1, "planops build: error: plan is a folder: give the MkDocs configuration file (-f FILE)")
    code, line = one_line(capsys, ["serve", "-f", "nowhere.yml"])
    assert (code, line) == (1, "planops serve: error: nowhere.yml not found (run 'planops init', or use -f FILE)")


@pytest.mark.parametrize("command", ["build", "serve"])
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", ""], "argument -f/--config-file: the path is empty"),
        (["-d", ""], "argument -d/--site-dir: the path is empty"),
    ],
)
def test_empty_paths_for_build_and_serve(
    capsys: pytest.CaptureFixture[str], command: str, args: list[str], message: str
) -> None:
    if command == "serve" and args[0] == "-d":
        message = "unrecognized arguments: -d "
        code, line = one_line(capsys, [command, *args])
        assert (code, line) == (2, f"planops: error: {message} (see 'planops --help')")
        return
    code, line = one_line(capsys, [command, *args])
    assert (code, line) == (2, f"planops {command}: error: {message} (see 'planops {command} --help')")


# --- planops serve: the address -------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("127.0.0.1:0", "port '0' of '127.0.0.1:0' is not a number from 1 to 65535"),
        ("127.0.0.1:65536", "port '65536' of '127.0.0.1:65536' is not a number from 1 to 65535"),
        (
            "127.0.0.1:99999999999999999999",
            "port '99999999999999999999' of '127.0.0.1:99999999999999999999' is not a number from 1 to 65535",
        ),
        ("127.0.0.1:-1", "port '-1' of '127.0.0.1:-1' is not a number from 1 to 65535"),
        ("127.0.0.1:80.5", "port '80.5' of '127.0.0.1:80.5' is not a number from 1 to 65535"),
        ("127.0.0.1:", "port '' of '127.0.0.1:' is not a number from 1 to 65535"),
        ("127.0.0.1:８０００", "port '８０００' of '127.0.0.1:８０００' is not a number from 1 to 65535"),
        ("127.0.0.1: 80", "port ' 80' of '127.0.0.1: 80' is not a number from 1 to 65535"),
        ("[::1]:x", "port 'x' of '[::1]:x' is not a number from 1 to 65535"),
        ("8000", "'8000' is not HOST:PORT like 127.0.0.1:8000 (HOST: an IP address or localhost)"),
        (":8000", "':8000' is not HOST:PORT like 127.0.0.1:8000 (HOST: an IP address or localhost)"),
        ("example.com:80", "'example.com:80' is not HOST:PORT like 127.0.0.1:8000 (HOST: an IP address or localhost)"),
        ("256.0.0.1:80", "'256.0.0.1:80' is not HOST:PORT like 127.0.0.1:8000 (HOST: an IP address or localhost)"),
        ("[::1]:80:80", "'[::1]:80:80' is not HOST:PORT like 127.0.0.1:8000 (HOST: an IP address or localhost)"),
        ("[127.0.0.1:80", "'[127.0.0.1:80' is not HOST:PORT like 127.0.0.1:8000 (HOST: an IP address or localhost)"),
        ("", "'' is not HOST:PORT like 127.0.0.1:8000 (HOST: an IP address or localhost)"),
    ],
)
def test_serve_refuses_a_bad_address(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, address: str, message: str
) -> None:
    # a safety net, not the test: an address that wrongly passes must fail here, not serve until killed
    monkeypatch.setattr("planops.handbook.commands.serve_site", lambda *a, **k: pytest.fail(f"served {address}"))
    code, line = one_line(capsys, ["serve", "-a", address])
    assert (code, line) == (2, f"planops serve: error: argument -a/--dev-addr: {message} (see 'planops serve --help')")


def test_serve_on_a_taken_port_fails_before_it_builds(repo: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(repo, "serve", "-a", f"127.0.0.1:{port}")
    assert (result.returncode, result.stderr.decode()) == (
        1,
        f"planops serve: error: cannot serve on 127.0.0.1:{port}: Address already in use\n",
    )


# --- planops test: --fail-under, --junitxml, -k ---------------------------------------------


@pytest.mark.parametrize(
    "value", ["150", "100.0001", "-1", "-0.5", "nan", "NaN", "inf", "-inf", "1e3", "50%", "", "abc", "0x10"]
)
def test_fail_under_must_be_a_percentage(plan_dir: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    code, line = one_line(capsys, ["test", "--plan", str(plan_dir), "--coverage", f"--fail-under={value}"])
    assert (code, line) == (
        2,
        f"planops test: error: argument --fail-under: '{value}' is not a percentage from 0 to "
        "100 (see 'planops test --help')",
    )


@pytest.mark.parametrize(("value", "code"), [("0", 0), ("100", 1), ("83.3", 0), ("83.4", 1)])
def test_fail_under_bounds_are_accepted(
    plan_dir: Path, capsys: pytest.CaptureFixture[str], value: str, code: int
) -> None:
    assert planops(["test", "--plan", str(plan_dir), "--coverage", "--fail-under", value]) == code


def test_fail_under_without_coverage_is_refused(plan_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, line = one_line(capsys, ["test", "--plan", str(plan_dir), "--fail-under", "50"])
    assert (code, line) == (2, "planops test: error: --fail-under needs --coverage: without it no coverage is measured")


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("{plan}", "argument --junitxml: '{plan}' is a folder: give the name of a file in it"),
        (
            "{plan}/plan.yaml/report.xml",
            "argument --junitxml: cannot write '{plan}/plan.yaml/report.xml': '{plan}/plan.yaml' is not a folder",
        ),
        ("", "argument --junitxml: the file name is empty"),
        ("/proc/self/report.xml", "cannot write '/proc/self/report.xml': folder '/proc/self' is not writable"),
        ("/proc/self/new/report.xml", "cannot write '/proc/self/new/report.xml': folder '/proc/self' is not writable"),
    ],
)
def test_junitxml_where_no_file_can_be_written(
    plan_dir: Path, capsys: pytest.CaptureFixture[str], target: str, message: str
) -> None:
    code, line = one_line(capsys, ["test", "--plan", str(plan_dir), "--junitxml", target.format(plan=plan_dir)])
    suffix = " (see 'planops test --help')" if message.startswith("argument") else ""
    assert (code, line) == (2, f"planops test: error: {message.format(plan=plan_dir)}{suffix}")


def test_junitxml_makes_a_missing_folder(plan_dir: Path, tmp_path: Path) -> None:
    assert main(["test", "--plan", str(plan_dir), "--junitxml", str(tmp_path / "reports" / "ci" / "junit.xml")]) == 0
    assert (tmp_path / "reports" / "ci" / "junit.xml").read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.parametrize(("keyword", "code"), [("", 0), ("QUICK", 0), ("zzz", 2), ("[", 2), (".*", 2)])
def test_k_is_a_plain_substring(plan_dir: Path, capsys: pytest.CaptureFixture[str], keyword: str, code: int) -> None:
    assert planops(["test", "--plan", str(plan_dir), "-k", keyword]) == code
    if code:
        assert capsys.readouterr().err == f"planops test: error: no scenario name contains {keyword!r}\n"


# --- --plan ------------------------------------------------------------------------------------

PLAN_COMMANDS = [
    ["validate"],
    ["test"],
    ["route", "-"],
    ["simulate", "x"],
    ["review"],
    ["codeowners"],
    ["diff", "HEAD"],
]


@pytest.mark.parametrize("command", PLAN_COMMANDS, ids=[c[0] for c in PLAN_COMMANDS])
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "the plan folder is empty: give a folder such as 'plan'"),
        ("   ", "the plan folder is empty: give a folder such as 'plan'"),
        ("{plan}/plan.yaml", "'{plan}/plan.yaml' is a file, not a folder: give the folder that holds plan.yaml"),
        ("/dev/null", "'/dev/null' is a file, not a folder: give the folder that holds plan.yaml"),
    ],
)
def test_plan_must_be_a_folder(
    plan_dir: Path, capsys: pytest.CaptureFixture[str], command: list[str], value: str, message: str
) -> None:
    code, line = one_line(capsys, [*command, "--plan", value.format(plan=plan_dir)])
    assert (code, line) == (
        2,
        f"planops {command[0]}: error: argument --plan: {message.format(plan=plan_dir)} "
        f"(see 'planops {command[0]} --help')",
    )


@pytest.mark.parametrize("command", PLAN_COMMANDS[:-1], ids=[c[0] for c in PLAN_COMMANDS[:-1]])
def test_a_missing_plan_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"channel: email\n")))
    monkeypatch.chdir(tmp_path)
    code, line = one_line(capsys, [*command, "--plan", "nowhere"])
    assert (code, line) == (
        2,
        f"planops {command[0]}: error: plan folder 'nowhere' not found (use --plan DIR to point at it)",
    )


# --- planops route: the ticket ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff", "<stdin> is not UTF-8 text (byte 0xff at offset 0)"),
        (b"\xfe\xff\x00c\x00h", "<stdin> is not UTF-8 text (byte 0xfe at offset 0)"),  # UTF-16 with its mark
        (b"channel: caf\xe9\n", "<stdin> is not UTF-8 text (byte 0xe9 at offset 12)"),
        (b"channel: \x80\n", "<stdin> is not UTF-8 text (byte 0x80 at offset 9)"),
        (b"channel: \xed\xa0\x80\n", "<stdin> is not UTF-8 text (byte 0xed at offset 9)"),  # an encoded surrogate
        (b"", "<stdin> is empty"),
        (b"   \n\n\t\n", "<stdin> is empty"),
        (b"\xef\xbb\xbf", "<stdin> is empty"),
        (b"\xef\xbb\xbf\n \n", "<stdin> is empty"),
    ],
)
def test_route_reads_stdin_as_utf8_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data: bytes, message: str
) -> None:
    folder = write_plan(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="ascii", errors="strict"))
    code, line = one_line(capsys, ["route", "-", "--plan", str(folder)])
    assert code == 1
    assert line.startswith(f"planops route: error: {message}"), line


def test_route_reads_non_utf8_stdin_through_a_real_pipe(tmp_path: Path) -> None:
    folder = write_plan(tmp_path)
    result = run(tmp_path, "route", "-", "--plan", str(folder), stdin=b"channel: caf\xe9\n")
    assert (result.returncode, result.stderr.decode()) == (
        1,
        "planops route: error: <stdin> is not UTF-8 text (byte 0xe9 at offset 12): give the ticket as UTF-8 "
        "YAML or JSON\n",
    )
    result = run(tmp_path, "route", "-", "--plan", str(folder), stdin=b"")
    assert (result.returncode, result.stderr.decode()) == (
        1,
        "planops route: error: <stdin> is empty: give one ticket as YAML or JSON, like a scenario's ticket:\n",
    )


@pytest.mark.parametrize(
    ("ticket", "code", "message"),
    [
        ("", 2, "argument TICKET: the path is empty (see 'planops route --help')"),
        ("{tmp}", 1, "cannot read ticket file '{tmp}': [Errno 21] Is a directory: '{tmp}'"),
        ("{tmp}/nowhere.yaml", 2, "ticket file '{tmp}/nowhere.yaml' not found"),
        (
            "{tmp}/empty.yaml",
            1,
            "{tmp}/empty.yaml is empty: give one ticket as YAML or JSON, like a scenario's ticket:",
        ),
    ],
)
def test_route_ticket_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ticket: str, code: int, message: str
) -> None:
    folder = write_plan(tmp_path / "p")
    (tmp_path / "empty.yaml").write_text("\n", encoding="utf-8")
    got = one_line(capsys, ["route", ticket.format(tmp=tmp_path), "--plan", str(folder)])
    assert got == (code, f"planops route: error: {message.format(tmp=tmp_path)}")


# --- the other commands' arguments ----------------------------------------------------------------


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "yesterday", "", "31.12.2026", "2026-12-31T00:00"])
def test_review_as_of_must_be_a_date(plan_dir: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    code, line = one_line(capsys, ["review", "--plan", str(plan_dir), "--as-of", value])
    assert (code, line) == (
        2,
        f"planops review: error: argument --as-of: '{value}' is not a date like 2026-12-31 "
        "(see 'planops review --help')",
    )


@pytest.mark.parametrize(
    ("revisions", "message"),
    [
        (["nosuch"], "unknown revision 'nosuch': no commit by that name in this repository"),
        (["HEAD", "nosuch"], "unknown revision 'nosuch': no commit by that name in this repository"),
        (["HEAD~99"], "unknown revision 'HEAD~99': no commit by that name in this repository"),
        ([""], "'' is not a git revision"),
        (["--", "-x"], "'-x' is not a git revision"),
        (["--", "--output=/tmp/x"], "'--output=/tmp/x' is not a git revision"),
    ],
)
def test_diff_bad_revisions(
    git_repo: Path, capsys: pytest.CaptureFixture[str], revisions: list[str], message: str
) -> None:
    code, line = one_line(capsys, ["diff", *revisions])
    assert (code, line) == (2, f"planops diff: error: {message}")


@pytest.fixture
def git_repo(repo: Path) -> Path:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "starter"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, timeout=60)
    return repo


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["init", ""], "planops init: error: argument DIR: the path is empty (see 'planops init --help')"),
        (["validate", "--nope"], "planops: error: unrecognized arguments: --nope (see 'planops --help')"),
        (
            ["nosuch"],
            "planops: error: argument COMMAND: invalid choice: 'nosuch' (choose from 'init', 'validate', "
            "'test', 'route', 'simulate', 'build', 'serve', 'diff', 'review', 'report', 'backtest', 'staff', "
            "'codeowners', "
            "'schema') "
            "(see 'planops --help')",
        ),
        (
            ["simulate"],
            "planops simulate: error: the following arguments are required: SCENARIO (see 'planops simulate --help')",
        ),
        (
            ["validate", "--format", "xml"],
            "planops validate: error: argument --format: invalid choice: 'xml' (choose "
            "from 'text', 'json', 'github', 'sarif') (see 'planops validate --help')",
        ),
    ],
)
def test_usage_errors_are_one_line(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    assert one_line(capsys, argv) == (2, message)


def test_usage_error_through_a_real_process(tmp_path: Path) -> None:
    result = run(tmp_path, "test", "--fail-under", "150")
    assert (result.returncode, result.stderr.decode()) == (
        2,
        "planops test: error: argument --fail-under: '150' is not a percentage from 0 to 100 "
        "(see 'planops test --help')\n",
    )
    assert not os.listdir(tmp_path)
