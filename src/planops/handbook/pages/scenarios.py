"""Worked examples: each scenario run through the engine — ticket, timeline, outcome and due times."""

from __future__ import annotations

from collections.abc import Mapping

from planops.engine import Outcome, Run
from planops.handbook import markup
from planops.handbook.context import Context, examples_uri
from planops.handbook.coverage import reasons
from planops.handbook.examples import flatten
from planops.handbook.pages.sla import TARGET_TITLES
from planops.model import Scenario
from planops.output.values import when, zone_name

TITLE = "Worked examples"
SUMMARY = "Every scenario as a worked example, grouped by workflow: the ticket, what happened when, and the outcome."
_STATUS = {"met": "met", "breached": "<strong>breached</strong>", "pending": "<em>pending</em>"}


def render_index(ctx: Context, grouped: Mapping[str | None, list[str]]) -> str:
    rows = [
        [
            ctx.link(markup.text(_group_title(ctx, w)), examples_uri(w)),
            str(len(names)),
            markup.item_list([ctx.scenario(n) for n in names[:8]] + (["…"] if len(names) > 8 else [])),
        ]
        for w, names in grouped.items()
    ]
    return markup.join(
        "# Worked examples",
        "Each example is a sample ticket from the plan's scenarios, **run through the plan** when this "
        "handbook was built: the routing, every step and timer, and the SLA due times below are computed, "
        "not written by hand. A path lists every state the ticket was in, in order, the initial state first; "
        "the notes are the scenario's own.",
        markup.table(["Workflow", "Examples", "Tickets"], rows) or "No scenarios yet.",
    )


def _group_title(ctx: Context, workflow: str | None) -> str:
    return ctx.plan.workflows[workflow].label if workflow else "Not routed to a workflow"


def render_group(ctx: Context, workflow: str | None, names: list[str]) -> str:
    intro = (
        f"Tickets that follow the {ctx.workflow(workflow)} workflow."
        if workflow
        else "Tickets the plan could not route to a workflow."
    )
    return markup.join(
        markup.heading(1, f"Examples: {_group_title(ctx, workflow)}"),
        intro,
        *(_example(ctx, ctx.plan.scenarios[n], ctx.runs.get(n)) for n in names),
    )


def _example(ctx: Context, sc: Scenario, outcome: Outcome | None) -> str:
    run = outcome.run if outcome else None
    parts = [
        markup.heading(2, sc.label, f"scenario-{sc.name}"),
        _verdict(outcome),
        markup.block(sc.description),
        "**The ticket**",
        _ticket(sc),
    ]
    if run is not None:
        parts += [
            "**How it was routed**",
            _routing(ctx, run),
            "**What happened**",
            _timeline(ctx, run),
            "**Outcome**",
            _outcome(ctx, run),
        ]
    return markup.join(*parts)


def _verdict(outcome: Outcome | None) -> str:
    if outcome is None:
        return ""
    if outcome.passed:
        return markup.admonition("success", "Runs as the plan says", "Every expectation of this scenario holds.")
    lines = [f"- {reason}" for reason in reasons(outcome)]
    return markup.admonition("failure", "Does not run as expected", "\n".join(lines))


def _ticket(sc: Scenario) -> str:
    rows = [[markup.code(k), markup.words(v)] for k, v in flatten(sc.ticket)]
    return markup.table(["Field", "Value"], rows)


def _routing(ctx: Context, run: Run) -> str:
    r = run.routed
    rows = [
        ["Segment", ctx.segment(r.segment) or "—"],
        ["Routing rule", ctx.rule(r.rule) if r.rule else "given"],
        ["Priority", markup.text(r.priority or "—")],
        ["Queue", ctx.queue(r.queue) or "—"],
        ["Workflow", ctx.workflow(r.workflow)],
        ["SLA policy", ctx.policy(r.sla_policy) or "none"],
        ["Calendar", ctx.calendar(r.calendar_name)],
    ]
    rows += [
        [f"{TARGET_TITLES.get(name, markup.text(name))} due (at creation)", when(due, r.zone)]
        for name, due in r.due.items()
    ]
    rows.append(["Times shown in", markup.text(zone_name(r.zone))])
    return markup.table(["Decided", "Result"], rows)


def _timeline(ctx: Context, run: Run) -> str:
    wf, zone = run.routed.workflow, run.routed.zone
    rows = []
    for record, owner in zip(run.records, run.owners, strict=True):
        event = markup.code(record.event) + (" (timer)" if record.timer else "")
        move = (
            "stays"
            if record.target is None
            else f"{ctx.state(wf, record.source)} → {ctx.state(wf, record.target)}"
            if record.source
            else f"starts in {ctx.state(wf, record.target)}"
        )
        rows.append([when(record.at, zone), event, move, ctx.role(owner)])
    header = ["When", "Event", "Step", "Owner"]
    if any(note is not None for note in run.notes):
        header.append("Note")
        for row, note in zip(rows, run.notes, strict=True):
            row.append(markup.text(note) if note is not None else "")
    return markup.table(header, rows)


def _outcome(ctx: Context, run: Run) -> str:
    wf, zone = run.routed.workflow, run.routed.zone
    facts = [
        f"When the run ends ({when(run.end, zone)}) the ticket is in {ctx.state(wf, run.state)}"
        + (f", owned by {ctx.role(run.owner)}." if run.owner else ".")
    ]
    facts.append("Path: " + " → ".join(ctx.state(wf, s) for s in run.path) + ".")
    rows = [
        [
            TARGET_TITLES.get(n, markup.text(n)),
            when(c.due, zone),
            _STATUS.get(c.status, c.status),
            when(c.stopped, zone) if c.stopped else "—",
        ]
        for n, c in run.clocks.items()
    ]
    return markup.join(" ".join(facts), markup.table(["SLA target", "Due", "Status", "Done at"], rows))
