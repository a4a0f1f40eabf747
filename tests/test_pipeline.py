"""The one gate: a plan loaded once, checked to a level; only a plan without errors is a ValidPlan."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from planops.engine import Engine
from planops.pipeline import Level, check_files, check_plan, deepen
from planops.plan import ValidPlan
from tests.conftest import REPO
from tests.helpers import edit


def codes(found: list) -> list[str]:  # type: ignore[type-arg]
    return [d.code for d in found]


def test_each_level_checks_more(plan_dir: Path) -> None:
    edit(plan_dir / "workflows/support.yaml", "escalate: lead-review", "escalate: lead-reveiw")
    shape = check_plan(plan_dir, level=Level.SHAPE)
    meaning = check_plan(plan_dir, level=Level.MEANING)
    assert shape.errors == [] and shape.valid is None  # the shape is fine, but nothing says the meaning is
    assert "unknown-state" in codes(meaning.errors) and meaning.valid is None


def test_only_a_plan_without_errors_is_valid() -> None:
    meaning = check_plan(REPO / "plan", level=Level.MEANING)
    full = check_plan(REPO / "plan")
    assert isinstance(meaning.valid, ValidPlan) and isinstance(full.valid, ValidPlan)
    assert meaning.errors == full.errors == []


def test_the_engine_level_adds_the_engine_checks(plan_dir: Path) -> None:
    (plan_dir / "workflows/extra.yaml").write_text(
        "kind: Workflow\nname: extra\ninitial: open\nstates:\n  open: {on: {close: done}}\n  done: {final: true}\n",
        encoding="utf-8",
    )
    assert "untested-workflow" not in codes(check_plan(plan_dir, level=Level.MEANING).findings)
    assert "untested-workflow" in codes(check_plan(plan_dir, level=Level.ENGINE).findings)


def test_deepen_a_shape_checked_plan_equals_checking_it_at_once(plan_dir: Path) -> None:
    edit(plan_dir / "workflows/support.yaml", "escalate: lead-review", "escalate: lead-reveiw")
    files = [(p.as_posix(), p.read_bytes()) for p in sorted(plan_dir.rglob("*.yaml"))]
    at_once = check_files("plan", files, level=Level.MEANING)
    later = deepen(check_files("plan", files, level=Level.SHAPE), Level.MEANING)
    assert later.findings == at_once.findings


def test_one_engine_per_valid_plan_and_none_for_a_new_one() -> None:
    first = check_plan(REPO / "plan", level=Level.MEANING).valid
    assert first is not None
    engine = Engine.for_plan(first)
    assert Engine.for_plan(first) is engine
    second = check_plan(REPO / "plan", level=Level.MEANING).valid
    assert second is not None and Engine.for_plan(second) is not engine


def test_an_engine_lives_as_long_as_its_plan() -> None:
    valid = check_plan(REPO / "plan", level=Level.MEANING).valid
    assert valid is not None
    engine = weakref.ref(Engine.for_plan(valid))
    del valid
    gc.collect()
    assert engine() is None


@pytest.mark.parametrize("level", list(Level))
def test_findings_come_sorted_by_file_and_line(plan_dir: Path, level: Level) -> None:
    edit(plan_dir / "workflows/support.yaml", "escalate: lead-review", "escalate: lead-reveiw")
    edit(plan_dir / "plan.yaml", "kind: Plan", "kind: Plan\ncolour: blue")
    found = check_plan(plan_dir, level=level).findings
    assert found == sorted(found, key=lambda d: (d.path, d.line, d.col, d.code))


def test_without_advice_the_same_errors_and_no_advice_warnings(plan_dir: Path) -> None:
    from tests.checks.test_proofs import rules

    rules(plan_dir, "ticket.amount > 500.0 && ticket.amount < 100.0")  # a rule that never applies: a warning
    assert "never-true" in codes(check_plan(plan_dir, level=Level.MEANING).findings)
    lean = check_plan(plan_dir, level=Level.MEANING, advice=False)
    assert lean.findings == [] and isinstance(lean.valid, ValidPlan)
    edit(plan_dir / "workflows/support.yaml", "escalate: lead-review", "escalate: lead-reveiw")
    full, lean = check_plan(plan_dir, level=Level.MEANING), check_plan(plan_dir, level=Level.MEANING, advice=False)
    assert "never-true" in codes(full.findings) and "never-true" not in codes(lean.findings)
    assert lean.errors == full.errors and "unknown-state" in codes(lean.errors)


def test_an_advice_check_declares_warnings_only() -> None:
    import sys

    from planops.checks import CHECKS
    from planops.diagnostics import WARNING

    advice = [c for c in CHECKS if c.advice]
    assert {c.name for c in advice} == {"proofs", "coverage"}
    for check in advice:
        declared = sys.modules[check.run.__module__].CODES
        assert declared and all(code.severity == WARNING for code in declared), check.name
