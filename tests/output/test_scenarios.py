"""A failed scenario's text: an event's note under its row of the trace, as simulate shows it."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.smallplan import load, scenario, write_plan

from planops.engine import Engine
from planops.output.junit import junit_xml
from planops.output.scenarios import failure_text


def test_a_failed_scenarios_trace_shows_each_note_under_its_event(tmp_path: Path) -> None:
    doc = scenario(
        "s",
        created="2026-03-02T09:00:00+01:00",
        events='[{at: +1h, do: escalate, note: "Needs the lead\\u202enow"}]',
        expect="{state: resolved}",
    )
    plan = load(write_plan(tmp_path, doc))
    outcome = Engine.for_plan(plan).check(plan.scenarios["s"])
    lines = failure_text(outcome).splitlines()
    assert lines[1:2] + lines[4:] == [
        "  state: expected resolved, got lead-review",
        "    Mon 2026-03-02 09:00 +01:00  created   → answer              agent  "
        "first_response due Mon 03-02 17:00, resolution due Fri 03-06 17:00",
        "    Mon 2026-03-02 10:00 +01:00  escalate  answer → lead-review  lead   "
        "first_response due Mon 03-02 17:00, resolution due Fri 03-06 17:00",
        "                                 note: Needs the lead\\u202enow",
    ]
    assert "note: Needs the lead\\u202enow" in junit_xml([outcome])
