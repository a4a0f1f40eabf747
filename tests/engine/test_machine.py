"""Workflows compiled into real `transitions` machines: built once, ordered branches, no auto transitions."""

from __future__ import annotations

from typing import Any

import pytest
from transitions import Machine

from planops.engine.machine import Token, compile_workflow
from planops.engine.rules import Predicate
from planops.engine.tickets import TicketView
from planops.model import Workflow


def workflow(states: dict[str, Any], initial: str = "triage") -> Workflow:
    return Workflow(name="wf", initial=initial, states=states)


DISPUTE = workflow(
    {
        "triage": {
            "owner": "agent",
            "on": {
                "resolve": "resolved",
                "escalate": [
                    {"to": "manager", "when": "ticket.amount > 500.0"},
                    {"to": "review", "when": "ticket.category == 'billing'"},
                    {"to": "manager"},
                ],
                "park": [{"to": "review", "when": "ticket.amount > 10000.0"}],
            },
            "timeout": {"after": "2h", "event": "escalate"},
        },
        "review": {"owner": "specialist", "on": {"resolve": "resolved", "state": "triage", "trigger": "review"}},
        "manager": {"owner": "lead", "on": {"approve": "resolved"}, "pause": ["resolution"]},
        "resolved": {"final": True},
    }
)


def fire(event: str, state: str = "triage", **ticket: Any) -> tuple[int | None, str]:
    compiled = compile_workflow(DISPUTE)
    token = Token(state)
    branch = compiled.fire(token, event, TicketView(ticket))
    return branch, token.state


def test_it_is_a_transitions_machine_without_auto_transitions() -> None:
    compiled = compile_workflow(DISPUTE)
    assert isinstance(compiled.machine, Machine)
    assert set(compiled.machine.events) == {"resolve", "escalate", "park", "state", "trigger", "approve"}
    assert not any(name.startswith("to_") for name in compiled.machine.events)
    assert compiled.machine.get_state("resolved").final and not compiled.machine.get_state("triage").final


def test_what_the_simulator_reads_about_each_state() -> None:
    compiled = compile_workflow(DISPUTE)
    assert compiled.owners == {"triage": "agent", "review": "specialist", "manager": "lead", "resolved": None}
    assert compiled.timers["triage"][1] == "escalate" and "review" not in compiled.timers
    assert compiled.pauses["manager"] == {"resolution"} and compiled.finals == {"resolved"}
    assert compiled.accepted("triage") == ("resolve", "escalate", "park", "respond", "customer_reply")


@pytest.mark.parametrize(
    ("ticket", "expected"),
    [
        ({"amount": 900.0, "category": "billing"}, (0, "manager")),  # the first branch that matches wins
        ({"amount": 100.0, "category": "billing"}, (1, "review")),
        ({"amount": 100.0, "category": "tech"}, (2, "manager")),  # the last, unconditional one
        ({}, (2, "manager")),  # a field the ticket lacks does not match
    ],
)
def test_ordered_branches_first_match_wins(ticket: dict[str, Any], expected: tuple[int, str]) -> None:
    assert fire("escalate", **ticket) == expected


def test_no_branch_matches_and_the_ticket_stays() -> None:
    assert fire("park", amount=5.0) == (None, "triage")
    assert fire("park", amount=20000.0) == (0, "review")


def test_events_named_like_model_attributes_still_fire() -> None:
    # the token holds nothing but `state`, and no trigger methods are bound to it
    assert fire("state", "review") == (0, "triage")
    assert fire("trigger", "review") == (0, "review")
    assert Token.__slots__ == ("_state",)


def test_one_machine_serves_many_tickets() -> None:
    compiled = compile_workflow(DISPUTE)
    tokens = [Token("triage") for _ in range(3)]
    for token, amount in zip(tokens, (900.0, 1.0, 700.0), strict=True):
        compiled.fire(token, "escalate", TicketView({"amount": amount}))
    assert [t.state for t in tokens] == ["manager", "manager", "manager"]
    assert compiled.machine.models == []


def test_same_guard_text_is_one_predicate_across_workflows() -> None:
    shared: dict[str, Predicate] = {}
    first, second = compile_workflow(DISPUTE, shared), compile_workflow(DISPUTE, shared)
    assert first.guards[("triage", "escalate")][0] is second.guards[("triage", "escalate")][0]
    assert set(shared) == {"ticket.amount > 500.0", "ticket.category == 'billing'", "ticket.amount > 10000.0"}


def test_two_branches_to_the_same_state_are_told_apart() -> None:
    compiled = compile_workflow(
        workflow(
            {
                "a": {
                    "on": {
                        "go": [{"to": "b", "when": "ticket.x == 1"}, {"to": "b", "when": "ticket.y == 1"}, {"to": "c"}]
                    }
                },
                "b": {"final": True},
                "c": {"final": True},
            },
            initial="a",
        )
    )
    for ticket, branch in (({"x": 1}, 0), ({"y": 1}, 1), ({}, 2)):
        token = Token("a")
        assert compiled.fire(token, "go", TicketView(ticket)) == branch
