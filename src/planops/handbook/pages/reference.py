"""Reference: the ticket fields, the scenarios' coverage total, and every validation code with a bad example."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planops.diagnostics import Code
from planops.handbook import coverage, markup
from planops.handbook.context import Context

if TYPE_CHECKING:
    from planops.ticketfields import TicketField

TITLE = "Validation reference"
SUMMARY = (
    "The ticket fields expressions may read, how much of the workflows the scenarios cover, and every finding "
    "`planops validate` can report: its code, severity, what it means and a plan snippet that triggers it."
)


def render(ctx: Context) -> str:
    from planops.checks import CODES

    codes = sorted(CODES.values(), key=lambda c: c.code)
    rows = [[ctx.link(markup.code(c.code), ctx.uri, c.code), str(c.severity), _summary(c.summary)] for c in codes]
    return markup.join(
        "# Validation reference",
        _fields(ctx),
        coverage.total(ctx),
        markup.heading(2, "Finding codes", "codes"),
        "`planops validate` (and the handbook build) report findings as "
        "`file:line:col: severity[code]: message`. These are all the codes.",
        markup.table(["Code", "Severity", "Meaning"], rows),
        *(_code(c) for c in codes),
    )


def _fields(ctx: Context) -> str:
    """Every field a ticket of this plan may carry: what expressions, scenarios and `route` are checked against."""
    from planops.ticketfields import walk

    rows = [
        [
            markup.code(f"ticket.{name}"),
            markup.text(_type(f)),
            _values(f),
            "yes" if f.builtin else "no",
            markup.text(f.description),
        ]
        for name, f in walk(ctx.plan.ticket_schema.fields)
    ]
    return markup.join(
        markup.heading(2, "Ticket fields", "ticket-fields"),
        "What a ticket may carry. Expressions (`when:`) may read these and no others; scenario tickets and "
        "`planops route` tickets are checked against them. Built-in fields are known to planops; the plan "
        "declares more under `ticket_fields:` in its Plan, and may list a built-in field's allowed values.",
        markup.table(["Field", "Type", "Allowed values", "Built in", "Meaning"], rows),
    )


def _type(f: TicketField) -> str:
    if f.type == "list":
        return f"list of {f.items}"
    if f.type == "map" and f.fields is None:
        return "map (any fields)"
    return f.type


def _values(f: TicketField) -> str:
    if not f.values:
        return "any"
    shown = ", ".join(markup.code(v) for v in f.values[:30])
    return shown + (f" and {len(f.values) - 30} more" if len(f.values) > 30 else "")


def _summary(summary: str) -> str:
    return markup.inline(summary)


def _code(code: Code) -> str:
    parts = [markup.heading(2, code.code, code.code), f"**{code.severity}** — {markup.inline(code.summary)}"]
    if code.example:
        parts.append(markup.code_block(code.example, "yaml"))
    return markup.join(*parts)
