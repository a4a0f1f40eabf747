"""The repository's .pre-commit-hooks.yaml, run by the real pre-commit client (``pre-commit try-repo``).

pre-commit installs planops from a git repository into its own virtualenv (from
PyPI for the dependencies), so this test builds such a repository from this
source tree first. It takes a minute or so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers.gitrepo import PLAN, Repo

pytestmark = pytest.mark.network  # pre-commit installs planops's dependencies from the package index

SOURCE = Path(__file__).resolve().parents[2]
IGNORE = shutil.ignore_patterns("__pycache__", "*.egg-info", ".mypy_cache", ".ruff_cache", "*.pyc")


def hooks_repository(where: Path) -> Path:
    """A git repository holding this package's source and hook manifest, committed."""
    repo = Repo(where)
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(SOURCE / name, where / name)
    shutil.copytree(SOURCE / "src", where / "src", ignore=IGNORE)
    repo.commit("planops source")
    return where


def try_repo(hooks: Path, plan_repo: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    pre_commit = Path(sys.executable).with_name("pre-commit")
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    command = [str(pre_commit), "try-repo", str(hooks), hook, "--all-files", "--verbose"]
    return subprocess.run(command, cwd=plan_repo, env=env, capture_output=True, text=True, timeout=900, check=False)


def test_planops_validate_hook(tmp_path: Path) -> None:
    hooks = hooks_repository(tmp_path / "planops")
    plan_repo = Repo(tmp_path / "plans")
    for name, text in PLAN.items():
        plan_repo.write(name, text)
    plan_repo.commit("A valid plan")
    home = tmp_path / "pre-commit-home"

    passed = try_repo(hooks, plan_repo.root, home, "planops-validate")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "planops validate" in passed.stdout and "Passed" in passed.stdout

    plan_repo.edit("workflows/dispute.yaml", "    on: {resolve: resolved}\n", "    on: {resolve: resolvd}\n")
    plan_repo.commit("A typo in a state name")
    failed = try_repo(hooks, plan_repo.root, home, "planops-validate")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout
    assert "plan/workflows/dispute.yaml:" in failed.stdout
    assert "'resolvd' is not a state of workflow 'dispute' (did you mean 'resolved'?)" in failed.stdout


@pytest.mark.parametrize("hook", ["planops-validate", "planops-schema-check", "planops-codeowners-check"])
def test_hook_manifest_is_valid(hook: str) -> None:
    from pre_commit.clientlib import load_manifest

    hooks = {h["id"]: h for h in load_manifest(str(SOURCE / ".pre-commit-hooks.yaml"))}
    assert hooks[hook]["language"] == "python"
    assert hooks[hook]["pass_filenames"] is False
    assert hooks[hook]["entry"].startswith("planops ")
