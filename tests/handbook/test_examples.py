"""The build's warning for a worked example that does not run as it expects reads like `planops test`."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.smallplan import load, scenario, write_plan

from planops.handbook.examples import problems, run_all
from planops.output.scenarios import failure_text


def test_a_failing_example_shows_times_as_planops_test_does(tmp_path: Path) -> None:
    plan = load(
        write_plan(
            tmp_path,
            scenario(
                "late",
                created="2026-03-02T09:00:00+01:00",
                until="+1h",
                expect="{due: {first_response: '2026-03-02T15:00:00Z'}}",
            ),
        )
    )
    outcomes = run_all(plan)
    [line] = problems(outcomes)
    [mismatch] = failure_text(outcomes["late"]).splitlines()[1:2]
    assert mismatch.strip() in line
    assert "due.first_response: expected 2026-03-02T16:00:00+01:00, got 2026-03-02T17:00:00+01:00" in line
