"""Mermaid state diagrams of workflows: exact output, safe ids, escaped labels."""

from __future__ import annotations

from tests.helpers.gitrepo import PLAN
from tests.review.test_semantic import compiled

from planops.model import Workflow
from planops.review.mermaid import escape, safe_id, state_diagram, state_ids

DISPUTE = """\
stateDiagram-v2
    state "Triage (agent)" as triage
    state "review (billing-lead)" as review
    state "approval (lead)" as approval
    state "resolved" as resolved
    [*] --> triage
    triage --> resolved: resolve
    triage --> approval: escalate after 2h #91;ticket.amount #62; 500.0#93;
    triage --> review: escalate after 2h
    review --> resolved: resolve
    approval --> resolved: approve
    approval --> resolved: reject
    resolved --> [*]
"""


def dispute() -> Workflow:
    return compiled(PLAN).workflows["dispute"]


def test_state_diagram() -> None:
    assert state_diagram(dispute()) == DISPUTE


def test_highlighted_states_in_workflow_order() -> None:
    text = state_diagram(dispute(), highlight={"resolved", "triage", "no-such-state"})
    assert text.endswith(
        "    classDef changed fill:#fff3bf,stroke:#e67700,stroke-width:2px\n    class triage, resolved changed\n"
    )


def test_without_owners() -> None:
    assert '    state "Triage" as triage\n' in state_diagram(dispute(), owners=False)


def test_ids_are_safe_and_distinct() -> None:
    workflow = Workflow(
        name="odd",
        initial="end",
        states={
            "end": {"on": {"go": "a-b"}},
            "a-b": {"on": {"go": "a_b"}},
            "a_b": {"on": {"go": "1st"}},
            "1st": {"final": True},
        },
    )
    assert state_ids(workflow) == {"end": "s_end", "a-b": "a_b", "a_b": "a_b_2", "1st": "s_1st"}
    text = state_diagram(workflow)
    assert "    [*] --> s_end\n    s_end --> a_b: go\n    a_b --> a_b_2: go\n    a_b_2 --> s_1st: go\n" in text


def test_labels_escape_mermaid_syntax() -> None:
    assert escape('ticket.tags.exists(t, t == "vip") && a > 1; b: {c} #x %%') == (
        "ticket.tags.exists(t, t == #34;vip#34;) #38;#38; a #62; 1#59; b#58; #123;c#125; #35;x #37;#37;"
    )
    assert escape("two\n  lines") == "two lines"
    assert safe_id("Ünïcode state") == "_n_code_state"
