"""Plan files at a git revision, read from git objects — never by checking out.

Every git call goes through :func:`git`; a failure becomes a one-line
:class:`~planops.errors.PlanopsError`. The files of a revision are listed with
``git ls-tree`` and all their blobs are read by one ``git cat-file --batch``.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from planops.diagnostics import Diagnostic
from planops.errors import PlanopsError
from planops.loader.source import (
    MAX_FILES,
    PLAN_SUFFIXES,
    Files,
    display_path,
    leaves,
    link_finding,
    read_folder,
)

WORKTREE = "working tree"


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit as ``git log`` reports it."""

    sha: str
    author: str
    email: str
    date: str  # ISO 8601 with offset, the author date
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:7]


def git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run git in ``repo`` and return its output; failures as one-line PlanopsErrors."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], input=stdin, capture_output=True, check=False, env=env)
    except FileNotFoundError:
        raise PlanopsError("git is not installed or not on PATH") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PlanopsError(f"git {args[0]} failed: {message[-1] if message else 'exit ' + str(done.returncode)}")
    return done.stdout


def toplevel(path: Path) -> Path:
    """The root of the git work tree that holds ``path``."""
    folder = path if path.is_dir() else path.parent
    while not folder.is_dir():  # a plan folder deleted in the work tree
        folder = folder.parent
    try:
        out = git(folder, "rev-parse", "--show-toplevel")
    except PlanopsError:
        raise PlanopsError(f"'{display_path(folder)}' is not inside a git repository") from None
    return Path(out.decode("utf-8").strip())


def resolve(repo: Path, rev: str) -> str:
    """The commit a revision names (a branch, tag, sha, ``HEAD~2``…)."""
    if not rev or rev.startswith("-"):
        raise PlanopsError(f"'{rev}' is not a git revision")
    try:
        out = git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    except PlanopsError:
        raise PlanopsError(f"unknown revision '{rev}': no commit by that name in this repository") from None
    return out.decode("ascii").strip()


def in_repo(repo: Path, plan: Path) -> str:
    """The plan folder as a path inside the repository (``plan``, ``ops/plan``)."""
    try:
        inside = plan.resolve().relative_to(repo.resolve())
    except ValueError:
        raise PlanopsError(f"plan folder '{display_path(plan)}' is outside the git repository") from None
    return inside.as_posix() or "."


class Tree(NamedTuple):
    """The plan files below a folder at one commit: (path in the repository, blob sha) of each."""

    files: list[tuple[str, str]]
    links: list[tuple[str, str, bool]]
    """Symbolic links named like plan files, or pointing to a folder (True): (path, sha, folder). A link's blob
    is its target's name; it is never read as a plan file, and git does not follow a link to a folder."""

    def shas(self) -> list[str]:
        """The blobs to read: every file's, and every link's (its target)."""
        return [sha for _, sha in self.files] + [sha for _, sha, _ in self.links]


def list_files(repo: Path, commit: str, plan_dir: str) -> Tree:
    """Every plan file, and every link named like one or to a folder, below ``plan_dir`` at ``commit``."""
    out = git(repo, "ls-tree", "-r", "-z", "--full-tree", commit, "--", plan_dir)
    files: list[tuple[str, str]] = []
    links: list[tuple[str, str]] = []  # named like plan files
    others: list[tuple[str, str]] = []  # which may point to folders
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, sha = meta.decode("ascii").split()
        path = name.decode("utf-8", "surrogateescape")
        if kind == "blob" and mode == "120000":
            (links if path.endswith(PLAN_SUFFIXES) else others).append((path, sha))
        elif kind == "blob" and path.endswith(PLAN_SUFFIXES):
            files.append((path, sha))
    if len(files) > MAX_FILES:
        raise PlanopsError(f"'{plan_dir}' holds more than {MAX_FILES} YAML files at {commit[:7]}")
    found = [(path, sha, False) for path, sha in links] + [(*link, True) for link in _to_folders(repo, commit, others)]
    return Tree(sorted(files), sorted(found))


