"""What the scenarios cover, where people read the plan: each workflow page, the reference, plan.json.

The numbers are those of ``planops test --coverage`` (``planops.engine.coverage``),
worked out once per build from the runs the worked examples already made
(``Context.coverage``): no scenario runs twice.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import UTC
from typing import Any

from planops.engine import Coverage, Edge, Outcome, WorkflowCoverage
from planops.handbook import markup
from planops.handbook.context import Context, examples_uri, page_url, workflow_uri
from planops.handbook.pages.segments import condition
from planops.model import Workflow

UNCOVERED_CLASS = "uncovered"
# Border only: the theme's fill keeps labels readable in the light and the dark scheme.
UNCOVERED_STYLE = "stroke:#c92a2a,stroke-width:2px,stroke-dasharray:6 4"
NOT_COVERED = "<strong>not covered</strong>"
SHOWN = 8  # scenarios named per row: a plan with hundreds would repeat them all in every row (plan.json has all)


def of(ctx: Context, workflow: str) -> WorkflowCoverage:
    """The workflow's coverage in this build."""
    cov: Coverage = ctx.coverage
    return next(w for w in cov.workflows if w.workflow == workflow)


def counted(covered: int, total: int, percent: float) -> str:
    """``5 of 8 (62.5%)``: the figures and rounding of ``planops test --coverage``."""
    return f"{covered} of {total} ({percent:.1f}%)"


def marked(diagram: str, wf: Workflow, cov: WorkflowCoverage) -> str:
    """The Mermaid source with the states no scenario enters drawn dashed (the legend says which, in words)."""
    if not diagram or not cov.missed_states:
        return diagram
    from planops.review.mermaid import state_ids

    ids = state_ids(wf)
    marks = ", ".join(ids[s] for s in cov.missed_states)
    return (
        f"{diagram.rstrip()}\n    classDef {UNCOVERED_CLASS} {UNCOVERED_STYLE}\n    class {marks} {UNCOVERED_CLASS}\n"
    )


def legend(ctx: Context, wf: Workflow, cov: WorkflowCoverage) -> str:
    """Under the diagram: which steps no scenario enters, in words as well as drawn."""
    if not cov.missed_states:
        return ""
    steps = markup.bullets([ctx.state(wf.name, s) for s in cov.missed_states])
    where = ctx.link("Coverage", ctx.uri, "coverage")
    return f"**Legend:** a dashed red border marks a step no scenario enters (see {where}):\n\n{steps}"


def section(ctx: Context, wf: Workflow) -> str:
    """The page's Coverage section: the count, what is not covered, then who covers each step and transition."""
    cov = of(ctx, wf.name)
    states = len(cov.states) - len(cov.missed_states)
    edges = len(cov.edges) - len(cov.missed_edges)
    intro = (
        f"The scenarios enter {states} of {len(cov.states)} steps and take {edges} of {len(cov.edges)} "
        f"transitions: {counted(cov.covered, cov.total, cov.percent)}, as `planops test --coverage` counts them. "
        "Each row names the worked examples that cover it; a timer's transition taken by the timer says so."
    )
    return markup.join(
        markup.heading(2, "Coverage", "coverage"),
        intro,
        _missed(ctx, wf, cov),
        markup.table(
            ["Step", "Covered by"], [[ctx.state(wf.name, s), _by(ctx, cov.entered_by, s)] for s in cov.states]
        ),
        markup.table(
            ["From", "Event", "When (guard)", "To", "Covered by"], [_edge_row(ctx, wf, cov, e) for e in cov.edges]
        ),
    )


def _missed(ctx: Context, wf: Workflow, cov: WorkflowCoverage) -> str:
    if not cov.missed_states and not cov.missed_edges:
        return "Every step and every transition is covered."
    lines = [f"- step {ctx.state(wf.name, s)}: not covered" for s in cov.missed_states]
    lines += [f"- transition {_edge_text(ctx, wf, cov, e)}: not covered" for e in cov.missed_edges]
    return "**Not covered:**\n\n" + "\n".join(lines)


def _edge_text(ctx: Context, wf: Workflow, cov: WorkflowCoverage, edge: Edge) -> str:
    source, event, branch, target = edge
    several = sum(1 for e in cov.edges if e[0] == source and e[1] == event) > 1
    label = markup.code(event) + (f" (branch {branch + 1})" if several else "")
    return f"{ctx.state(wf.name, source)} → {label} → {ctx.state(wf.name, target)}"


