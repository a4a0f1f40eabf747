"""Hostile plan folders: links, special files, unreadable files and folders, empty plans, links in git.

Nothing outside the plan folder is ever read or shown, nothing makes the
loader wait, and what cannot be read is a located finding next to all the others.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.helpers import edit, findings
from tests.helpers.gitrepo import Repo, repo_fixture

from planops.diagnostics import Diagnostic
from planops.loader.source import leaves, read_folder
from planops.review.diff import load_side
from planops.review.git import read_revision

__all__ = ["repo_fixture"]

PLANOPS = str(Path(sys.executable).with_name("planops"))
PASSWD = Path("/etc/passwd")
SECRET = "s3cr3t-outside-the-plan"


def where(found: list[Diagnostic], root: Path) -> list[tuple[str, int, int, str]]:
    """(path below the plan, line, col, code): like tests.helpers.where, without following the links found."""
    return [
        (Path(os.path.relpath(Path(d.path).absolute(), root.absolute())).as_posix(), d.line, d.col, d.code)
        for d in found
    ]


def run(*args: str, cwd: Path, wrap: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """planops in its own process, bounded by a timeout: a read that hangs fails the test."""
    return subprocess.run([*wrap, PLANOPS, *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A plan-looking file outside the plan, with a secret in it."""
    path = tmp_path / "outside" / "secret.yaml"
    path.parent.mkdir()
    path.write_text(f"kind: Plan\nname: {SECRET}\ntitle: {SECRET}\n")
    return path


# --- symbolic links -----------------------------------------------------------------------------

LINKS: list[tuple[str, Callable[[Path, Path], None], list[tuple[str, int, int, str]]]] = [
    ("to /etc/passwd", lambda p, o: (p / "x.yaml").symlink_to(PASSWD), [("x.yaml", 1, 1, "link-outside-plan")]),
    (
        "relative, out",
        lambda p, o: (p / "x.yaml").symlink_to(Path("..") / "outside" / o.name),
        [("x.yaml", 1, 1, "link-outside-plan")],
    ),
    ("absolute, out", lambda p, o: (p / "x.yml").symlink_to(o), [("x.yml", 1, 1, "link-outside-plan")]),
    (
        "in a subfolder, out",
        lambda p, o: (p / "workflows" / "x.yaml").symlink_to(o),
        [("workflows/x.yaml", 1, 1, "link-outside-plan")],
    ),
    ("to a file inside", lambda p, o: (p / "copy.yaml").symlink_to("team.yaml"), [("copy.yaml", 1, 1, "link-in-plan")]),
    (
        "out and back in",
        lambda p, o: (p / "copy.yaml").symlink_to(Path("..") / p.name / "team.yaml"),
        [("copy.yaml", 1, 1, "link-in-plan")],
    ),
    (
        "dangling, inside",
        lambda p, o: (p / "gone.yaml").symlink_to("nothing.yaml"),
        [("gone.yaml", 1, 1, "link-in-plan")],
    ),
    (
        "dangling, outside",
        lambda p, o: (p / "gone.yaml").symlink_to("/nonexistent/plan.yaml"),
        [("gone.yaml", 1, 1, "link-outside-plan")],
    ),
    ("to itself", lambda p, o: (p / "self.yaml").symlink_to("self.yaml"), [("self.yaml", 1, 1, "link-in-plan")]),
    (
        "a loop of two",
        lambda p, o: ((p / "a.yaml").symlink_to("b.yaml"), (p / "b.yaml").symlink_to("a.yaml")),
        [("a.yaml", 1, 1, "link-in-plan"), ("b.yaml", 1, 1, "link-in-plan")],
    ),
    (
        "folder, out",
        lambda p, o: (p / "more").symlink_to(o.parent, target_is_directory=True),
        [("more", 1, 1, "link-outside-plan")],
    ),
    (
        "folder /etc",
        lambda p, o: (p / "etc").symlink_to("/etc", target_is_directory=True),
        [("etc", 1, 1, "link-outside-plan")],
    ),
    (
        "folder, inside",
        lambda p, o: (p / "flows").symlink_to("workflows", target_is_directory=True),
        [("flows", 1, 1, "link-in-plan")],
    ),
    (
        "folder loop to the plan",
        lambda p, o: (p / "workflows" / "again").symlink_to("..", target_is_directory=True),
        [("workflows/again", 1, 1, "link-in-plan")],
    ),
    (
        "folder to its parent",
        lambda p, o: (p / "up").symlink_to("..", target_is_directory=True),
        [("up", 1, 1, "link-outside-plan")],
    ),
    ("not named like a plan file", lambda p, o: (p / "notes").symlink_to(PASSWD), []),
    ("a page picture", lambda p, o: (p / "pages" / "logo.svg").symlink_to(o), []),
]


