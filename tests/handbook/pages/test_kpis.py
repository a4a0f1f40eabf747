"""The KPI page shows a KPI's per-dimension targets in its own unit."""

from __future__ import annotations

import re
from pathlib import Path

from tests.handbook.conftest import TODAY
from tests.helpers import edit

from planops.handbook.context import Context
from planops.handbook.pages import kpis
from planops.pipeline import check_plan

BY = "by:\n  channel: {email: {max: 4h}}\n  priority: {urgent: {max: 1h30m}}\n"


def _page(plan_dir: Path) -> str:
    plan, found = check_plan(plan_dir, TODAY)
    assert found == []
    return re.sub(r' style="[^"]*"', "", kpis.render(Context(plan, TODAY)))


def test_per_dimension_targets_are_a_table_under_their_kpi(plan_dir: Path) -> None:
    edit(plan_dir / "plan.yaml", "target: {max: 8h}\n", "target: {max: 8h}\n" + BY)
    edit(plan_dir / "plan.yaml", "target: {min: 4.5}\n", "target: {min: 4.5}\nby: {segment: {priority: {min: 4.8}}}\n")
    page = _page(plan_dir)
    assert page.count("Targets per dimension (they replace the KPI's target where the report groups by it):") == 2
    email = '<td>channel</td><td><code>email</code></td><td>at most <abbr title="4 business hours">4h</abbr></td>'
    assert email in page
    assert (
        '<td>priority</td><td><code>urgent</code></td><td>at most <abbr title="1 business hour 30 minutes">1h30m</abbr>'
        "</td>" in page
    )
    assert "<td>segment</td><td><code>priority</code></td><td>at least 4.8 points out of 5</td>" in page


def test_a_kpi_without_by_has_no_such_table(plan_dir: Path) -> None:
    assert "Targets per dimension" not in _page(plan_dir)
