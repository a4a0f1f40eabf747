"""The pull-request comment stays readable and within GitHub's size limit."""

from __future__ import annotations

from tests.helpers.gitrepo import PLAN
from tests.review.test_semantic import compiled

from planops.output.diff import MAX_TICKET_ROWS, render
from planops.review.changes import Change
from planops.review.diff import DiffReport, Side, diff_sides
from planops.review.impact import TicketChange


def report_with(tickets: int, changes: int = 1) -> DiffReport:
    plan = compiled(PLAN)
    report = DiffReport(Side("main (1234567)", plan), Side("working tree", plan))
    report.changes = [
        Change("sla", "SLAPolicy", f"p{i}", "high first_response", "4h", "2h", "tightened") for i in range(changes)
    ]
    report.tickets = [TicketChange(f"t{i:04d}", "priority", "normal", "high") for i in range(tickets)]
    report.routed = tickets
    return report


def test_ticket_table_is_capped() -> None:
    text = render(report_with(MAX_TICKET_ROWS + 7))
    assert text.count("| `t") == MAX_TICKET_ROWS
    assert (
        f"{MAX_TICKET_ROWS + 7} of {MAX_TICKET_ROWS + 7} scenario tickets, routed through both versions (priority "
        f"{MAX_TICKET_ROWS + 7}):" in text
    )
    assert "… and 7 more (`planops diff --format json` lists them all)." in text


def test_comment_is_cut_to_fit() -> None:
    text = render(report_with(0, changes=5000), max_chars=10_000)
    assert len(text) <= 10_000
    assert text.endswith(
        "… (cut to fit a pull-request comment: `planops diff` prints everything, `--format json` for tools)\n"
    )
    assert text.startswith("<!-- planops-diff -->\n")


def test_wording_only_says_no_change_in_meaning_and_lists_it() -> None:
    old = compiled(PLAN)
    new = compiled(
        dict(
            PLAN,
            **{"workflows/dispute.yaml": PLAN["workflows/dispute.yaml"].replace("title: Triage", "title: First look")},
        )
    )
    report = diff_sides(Side("a", old), Side("b", new))
    assert report.warnings == []
    assert render(report).split("\n", 2)[2] == (
        "\n"
        "Version: 2026.1\n"
        "\n"
        "No change in meaning.\n"
        "\n"
        "### Titles and descriptions\n"
        "\n"
        "- Workflow `dispute` state `triage` title changed\n"
    )
