"""One build runs each scenario once: the worked examples, the coverage and plan.json share the runs."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from planops.engine import Engine


def test_each_scenario_runs_once_per_build(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    checked: list[str] = []
    real = Engine.check_many

    def counting(self: Engine, scenarios: Iterable[Any]) -> Any:
        scenarios = list(scenarios)
        checked.extend(s.name for s in scenarios)
        return real(self, scenarios)

    monkeypatch.setattr(Engine, "check_many", counting)
    monkeypatch.chdir(project)
    build(load_config(str(project / "mkdocs.yml"), strict=True))
    assert sorted(checked) == ["big-refund-timer", "small-question"]
    data = json.loads((project / "site" / "plan.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in data["results"]] == ["big-refund-timer", "small-question"]
    assert (data["coverage"]["covered"], data["coverage"]["total"]) == (6, 8)
