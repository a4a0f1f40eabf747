"""Rebuilds under ``serve``: the plan folder is watched, and unchanged files are not parsed again."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import edit

from planops.loader import compile as loader


def _build(project: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cwd = os.getcwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"), strict=True)
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)
    finally:
        os.chdir(cwd)


def test_rebuild_parses_only_the_changed_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    real = loader.load_documents

    def counting(text: str, path: str) -> Any:
        parsed.append(path)
        return real(text, path)

    monkeypatch.setattr(loader, "load_documents", counting)
    loader._CACHE.clear()
    _build(project)
    assert len(parsed) == len(list((project / "plan").rglob("*.yaml")))
    parsed.clear()
    edit(project / "plan" / "workflows" / "refund.yaml", "title: Lead approval", "title: Lead sign-off")
    _build(project)
    assert parsed == ["plan/workflows/refund.yaml"]
    page = (project / "site" / "workflows" / "refund" / "index.html").read_text(encoding="utf-8")
    assert "Lead sign-off" in page and "Lead approval" not in page  # no stale state


def test_serve_watches_the_plan_folder(project: Path) -> None:
    from mkdocs.config import load_config

    watched: list[str] = []

    class Server:
        def watch(self, path: str, *args: Any, **kwargs: Any) -> None:
            watched.append(path)

    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_serve(Server(), config=config, builder=lambda: None)
    assert Path(project / "plan").resolve() in [Path(p).resolve() for p in watched]
