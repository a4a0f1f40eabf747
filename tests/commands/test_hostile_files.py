"""Hostile paths: no command deletes or overwrites a file planops did not write, and a refusal changes nothing.

Each case runs the command as a user does and then compares every entry of the
repository (file bytes, folders, links) with what was there before.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from planops.cli import main
from planops.commands.init import blockers, starter_files, write_all

OWN_FOLDER = "set site_dir (or -d) to a folder of its own, such as 'site'"
DELETES = f"MkDocs empties site_dir before each build and would delete it; {OWN_FOLDER}"
NOT_A_SITE = f"MkDocs empties site_dir before each build and would delete them; move them away, or {OWN_FOLDER}"
MKDOCS_DOCS_INSIDE = "mkdocs.yml: Config value 'site_dir': The 'docs_dir' should not be within the 'site_dir'"


def snapshot(root: Path) -> dict[str, str]:
    """Every entry below ``root``: a file's sha256, a link's target, or 'folder'."""
    found: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[rel] = "-> " + os.readlink(path)
            elif path.is_dir():
                found[rel] = "folder"
            else:
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def planops(argv: list[str]) -> int:
    """The exit code, whether a command returns it or argparse exits with it."""
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


def refused(capsys: pytest.CaptureFixture[str], root: Path, argv: list[str], code: int = 1) -> str:
    """Run planops; assert it failed with one line and changed nothing; return that line."""
    before = snapshot(root)
    capsys.readouterr()
    assert planops(argv) == code
    _out, err = capsys.readouterr()
    assert snapshot(root) == before
    assert err.count("\n") == 1, err
    return err.rstrip("\n")


def use_docs_at_root(root: Path) -> None:
    """docs_dir outside the plan, so that MkDocs' own docs_dir check does not answer first."""
    (root / "docs").mkdir()
    (root / "docs" / "guide.md").write_text("# Guide\n", encoding="utf-8")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace("docs_dir: plan/pages", "docs_dir: docs"), encoding="utf-8")


def link(root: Path, name: str, target: str) -> None:
    (root / name).symlink_to(target, target_is_directory=True)


# -d DIR, preparation, the one line after "planops build: error: "
BUILD_INTO: list[tuple[str, Callable[[Path], None] | None, str]] = [
    ("plan/workflows", None, f"site_dir 'plan/workflows' is inside the plan folder 'plan': {DELETES}"),
    ("plan/scenarios", None, f"site_dir 'plan/scenarios' is inside the plan folder 'plan': {DELETES}"),
    ("plan/new", None, f"site_dir 'plan/new' is inside the plan folder 'plan': {DELETES}"),
    ("plan", use_docs_at_root, f"site_dir 'plan' is the plan folder 'plan': {DELETES}"),
    ("docs", use_docs_at_root, MKDOCS_DOCS_INSIDE),
    (".", use_docs_at_root, MKDOCS_DOCS_INSIDE),
    ("plan", None, MKDOCS_DOCS_INSIDE),
    ("plan/pages", None, MKDOCS_DOCS_INSIDE),
    (".", None, MKDOCS_DOCS_INSIDE),
    ("..", None, "mkdocs.yml: Config value 'site_dir': The 'docs_dir' should not be within the 'site_dir'"),
    (
        "to-plan",
        lambda r: link(r, "to-plan", "plan"),
        f"site_dir 'to-plan' (resolving to 'plan') is the plan folder 'plan': {DELETES}",
    ),
    (
        "to-workflows",
        lambda r: link(r, "to-workflows", "plan/workflows"),
        f"site_dir 'to-workflows' (resolving to 'plan/workflows') is inside the plan folder 'plan': {DELETES}",
    ),
    (
        "to-pages",
        lambda r: link(r, "to-pages", "plan/pages"),
        f"site_dir 'to-pages' (resolving to 'plan/pages') is inside the plan folder 'plan': {DELETES}",
    ),
    (
        "to-root",
        lambda r: link(r, "to-root", "."),
        f"site_dir 'to-root' (resolving to '.') holds the plan folder 'plan': {DELETES}",
    ),
    (
        "to-docs",
        lambda r: (use_docs_at_root(r), link(r, "to-docs", "docs")),
        f"site_dir 'to-docs' (resolving to 'docs') is docs_dir 'docs': {DELETES}",
    ),
    ("to-root/site", lambda r: link(r, "to-root", "."), ""),  # inside the repository root: allowed
    (".github", None, f"site_dir '.github' holds files that are not a built site (workflows): {NOT_A_SITE}"),
    (
        ".git",
        lambda r: (r / ".git" / "objects").mkdir(parents=True),
        f"site_dir '.git' holds files that are not a built site (objects): {NOT_A_SITE}",
    ),
    ("schema", None, f"site_dir 'schema' holds files that are not a built site (planops.schema.json): {NOT_A_SITE}"),
    (
        "notes",
        lambda r: [(r / "notes").mkdir(), *((r / "notes" / f"{n}.txt").write_text(n) for n in "abcde")],
        f"site_dir 'notes' holds files that are not a built site (a.txt, b.txt, c.txt and 2 more): {NOT_A_SITE}",
    ),
    (
        "site",
        lambda r: ((r / "site").mkdir(), (r / "site" / "llms.txt").write_text("x"), link(r, "site/w", "../plan")),
        "site_dir 'site' holds a link to a folder (w), which MkDocs would write the site through: remove the link",
    ),
    (
        "site",
        lambda r: ((r / "site").mkdir(), link(r, "site/.well-known", "../plan")),
        "site_dir 'site' holds a link to a folder (.well-known), which MkDocs would write the site through: "
        "remove the link",
    ),
    (
        ".gitignore",
        None,
        "site_dir '.gitignore' is a file, not a folder: set site_dir (or -d) to a folder of its own, such as 'site'",
    ),
    ("mkdocs.yml/site", None, "cannot make site_dir 'mkdocs.yml/site': 'mkdocs.yml' is a file, not a folder"),
]


