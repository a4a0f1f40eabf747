"""Scenario checks: the names a ticket gives are text, or one finding says which is not."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import edit, findings

SCN = "scenarios/examples.yaml"
FIRST = "  channel: email\n  category: question\n  customer: {annual_value: 1200}"


@pytest.mark.parametrize(
    ("line", "where", "message"),
    [
        ("  channel: [email, chat]", (6, 12), "ticket channel should be a name, found a list"),
        ("  channel: {name: email}", (6, 12), "ticket channel should be a name, found a mapping"),
        ("  channel: email\n  workflow: {a: 1}", (7, 13), "ticket workflow should be a name, found a mapping"),
        ("  channel: email\n  segment: true", (7, 12), "ticket segment should be a name, found true (a boolean)"),
        ("  channel: email\n  priority: 1", (7, 13), "ticket priority should be a name, found 1 (a number)"),
        ("  channel: email\n  queue: [a]", (7, 10), "ticket queue should be a name, found a list"),
    ],
)
def test_a_ticket_name_that_is_not_text_is_one_finding(
    plan_dir: Path, line: str, where: tuple[int, int], message: str
) -> None:
    edit(plan_dir / SCN, FIRST, FIRST.replace("  channel: email", line))
    found = [d for d in findings(plan_dir) if d.severity.name == "ERROR"]
    assert [(d.line, d.col, d.code, d.message) for d in found] == [(*where, "ticket-value", message)]


def test_the_finding_says_how_to_write_it(plan_dir: Path) -> None:
    edit(plan_dir / SCN, FIRST, FIRST.replace("  channel: email", "  channel: [email, chat]"))
    assert [d.text for d in findings(plan_dir) if d.code == "ticket-value"] == [
        "ticket channel should be a name, found a list (write one name, like 'email')"
    ]


@pytest.mark.parametrize(
    ("path", "where", "text"),
    [
        (
            "[resolved]",
            (17, 10),
            "path should start with the initial state 'triage', found 'resolved' "
            "(a path lists the initial state first: write [triage, resolved])",
        ),
        (
            "[]",
            (17, 9),
            "path should start with the initial state 'triage', found an empty path "
            "(a path lists the initial state first: write [triage])",
        ),
    ],
)
def test_a_path_without_its_initial_state_is_found_where_it_is_written(
    plan_dir: Path, path: str, where: tuple[int, int], text: str
) -> None:
    edit(plan_dir / SCN, "  path: [triage, resolved]", f"  path: {path}")
    assert [(d.line, d.col, d.text) for d in findings(plan_dir) if d.code == "path-start"] == [(*where, text)]


@pytest.mark.parametrize("path", ["[triage, resolved]", "[triag, resolved]"])
def test_a_path_from_the_initial_state_or_an_unknown_one_is_no_path_start_finding(plan_dir: Path, path: str) -> None:
    edit(plan_dir / SCN, "  path: [triage, resolved]", f"  path: {path}")
    assert [d.code for d in findings(plan_dir) if d.code == "path-start"] == []
