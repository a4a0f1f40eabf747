"""SLA clocks: due times in business hours, met / breached / pending, next responses, pauses (SPEC §2.1, §2.3).

The small plan's calendar is Berlin, Monday to Friday 09:00-17:00. A standard
customer's question has first response 8h, next response 8h, resolution 40h;
a VIP's normal billing ticket 4h, 8h and 24h.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from tests.helpers import edit
from tests.helpers.smallplan import load, scenario, write_plan

from planops.engine import Engine, Run

MONDAY = "2026-03-02T09:00:00+01:00"


def run(tmp_path: Path, events: str, until: str | None = None, **ticket: object) -> Run:
    plan = load(write_plan(tmp_path, scenario("s", created=MONDAY, events=events, until=until, **ticket)))  # type: ignore[arg-type]
    return Engine.for_plan(plan).run(plan.scenarios["s"])


def status(result: Run) -> dict[str, tuple[str, str]]:
    zone = result.routed.zone
    return {name: (c.status, c.due.astimezone(zone).isoformat()) for name, c in result.clocks.items()}


@pytest.mark.parametrize(
    ("events", "until", "expected"),
    [
        ("[{at: +8h, do: respond}]", None, "met"),  # Monday 17:00: at the due time is met
        ("[{at: +24h, do: respond}]", None, "breached"),  # Tuesday 09:00 is after Monday 17:00
        ("[]", "+7h", "pending"),  # the scenario ends before the due time
        ("[]", "+8h", "pending"),  # ... or exactly at it
        ("[]", "+8h1m", "breached"),  # the clock passed the due time without a reply
    ],
)
def test_first_response(tmp_path: Path, events: str, until: str | None, expected: str) -> None:
    result = run(tmp_path, events, until)
    assert status(result)["first_response"] == (expected, "2026-03-02T17:00:00+01:00")


def test_each_customer_reply_opens_a_next_response_the_next_respond_closes(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        "[{at: +1h, do: respond}, {at: +2h, do: customer_reply}, {at: +3h, do: customer_reply},"
        " {at: +4h, do: respond}, {at: +26h, do: customer_reply}]",
        until="+5d",
    )
    clocks = result.clocks
    # the second reply at +3h joins the open clock: due 8h after +2h (Tuesday 11:00)
    # the last one opens a clock at Tuesday 11:00 that nobody answers: breached at the end
    assert clocks["next_response"].status == "breached"
    assert clocks["next_response"].due == datetime.fromisoformat("2026-03-04T11:00:00+01:00")
    answered = run(tmp_path / "2", "[{at: +1h, do: respond}, {at: +2h, do: customer_reply}, {at: +4h, do: respond}]")
    assert status(answered)["next_response"] == ("met", "2026-03-03T11:00:00+01:00")


def test_no_customer_reply_no_next_response_clock(tmp_path: Path) -> None:
    assert set(run(tmp_path, "[{at: +1h, do: respond}]").clocks) == {"first_response", "resolution"}


def test_resolution_is_met_when_a_final_state_is_reached(tmp_path: Path) -> None:
    result = run(tmp_path, "[{at: +1h, do: respond}, {at: +2h, do: resolve}]", until="+10d")
    assert status(result)["resolution"] == ("met", "2026-03-06T17:00:00+01:00")
    assert result.clocks["resolution"].stopped == datetime.fromisoformat("2026-03-02T11:00:00+01:00")


def test_a_pause_moves_the_due_time_by_the_open_time_spent_waiting(tmp_path: Path) -> None:
    # VIP billing, normal: resolution 24h, due Wednesday 17:00 without the pause.
    # Waiting from Monday 11:00 to Tuesday 09:00 is 6 open hours: due Thursday 15:00.
    result = run(
        tmp_path,
        "[{at: +1h, do: escalate}, {at: +2h, do: ask_customer}, {at: +24h, do: customer_reply},"
        " {at: +25h, do: respond}]",
        until="+2d",
        category="billing",
        value=80000,
    )
    assert result.routed.sla_policy == "vip" and result.path == (
        "triage",
        "billing-review",
        "waiting",
        "billing-review",
    )
    assert status(result) == {
        "first_response": ("breached", "2026-03-02T13:00:00+01:00"),  # the first reply came Tuesday
        "next_response": ("met", "2026-03-03T17:00:00+01:00"),
        "resolution": ("pending", "2026-03-05T15:00:00+01:00"),
    }


def test_a_clock_still_paused_at_the_end_is_pending_with_the_pause_so_far(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        "[{at: +1h, do: escalate}, {at: +2h, do: ask_customer}]",
        until="+24h",
        category="billing",
        value=80000,
    )
    clock = result.clocks["resolution"]
    assert (clock.status, clock.paused) == ("pending", True)
    assert clock.due == datetime.fromisoformat("2026-03-05T15:00:00+01:00")


def test_a_clock_run_out_before_the_pause_is_not_paused(tmp_path: Path) -> None:
    # resolution due Wednesday 17:00; the ticket starts waiting on Thursday
    result = run(
        tmp_path,
        "[{at: +1h, do: escalate}, {at: +72h, do: ask_customer}]",
        until="+7d",
        category="billing",
        value=80000,
    )
    assert status(result)["resolution"] == ("breached", "2026-03-04T17:00:00+01:00")
    assert not result.clocks["resolution"].paused


def test_the_trace_shows_the_clocks_at_each_step(tmp_path: Path) -> None:
    result = run(tmp_path, "[{at: +1h, do: respond}, {at: +2h, do: resolve}]")
    first, responded, resolved = result.trace
    assert first.clocks["first_response"].status == "pending"
    assert responded.clocks["first_response"].status == "met"
    assert resolved.clocks["resolution"].status == "met" and resolved.owner == "agent"


def test_without_a_policy_there_are_no_clocks(tmp_path: Path) -> None:
    folder = write_plan(tmp_path, scenario("s", created=MONDAY))
    edit(folder / "service.yaml", "  low: {first_response: 16h}\n", "")
    plan = load(folder)
    doc = plan.scenarios["s"]
    result = Engine.for_plan(plan).run(doc.model_copy(update={"ticket": {**doc.ticket, "priority": "low"}}))
    assert dict(result.clocks) == {}


@pytest.mark.parametrize(
    "events",
    [
        "[{at: +1h, do: escalate}, {at: +2h, do: ask_customer}, {at: +24h, do: customer_reply},"
        " {at: +25h, do: respond}, {at: +26h, do: customer_reply}, {at: +30h, do: ask_customer}]",
        "[{at: +1h, do: escalate}, {at: +72h, do: ask_customer}, {at: +73h, do: customer_reply}]",
        "[{at: +1h, do: respond}, {at: +2h, do: customer_reply}, {at: +3h, do: customer_reply}]",
    ],
)
def test_the_trace_replays_once_and_agrees_with_the_clocks_at_each_step(tmp_path: Path, events: str) -> None:
    result = run(tmp_path, events, until="+5d", category="billing", value=80000)
    assert [row.clocks for row in result.trace] == [
        result.clocks_at(i, record.at) for i, record in enumerate(result.records, start=1)
    ]
