"""Home: the plan at a glance — title, version, vision, goals with KPI targets, review status."""

from __future__ import annotations

from planops.handbook import markup, parameters
from planops.handbook.context import KPIS, REVIEW, Context
from planops.handbook.pages.kpis import target_text
from planops.handbook.pages.review import manifest_status

TITLE = "Home"
SUMMARY = "The plan at a glance: version, effective date, vision, goals with their KPI targets and review status."


def render(ctx: Context) -> str:
    plan = ctx.plan.manifest
    if plan is None:
        return markup.join("# Customer service handbook", "This plan has no `kind: Plan` manifest yet.")
    facts = markup.table(
        ["Version", "Effective from", "Owner", "Review"],
        [
            [
                markup.text(plan.version),
                plan.effective.isoformat(),
                ctx.role(plan.owner),
                ctx.link(manifest_status(ctx), REVIEW),
            ]
        ],
    )
    return markup.join(
        markup.heading(1, plan.title),
        facts,
        _vision(plan.vision),
        markup.block(plan.description),
        _goals(ctx),
        parameters.section(ctx),
        _where(ctx),
    )


def _vision(vision: str | None) -> str:
    if not vision:
        return ""
    return markup.join("## Vision {#vision}", markup.block(vision, "planops-text planops-vision"))


def _goals(ctx: Context) -> str:
    plan = ctx.plan.manifest
    if plan is None or not plan.goals:
        return ""
    rows = []
    for goal in plan.goals:
        kpis = [ctx.plan.kpis[k] for k in goal.kpis if k in ctx.plan.kpis]
        measured = "<br>".join(f"{ctx.kpi(k.name)}: {target_text(k)}" for k in kpis)
        rows.append([markup.text(goal.statement), measured])
    return markup.join("## Goals {#goals}", markup.table(["Goal", "Measured by (target)"], rows))


def _where(ctx: Context) -> str:
    from planops.handbook.context import CHANNELS, ROUTING, SLA, TEAM, WORKFLOWS

    items = [
        ("A new ticket: which priority, queue and workflow?", ROUTING),
        ("How fast must I answer?", SLA),
        ("When are we open?", CHANNELS),
        ("What do I do next with this ticket?", WORKFLOWS),
        ("Who do I escalate to?", TEAM),
        ("What do the targets mean?", KPIS),
    ]
    lines = [f"- {ctx.link(markup.text(q), uri)}" for q, uri in items]
    return markup.join("## Where to look {#where-to-look}", "\n".join(lines))
