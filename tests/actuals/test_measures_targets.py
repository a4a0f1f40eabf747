"""Per-dimension targets (a KPI's ``by:``): the rows grouped by that dimension are held to them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planops.actuals.measures import Measured
from planops.actuals.report import report
from planops.pipeline import Level, check_plan

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "acme-2026-Q3"
BY = "target: {max: 4h}\nby:\n  channel: {chat: {max: 5m}, email: {max: 8h}}\n  priority: {urgent: {max: 1h}}\n"


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bundled") / "plan"
    shutil.copytree(REPO / "plan", root)
    kpis = root / "kpis.yaml"
    text = kpis.read_text(encoding="utf-8")
    assert text.count("target: {max: 4h}\n") == 1
    kpis.write_text(text.replace("target: {max: 4h}\n", BY), encoding="utf-8")
    return root


def _rows(plan: Path, by: tuple[str, ...] = ()) -> list[Measured]:
    checked = check_plan(plan, level=Level.MEANING)
    assert checked.valid is not None, checked.errors
    measured = report(checked.valid, SAMPLE / "tickets.csv", SAMPLE / "events.csv", by=by)
    return [r for r in measured.rows if r.kpi == "first-response-time"]


def test_without_by_the_kpi_is_also_reported_per_value_of_its_target_dimensions(plan: Path) -> None:
    rows = _rows(plan)
    assert [r.by for r in rows][:1] == [{}] and rows[0].target == {"max": 240.0}
    by_channel = {r.by["channel"]: r.target for r in rows if "channel" in r.by}
    assert by_channel["chat"] == {"max": 5.0} and by_channel["email"] == {"max": 480.0}
    assert by_channel["phone-emea"] == {"max": 240.0}  # no target of its own: the KPI's
    by_priority = {r.by["priority"]: r.target for r in rows if "priority" in r.by}
    assert by_priority["urgent"] == {"max": 60.0} and by_priority["low"] == {"max": 240.0}
    assert all(len(r.by) <= 1 for r in rows)
    assert sum(r.tickets for r in rows if "channel" in r.by) == rows[0].tickets
    for row in rows:
        assert row.met is None or row.met == (row.value is not None and row.value <= row.target["max"])


def test_grouped_by_two_dimensions_the_first_with_a_target_for_the_row_wins(plan: Path) -> None:
    rows = _rows(plan, ("priority", "channel"))
    targets = {(r.by["priority"], r.by["channel"]): r.target["max"] for r in rows}
    assert targets[("urgent", "chat")] == 60.0  # priority is grouped first
    assert targets[("normal", "chat")] == 5.0
    assert targets[("normal", "phone-emea")] == 240.0
    assert all(set(r.by) == {"priority", "channel"} for r in rows)