@pytest.mark.parametrize(
    ("site_dir", "prepare", "message"), BUILD_INTO, ids=[f"{i}-{case[0]}" for i, case in enumerate(BUILD_INTO)]
)
def test_build_refuses_a_site_folder_that_holds_the_users_files(
    repo: Path, capsys: pytest.CaptureFixture[str], site_dir: str, prepare: Callable[[Path], None] | None, message: str
) -> None:
    if prepare:
        prepare(repo)
    if not message:
        _assert_only_a_site_is_added(repo, capsys, site_dir)
        return
    line = refused(capsys, repo, ["build", "-d", site_dir])
    assert line.startswith(f"planops build: error: {message}"), line


def _assert_only_a_site_is_added(repo: Path, capsys: pytest.CaptureFixture[str], site_dir: str) -> None:
    """The refusal checks run, pass, and the site (a page, the marker) lands in site_dir; nothing else changes."""
    before = snapshot(repo)
    assert main(["build", "--no-strict", "-d", site_dir]) == 0, capsys.readouterr().err
    after = {k: v for k, v in snapshot(repo).items() if not k.startswith("site")}
    assert after == before
    assert (repo / site_dir / ".planops-site").is_file() and (repo / site_dir / "index.html").is_file()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("site_dir: plan/workflows", f"site_dir 'plan/workflows' is inside the plan folder 'plan': {DELETES}"),
        ("site_dir: plan", MKDOCS_DOCS_INSIDE),
        ("site_dir: .", MKDOCS_DOCS_INSIDE),
        (
            "site_dir: schema",
            f"site_dir 'schema' holds files that are not a built site (planops.schema.json): {NOT_A_SITE}",
        ),
        (
            "site_dir: .github/workflows",
            f"site_dir '.github/workflows' holds files that are not a built site (planops.yml): {NOT_A_SITE}",
        ),
    ],
)
def test_build_refuses_site_dir_of_mkdocs_yml(
    repo: Path, capsys: pytest.CaptureFixture[str], line: str, message: str
) -> None:
    text = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    (repo / "mkdocs.yml").write_text(text.replace("site_dir: site", line), encoding="utf-8")
    assert refused(capsys, repo, ["build"]).startswith(f"planops build: error: {message}")


