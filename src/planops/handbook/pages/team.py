"""Team: roles by tier, the queues they serve, and who to escalate to."""

from __future__ import annotations

from planops.handbook import markup
from planops.handbook.context import Context
from planops.model.team import Role, Team

TITLE = "Team and escalation"
SUMMARY = "Every role with tier, headcount, queues and escalation contacts, and which workflow steps each role owns."


def render(ctx: Context) -> str:
    teams = list(ctx.plan.teams.values())
    if not teams:
        return markup.join("# Team and escalation", "This plan has no team.")
    return markup.join(
        "# Team and escalation",
        _contacts(ctx),
        _queues(ctx),
        *(_team(ctx, t) for t in teams),
    )


def _contacts(ctx: Context) -> str:
    contacts = sorted((r for r in ctx.plan.roles.values() if r.escalation_contact), key=lambda r: (r.tier, r.name))
    if not contacts:
        return ""
    rows = [
        [ctx.role(r.name), str(r.tier), markup.text(r.github or "—"), ctx.role(r.reports_to) or "—"] for r in contacts
    ]
    body = markup.table(["Contact", "Tier", "GitHub", "Reports to"], rows)
    return markup.join(
        "## Escalation contacts {#escalation-contacts}",
        markup.admonition(
            "tip",
            "Escalate through the workflow",
            "Move the ticket to the next workflow step first; these are the people to reach when a ticket is on fire.",
        ),
        body,
    )


def _queues(ctx: Context) -> str:
    queues = sorted(ctx.plan.queues)
    if not queues:
        return ""
    rows = [
        [
            markup.anchored(q, f"queue-{q}"),
            markup.item_list([ctx.role(r.name) for r in ctx.plan.roles.values() if q in r.queues]),
        ]
        for q in queues
    ]
    return markup.join("## Queues {#queues}", markup.table(["Queue", "Served by"], rows))


def _team(ctx: Context, team: Team) -> str:
    roles = sorted(team.roles, key=lambda r: (r.tier, r.name))
    rows = [
        [
            ctx.role(r.name),
            str(r.tier),
            f"{r.headcount:g}",
            markup.item_list([ctx.queue(q) for q in r.queues]),
            "yes" if r.escalation_contact else "no",
        ]
        for r in roles
    ]
    return markup.join(
        markup.heading(2, team.label, f"team-{team.name}"),
        markup.block(team.description),
        markup.table(["Role", "Tier", "Headcount", "Queues", "Escalation contact"], rows),
        *(_role(ctx, r) for r in roles),
    )


def _role(ctx: Context, role: Role) -> str:
    facts = [f"**Tier** {role.tier} · **headcount** {role.headcount:g}"]
    if role.reports_to:
        facts.append(f"**Reports to:** {ctx.role(role.reports_to)}")
    if role.github:
        facts.append(f"**GitHub:** {markup.code(role.github)}")
    steps = _owned_steps(ctx, role.name)
    owns = ("**Owns:**\n\n" + markup.bullets(steps)) if steps else ""
    title = role.title + (" · escalation contact" if role.escalation_contact else "")
    return markup.join(
        markup.heading(3, title, f"role-{role.name}"), "  \n".join(facts), owns, markup.block(role.description)
    )


def _owned_steps(ctx: Context, role: str) -> list[str]:
    links = [
        ctx.state(wf.name, name) + f" ({ctx.workflow(wf.name)})"
        for wf in ctx.plan.workflows.values()
        for name, state in wf.states.items()
        if state.owner == role
    ]
    return links
