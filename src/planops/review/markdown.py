"""A diff report as Markdown for a pull-request comment (GitHub renders the Mermaid)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from planops.kinds import DIFF_SECTIONS
from planops.model import Workflow
from planops.review.changes import Change
from planops.review.describe import describe
from planops.review.diff import DiffReport
from planops.review.impact import TicketChange
from planops.review.mermaid import state_diagram
from planops.review.semantic import version
from planops.review.workflows import changed_states

MARKER = "<!-- planops-diff -->"

MAX_TICKET_ROWS = 50
MAX_DIAGRAMS = 10
MAX_CHARS = 60_000  # GitHub refuses comments over 65,536 characters
_CUT = "… (cut to fit a pull-request comment: `planops diff` prints everything, `--format json` for tools)"


def render(report: DiffReport, *, max_chars: int = MAX_CHARS) -> str:
    """The whole comment: heading, warnings, changes by group, tickets, diagrams; at most ``max_chars``."""
    text = _render(report, diagrams=True)
    if len(text) > max_chars:
        text = _render(report, diagrams=False)
    if len(text) > max_chars:
        text = text[: text.rfind("\n", 0, max_chars - len(_CUT) - 2) + 1] + _CUT + "\n"
    return text


def _render(report: DiffReport, *, diagrams: bool) -> str:
    lines = [MARKER, f"## Plan changes: `{report.base.label}` → `{report.head.label}`", ""]
    if report.failed:
        return "\n".join([*lines, f"Cannot compare: {report.failed}", ""])
    lines += _version(report)
    for warning in report.warnings:
        lines += ["> [!WARNING]", f"> {warning}", ""]
    if not any(c.material for c in report.changes) and not report.tickets:
        lines += ["No change in meaning.", ""]
    for group, title in DIFF_SECTIONS.items():
        lines += _group(title, [c for c in report.changes if c.kind == group])
        if group == "routing":
            lines += _tickets(report)
    if diagrams:
        lines += _diagrams(report)
    return "\n".join(lines).rstrip("\n") + "\n"


def _version(report: DiffReport) -> list[str]:
    before = version(report.base.plan) if report.base.plan else None
    after = version(report.head.plan) if report.head.plan else None
    if before == after:
        return [f"Version: {after}", ""] if after else []
    return [f"Version: {before or 'none'} → {after or 'none'}", ""]


def _group(title: str, changes: list[Change]) -> list[str]:
    if not changes:
        return []
    return [f"### {title}", "", *(f"- {describe(c)}" for c in changes), ""]


def _tickets(report: DiffReport) -> list[str]:
    if not report.tickets:
        return []
    count = len(dict.fromkeys(t.scenario for t in report.tickets))
    fields = Counter(t.field for t in report.tickets)
    by_field = ", ".join(f"{name} {n}" for name, n in fields.items())
    lines = ["### Tickets that now route differently", "",
             f"{count} of {report.routed} scenario tickets, routed through both versions ({by_field}):", "",
             "| Scenario | What | Before | After |", "|---|---|---|---|"]
    lines += [_row(t) for t in report.tickets[:MAX_TICKET_ROWS]]
    more = len(report.tickets) - MAX_TICKET_ROWS
    if more > 0:
        lines += ["", f"… and {more} more (`planops diff --format json` lists them all)."]
    return [*lines, ""]


def _row(change: TicketChange) -> str:
    cells = (f"`{change.scenario}`", change.field, change.before, change.after)
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _diagrams(report: DiffReport) -> list[str]:
    names = list(dict.fromkeys(c.object for c in report.changes if c.kind == "workflow" and c.material))
    old = report.base.plan.workflows if report.base.plan else {}
    new = report.head.plan.workflows if report.head.plan else {}
    lines: list[str] = []
    for name in names[:MAX_DIAGRAMS]:
        lines += diagram_pair(name, old.get(name), new.get(name))
    if len(names) > MAX_DIAGRAMS:
        lines += [f"Diagrams of {len(names) - MAX_DIAGRAMS} more changed workflows are left out.", ""]
    return lines


def diagram_pair(name: str, old: Workflow | None, new: Workflow | None) -> list[str]:
    """A folded before/after pair of diagrams, changed states highlighted."""
    before, after = changed_states(old, new)
    lines = ["<details>", f"<summary>Workflow <code>{name}</code>: before and after</summary>", ""]
    for title, workflow, marked in (("Before", old, before), ("After", new, after)):
        lines += [f"**{title}**", ""]
        lines += _fenced(workflow, marked) if workflow else ["(no such workflow)", ""]
    return [*lines, "</details>", ""]


def _fenced(workflow: Workflow, highlight: Iterable[str]) -> list[str]:
    return ["```mermaid", *state_diagram(workflow, highlight).splitlines(), "```", ""]