def _to_folders(repo: Path, commit: str, links: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Those of ``links`` that point to a folder of the commit (as a link in the work tree would).

    A link to a place outside the repository cannot be told apart from a link to a file: it is left alone.
    """
    targets = read_blobs(repo, (sha for _, sha in links))
    wanted = []
    for path, sha in links:
        name = posixpath.normpath(posixpath.join(posixpath.dirname(path), os.fsdecode(targets[sha])))
        if not (name.startswith(("/", "../")) or name == ".." or "\n" in name):
            wanted.append(((path, sha), f"{commit}^{{tree}}" if name == "." else f"{commit}:{name}"))
    if not wanted:
        return []
    query = "".join(f"{spec}\n" for _, spec in wanted).encode("utf-8", "surrogateescape")
    kinds = git(repo, "cat-file", "--batch-check", stdin=query).decode("utf-8", "replace").splitlines()
    return [link for (link, _), line in zip(wanted, kinds, strict=False) if line.split()[1:2] == ["tree"]]


def tree_files(
    tree: Tree, blobs: dict[str, bytes], plan_dir: str, shown: Path | None = None
) -> tuple[Files, list[Diagnostic]]:
    """The plan files of ``tree`` as (display path, bytes), and a finding for each link, as ``read_folder`` gives.

    Paths show below ``shown`` (the plan folder as the user named it), so that
    both sides of a diff name a file alike; by default, from the repository root.
    """
    base = PurePosixPath(plan_dir)
    folder = shown if shown is not None else Path(plan_dir)

    def display(path: str) -> str:
        return display_path(folder / PurePosixPath(path).relative_to(base))

    files = [(display(path), blobs[sha]) for path, sha in tree.files]
    findings = []
    for path, sha, to_folder in tree.links:
        target = blobs[sha].decode("utf-8", "replace")
        findings.append(link_finding(display(path), target, leaves(plan_dir, path, target), to_folder))
    return files, findings


def read_blobs(repo: Path, shas: Iterable[str]) -> dict[str, bytes]:
    """The content of every blob, read by one ``git cat-file --batch``."""
    wanted = list(dict.fromkeys(shas))
    if not wanted:
        return {}
    out = git(repo, "cat-file", "--batch", stdin="\n".join(wanted).encode("ascii") + b"\n")
    blobs: dict[str, bytes] = {}
    pos = 0
    for sha in wanted:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        if len(header) != 3:
            raise PlanopsError(f"git cat-file could not read object {sha}")
        size = int(header[2])
        blobs[sha] = out[end + 1 : end + 1 + size]
        pos = end + 1 + size + 1
    return blobs


def read_revision(repo: Path, commit: str, plan_dir: str, shown: Path | None = None) -> tuple[Files, list[Diagnostic]]:
    """Every plan file at ``commit`` as (display path, bytes), and what was not read, like ``read_folder``.

    A revision from before the plan existed has no files: an empty plan.
    """
    tree = list_files(repo, commit, plan_dir)
    blobs = read_blobs(repo, tree.shas())
    return tree_files(tree, blobs, plan_dir, shown)


def read_side(repo: Path, rev: str | None, plan: Path) -> tuple[str, Files, list[Diagnostic]]:
    """(label, files, findings) of one side of a diff: a revision, or the work tree when ``rev`` is None."""
    if rev is None:
        return (WORKTREE, *read_folder(plan))
    commit = resolve(repo, rev)
    label = commit[:7] if commit.startswith(rev.lower()) else f"{rev} ({commit[:7]})"
    return (label, *read_revision(repo, commit, in_repo(repo, plan), plan))


def log(repo: Path, paths: Sequence[str]) -> list[Commit]:
    """Commits that touched ``paths``, oldest first (first parents only)."""
    fmt = "%H%x1f%an%x1f%ae%x1f%aI%x1f%s%x1e"
    try:
        out = git(repo, "log", "--first-parent", "--reverse", f"--format={fmt}", "--", *paths)
    except PlanopsError as exc:
        if "does not have any commits" in str(exc):
            return []
        raise
    commits = []
    for record in out.decode("utf-8", "replace").split("\x1e"):
        fields = record.strip("\n").split("\x1f")
        if len(fields) == 5:
            commits.append(Commit(*fields))
    return commits


DEFAULT_BRANCHES = ("origin/HEAD", "main", "master")
"""Where the default branch is looked for, in order: the remote's default, then the usual names."""


def default_base(repo: Path) -> tuple[str, str]:
    """(label, commit) of the merge base of HEAD with the default branch (the first of DEFAULT_BRANCHES that
    exists): what a pull request's change is measured from."""
    for name in DEFAULT_BRANCHES:
        try:
            branch = resolve(repo, name)
        except PlanopsError:
            continue
        try:
            commit = git(repo, "merge-base", "HEAD", branch).decode("ascii").strip()
        except PlanopsError:
            raise PlanopsError(f"HEAD and {name} have no commit in common: give the base with --base REV") from None
        return f"merge base with {name} ({commit[:7]})", commit
    tried = ", ".join(DEFAULT_BRANCHES)
    raise PlanopsError(f"no default branch to start from (none of {tried} exists): give the base with --base REV")