def test_build_into_a_site_it_built_before_and_into_an_empty_folder(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for site_dir in ("site", "site", "empty"):
        (repo / "empty").mkdir(exist_ok=True)
        (repo / "empty" / ".keep").touch()  # hidden entries: MkDocs never deletes them
        assert main(["build", "--no-strict", "-d", site_dir]) == 0, capsys.readouterr().err
        assert (repo / site_dir / "index.html").is_file()
    assert (repo / "empty" / ".keep").is_file()
    # a site MkDocs built before planops left its marker
    (repo / "site" / ".planops-site").unlink()
    assert main(["build", "--no-strict"]) == 0
    (repo / "site" / ".planops-site").unlink()
    (repo / "site" / "sitemap.xml.gz").unlink()
    (repo / "site" / "llms.txt").unlink()
    line = refused(capsys, repo, ["build"])
    assert line.startswith(
        "planops build: error: site_dir 'site' holds files that are not a built site (404.html, about.html, about.md "
        "and "  # each page's Markdown twin beside it
    )


def mkdocs_build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args], cwd=root, capture_output=True, text=True, env=env, timeout=300
    )


@pytest.mark.parametrize(
    ("args", "config_line", "prepare", "message"),
    [
        (
            ("-d", "plan/workflows"),
            None,
            None,
            f"site_dir 'plan/workflows' is inside the plan folder 'plan': {DELETES}",
        ),
        (
            (),
            "site_dir: plan/scenarios",
            None,
            f"site_dir 'plan/scenarios' is inside the plan folder 'plan': {DELETES}",
        ),
        (
            (),
            "site_dir: to-plan",
            lambda r: link(r, "to-plan", "plan"),
            f"site_dir 'to-plan' (resolving to 'plan') is the plan folder 'plan': {DELETES}",
        ),
        (
            (),
            "site_dir: to-scenarios",
            lambda r: link(r, "to-scenarios", "plan/scenarios"),
            f"site_dir 'to-scenarios' (resolving to 'plan/scenarios') is inside the plan folder 'plan': {DELETES}",
        ),
        (
            ("-d", "schema"),
            None,
            None,
            f"site_dir 'schema' holds files that are not a built site (planops.schema.json): {NOT_A_SITE}",
        ),
    ],
)
def test_plain_mkdocs_build_refuses_before_it_cleans(
    repo: Path, args: tuple[str, ...], config_line: str | None, prepare: Callable[[Path], None] | None, message: str
) -> None:
    if prepare:
        prepare(repo)
    if config_line:
        text = (repo / "mkdocs.yml").read_text(encoding="utf-8")
        (repo / "mkdocs.yml").write_text(text.replace("site_dir: site", config_line), encoding="utf-8")
    before = snapshot(repo)
    result = mkdocs_build(repo, *args)
    assert result.returncode == 1
    assert f"ERROR   -  planops: {message}\n" in result.stderr
    assert "Cleaning site directory" not in result.stderr
    assert snapshot(repo) == before


