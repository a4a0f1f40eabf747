"""A diff report (``planops diff``) as Markdown for a pull-request comment, or as JSON for tools.

GitHub renders the Mermaid diagrams. Every value in the comment is escaped
(``planops.output.escape``): a name, queue or git label cannot add HTML, a
heading, a link, an image or a mention to it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from planops.kinds import DIFF_SECTIONS
from planops.model import Workflow
from planops.output import Printed
from planops.output.changes import describe
from planops.output.escape import html_text, json_text, md_code, md_start, md_text, text_lines
from planops.review.changes import Change
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
    lines = [MARKER, f"## Plan changes: {md_code(report.base.label)} → {md_code(report.head.label)}", ""]
    broken = report.broken()
    if broken is not None:
        name, side = broken
        reason = f"the {name} plan {md_code(side.label)} does not load: {md_text(side.error or '', start=False)}"
        return "\n".join([*lines, f"Cannot compare: {reason}", ""])
    lines += _version(report)
    for warning in report.warnings:
        lines += ["> [!WARNING]", f"> {md_start(warning)}", ""]
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
        return [f"Version: {md_text(after, start=False)}", ""] if after else []
    return [f"Version: {md_text(before or 'none', start=False)} → {md_text(after or 'none', start=False)}", ""]


def _group(title: str, changes: list[Change]) -> list[str]:
    if not changes:
        return []
    return [f"### {title}", "", *(f"- {describe(c)}" for c in changes), ""]


def _tickets(report: DiffReport) -> list[str]:
    if not report.tickets:
        return []
    count = len(dict.fromkeys(t.scenario for t in report.tickets))
    fields = Counter(t.field for t in report.tickets)
    by_field = ", ".join(f"{md_text(name, start=False)} {n}" for name, n in fields.items())
    lines = [
        "### Tickets that now route differently",
        "",
        f"{count} of {report.routed} scenario tickets, routed through both versions ({by_field}):",
        "",
        "| Scenario | What | Before | After |",
        "|---|---|---|---|",
    ]
    lines += [_row(t) for t in report.tickets[:MAX_TICKET_ROWS]]
    more = len(report.tickets) - MAX_TICKET_ROWS
    if more > 0:
        lines += ["", f"… and {more} more (`planops diff --format json` lists them all)."]
    return [*lines, ""]


def _row(change: TicketChange) -> str:
    cells = (
        md_code(change.scenario, in_table=True),
        *(md_text(cell, start=False) for cell in (change.field, change.before, change.after)),
    )
    return "| " + " | ".join(cells) + " |"


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
    lines = ["<details>", f"<summary>Workflow <code>{html_text(name)}</code>: before and after</summary>", ""]
    for title, workflow, marked in (("Before", old, before), ("After", new, after)):
        lines += [f"**{title}**", ""]
        lines += _fenced(workflow, marked) if workflow else ["(no such workflow)", ""]
    return [*lines, "</details>", ""]


def _fenced(workflow: Workflow, highlight: Iterable[str]) -> list[str]:
    return ["```mermaid", *state_diagram(workflow, highlight).splitlines(), "```", ""]


def _notes(report: DiffReport) -> str:
    """For people on standard error: why the versions could not be compared, and the warnings."""
    failed = [f"planops diff: {report.failed}"] if report.failed else []
    return text_lines([*failed, *(f"planops diff: warning: {w}" for w in report.warnings)])


FORMATS: dict[str, Callable[[DiffReport], Printed]] = {
    "markdown": lambda report: Printed(render(report).removesuffix("\n"), _notes(report)),
    "json": lambda report: Printed(json_text(report.as_dict()), _notes(report)),
}
