"""The plan's changelog, from its git history: each version, when, who, and what it changed.

Commits that touched the plan folder are read oldest first (first parents only,
so a merged pull request counts once). Consecutive commits with the same
``Plan.version`` form one release; its changes are the semantic diff from the
last commit of the previous release to its own last commit. Commits where the
plan does not load are passed over.
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


@dataclass(frozen=True)
class Release:
    """One version of the plan as it appears in the changelog."""

    version: str
    date: date  # author date of the commit that set this version
    author: str  # who set it
    commit: str  # the commit that set it (full sha)
    authors: tuple[str, ...]  # everyone who committed to the plan under this version
    commits: tuple[str, ...]  # every commit of this version, oldest first
    changes: tuple[Change, ...]  # since the previous release; empty for the first
    first: bool = False

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


def _releases(snapshots: list[tuple[Commit, CompiledPlan]]) -> list[Release]:
    releases: list[Release] = []
    previous: CompiledPlan | None = None
    for run in _runs(snapshots):
        last = run[-1][1]
        releases.append(_release(run, previous, last))
        previous = last
    return releases[::-1]


def _snapshots(repo: Path, commits: list[Commit], folder: str) -> list[tuple[Commit, CompiledPlan]]:
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


def _runs(snapshots: list[tuple[Commit, CompiledPlan]]) -> list[list[tuple[Commit, CompiledPlan]]]:
    """Consecutive snapshots with the same version."""
    runs: list[list[tuple[Commit, CompiledPlan]]] = []
    for commit, plan in snapshots:
        if runs and _version(runs[-1][-1][1]) == _version(plan):
            runs[-1].append((commit, plan))
        else:
            runs.append([(commit, plan)])
    return runs


def _version(plan: CompiledPlan) -> str:
    return plan.manifest.version if plan.manifest else ""


def _release(run: list[tuple[Commit, CompiledPlan]], previous: CompiledPlan | None, last: CompiledPlan) -> Release:
    from planops.review.semantic import compare

    head = run[0][0]
    return Release(
        version=_version(last),
        date=date.fromisoformat(head.date[:10]),
        author=head.author,
        commit=head.sha,
        authors=tuple(dict.fromkeys(c.author for c, _ in run)),
        commits=tuple(c.sha for c, _ in run),
        changes=tuple(compare(previous, last)) if previous is not None else (),
        first=previous is None,
    )
