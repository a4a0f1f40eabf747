"""The SLA matrix: policy × priority × target, each counted in a calendar's business hours."""

from __future__ import annotations

from typing import cast

from planops.handbook import markup
from planops.handbook.context import CHANNELS, Context
from planops.handbook.pages.segments import condition
from planops.model import SLAPolicy
from planops.model.service import Targets
from planops.model.types import PRIORITIES, TARGETS, Priority

TITLE = "SLA targets"
SUMMARY = (
    "The SLA matrix: for each policy and priority the first-response, next-response and "
    "resolution targets, and the calendar they count in."
)
TARGET_TITLES = {"first_response": "First response", "next_response": "Next response", "resolution": "Resolution"}


def render(ctx: Context) -> str:
    policies = ctx.plan.sla_policies
    if not policies:
        return markup.join("# SLA targets", "This plan sets no SLA targets.")
    return markup.join(
        "# SLA targets",
        _how_it_works(ctx),
        "## By priority {#by-priority}",
        "The first policy (top to bottom) whose condition matches the ticket applies. Pick the ticket's priority:",
        markup.tabs([(p.capitalize(), _priority_table(ctx, p)) for p in _priorities(policies)]),
        "## Policies {#policies}",
        *(_policy(ctx, p) for p in policies),
    )


def _priorities(policies: tuple[SLAPolicy, ...]) -> list[str]:
    used = {p for policy in policies for p in policy.targets}
    return [p for p in PRIORITIES if p in used]


def _how_it_works(ctx: Context) -> str:
    body = (
        "Targets count **business time** in the policy's calendar: nights, weekends and holidays "
        f"do not count (see {ctx.link('hours and holidays', CHANNELS)}). A ticket created while closed "
        "starts its clock at the next opening. *First response* is met by the first public reply, "
        "*next response* by the reply to each later customer message, and *resolution* when the workflow "
        "reaches a final state. Waiting on the customer pauses the clocks a workflow step names."
    )
    return markup.admonition("note", "How the SLA clock works", body)


def targets_cells(targets: Targets | None, business: bool = True) -> list[str]:
    """Each target's duration (its words for readers: "4 business hours"), or a dash."""
    values = [getattr(targets, t) if targets else None for t in TARGETS]
    return [markup.duration(v, business) if v is not None else "—" for v in values]


def _priority_table(ctx: Context, priority: str) -> str:
    rows = [
        [
            ctx.policy(p.name),
            condition(ctx, p.when, "every other ticket", cel=False),
            *targets_cells(p.targets.get(cast(Priority, priority)), p.calendar is not None),
            ctx.calendar(p.calendar),
        ]
        for p in ctx.plan.sla_policies
    ]
    header = ["Policy", "Applies when", *(TARGET_TITLES[t] for t in TARGETS), "Calendar"]
    title = f"{markup.text(priority.capitalize())} priority"
    caption = f"SLA targets of each policy for {markup.text(priority)}-priority tickets"
    return markup.table(header, rows, caption=caption, heading=(3, title))


def _policy(ctx: Context, policy: SLAPolicy) -> str:
    rows = [
        [markup.text(p.capitalize()), *targets_cells(policy.targets.get(p), policy.calendar is not None)]
        for p in PRIORITIES
        if p in policy.targets
    ]
    facts = [
        f"**Order:** {policy.order} · **applies when:** "
        + condition(ctx, policy.when, "every ticket no earlier policy took"),
        f"**Calendar:** {ctx.calendar(policy.calendar)}",
    ]
    if policy.owner:
        facts.append(f"**Owner:** {ctx.role(policy.owner)}")
    return markup.join(
        markup.heading(3, policy.label, f"policy-{policy.name}"),
        "  \n".join(facts),
        markup.block(policy.description),
        markup.table(
            ["Priority", *(TARGET_TITLES[t] for t in TARGETS)],
            rows,
            caption=f"SLA targets of policy {markup.label(policy.label)} by priority",
        ),
    )
