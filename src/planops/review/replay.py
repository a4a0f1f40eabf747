"""The two plans a backtest replays, from git revisions or the working tree (planops.actuals.backtest)."""

from __future__ import annotations

from pathlib import Path

from planops.actuals.backtest import Revision
from planops.errors import PlanopsError
from planops.review.diff import Side, first_error, load_side


def revision(repo: Path, rev: str | None, plan_dir: Path, name: str, label: str | None = None) -> Revision:
    """The plan at ``rev`` (None: the working tree) as the ``name`` side ("base", "head"), or a one-line
    error when it does not load or fails its checks (exit 1: the plan is the problem, not the command)."""
    side = load_side(repo, rev, plan_dir)
    shown = label or side.label
    if side.error is not None:
        raise PlanopsError(f"the {name} plan ({shown}) does not load: {side.error}", exit_code=1)
    if side.valid is None or side.errors:
        first = _first(side)
        raise PlanopsError(
            f"the {name} plan ({shown}) has errors, so its tickets cannot be routed: {first}", exit_code=1
        )
    return Revision(shown, side.valid)


def _first(side: Side) -> str:
    return first_error(side.errors) if side.errors else "run planops validate"


def revisions(repo: Path, plan_dir: Path, base: str | None, head: str | None) -> tuple[Revision, Revision]:
    """The base (default: the merge base with the default branch) and head (default: the working tree)."""
    from planops.review.git import default_base

    if base is None:
        label, commit = default_base(repo)
        first = revision(repo, commit, plan_dir, "base", label)
    else:
        first = revision(repo, base, plan_dir, "base")
    return first, revision(repo, head, plan_dir, "head")