def test_serve_refuses_a_site_dir_inside_the_plan_before_serving(repo: Path) -> None:
    text = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    (repo / "mkdocs.yml").write_text(text.replace("site_dir: site", "site_dir: plan/workflows"), encoding="utf-8")
    before = snapshot(repo)
    result = subprocess.run(
        [sys.executable, "-m", "planops", "serve", "-a", "127.0.0.1:8765"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stderr) == (
        1,
        f"planops serve: error: site_dir 'plan/workflows' is inside the plan folder 'plan': {DELETES}\n",
    )
    assert snapshot(repo) == before


# --- generated files: written over only when planops wrote them ---

OWN = {
    "schema": "a schema planops wrote",
    "codeowners": "a CODEOWNERS file",
    "test": "a JUnit report planops wrote",
}


def _output_argv(command: str, target: str, *more: str) -> list[str]:
    option = "--junitxml" if command == "test" else "--output"
    return [command, option, target, *more]


@pytest.mark.parametrize("command", ["schema", "codeowners", "test"])
@pytest.mark.parametrize(
    "target",
    [
        "plan/plan.yaml",
        "mkdocs.yml",
        ".gitignore",
        ".github/workflows/planops.yml",
        "plan/pages/about.md",
        "binary.bin",
        "big.txt",
    ],
)
def test_output_refuses_a_file_planops_did_not_write(
    repo: Path, capsys: pytest.CaptureFixture[str], command: str, target: str
) -> None:
    (repo / "binary.bin").write_bytes(b"\x00\xff\xfe planops\n")
    if target == "big.txt":  # starts like the schema, but no file planops writes is this large
        (repo / "big.txt").write_bytes(b'{"$id": "https://planops.dev/schema/planops.schema.json"' + b" " * (17 << 20))
    line = refused(capsys, repo, _output_argv(command, target), code=2)
    assert line == (
        f"planops {command}: error: '{target}' exists and is not {OWN[command]}; refusing to overwrite "
        "it: choose another file, or move this one away"
    )


@pytest.mark.parametrize(
    ("command", "target"),
    [
        ("schema", "schema/planops.schema.json"),  # what the others write is not theirs either
        ("codeowners", "schema/planops.schema.json"),
        ("test", "schema/planops.schema.json"),
        ("schema", "report.xml"),
        ("codeowners", "report.xml"),
        ("schema", "CODEOWNERS"),
        ("test", "CODEOWNERS"),
    ],
)
def test_one_generated_file_is_not_anothers(
    repo: Path, capsys: pytest.CaptureFixture[str], command: str, target: str
) -> None:
    assert main(["test", "--junitxml", "report.xml"]) == 0
    (repo / "CODEOWNERS").write_text("* @someone\n", encoding="utf-8")
    if target == "schema/planops.schema.json" and command == "schema":
        (repo / target).write_text('{"title": "my own schema"}\n', encoding="utf-8")
    capsys.readouterr()
    line = refused(capsys, repo, _output_argv(command, target), code=2)
    assert line.endswith(
        f"'{target}' exists and is not {OWN[command]}; refusing to overwrite it: choose another "
        "file, or move this one away"
    )


@pytest.mark.parametrize("command", ["schema", "codeowners"])
def test_check_refuses_a_foreign_file_too(repo: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    line = refused(capsys, repo, _output_argv(command, "mkdocs.yml", "--check"), code=2)
    assert line.startswith(f"planops {command}: error: 'mkdocs.yml' exists and is not {OWN[command]}")


@pytest.mark.parametrize("command", ["schema", "codeowners", "test"])
@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("plan", "argument {option}: 'plan' is a folder: give the name of a file in it"),
        ("plan/", "argument {option}: 'plan/' is a folder: give the name of a file in it"),
        (".", "argument {option}: '.' is a folder: give the name of a file in it"),
        ("", "argument {option}: the file name is empty"),
        ("mkdocs.yml/out", "argument {option}: cannot write 'mkdocs.yml/out': 'mkdocs.yml' is not a folder"),
        (
            "plan/plan.yaml/a/b",
            "argument {option}: cannot write 'plan/plan.yaml/a/b': 'plan/plan.yaml' is not a folder",
        ),
        (
            "link-to-plan-file",
            "'link-to-plan-file' is a link: planops writes only plain files, never through a link to "
            "another file; remove the link, or choose another file",
        ),
        (
            "dangling",
            "'dangling' is a link: planops writes only plain files, never through a link to another file; "
            "remove the link, or choose another file",
        ),
        ("/proc/self/out", "cannot write '/proc/self/out': folder '/proc/self' is not writable"),
    ],
)
def test_output_refuses_folders_links_and_unwritable_places(
    repo: Path, capsys: pytest.CaptureFixture[str], command: str, target: str, message: str
) -> None:
    (repo / "link-to-plan-file").symlink_to("plan/plan.yaml")
    (repo / "dangling").symlink_to("plan/new.yaml")
    option = "--junitxml" if command == "test" else "--output"
    line = refused(capsys, repo, _output_argv(command, target), code=2)
    suffix = f" (see 'planops {command} --help')" if message.startswith("argument") else ""
    assert line == f"planops {command}: error: {message.format(option=option)}{suffix}"


