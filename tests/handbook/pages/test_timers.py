"""The workflow page: per step with a timer, which SLA clock it protects and by how much, in words."""

from __future__ import annotations

import re
from pathlib import Path

from tests.handbook.conftest import TODAY
from tests.helpers import edit
from tests.helpers.smallplan import write_plan

from planops.handbook.context import Context
from planops.handbook.pages.timers import TimerTables
from planops.pipeline import check_plan

TIMER = "timeout: {after: 2h, event: escalate}"
WAITING = "pause: [resolution]\n    on: {customer_reply: billing-review}"


def _rows(folder: Path, state: str) -> list[list[str]]:
    plan, _found = check_plan(folder, TODAY)
    wf = plan.workflows["billing-dispute"]
    html = TimerTables(Context(plan, TODAY, uri="workflows/billing-dispute.md"), wf).render(state, wf.states[state])
    rows = re.findall(r"<tr>(.*?)</tr>", re.sub(r' style="[^"]*"', "", html))
    return [[re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td>(.*?)</td>", row)] for row in rows[1:]]


def test_each_policy_and_priority_gets_a_row_with_each_target_in_words(tmp_path: Path) -> None:
    folder = write_plan(tmp_path)
    edit(folder / "workflows/billing.yaml", TIMER, TIMER.replace("2h", "3h") + "\n    escalate_before: [resolution]")
    assert _rows(folder, "triage") == [
        [
            "vip",
            "high",
            "not protected: due 1h before the timer fires",
            "protected, 1h to spare",
            "protected, 13h to spare",
        ],
        ["vip", "normal", "protected, 1h to spare", "protected, 5h to spare", "protected, 21h to spare"],
        ["standard", "high", "protected, 1h to spare", "—", "protected, 21h to spare"],
        ["standard", "normal", "protected, 5h to spare", "protected, 5h to spare", "protected, 37h to spare"],
    ]


def test_a_paused_target_says_so_and_a_step_without_timer_has_no_table(tmp_path: Path) -> None:
    folder = write_plan(tmp_path)
    edit(
        folder / "workflows/billing.yaml",
        WAITING,
        "pause: [resolution]\n    on: {customer_reply: billing-review, close: resolved}\n"
        "    timeout: {after: 4h, event: close}",
    )
    assert [row[4] for row in _rows(folder, "waiting")] == ["paused here"] * 4
    assert _rows(folder, "billing-review") == []
