"""Shared fixtures: a real starter plan in a temp folder, edited per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.helpers import edit, findings, where

pytest_plugins = ["pytester"]

# Property tests: reproducible in CI (same examples every run, no example database);
# HYPOTHESIS_PROFILE=long for a long local hunt.
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]
settings.register_profile(
    "ci", max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=_QUIET
)
settings.register_profile(
    "long", max_examples=3000, deadline=None, database=None, print_blob=True, suppress_health_check=_QUIET
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

STARTER = Path(str(resources.files("planops") / "starter"))


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test starts with an empty folder of remembered facts of its own (planops.usercache): what one test
    (or the machine's user) remembered cannot change what another finds. Downloaded handbook assets keep
    the shared cache, and so do subprocesses (their facts are keyed by the installed packages)."""
    from planops import publicholidays, usercache
    from planops.celcheck import checker
    from planops.checks import proofs

    folder = tmp_path_factory.mktemp("cache") / "planops"
    folder.mkdir(mode=0o700)
    monkeypatch.setattr(usercache, "folder", lambda: folder)
    monkeypatch.setattr(publicholidays.FACTS, "_answers", None)
    monkeypatch.setattr(checker.FINDINGS, "_answers", None)
    monkeypatch.setattr(proofs.ANSWERS, "_answers", None)
    return folder


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
