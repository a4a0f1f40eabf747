"""Fixtures of the command tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from planops.cli import main


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """A starter repository from ``planops init``, as the working folder."""
    root = tmp_path / "repo"
    assert main(["init", str(root)]) == 0
    capsys.readouterr()
    monkeypatch.chdir(root)
    return root
