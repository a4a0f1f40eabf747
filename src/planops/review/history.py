"""The plan's changelog, from its git history: each version, when, who, and what it changed.

Commits that touched the plan folder are read oldest first (first parents only,
so a merged pull request counts once); commits where the plan does not load are
passed over. A commit whose ``Plan.version`` differs from the commit before
sets (bumps) a version. A version's commits are those after the previous
version's bump up to and including its own, and its changes are the semantic
diff between the two bumps: a change committed before the bump, or in the same
commit, is shown under the version it went out in. Commits after the newest
bump are not in a version yet: they form the ``unreleased`` entry, diffed
against the newest version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from planops.kinds import DIFF_SECTIONS
from planops.output.changes import describe
from planops.plan import CompiledPlan
from planops.review.changes import Change
from planops.review.git import Commit, in_repo, list_files, log, read_blobs, toplevel, tree_files

Snapshot = tuple[Commit, CompiledPlan]
"""A commit and the plan as it loads there."""


@dataclass(frozen=True)
class Release:
    """One version of the plan as it appears in the changelog."""

    version: str
    date: date  # author date of the commit that set this version
    author: str  # who set it
    commit: str  # the commit that set it (full sha)
    authors: tuple[str, ...]  # everyone who committed to the plan in this version, oldest first
    commits: tuple[str, ...]  # every commit of this version (after the previous bump, up to its own), oldest first
    changes: tuple[Change, ...]  # since the previous release; empty for the first
    first: bool = False
    unreleased: bool = False
    """Commits after the newest version's bump: ``version`` is that version, ``commit`` the latest commit."""

    @property
    def summary(self) -> tuple[str, ...]:
        """One Markdown line per change in meaning: ``SLA targets: `standard` high …``."""
        return tuple(f"{DIFF_SECTIONS[c.kind]}: {describe(c)}" for c in self.changes if c.material)


def changelog(repo_dir: Path | str, plan_dir: Path | str = "plan") -> list[Release]:
    """Every version of the plan in ``repo_dir``'s history, newest first.

    ``plan_dir`` is the plan folder, relative to ``repo_dir`` or absolute. Raises
    :class:`~planops.errors.PlanopsError` when ``repo_dir`` is not in a git repository.
    """
    repo = toplevel(Path(repo_dir))
    folder = in_repo(repo, Path(repo_dir) / plan_dir)
    commits = log(repo, [folder])
    key = (str(repo), folder, tuple(c.sha for c in commits))
    if key not in _CACHE:  # `planops serve` rebuilds often; history only grows
        _CACHE.clear()
        _CACHE[key] = _releases(_snapshots(repo, commits, folder))
    return list(_CACHE[key])


_CACHE: dict[tuple[str, str, tuple[str, ...]], list[Release]] = {}


def _releases(snapshots: list[Snapshot]) -> list[Release]:
    runs, pending = _runs(snapshots)
    releases: list[Release] = []
    previous: CompiledPlan | None = None
    for run in runs:
        releases.append(_release(run, previous))
        previous = run[-1][1]
    if pending and previous is not None:
        releases.append(_release(pending, previous, unreleased=True))
    return releases[::-1]


def _snapshots(repo: Path, commits: list[Commit], folder: str) -> list[Snapshot]:
    """The plan at each commit where it loads; all blobs read by one git process."""
    from planops.pipeline import Level, check_files

    trees = {c.sha: list_files(repo, c.sha, folder) for c in commits}
    blobs = read_blobs(repo, (sha for tree in trees.values() for sha in tree.shas()))
    found = []
    for commit in commits:
        if not trees[commit.sha].files:
            continue
        files, unread = tree_files(trees[commit.sha], blobs, folder)
        loaded = check_files(folder, files, unread=unread, level=Level.SHAPE)
        if loaded.plan.manifest is not None and not loaded.errors:
            found.append((commit, loaded.plan))
    return found


def _runs(snapshots: list[Snapshot]) -> tuple[list[list[Snapshot]], list[Snapshot]]:
    """Each version's snapshots, its bump last; then the snapshots after the newest bump."""
    runs: list[list[Snapshot]] = []
    current: list[Snapshot] = []
    version: str | None = None
    for commit, plan in snapshots:
        current.append((commit, plan))
        if _version(plan) != version:
            runs.append(current)
            current, version = [], _version(plan)
    return runs, current


def _version(plan: CompiledPlan) -> str:
    return plan.manifest.version if plan.manifest else ""


def _release(run: list[Snapshot], previous: CompiledPlan | None, *, unreleased: bool = False) -> Release:
    """A version from its commits (its bump last), or the unreleased commits after the newest version."""
    from planops.review.semantic import compare

    head, last = run[-1]
    return Release(
        version=_version(last),
        date=date.fromisoformat(head.date[:10]),
        author=head.author,
        commit=head.sha,
        authors=tuple(dict.fromkeys(c.author for c, _ in run)),
        commits=tuple(c.sha for c, _ in run),
        changes=tuple(compare(previous, last)) if previous is not None else (),
        first=previous is None,
        unreleased=unreleased,
    )
