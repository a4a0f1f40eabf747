"""``planops build``: the handbook with MkDocs, exit 0 when built and 1 with the findings otherwise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import edit


def planops(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planops", *args], cwd=project, capture_output=True, text=True, timeout=300
    )


def test_build(project: Path) -> None:
    result = planops(project, "build", "-d", "out")
    assert result.returncode == 0, result.stderr
    assert (project / "out" / "workflows" / "refund" / "index.html").is_file()
    assert "Traceback" not in result.stderr


def test_build_of_broken_plan_fails_with_findings(project: Path) -> None:
    edit(project / "plan" / "workflows" / "refund.yaml", "approve: resolved", "approve: resolvd")
    result = planops(project, "build")
    assert result.returncode == 1
    assert "plan/workflows/refund.yaml:22:19: error[unknown-state]" in result.stderr
    assert "Traceback" not in result.stderr


def test_build_without_mkdocs_yml(tmp_path: Path) -> None:
    result = planops(tmp_path, "build")
    assert result.returncode == 1
    assert result.stderr.strip() == "planops build: error: mkdocs.yml not found (run 'planops init', or use -f FILE)"


def test_serve_help_lists_its_options(project: Path) -> None:
    result = planops(project, "serve", "--help")
    assert result.returncode == 0 and "--dev-addr" in result.stdout