def _edge_row(ctx: Context, wf: Workflow, cov: WorkflowCoverage, edge: Edge) -> list[str]:
    source, event, branch, target = edge
    state = wf.states[source]
    branches = state.branches(event)
    shown = markup.code(event)
    if state.timeout is not None and state.timeout.event == event:
        shown += f" or the timer (after {markup.duration(state.timeout.after)})"
    when = condition(ctx, branches[branch].when, "always" if len(branches) == 1 else "otherwise")
    timed = set(cov.timed_by.get(edge, ()))
    return [ctx.state(wf.name, source), shown, when, ctx.state(wf.name, target), _by(ctx, cov.taken_by, edge, timed)]


def _by(ctx: Context, found: Mapping[Any, Sequence[str]], key: object, timed: Collection[str] = ()) -> str:
    names = found.get(key, ())
    if not names:
        return NOT_COVERED
    shown = [ctx.scenario(n) + (" (by the timer)" if n in timed else "") for n in names[:SHOWN]]
    more = [f"and {len(names) - SHOWN} more"] if len(names) > SHOWN else []
    return markup.item_list(shown + more)


def reasons(outcome: Outcome) -> list[str]:
    """Why a scenario does not run as it expects, each as safe inline HTML (its problems, then its mismatches)."""
    from planops.output.values import expected_got

    zone = outcome.run.routed.zone if outcome.run else UTC
    found = [markup.text(p) for p in outcome.problems]
    return found + [expected_got(m, zone, key=markup.code, value=markup.text) for m in outcome.mismatches]


def result(outcome: Outcome | None) -> str:
    """A worked example's result in a few words: it passes, or which expectations fail."""
    if outcome is None:
        return "not run"
    if outcome.passed:
        return "passes"
    return "<strong>fails</strong>: " + "; ".join(reasons(outcome))


def total(ctx: Context) -> str:
    """The reference page's section: the plan's coverage total and each workflow's."""
    cov: Coverage = ctx.coverage
    rows = [
        [
            ctx.link(markup.label(ctx.plan.workflows[w.workflow].label), workflow_uri(w.workflow), "coverage"),
            f"{w.percent:.1f}%",
            f"{w.covered}/{w.total}",
            str(len(w.missed_states) + len(w.missed_edges)),
        ]
        for w in cov.workflows
    ]
    failed = sum(1 for o in ctx.runs.values() if not o.passed)
    scenarios = f"{len(ctx.runs)} scenario{'s' * (len(ctx.runs) != 1)}"
    return markup.join(
        markup.heading(2, "Scenario coverage", "coverage"),
        f"The scenarios enter and take {counted(cov.covered, cov.total, cov.percent)} of the workflows' steps "
        "and transitions, the total `planops test --coverage` reports. "
        f"{scenarios}: {len(ctx.runs) - failed} pass, {failed} fail.",
        markup.table(["Workflow", "Cover", "Covered", "Not covered"], rows),
    )


def plan_data(
    cov: Coverage, outcomes: Mapping[str, Outcome], workflows: Mapping[str | None, list[str]], directory_urls: bool
) -> dict[str, Any]:
    """plan.json's ``coverage`` (``planops test --coverage --format json``, with who covers what) and ``results``."""
    from planops.output.scenarios import coverage_dict, result_dict

    data = coverage_dict(cov)
    for entry, w in zip(data["workflows"], cov.workflows, strict=True):
        entry["states"] = [{"state": s, "covered_by": list(w.entered_by.get(s, ()))} for s in w.states]
        entry["transitions"] = [_edge_dict(w, e) for e in w.edges]
    where = {name: wf for wf, names in workflows.items() for name in names}
    results = []
    for name, outcome in outcomes.items():
        example = page_url(examples_uri(where.get(name)), directory_urls) + f"#scenario-{name}"
        results.append({**result_dict(outcome), "workflow": where.get(name), "example": example})
    return {"coverage": data, "results": results}


def _edge_dict(w: WorkflowCoverage, edge: Edge) -> dict[str, Any]:
    source, event, branch, target = edge
    return {
        "from": source,
        "event": event,
        "branch": branch,
        "to": target,
        "transition": w.describe(edge),
        "covered_by": list(w.taken_by.get(edge, ())),
        "by_timer": list(w.timed_by.get(edge, ())),
    }
