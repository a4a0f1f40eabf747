"""Plan files read from git objects: listing, one cat-file batch, one-line errors."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from tests.helpers.gitrepo import PLAN, Repo

from planops.errors import PlanopsError
from planops.review.git import (
    default_base,
    in_repo,
    list_files,
    log,
    read_blobs,
    read_revision,
    read_side,
    resolve,
    toplevel,
)


def test_read_revision_reads_every_plan_file_from_objects(repo: Repo) -> None:
    first = repo.git("rev-parse", "HEAD")
    repo.edit("plan.yaml", 'version: "2026.1"', 'version: "2026.2"')
    (repo.plan / "notes.txt").write_text("not a plan file")
    (repo.plan / "extra.yml").write_text("kind: KPI\n")
    repo.commit("Second")
    files = dict(read_revision(repo.root, first, "plan")[0])
    assert sorted(files) == sorted(f"plan/{name}" for name in PLAN)
    assert files["plan/plan.yaml"] == PLAN["plan.yaml"].encode()
    latest = dict(read_revision(repo.root, repo.git("rev-parse", "HEAD"), "plan")[0])
    assert b'version: "2026.2"' in latest["plan/plan.yaml"] and "plan/extra.yml" in latest


def test_blobs_of_any_content_in_one_batch(repo: Repo) -> None:
    contents = [b"", b"\n", b"a\nb\n", bytes(range(256)) * 3, "ä€".encode()]
    shas = [repo.git("hash-object", "-w", "--stdin", input_bytes=c) for c in contents]
    assert read_blobs(repo.root, [*shas, shas[0]]) == dict(zip(shas, contents, strict=True))


def test_symlinks_and_submodule_entries_are_not_plan_files(repo: Repo) -> None:
    (repo.plan / "link.yaml").symlink_to("plan.yaml")
    repo.commit("A link")
    tree = list_files(repo.root, repo.git("rev-parse", "HEAD"), "plan")
    names = [path for path, _ in tree.files]
    assert "plan/link.yaml" not in names and "plan/plan.yaml" in names
    assert [path for path, *_ in tree.links] == ["plan/link.yaml"]


def test_working_tree_side(repo: Repo) -> None:
    repo.edit("plan.yaml", "target: {max: 4h}", "target: {max: 5h}")
    label, files, unread = read_side(repo.root, None, Path("plan"))
    assert unread == []
    assert label == "working tree"
    assert b"max: 5h" in dict(files)["plan/plan.yaml"]


def test_labels(repo: Repo) -> None:
    sha = repo.git("rev-parse", "HEAD")
    assert read_side(repo.root, "main", Path("plan"))[0] == f"main ({sha[:7]})"
    assert read_side(repo.root, sha[:10], Path("plan"))[0] == sha[:7]


@pytest.mark.parametrize(
    ("rev", "message"),
    [
        ("nope", "unknown revision 'nope': no commit by that name in this repository"),
        ("HEAD~3", "unknown revision 'HEAD~3': no commit by that name in this repository"),
        ("--all", "'--all' is not a git revision"),
        ("HEAD:plan", "unknown revision 'HEAD:plan': no commit by that name in this repository"),
    ],
)
def test_unknown_revisions(repo: Repo, rev: str, message: str) -> None:
    with pytest.raises(PlanopsError, match="^" + message.replace("(", r"\(").replace(")", r"\)") + "$"):
        resolve(repo.root, rev)


def test_no_plan_at_revision(repo: Repo) -> None:
    assert read_revision(repo.root, repo.git("rev-parse", "HEAD"), "ops") == ([], [])


def test_not_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PlanopsError, match=r"^'\.' is not inside a git repository$"):
        toplevel(tmp_path / "plan")


def test_plan_outside_the_repository(repo: Repo, tmp_path: Path) -> None:
    with pytest.raises(PlanopsError, match=r"is outside the git repository$"):
        in_repo(repo.root, tmp_path / "elsewhere")


def test_log_lists_plan_commits_oldest_first(repo: Repo) -> None:
    (repo.root / "README.md").write_text("not the plan")
    repo.commit("Docs only")
    repo.edit("plan.yaml", "target: {max: 4h}", "target: {max: 3h}")
    repo.commit("Faster", author="Grace Reviewer <grace@example.com>")
    commits = log(repo.root, ["plan"])
    assert [c.subject for c in commits] == ["Plan 2026.1", "Faster"]
    assert (commits[1].author, commits[1].email) == ("Grace Reviewer", "grace@example.com")
    assert commits[1].date.startswith("2026-")


def test_default_base_is_the_merge_base_with_the_remote_default_branch(repo: Repo, tmp_path: Path) -> None:
    first = repo.git("rev-parse", "HEAD")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("extra.yaml", "kind: KPI\nname: extra\nmeasures: volume\nstatistic: count\ntarget: {max: 10}\n")
    repo.commit("More")
    clone = tmp_path / "clone"
    repo.git("checkout", "-q", "main")
    repo.git("clone", "-q", str(repo.root), str(clone))  # origin/HEAD: main
    repo.git("checkout", "-q", "feature")
    subprocess.run(["git", "-C", str(clone), "checkout", "-q", "feature"], check=True)
    assert default_base(clone) == (f"merge base with origin/HEAD ({first[:7]})", first)
    assert default_base(repo.root) == (f"merge base with main ({first[:7]})", first)
    repo.git("branch", "-m", "main", "master")
    assert default_base(repo.root)[0] == f"merge base with master ({first[:7]})"
