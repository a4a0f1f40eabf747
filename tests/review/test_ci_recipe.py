"""The GitHub Actions workflow `planops init` writes: valid for GitHub, and every step runs.

The end-to-end test makes what GitHub would have: a repository from
``planops init`` with a pull-request branch that tightens an SLA target, cloned
(so ``origin/main`` exists), and runs each ``run:`` step of the workflow with
bash in that clone. Only the install step and the ``uses:`` actions are left out.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from tests.helpers.gitrepo import Repo

from planops.cli import _parser, main
from planops.loader.yaml12 import load_documents

RECIPE = resources.files("planops") / "review" / "ci_recipe.yml"


def workflow() -> dict[str, Any]:
    docs, findings = load_documents(RECIPE.read_text(encoding="utf-8"), "ci_recipe.yml")
    assert not findings
    data: dict[str, Any] = docs[0].data
    return data


def steps() -> list[dict[str, Any]]:
    return list(workflow()["jobs"]["plan"]["steps"])


def planops_commands() -> list[list[str]]:
    found = []
    for step in steps():
        for line in step.get("run", "").splitlines():
            line = line.split("#")[0].split(">")[0].strip()
            if line.startswith("planops "):
                found.append(shlex.split(line)[1:])
    return found


def test_runs_on_pull_requests_with_what_it_needs() -> None:
    data = workflow()
    assert "pull_request" in data["on"]
    job = data["jobs"]["plan"]
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert steps()[0] == {"uses": "actions/checkout@v4", "with": {"fetch-depth": 0}}
    assert [c[0] for c in planops_commands()] == ["validate", "schema", "test", "build", "diff", "diff"]


def test_valid_for_github() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(RECIPE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("command", planops_commands(), ids=lambda c: " ".join(c))
def test_commands_exist_with_these_options(command: list[str]) -> None:
    _parser().parse_args(command)


def test_init_writes_it() -> None:
    from planops.commands.init import CI_WORKFLOW, starter_files

    assert starter_files()[CI_WORKFLOW] == RECIPE.read_bytes()


@pytest.mark.network  # the handbook build fetches its pinned browser assets from npm once
def test_every_step_runs_on_a_pull_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    origin = Repo(tmp_path / "origin")
    monkeypatch.chdir(origin.root)
    assert main(["init", "."]) == 0
    origin.commit("planops init")
    origin.git("checkout", "-q", "-b", "faster-answers")
    origin.edit("service.yaml", "resolution: 8h}", "resolution: 6h}")
    origin.commit("Resolve urgent tickets within 6 hours")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--no-checkout", str(origin.root), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "-q", "faster-answers"], check=True)

    summary = tmp_path / "summary.md"
    env = {
        **os.environ,
        "BASE": "main",
        "GITHUB_STEP_SUMMARY": str(summary),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    for step in steps():
        script = step.get("run")
        if script is None or "pip install" in script:
            continue
        done = subprocess.run(
            ["bash", "-eo", "pipefail", "-c", script], cwd=clone, env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, f"{step['name']}: {done.stdout}{done.stderr}"

    assert (clone / "reports" / "scenarios.xml").read_text().startswith("<?xml")
    assert (clone / "site" / "index.html").is_file()
    comment = (clone / "plan-diff.md").read_text()
    assert comment.startswith("<!-- planops-diff -->\n## Plan changes: `origin/main (")
    assert "- `standard` urgent resolution: 8h → 6h (tightened)\n" in comment
    assert summary.read_text() == comment


def test_the_diff_step_replays_an_export_kept_outside_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import duckdb

    origin = Repo(tmp_path / "origin")
    monkeypatch.chdir(origin.root)
    assert main(["init", "."]) == 0
    origin.commit("planops init")
    origin.git("checkout", "-q", "-b", "faster-answers")
    origin.edit("service.yaml", "resolution: 8h}", "resolution: 6h}")
    origin.commit("Resolve urgent tickets within 6 hours")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(origin.root), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "-q", "faster-answers"], check=True)
    kept = tmp_path / "bucket"  # where the export is kept: outside the repository
    kept.mkdir()
    sample = next((origin.root / "samples").iterdir())
    for name in ("tickets", "events"):
        source, target = sample / f"{name}.csv", kept / f"{name}.parquet"
        duckdb.sql(f"COPY (SELECT * FROM read_csv('{source}', all_varchar = true)) TO '{target}' (FORMAT parquet)")
    step = next(s for s in steps() if s.get("name") == "What the change means")
    env = {
        **os.environ,
        "BASE": "main",
        "TICKETS_URL": kept.as_uri(),
        "TICKETS_TOKEN": "",
        "RUNNER_TEMP": str(tmp_path / "runner"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    (tmp_path / "runner").mkdir()
    done = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", step["run"]], cwd=clone, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    comment = (clone / "plan-diff.md").read_text()
    assert "- `standard` urgent resolution: 8h → 6h (tightened)\n" in comment
    assert "\n### On " in comment and " tickets from 2026-Q" in comment
    assert (
        subprocess.run(["git", "-C", str(clone), "status", "--porcelain"], capture_output=True, text=True).stdout
        == "?? plan-diff.md\n"
    )