@pytest.mark.parametrize(("make", "expected"), [c[1:] for c in LINKS], ids=[c[0] for c in LINKS])
def test_links_are_findings_never_followed(
    plan_dir: Path, outside: Path, make: Callable[[Path, Path], None], expected: list[tuple[str, int, int, str]]
) -> None:
    make(plan_dir, outside)
    found = findings(plan_dir)
    assert where(found, plan_dir) == expected
    assert all(SECRET not in d.text and "root:" not in d.text for d in found)


def test_a_link_to_etc_passwd_never_shows_its_content(plan_dir: Path) -> None:
    (plan_dir / "x.yaml").symlink_to(PASSWD)
    lines = [line for line in PASSWD.read_text().splitlines() if len(line) > 3]
    assert lines, "the test needs a non-empty /etc/passwd"
    for fmt in ("text", "json", "github"):
        done = run("validate", "--plan", str(plan_dir), "--format", fmt, cwd=plan_dir.parent)
        assert done.returncode == 1, done.stderr
        out = done.stdout + done.stderr
        assert "link-outside-plan" in out
        assert not [line for line in lines if line in out]
        assert "root:x:0" not in out and "/bin/" not in out.replace("'/etc/passwd'", "")
    text = run("validate", "--plan", "plan", cwd=plan_dir.parent).stdout.splitlines()
    assert text[0] == (
        "plan/x.yaml:1:1: error[link-outside-plan]: this file is a symbolic link to '/etc/passwd', which leaves the "
        "plan folder; planops never follows links: put the file itself into the plan"
    )


def test_a_link_inside_does_not_define_objects_twice(plan_dir: Path) -> None:
    (plan_dir / "team-again.yaml").symlink_to("team.yaml")
    assert [code for *_, code in where(findings(plan_dir), plan_dir)] == ["link-in-plan"]


def test_the_plan_folder_itself_may_be_a_link(plan_dir: Path) -> None:
    link = plan_dir.parent / "current"
    link.symlink_to(plan_dir, target_is_directory=True)
    assert findings(link) == []
    done = run("validate", "--plan", "current", cwd=plan_dir.parent)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_link_loop_of_folders_does_not_hang(plan_dir: Path) -> None:
    (plan_dir / "a").mkdir()
    (plan_dir / "a" / "b").symlink_to("../a", target_is_directory=True)
    (plan_dir / "a" / "c.yaml").symlink_to("c.yaml")
    done = run("validate", "--plan", "plan", "--format", "json", cwd=plan_dir.parent)
    assert done.returncode == 1
    assert [(f["path"], f["code"]) for f in json.loads(done.stdout)] == [
        ("plan/a/b", "link-in-plan"),
        ("plan/a/c.yaml", "link-in-plan"),
    ]


def test_other_findings_still_come(plan_dir: Path) -> None:
    (plan_dir / "x.yaml").symlink_to(PASSWD)
    edit(plan_dir / "workflows" / "support.yaml", "title: Triage", "titel: Triage")
    assert where(findings(plan_dir), plan_dir) == [
        ("workflows/support.yaml", 8, 5, "unknown-key"),
        ("x.yaml", 1, 1, "link-outside-plan"),
    ]


