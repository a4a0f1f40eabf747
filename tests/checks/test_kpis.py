"""A KPI's per-dimension targets: known dimensions, values the plan has, the KPI's own kind of bound."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import edit, findings, where

FRT = "target: {max: 8h}\n"
CODES = ("unknown-kpi-dimension", "unknown-kpi-value", "kpi-target-kind")


def _by(plan_dir: Path, lines: str) -> list[tuple[str, int, int, str]]:
    edit(plan_dir / "plan.yaml", FRT, FRT + "by:\n" + lines)
    found = [d for d in findings(plan_dir) if d.code in CODES]
    return where(found, plan_dir)


def test_targets_per_channel_priority_and_segment_are_clean(plan_dir: Path) -> None:
    lines = "  channel: {email: {max: 4h}}\n  priority: {urgent: {max: 30m}, low: {max: 2d}}\n"
    assert _by(plan_dir, lines + "  segment: {priority: {max: 1h}}\n  queue: {escalations: {max: 1h}}\n") == []


def test_an_unknown_dimension_is_located_at_its_key_with_a_suggestion(plan_dir: Path) -> None:
    assert _by(plan_dir, "  chanel: {email: {max: 4h}}\n") == [("plan.yaml", 24, 3, "unknown-kpi-dimension")]
    [found] = [d for d in findings(plan_dir) if d.code == "unknown-kpi-dimension"]
    assert found.message == (
        "KPI 'first-response-time' cannot be measured by 'chanel': it is not a dimension of the report"
    )
    assert found.hint == "did you mean 'channel'?"


def test_an_unknown_dimension_without_a_close_name_lists_the_dimensions(plan_dir: Path) -> None:
    _by(plan_dir, "  colour: {red: {max: 4h}}\n")
    [found] = [d for d in findings(plan_dir) if d.code == "unknown-kpi-dimension"]
    assert found.hint == "choose from channel, segment, priority, queue, sla_policy, workflow, calendar"


@pytest.mark.parametrize(
    ("line", "col", "message", "hint"),
    [
        ("  channel: {emial: {max: 4h}}\n", 13, "channel 'emial'", "did you mean 'email'?"),
        ("  priority: {critical: {max: 1h}}\n", 14, "priority 'critical'", "give one of high, low, normal, urgent"),
        ("  segment: {standart: {max: 1h}}\n", 13, "segment 'standart'", "did you mean 'standard'?"),
        ("  sla_policy: {standart: {max: 1h}}\n", 16, "sla policy 'standart'", "did you mean 'standard'?"),
    ],
)
def test_a_value_the_plan_does_not_have_is_located_at_its_key(
    plan_dir: Path, line: str, col: int, message: str, hint: str
) -> None:
    assert _by(plan_dir, line) == [("plan.yaml", 24, col, "unknown-kpi-value")]
    [found] = [d for d in findings(plan_dir) if d.code == "unknown-kpi-value"]
    assert found.message == f"KPI 'first-response-time' has a target for {message}, which the plan does not have"
    assert found.hint == hint


def test_a_min_under_a_max_target_is_located_at_the_bound(plan_dir: Path) -> None:
    assert _by(plan_dir, "  channel: {email: {min: 30}}\n") == [("plan.yaml", 24, 21, "kpi-target-kind")]
    [found] = [d for d in findings(plan_dir) if d.code == "kpi-target-kind"]
    assert found.message == (
        "KPI 'first-response-time' has a min target for channel 'email', but its target is a max (lower is better)"
    )
    assert found.hint == "write {max: …} for 'email' too"


def test_a_per_value_target_is_a_target_shape_checked_like_target(plan_dir: Path) -> None:
    edit(plan_dir / "plan.yaml", FRT, FRT + "by:\n  channel: {email: {max: soon}}\n")
    found = findings(plan_dir)
    assert [(d.line, d.code) for d in found if d.line == 24] == [(24, found[0].code)]
    assert "'soon' is not a duration" in found[0].message
