"""Escalate before breach: a state's timer that fires only after an SLA target still running there is due.

Which tickets, which targets and which worst case: see :mod:`planops.escalation`. One finding per state and
target, at the timer's ``after:``, naming the tightest policy and priority and listing the others.
"""

from __future__ import annotations

from collections.abc import Iterator

from planops.diagnostics import ERROR, WARNING, Code, Diagnostic
from planops.escalation import Margin, Routes, margins
from planops.model import Workflow
from planops.model.types import format_duration
from planops.plan import CompiledPlan

LATE = Code(
    "escalation-after-breach",
    WARNING,
    "A state's timer fires after an SLA target still running there is due, for a policy and priority routing "
    "can send into the workflow (a ticket entering the state at creation breaches before it escalates).",
    "# SLAPolicy vip: urgent: {first_response: 30m}\nstates:\n  triage:\n    on: {escalate: lead}\n"
    "    timeout: {after: 2h, event: escalate}\n",
)
MISSED = Code(
    "escalate-before-missed",
    ERROR,
    "A target the state's `escalate_before:` names is due before the state's timer fires.",
    "states:\n  triage:\n    on: {escalate: lead}\n    timeout: {after: 2h, event: escalate}\n"
    "    escalate_before: first_response   # vip urgent: first_response 30m\n",
)
NO_TIMER = Code(
    "escalate-before-without-timer",
    ERROR,
    "`escalate_before:` on a state that has no timer.",
    "states:\n  triage:\n    on: {escalate: lead}\n    escalate_before: first_response\n",
)
MORE_SHOWN = 5
"""How many other policies and priorities a finding lists by name."""


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    routes = Routes(plan)
    for wf in plan.workflows.values():
        yield from _without_timer(plan, wf)
        late: dict[tuple[str, str], list[Margin]] = {}
        for margin in margins(plan, wf, routes, late=True):
            late.setdefault((margin.state, margin.target), []).append(margin)
        for (state, target), found in late.items():
            protects = wf.states[state].protects
            if protects is None or target in protects:
                yield _finding(plan, wf, sorted(found, key=lambda m: m.spare), protects is not None)


def _without_timer(plan: CompiledPlan, wf: Workflow) -> Iterator[Diagnostic]:
    for name, state in wf.states.items():
        if state.escalate_before is not None and state.timeout is None:
            yield NO_TIMER.at(
                plan,
                wf,
                ("states", name, "escalate_before"),
                f"state '{name}' names targets in escalate_before: but has no timer to fire before them",
                hint="add a timeout: {after: …, event: …} or remove escalate_before:",
                key=True,
            )


def _finding(plan: CompiledPlan, wf: Workflow, found: list[Margin], required: bool) -> Diagnostic:
    worst = found[0]
    message = (
        f"{worst.priority} tickets of policy '{worst.policy}' breach {worst.target} "
        f"({format_duration(worst.due)}) {format_duration(-worst.spare)} before the "
        f"{format_duration(worst.timer)} timer of state '{worst.state}' fires '{worst.event}'"
    )
    others = [f"{m.priority} of '{m.policy}' ({format_duration(m.due)})" for m in found[1:]]
    if others:
        shown = others[:MORE_SHOWN] + ([f"{len(others) - MORE_SHOWN} more"] if len(others) > MORE_SHOWN else [])
        message += f"; so do {', '.join(shown)}"
    quickest = format_duration(min(m.due for m in found))
    if required:
        hint = f"escalate_before: names {worst.target}: shorten the timer to at most {quickest} or lengthen the target"
    else:
        hint = (
            f"shorten the timer to at most {quickest} or lengthen the target, or set escalate_before: "
            "to the targets the timer protects, [] for none"
        )
    code = MISSED if required else LATE
    return code.at(plan, wf, ("states", worst.state, "timeout", "after"), message, hint=hint)


CODES = [LATE, MISSED, NO_TIMER]