@pytest.mark.parametrize(
    ("folder", "link", "target", "out"),
    [
        ("plan", "plan/x.yaml", "/etc/passwd", True),
        ("plan", "plan/x.yaml", "../secret.yaml", True),
        ("plan", "plan/x.yaml", "../planb/x.yaml", True),
        ("plan", "plan/x.yaml", "../../x.yaml", True),
        ("plan", "plan/sub/x.yaml", "../../x.yaml", True),
        ("plan", "plan/x.yaml", "team.yaml", False),
        ("plan", "plan/sub/x.yaml", "../team.yaml", False),
        ("plan", "plan/x.yaml", "../plan/team.yaml", False),
        ("plan", "plan/x.yaml", "./sub/../team.yaml", False),
        ("ops/plan", "ops/plan/x.yaml", "../plan/x.yaml", False),
        ("ops/plan", "ops/plan/x.yaml", "../x.yaml", True),
        (".", "x.yaml", "team.yaml", False),
        (".", "a/x.yaml", "../team.yaml", False),
        (".", "x.yaml", "../x.yaml", True),
        (".", "x.yaml", "/x.yaml", True),
        (".", "x.yaml", "..x.yaml", False),
    ],
)
def test_which_link_texts_leave_the_plan(folder: str, link: str, target: str, out: bool) -> None:
    assert leaves(folder, link, target) is out


# --- special files ------------------------------------------------------------------------------


def test_a_fifo_named_like_a_plan_file_is_not_opened(plan_dir: Path) -> None:
    os.mkfifo(plan_dir / "pipe.yaml")
    os.mkfifo(plan_dir / "workflows" / "pipe.yml")
    os.mkfifo(plan_dir / "not-a-plan-file")
    done = run("validate", "--plan", "plan", cwd=plan_dir.parent)  # opening a FIFO would wait: the timeout fails it
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "plan/pipe.yaml:1:1: error[not-a-file]: this is a named pipe (FIFO), not a regular file, and is not read: "
        "plan files are regular files",
        "plan/workflows/pipe.yml:1:1: error[not-a-file]: this is a named pipe (FIFO), not a regular file, and is "
        "not read: plan files are regular files",
    ]


