"""One page per workflow: its diagram, its states (owner, timer, events, guards), what the scenarios cover, and them."""

from __future__ import annotations

from planops.handbook import coverage, markup
from planops.handbook.context import Context
from planops.handbook.pages.segments import condition
from planops.handbook.pages.timers import TimerTables
from planops.model import Workflow
from planops.model.workflow import State

TITLE = "Workflows"
SUMMARY = "All escalation workflows: which routing rules send tickets to each, and where each starts."
TICKET_EVENT_NOTE = (
    "`respond` (a public reply) and `customer_reply` are accepted in every state; they stop or start "
    "SLA clocks without moving the ticket unless a step lists them."
)


def render_index(ctx: Context) -> str:
    rows = [
        [
            ctx.workflow(wf.name),
            ctx.state(wf.name, wf.initial),
            str(len(wf.states)),
            ctx.role(wf.owner),
            markup.item_list(_rules_to(ctx, wf.name)),
        ]
        for wf in ctx.plan.workflows.values()
    ]
    return markup.join(
        "# Workflows",
        "Each ticket follows the workflow its routing rule sets. A workflow is a set of steps; each step "
        "has an owner, the events it accepts and, sometimes, a timer that escalates on its own.",
        markup.table(["Workflow", "Starts in", "Steps", "Owner", "Routing rules"], rows) or "No workflows.",
    )


def render(ctx: Context, wf: Workflow, diagram: str) -> str:
    rules = _rules_to(ctx, wf.name)
    timers = TimerTables(ctx, wf)
    facts = [f"**Starts in:** {ctx.state(wf.name, wf.initial)}"]
    if wf.owner:
        facts.append(f"**Owner:** {ctx.role(wf.owner)}")
    cov = coverage.of(ctx, wf.name)
    return markup.join(
        markup.heading(1, wf.label),
        "  \n".join(facts),
        ("**Routing rules that send tickets here:**\n\n" + markup.bullets(rules)) if rules else "",
        markup.block(wf.description),
        "## Diagram {#diagram}",
        markup.code_block(coverage.marked(diagram, wf, cov), "mermaid"),
        coverage.legend(ctx, wf, cov),
        transitions(ctx, wf),
        "## Steps {#steps}",
        _overview(ctx, wf),
        markup.admonition("note", "Replies are always allowed", TICKET_EVENT_NOTE),
        *(_state(ctx, wf, name, state, timers) for name, state in wf.states.items()),
        coverage.section(ctx, wf),
        "## Worked examples {#examples}",
        _examples(ctx, wf.name),
    )


def transitions(ctx: Context, wf: Workflow) -> str:
    """The diagram as text: every step's ways out, in order (the diagram's text alternative)."""
    lines = []
    for name, state in wf.states.items():
        here = ctx.state(wf.name, name)
        if state.final:
            lines.append(f"{here} is a final step.")
        for event in state.on:
            branches = state.branches(event)
            for branch in branches:
                guard = "" if branch.when is None else condition(ctx, branch.when, "", cel=False).replace("<br>", "; ")
                when = f" when {guard}" if guard else (" otherwise" if len(branches) > 1 else "")
                lines.append(f"{here} → {ctx.state(wf.name, branch.to)} on {markup.code(event)}{when}")
        if state.timeout:
            lines.append(
                f"{here}: after {markup.duration(state.timeout.after)}, {markup.code(state.timeout.event)} fires"
            )
    start = (
        f"The diagram as a list: tickets start in {ctx.state(wf.name, wf.initial)}; each line is a step, "
        "the step an event moves the ticket to, and when."
    )
    return markup.join(start, markup.bullets(lines))


def _rules_to(ctx: Context, workflow: str) -> list[str]:
    routing = ctx.plan.routing
    return [ctx.rule(r.name) for r in (routing.rules if routing else ()) if r.set.workflow == workflow]


def _overview(ctx: Context, wf: Workflow) -> str:
    rows = [
        [
            ctx.state(wf.name, name),
            ctx.role(state.owner) or ("final" if state.final else "—"),
            _timer(state),
            ", ".join(markup.code(e) for e in state.on) or "—",
        ]
        for name, state in wf.states.items()
    ]
    return markup.table(["Step", "Owner", "Timer", "Accepts"], rows)


def _timer(state: State) -> str:
    if state.timeout is None:
        return "—"
    return f"after {markup.duration(state.timeout.after)} → {markup.code(state.timeout.event)}"


def _state(ctx: Context, wf: Workflow, name: str, state: State, timers: TimerTables) -> str:
    facts = []
    if state.owner:
        facts.append(f"**Owner:** {ctx.role(state.owner)}")
    if state.final:
        facts.append("**Final step:** the ticket is done here; the resolution target is met on arrival.")
    if state.timeout:
        facts.append(f"**Timer:** {_timer(state)} (business time in the ticket's calendar)")
    if state.pause:
        facts.append("**Paused SLA clocks:** " + ", ".join(markup.code(t) for t in state.pause))
    if name == wf.initial:
        facts.append("**Initial step:** every new ticket starts here.")
    return markup.join(
        markup.heading(3, state.title or name, f"state-{name}"),
        "  \n".join(facts),
        markup.block(state.description),
        timers.render(name, state),
        _events(ctx, wf, state),
    )


def _events(ctx: Context, wf: Workflow, state: State) -> str:
    rows = []
    for event in state.on:
        for branch in state.branches(event):
            rows.append(
                [
                    markup.code(event),
                    condition(ctx, branch.when, "always" if len(state.branches(event)) == 1 else "otherwise"),
                    ctx.state(wf.name, branch.to),
                ]
            )
    return markup.table(["Event", "When (guard)", "Leads to"], rows)


def _examples(ctx: Context, workflow: str) -> str:
    names = ctx.groups.get(workflow, [])
    if not names:
        return "No scenario exercises this workflow yet."
    return "\n".join(f"- {ctx.scenario(n)}: {coverage.result(ctx.runs.get(n))}" for n in names)
