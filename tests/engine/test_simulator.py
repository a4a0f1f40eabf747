"""The virtual clock: events and timers in time order, in business hours, without threads or sleeps."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from tests.helpers.smallplan import load, scenario, write_plan

from planops.engine import Engine, Run
from planops.engine.simulator import MAX_TIMER_EVENTS

LOOP = """
kind: Workflow
name: loop
initial: ping
states:
  ping: {owner: agent, on: {bounce: pong, stop: done}, timeout: {after: 1h, event: bounce}}
  pong: {owner: agent, on: {bounce: ping, stop: done}, timeout: {after: 1h, event: bounce}}
  done: {final: true}
"""


def run(tmp_path: Path, doc: str, **files: str) -> Run:
    plan = load(write_plan(tmp_path, doc, files={f"workflows/{k}.yaml": v for k, v in files.items()}))
    return Engine.for_plan(plan).run(next(iter(plan.scenarios.values())))


def moves(result: Run) -> list[tuple[str, str, str | None, bool]]:
    return [(r.at.astimezone(result.routed.zone).isoformat(), r.event, r.target, r.timer) for r in result.records[1:]]


def test_a_timer_runs_on_business_hours_across_the_weekend_and_the_clock_change(tmp_path: Path) -> None:
    # answer's 4h timer: Friday 16:00-17:00, then Monday 09:00-12:00 in summer time
    result = run(tmp_path, scenario("s", created="2026-03-27T16:00:00+01:00", until="+4d"))
    assert moves(result) == [("2026-03-30T12:00:00+02:00", "escalate", "lead-review", True)]
    assert (result.state, result.owner, result.path) == ("lead-review", "lead", ("answer", "lead-review"))


def test_a_timer_fires_only_while_the_ticket_is_in_its_state(tmp_path: Path) -> None:
    result = run(
        tmp_path, scenario("s", created="2026-03-02T09:00:00+01:00", until="+3d", events="[{at: +30m, do: resolve}]")
    )
    assert moves(result) == [("2026-03-02T09:30:00+01:00", "resolve", "resolved", False)]


def test_entering_a_state_again_arms_its_timer_again(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        scenario(
            "s",
            created="2026-03-02T09:00:00+01:00",
            until="+10h",
            events="[{at: +1h, do: escalate}, {at: +2h, do: reassign}]",
        ),
    )
    assert moves(result) == [
        ("2026-03-02T10:00:00+01:00", "escalate", "lead-review", False),
        ("2026-03-02T11:00:00+01:00", "reassign", "answer", False),
        ("2026-03-02T15:00:00+01:00", "escalate", "lead-review", True),  # 4h after re-entering, not after created
    ]


def test_on_a_tie_the_event_comes_before_the_timer(tmp_path: Path) -> None:
    result = run(
        tmp_path, scenario("s", created="2026-03-02T09:00:00+01:00", until="+1d", events="[{at: +4h, do: resolve}]")
    )
    assert moves(result) == [("2026-03-02T13:00:00+01:00", "resolve", "resolved", False)]


def test_a_timer_due_exactly_at_until_fires(tmp_path: Path) -> None:
    result = run(tmp_path, scenario("s", created="2026-03-02T09:00:00+01:00", until="+4h"))
    assert moves(result) == [("2026-03-02T13:00:00+01:00", "escalate", "lead-review", True)]
    assert result.end == datetime.fromisoformat("2026-03-02T13:00:00+01:00")


def test_extra_closed_dates_stop_the_timer(tmp_path: Path) -> None:
    # 2026-12-24 is closed in the small plan's calendar: Wednesday 16:00-17:00, then Friday 09:00-12:00
    result = run(tmp_path, scenario("s", created="2026-12-23T16:00:00+01:00", until="+3d"))
    assert moves(result)[0][0] == "2026-12-25T12:00:00+01:00"


def test_ticket_events_are_taken_in_every_state_without_moving(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        scenario(
            "s", created="2026-03-02T09:00:00+01:00", events="[{at: +5m, do: respond}, {at: +10m, do: customer_reply}]"
        ),
    )
    assert moves(result) == [
        ("2026-03-02T09:05:00+01:00", "respond", None, False),
        ("2026-03-02T09:10:00+01:00", "customer_reply", None, False),
    ]
    assert result.problem is None


def test_an_event_the_state_does_not_accept_stops_the_run_and_names_what_it_accepts(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        scenario(
            "s",
            created="2026-03-02T09:00:00+01:00",
            until="+1d",
            events="[{at: +1h, do: reassign}, {at: +2h, do: resolve}]",
        ),
    )
    assert result.problem == (
        "event 'reassign' at 2026-03-02T10:00:00+01:00 is not accepted in state 'answer' "
        "(it accepts: resolve, escalate, respond, customer_reply)"
    )
    assert result.end == datetime.fromisoformat("2026-03-02T09:00:00+00:00") and len(result.records) == 1


def test_timers_bouncing_forever_stop_at_a_bound_naming_the_loop(tmp_path: Path) -> None:
    doc = """
        kind: Scenario
        name: loop
        ticket: {channel: chat, created: 2026-03-02T09:00:00+01:00, priority: normal, queue: front, workflow: loop}
        until: +100d
        """
    result = run(tmp_path, doc, loop=LOOP)
    assert result.problem == (
        "timers keep firing in a loop: ping → pong → ping (timer events: bounce); stopped after "
        f"{MAX_TIMER_EVENTS}: give the loop a way out or end the scenario earlier with until:"
    )
    assert sum(r.timer for r in result.records) == MAX_TIMER_EVENTS


def test_a_bounded_bounce_is_not_a_loop(tmp_path: Path) -> None:
    doc = """
        kind: Scenario
        name: loop
        ticket: {channel: chat, created: 2026-03-02T09:00:00+01:00, priority: normal, queue: front, workflow: loop}
        events: [{at: +5h30m, do: stop}]
        """
    result = run(tmp_path, doc, loop=LOOP)
    assert [r.target for r in result.records[1:]] == ["pong", "ping", "pong", "ping", "pong", "done"]
    assert result.problem is None


@pytest.mark.parametrize(
    ("amount", "path"), [(900.0, ("triage", "manager-approval")), (100.0, ("triage", "billing-review"))]
)
def test_a_timer_takes_the_branch_the_ticket_matches(tmp_path: Path, amount: float, path: tuple[str, ...]) -> None:
    result = run(
        tmp_path, scenario("s", created="2026-03-02T09:00:00+01:00", category="billing", amount=amount, until="+2h")
    )
    assert result.path == path and result.records[-1].timer


HOLD = """
kind: Workflow
name: general
initial: answer
states:
  answer:
    owner: agent
    on: {resolve: resolved, escalate: lead-review, hold: answer}
    timeout: {after: 4h, event: escalate}
  lead-review:
    owner: lead
    on: {resolve: resolved, reassign: answer}
  resolved:
    final: true
