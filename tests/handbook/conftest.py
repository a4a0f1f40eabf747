"""Handbook fixtures: the small test plan, copied to a temp folder and built with a real MkDocs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SMALL = HERE / "smallplan"
TODAY = date(2026, 11, 1)


def mkdocs(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` (or other args) in ``project``, as a user runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *(args or ("build", "--strict"))],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the small plan project (mkdocs.yml + plan/) to edit and build."""
    shutil.copytree(SMALL, tmp_path / "project")
    return tmp_path / "project"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small plan's handbook, built once for the session (with the offline assets)."""
    root = tmp_path_factory.mktemp("built") / "project"
    shutil.copytree(SMALL, root)
    result = mkdocs(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled plan's handbook (every kind, saved actuals, the offline plugin), built once for the session."""
    from tests.conftest import REPO

    root = tmp_path_factory.mktemp("bundled") / "project"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("plan", "actuals"):
        shutil.copytree(REPO / folder, root / folder)
    result = mkdocs(root)
    assert result.returncode == 0, result.stderr
    return root / "site"
