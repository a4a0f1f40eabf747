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