"""


def test_the_path_of_a_ticket_nothing_moves_is_its_initial_state(tmp_path: Path) -> None:
    result = run(tmp_path, scenario("s", created="2026-03-02T09:00:00+01:00", events="[{at: +1h, do: respond}]"))
    assert result.path == ("answer",)


def test_a_state_entered_again_is_listed_again_the_initial_one_too(tmp_path: Path) -> None:
    events = "[{at: +1h, do: escalate}, {at: +2h, do: reassign}, {at: +3h, do: resolve}]"
    result = run(tmp_path, scenario("s", created="2026-03-02T09:00:00+01:00", events=events))
    assert result.path == ("answer", "lead-review", "answer", "resolved")


def test_a_transition_to_the_same_state_is_listed_again_and_restarts_its_timer(tmp_path: Path) -> None:
    # Monday 09:00: held at 12:00, so the 4h timer runs from 12:00 (due 16:00), not from 09:00 (due 13:00)
    doc = scenario("s", created="2026-03-02T09:00:00+01:00", events="[{at: +3h, do: hold}]", until="+8h")
    result = run(tmp_path, doc, general=HOLD)
    assert result.path == ("answer", "answer", "lead-review")
    assert moves(result) == [
        ("2026-03-02T12:00:00+01:00", "hold", "answer", False),
        ("2026-03-02T16:00:00+01:00", "escalate", "lead-review", True),
    ]
