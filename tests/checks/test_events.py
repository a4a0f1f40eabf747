"""Scenario events that no state of the ticket's workflow accepts: an error at the event's do:."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import edit, findings, where

from planops.diagnostics import Severity

SCN = "scenarios/examples.yaml"


def test_a_misspelled_event_is_an_error_at_its_do_with_a_suggestion(plan_dir: Path) -> None:
    edit(plan_dir / SCN, "{at: +1h, do: resolve}", "{at: +1h, do: reslove}")
    found = [d for d in findings(plan_dir) if d.code == "event-not-accepted"]
    assert where(found, plan_dir) == [(SCN, 12, 19, "event-not-accepted")]
    assert found[0].severity is Severity.ERROR
    assert found[0].text == "no state of workflow 'support' accepts event 'reslove' (did you mean 'resolve'?)"


def test_the_workflow_is_the_one_routing_gives_when_the_scenario_names_none(plan_dir: Path) -> None:
    edit(plan_dir / SCN, "  workflow: support\n", "")
    edit(plan_dir / SCN, "{at: +1h, do: resolve}", "{at: +1h, do: approve}")
    found = [d for d in findings(plan_dir) if d.code == "event-not-accepted"]
    assert where(found, plan_dir) == [(SCN, 12, 19, "event-not-accepted")]
    assert found[0].text == (
        "no state of workflow 'support' accepts event 'approve' "
        "(its states accept: escalate, resolve; every state accepts respond and customer_reply)"
    )


def test_ticket_events_and_events_of_any_state_are_accepted(plan_dir: Path) -> None:
    edit(
        plan_dir / SCN,
        "  - {at: +1h, do: resolve}",
        "  - {at: +50m, do: customer_reply}\n  - {at: +55m, do: escalate}\n  - {at: +1h, do: resolve}",
    )
    assert [d for d in findings(plan_dir) if d.code == "event-not-accepted"] == []
