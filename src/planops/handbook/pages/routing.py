"""Routing: the ordered decision table a new ticket goes through."""

from __future__ import annotations

from planops.handbook import markup
from planops.handbook.context import Context
from planops.handbook.pages.segments import condition
from planops.model.service import Assignment

TITLE = "Routing"
SUMMARY = "The routing rules as an ordered decision table: condition, priority, queue and workflow for each."


def render(ctx: Context) -> str:
    routing = ctx.plan.routing
    if routing is None:
        return markup.join("# Routing", "This plan has no routing rules.")
    rows = []
    for i, rule in enumerate(routing.rules, 1):
        rows.append(
            [
                f"{i}. {markup.anchored(rule.name, f'rule-{rule.name}')}",
                condition(ctx, rule.when, "any ticket (the default)"),
                _sets(ctx, rule.set),
                markup.inline(rule.description),
            ]
        )
    return markup.join(
        markup.heading(1, routing.title or "Routing"),
        markup.block(routing.description),
        markup.admonition(
            "info",
            "How to read this table",
            "Rules are tried top to bottom when a ticket is created; the **first** rule whose condition "
            "matches sets the priority, queue and workflow. Values a ticket already has are kept.",
        ),
        markup.table(["Rule", "When", "Sets", "Why"], rows),
    )


def _sets(ctx: Context, assignment: Assignment) -> str:
    parts = []
    if assignment.priority:
        parts.append(f"priority {markup.strong(markup.text(assignment.priority))}")
    if assignment.queue:
        parts.append(f"queue {ctx.queue(assignment.queue)}")
    if assignment.workflow:
        parts.append(f"workflow {ctx.workflow(assignment.workflow)}")
    return "<br>".join(parts)
