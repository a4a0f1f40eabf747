"""pytest plugin: every scenario of the plan is a test, located at its file and line.

``pytest`` in a plan repository collects each ``kind: Scenario`` document of
the YAML files below the plan folder (``--planops-plan DIR``, or the
``planops_plan`` ini value; default ``plan``) as one test item, and fails it
with the same text ``planops test`` prints. Other files, Python tests
included, are left to pytest. It works under ``pytest -n auto`` (each worker
loads the plan once) and is switched off with ``-p no:planops``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from planops.engine import Engine
    from planops.model import Scenario

_SCENARIO_DOC = re.compile(rb"^kind:\s*[\"']?Scenario[\"']?\s*(?:#.*)?$", re.M)


@dataclass
class _Loaded:
    """The plan as this pytest process loaded it: its engine, its errors, its scenarios by file."""

    engine: Engine | None
    errors: list[str]
    by_file: dict[Path, list[tuple[Scenario, int]]] = field(default_factory=dict)


_LOADED = pytest.StashKey[_Loaded]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("planops", "planops scenarios")
    group.addoption(
        "--planops-plan",
        dest="planops_plan",
        metavar="DIR",
        default=None,
        help="the plan folder whose scenarios are collected (default: the planops_plan ini value)",
    )
    parser.addini("planops_plan", "the plan folder whose scenarios pytest collects", default="plan")


def _plan_root(config: pytest.Config) -> Path:
    """The plan folder: the option is relative to where pytest runs, the ini value to the ini file's folder.

    Without an ini file, ``pytest plan`` makes ``plan`` itself the rootdir, so
    the default is looked up from where pytest runs first.
    """
    given = config.getoption("planops_plan")
    if given:
        return (config.invocation_params.dir / str(given)).resolve()
    value = str(config.getini("planops_plan"))
    here = config.invocation_params.dir / value
    return (here if config.inipath is None and here.is_dir() else config.rootpath / value).resolve()


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> ScenarioFile | None:
    if file_path.suffix not in (".yaml", ".yml"):
        return None
    root = _plan_root(parent.config)
    if not file_path.resolve().is_relative_to(root):
        return None
    try:
        if not _SCENARIO_DOC.search(file_path.read_bytes()):
            return None
    except OSError:
        return None
    return ScenarioFile.from_parent(parent, path=file_path)


def _loaded(config: pytest.Config) -> _Loaded:
    found = config.stash.get(_LOADED, None)
    if found is None:
        found = config.stash[_LOADED] = _load(_plan_root(config))
    return found


def _load(root: Path) -> _Loaded:
    from planops.engine import Engine
    from planops.errors import PlanopsError
    from planops.output.escape import text_line
    from planops.output.findings import text
    from planops.pipeline import Level, check_plan

    try:
        checked = check_plan(root, level=Level.MEANING)  # only errors stop the scenarios
    except PlanopsError as exc:
        return _Loaded(None, [text_line(str(exc))])
    plan = checked.plan
    loaded = _Loaded(Engine.for_plan(checked.valid) if checked.valid else None, text(checked.errors).splitlines())
    for scenario in plan.scenarios.values():
        doc = plan.where(scenario)
        loaded.by_file.setdefault(Path(doc.path).resolve(), []).append((scenario, doc.loc(("name",))[0]))
    return loaded


class ScenarioFile(pytest.File):
    """A plan file holding scenarios."""

    def collect(self) -> Iterator[ScenarioItem]:
        for scenario, line in _loaded(self.config).by_file.get(self.path.resolve(), []):
            yield ScenarioItem.from_parent(self, name=scenario.name, scenario=scenario, line=line)


class ScenarioFailed(Exception):
    """A scenario whose run did not do what it expects; the message is the failure text."""


class ScenarioItem(pytest.Item):
    """One scenario, run on the plan's engine."""

    def __init__(self, *, scenario: Scenario, line: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scenario = scenario
        self.line = line

    def runtest(self) -> None:
        from planops.output.scenarios import failure_text

        loaded = _loaded(self.config)
        if loaded.engine is None:
            raise ScenarioFailed(
                "\n".join(["the plan has errors; fix them before its scenarios can run:", *loaded.errors])
            )
        outcome = loaded.engine.check(self.scenario)
        if not outcome.passed:
            raise ScenarioFailed(failure_text(outcome))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ScenarioFailed):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo, style=style))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.line - 1, f"scenario {self.name}"