def test_a_socket_named_like_a_plan_file_is_not_opened(plan_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(plan_dir)  # a socket's path must be short
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind("listen.yaml")
        assert where(findings(plan_dir), plan_dir) == [("listen.yaml", 1, 1, "not-a-file")]
    finally:
        server.close()


def test_a_device_named_like_a_plan_file_is_not_opened(plan_dir: Path) -> None:
    try:
        os.mknod(plan_dir / "zero.yaml", stat.S_IFCHR | 0o600, os.makedev(1, 5))  # like /dev/zero: never ends
    except PermissionError:
        pytest.skip("making a device needs root (CAP_MKNOD)")
    found = findings(plan_dir)
    assert where(found, plan_dir) == [("zero.yaml", 1, 1, "not-a-file")]
    assert found[0].message == "this is a device, not a regular file, and is not read: plan files are regular files"


def test_a_file_over_the_limit_is_not_read_whole(plan_dir: Path) -> None:
    with open(plan_dir / "huge.yaml", "wb") as handle:
        handle.truncate(6 * 1024 * 1024 * 1024)  # sparse: 6 GB that take no room, and must not be read
    found = findings(plan_dir)
    assert where(found, plan_dir) == [("huge.yaml", 1, 1, "file-too-large")]
    assert found[0].message == "file is 6144.0 MB; plan files may be at most 5 MB"


# --- unreadable files and folders ---------------------------------------------------------------


def _unprivileged() -> tuple[str, ...]:
    """A prefix that runs a command without root's power to read any file (tests may run as root)."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    assert setpriv, "running as root, the unreadable-file tests need setpriv (util-linux) to drop that power"
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search", "--")


@pytest.fixture
def locked(plan_dir: Path) -> Iterator[tuple[str, ...]]:
    """The plan with an unreadable file and an unreadable folder; the prefix that makes them so."""
    secret = plan_dir / "workflows" / "locked"
    secret.mkdir()
    (secret / "hidden.yaml").write_text("kind: KPI\nname: hidden\n")
    wrap = _unprivileged()
    os.chmod(plan_dir / "team.yaml", 0)
    os.chmod(secret, 0)
    probe = (
        "import os, sys\nfor p in sys.argv[1:]:\n    try:\n"
        "        os.listdir(p) if os.path.isdir(p) else open(p).read()\n"
        "    except PermissionError:\n        continue\n    sys.exit(p + ' can be read')\n"
    )
    check = subprocess.run(
        [*wrap, sys.executable, "-c", probe, str(plan_dir / "team.yaml"), str(secret)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert check.returncode == 0, f"the test could not make files unreadable: {check.stderr}"
    yield wrap
    os.chmod(secret, stat.S_IRWXU)
    os.chmod(plan_dir / "team.yaml", stat.S_IRUSR | stat.S_IWUSR)


def test_unreadable_file_and_folder_are_findings(plan_dir: Path, locked: tuple[str, ...]) -> None:
    edit(plan_dir / "workflows" / "support.yaml", "title: Triage", "titel: Triage")
    done = run("validate", "--plan", "plan", cwd=plan_dir.parent, wrap=locked)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        "plan/team.yaml:1:1: error[unreadable]: cannot read this file: Permission denied; fix its permissions",
        "plan/workflows/locked:1:1: error[unreadable]: cannot list this folder: Permission denied; its plan files "
        "were not read: fix its permissions",
        "plan/workflows/support.yaml:8:5: error[unknown-key]: unknown key 'titel' in 'states.triage' "
        "(did you mean 'title'?)",
        "    8 |     titel: Triage",
        "      |     ^",
    ]  # no line quoted for the files not read; and no unknown-role: the roles are in the file that could not be read


def test_an_unreadable_plan_folder_is_a_finding(plan_dir: Path) -> None:
    wrap = _unprivileged()
    os.chmod(plan_dir, 0)
    try:
        done = run("validate", "--plan", "plan", cwd=plan_dir.parent, wrap=wrap)
    finally:
        os.chmod(plan_dir, stat.S_IRWXU)
    assert (done.returncode, done.stdout.splitlines()) == (
        1,
        [
            "plan:1:1: error[unreadable]: cannot list this folder: Permission denied; its plan files were not read: "
            "fix its permissions"
        ],
    ), done.stderr


# --- plans with no documents --------------------------------------------------------------------

EMPTY = [
    ("no files", {}),
    ("only other files", {"README.md": "# notes\n", "pages/about.md": "hi\n"}),
    ("one empty file", {"plan.yaml": ""}),
    ("empty files", {"plan.yaml": "", "more/x.yml": ""}),
    ("only comments", {"plan.yaml": "# yaml-language-server: $schema=x\n# kind: Plan\n"}),
    ("only separators", {"plan.yaml": "---\n---\n...\n"}),
    ("comments and separators", {"a.yaml": "# one\n---\n# two\n---\n", "b.yml": "   \n\n"}),
    ("only a byte order mark", {"plan.yaml": "\ufeff"}),
    ("only nulls", {"plan.yaml": "~\n---\nnull\n"}),
]


@pytest.mark.parametrize("files", [c[1] for c in EMPTY], ids=[c[0] for c in EMPTY])
def test_a_plan_with_no_documents_is_an_error(tmp_path: Path, files: dict[str, str]) -> None:
    root = tmp_path / "plan"
    root.mkdir()
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    found = findings(root)
    assert where(found, root) == [(".", 1, 1, "empty-plan")]
    yaml_files = sum(name.endswith((".yaml", ".yml")) for name in files)
    held = f"{yaml_files} YAML files, all empty or comments only" if yaml_files else "no .yaml or .yml files"
    assert found[0].message == f"the plan holds no documents ({held})"


def test_the_empty_plan_exits_1(tmp_path: Path) -> None:
    (tmp_path / "plan").mkdir()
    done = run("validate", "--plan", "plan", cwd=tmp_path)
    assert (done.returncode, done.stdout.splitlines()) == (
        1,
        [
            "plan:1:1: error[empty-plan]: the plan holds no documents (no .yaml or .yml files) (add plan.yaml with "
            "kind: Plan, as planops init writes it, or point --plan at the plan folder)"
        ],
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("kind: [\n", "yaml-syntax"),
        ("- a list\n", "not-a-mapping"),
        ("name: x\n", "missing-kind"),
        ("kind: Plna\nname: x\n", "unknown-kind"),
        ("--- !thing\n", "yaml-tag"),
        (b"caf\xe9", "not-utf8"),
    ],
)
def test_a_plan_of_broken_documents_is_not_also_empty(tmp_path: Path, text: str | bytes, code: str) -> None:
    root = tmp_path / "plan"
    root.mkdir()
    (root / "plan.yaml").write_bytes(text if isinstance(text, bytes) else text.encode())
    assert [c for *_, c in where(findings(root), root)] == [code]


# --- links committed to git ---------------------------------------------------------------------


def test_a_link_committed_to_git_is_not_read_as_a_plan_file(repo: Repo) -> None:
    (repo.plan / "x.yaml").symlink_to(PASSWD)
    (repo.plan / "copy.yaml").symlink_to("team.yaml")
    (repo.plan / "notes").symlink_to(PASSWD)
    head = repo.commit("Links")
    files, found = read_revision(repo.root, head, "plan")
    assert "plan/x.yaml" not in dict(files) and "plan/copy.yaml" not in dict(files)
    assert [(d.path, d.line, d.col, d.code) for d in found] == [
        ("plan/copy.yaml", 1, 1, "link-in-plan"),
        ("plan/x.yaml", 1, 1, "link-outside-plan"),
    ]
    assert found[1].message.startswith("this file is a symbolic link to '/etc/passwd', which leaves the plan folder")


def test_diff_refuses_a_side_with_a_committed_link(repo: Repo) -> None:
    (repo.plan / "x.yaml").symlink_to("../../outside.yaml")
    head = repo.commit("A link out")
    side = load_side(repo.root, head, Path("plan"))
    assert side.plan is None
    assert side.error is not None and "plan/x.yaml:1:1: error[link-outside-plan]" in side.error
    worktree = load_side(repo.root, None, Path("plan"))  # the folder gives the same finding
    assert worktree.error is not None and "plan/x.yaml:1:1: error[link-outside-plan]" in worktree.error


def test_folder_and_git_read_the_same_files(repo: Repo) -> None:
    (repo.plan / "x.yaml").symlink_to(PASSWD)
    (repo.plan / "copy.yaml").symlink_to("team.yaml")
    head = repo.commit("Links")
    files, found = read_folder(repo.plan)
    git_files, git_found = read_revision(repo.root, head, "plan", Path(repo.plan))
    assert files == git_files
    assert sorted(found) == sorted(git_found)


def test_a_link_to_a_folder_committed_to_git_is_the_same_finding(repo: Repo) -> None:
    (repo.root / "shared").mkdir()
    (repo.root / "shared" / "more.yaml").write_text("kind: KPI\nname: more\n")
    (repo.plan / "more").symlink_to(Path("..") / "shared", target_is_directory=True)
    (repo.plan / "flows").symlink_to("workflows", target_is_directory=True)
    (repo.plan / "top").symlink_to(Path(".."), target_is_directory=True)
    (repo.plan / "etc").symlink_to("/etc", target_is_directory=True)  # outside the repository: git cannot tell
    (repo.plan / "notes").symlink_to("team.yaml")  # a link to a file, named unlike a plan file: no plan file
    head = repo.commit("Folder links")
    files, found = read_revision(repo.root, head, "plan", Path(repo.plan))
    assert [(d.path, d.code) for d in found] == [
        ("plan/flows", "link-in-plan"),
        ("plan/more", "link-outside-plan"),
        ("plan/top", "link-outside-plan"),
    ]
    assert all(d.message.startswith("this folder is a symbolic link") for d in found)
    disk_files, disk_found = read_folder(repo.plan)
    assert files == disk_files
    assert sorted(d for d in disk_found if d.path != "plan/etc") == sorted(found)
    assert [d.code for d in disk_found if d.path == "plan/etc"] == ["link-outside-plan"]  # on disk it is a folder
