"""Shared fixtures: a real starter plan in a temp folder, edited per test."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

from tests.helpers import edit, findings, where

pytest_plugins = ["pytester"]

STARTER = Path(str(resources.files("planops") / "starter"))
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    """A copy of the starter plan (valid as written) to break in a test."""
    shutil.copytree(STARTER / "plan", tmp_path / "plan")
    return tmp_path / "plan"


@pytest.fixture
def check_at(plan_dir: Path) -> Callable[..., list[tuple[str, int, int, str]]]:
    def run(file: str, old: str, new: str) -> list[tuple[str, int, int, str]]:
        edit(plan_dir / file, old, new)
        return where(findings(plan_dir), plan_dir)

    return run