def test_output_writes_over_its_own_files(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schema = repo / "schema" / "planops.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace("Workflow", "Workflov"), encoding="utf-8")
    assert main(["schema"]) == 0 and main(["schema", "--check"]) == 0
    assert main(["test", "--junitxml", "out/report.xml"]) == 0
    assert main(["test", "--junitxml", "out/report.xml"]) == 0
    assert main(["codeowners", "--output", "docs/CODEOWNERS"]) == 0
    assert main(["codeowners", "--output", "docs/CODEOWNERS", "--check"]) == 0
    owners = repo / "docs" / "OWNERS.txt"  # any name, once it holds the generated block
    owners.write_text("# mine\n" + (repo / "docs" / "CODEOWNERS").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["codeowners", "--output", "docs/OWNERS.txt"]) == 0
    assert owners.read_text(encoding="utf-8").startswith("# mine\n# BEGIN planops")
    assert main(["schema", "--output", os.devnull]) == 0


# --- planops init: everything is checked before anything is written ---


def _touch(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("mine\n", encoding="utf-8")


INIT: list[tuple[str, Callable[[Path], None], str]] = [
    (".", lambda d: _touch(d / "plan"), "plan is not a folder, where the starter needs one"),
    (".", lambda d: _touch(d / ".github"), ".github is not a folder, where the starter needs one"),
    (
        ".",
        lambda d: _touch(d / ".github" / "workflows"),
        ".github/workflows is not a folder, where the starter needs one",
    ),
    (".", lambda d: _touch(d / "schema"), "schema is not a folder, where the starter needs one"),
    (".", lambda d: _touch(d / "plan" / "workflows"), "plan/workflows is not a folder, where the starter needs one"),
    (".", lambda d: (d / "plan").symlink_to("nowhere"), "plan is not a folder, where the starter needs one"),
    (".", lambda d: (d / "mkdocs.yml").mkdir(), "mkdocs.yml is a folder, where the starter writes a file"),
    (
        ".",
        lambda d: (d / "plan" / "plan.yaml").mkdir(parents=True),
        "plan/plan.yaml is a folder, where the starter writes a file",
    ),
    (".", lambda d: _touch(d / "mkdocs.yml"), "refusing to overwrite existing files in .: mkdocs.yml"),
    (".", lambda d: _touch(d / "plan" / "plan.yaml"), "refusing to overwrite existing files in .: plan/plan.yaml"),
    (
        ".",
        lambda d: (d / "mkdocs.yml").symlink_to("elsewhere.yml"),
        "refusing to overwrite existing files in .: mkdocs.yml",
    ),
    (
        ".",
        lambda d: (
            _touch(d / "plan"),
            _touch(d / "mkdocs.yml"),
            (d / "schema").mkdir(),
            _touch(d / "schema" / "planops.schema.json"),
        ),
        "plan is not a folder, where the starter needs one; refusing to overwrite existing files in .: mkdocs.yml, "
        "schema/planops.schema.json",
    ),
    ("file", lambda d: _touch(d / "file"), "file is not a folder, where the starter needs one"),
    ("file/below", lambda d: _touch(d / "file"), "file is not a folder, where the starter needs one"),
    ("/proc/self/starter", lambda d: None, "/proc/self is not writable"),
]


@pytest.mark.parametrize(("target", "prepare", "problem"), INIT, ids=[f"{i}-{c[0]}" for i, c in enumerate(INIT)])
def test_init_writes_nothing_when_it_cannot_write_everything(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    prepare: Callable[[Path], None],
    problem: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    prepare(tmp_path)
    line = refused(capsys, tmp_path, ["init", target])
    assert line == f"planops init: error: cannot write the starter to {target}, so nothing was written: {problem}"


def test_init_blockers_list_every_problem_at_once(tmp_path: Path) -> None:
    _touch(tmp_path / "plan")
    _touch(tmp_path / "schema")
    (tmp_path / "mkdocs.yml").mkdir()
    _touch(tmp_path / ".github" / "workflows" / "planops.yml")
    assert blockers(tmp_path, starter_files()) == [
        f"{tmp_path / 'plan'}, {tmp_path / 'schema'} are not a folder, where the starter needs one",
        f"{tmp_path / 'mkdocs.yml'} is a folder, where the starter writes a file",
        f"refusing to overwrite existing files in {tmp_path}: .github/workflows/planops.yml",
    ]


def test_init_removes_what_it_wrote_when_the_disk_fails_half_way(tmp_path: Path) -> None:
    # the second file needs 'a/one.txt' as a folder: the first write succeeds, the second fails for real
    with pytest.raises(Exception, match=r"so nothing was written$") as failure:
        write_all(tmp_path / "new", {"a/one.txt": b"1", "a/one.txt/two.txt": b"2"})
    assert type(failure.value).__name__ == "PlanopsError"
    assert list(tmp_path.iterdir()) == []
