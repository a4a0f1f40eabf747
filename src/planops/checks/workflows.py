"""Workflow graphs: states exist, are reachable, can finish, and events are handled."""

from __future__ import annotations

from collections.abc import Iterator

from planops.checks import proofs
from planops.checks.base import first_match_gaps
from planops.diagnostics import ERROR, WARNING, Code, Diagnostic, did_you_mean
from planops.escalation import reach_from
from planops.model import Workflow
from planops.model.workflow import TICKET_EVENTS
from planops.plan import CompiledPlan

UNKNOWN_STATE = Code(
    "unknown-state",
    ERROR,
    "A transition or `initial:` names a state the workflow does not have.",
    "states:\n  triage:\n    on: {escalate: manger-approval}\n",
)
UNREACHABLE = Code(
    "unreachable-state",
    ERROR,
    "A state no path from `initial` leads to.",
    "initial: triage\nstates:\n  triage: {on: {resolve: done}}\n"
    "  orphan: {on: {resolve: done}}\n  done: {final: true}\n",
)
NO_WAY_OUT = Code(
    "no-final-path",
    ERROR,
    "A state from which no final state can be reached: tickets would be stuck.",
    "states:\n  triage: {on: {wait: limbo}}\n  limbo: {on: {ping: limbo}}\n",
)
DEAD_END = Code(
    "dead-end",
    ERROR,
    "A state that is not final but accepts no event and has no timer.",
    "states:\n  triage: {on: {park: parked}}\n  parked: {owner: tier1-agent}\n",
)
NO_FINAL = Code("no-final-state", ERROR, "A workflow without any `final: true` state.", "")
FINAL_WITH_EXITS = Code(
    "final-has-events",
    WARNING,
    "A final state that still lists events or a timer.",
    "states:\n  resolved: {final: true, on: {reopen: triage}}\n",
)
TIMER_UNHANDLED = Code(
    "timer-event-unhandled",
    ERROR,
    "A timer fires an event its state does not handle.",
    "states:\n  triage:\n    on: {resolve: done}\n    timeout: {after: 2h, event: escalate}\n",
)
UNMATCHED = Code(
    "possibly-unmatched",
    WARNING,
    "Every branch of an event has a `when:`; a ticket matching none stays put.",
    'on:\n  escalate:\n    - {to: manager, when: "ticket.amount > 500.0"}\n',
)
SHADOWED_BRANCH = Code(
    "shadowed-branch",
    ERROR,
    "A branch after one without `when:` is never taken.",
    'on:\n  escalate:\n    - {to: review}\n    - {to: manager, when: "ticket.amount > 500.0"}\n',
)
RESERVED_EVENT = Code(
    "reserved-event",
    ERROR,
    "A timer fires `respond` or `customer_reply`, which only the ticket's people do.",
    "timeout: {after: 1h, event: respond}\n",
)


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    for workflow in plan.workflows.values():
        yield from _states_exist(plan, workflow)
        yield from _reachability(plan, workflow)
        yield from _events(plan, workflow)


def _states_exist(plan: CompiledPlan, wf: Workflow) -> Iterator[Diagnostic]:
    if wf.initial not in wf.states:
        yield UNKNOWN_STATE.at(
            plan,
            wf,
            ("initial",),
            f"initial state '{wf.initial}' is not a state of workflow '{wf.name}'",
            hint=did_you_mean(wf.initial, wf.states),
        )
    for name, state in wf.states.items():
        for event in state.on:
            for i, branch in enumerate(state.branches(event)):
                if branch.to not in wf.states:
                    yield UNKNOWN_STATE.at(
                        plan,
                        wf,
                        ("states", name, "on", event, i, "to"),
                        f"'{branch.to}' is not a state of workflow '{wf.name}'",
                        hint=did_you_mean(branch.to, wf.states),
                    )
    if not any(s.final for s in wf.states.values()):
        yield NO_FINAL.at(
            plan,
            wf,
            ("states",),
            f"workflow '{wf.name}' has no final state",
            hint="mark the state where tickets end with final: true",
            key=True,
        )


def _graph(wf: Workflow) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in wf.states}
    for source, _event, _i, target in wf.edges():
        if target in graph:
            graph[source].add(target)
    return graph


def _reachability(plan: CompiledPlan, wf: Workflow) -> Iterator[Diagnostic]:
    graph = _graph(wf)
    if wf.initial in graph:
        reachable = reach_from(graph, [wf.initial])
        for name in wf.states:
            if name not in reachable:
                yield UNREACHABLE.at(
                    plan,
                    wf,
                    ("states", name),
                    f"state '{name}' cannot be reached from '{wf.initial}'",
                    hint="add a transition to it or remove it",
                    key=True,
                )
    reverse: dict[str, set[str]] = {name: set() for name in graph}
    for source, targets in graph.items():
        for target in targets:
            reverse[target].add(source)
    finals = [n for n, s in wf.states.items() if s.final]
    can_finish = reach_from(reverse, finals) if finals else set()
    for name, state in wf.states.items():
        if not state.final and not state.on and state.timeout is None:
            yield DEAD_END.at(
                plan,
                wf,
                ("states", name),
                f"state '{name}' is not final but accepts no event",
                hint="add on: events, a timeout, or final: true",
                key=True,
            )
        elif finals and name not in can_finish:
            yield NO_WAY_OUT.at(
                plan, wf, ("states", name), f"no final state can be reached from state '{name}'", key=True
            )


def _events(plan: CompiledPlan, wf: Workflow) -> Iterator[Diagnostic]:
    for name, state in wf.states.items():
        base = ("states", name)
        if state.final and (state.on or state.timeout):
            yield FINAL_WITH_EXITS.at(plan, wf, base, f"final state '{name}' still has events or a timer", key=True)
        if state.timeout is not None:
            event = state.timeout.event
            if event in TICKET_EVENTS:
                yield RESERVED_EVENT.at(plan, wf, (*base, "timeout", "event"), f"a timer cannot fire '{event}'")
            elif event not in state.on:
                yield TIMER_UNHANDLED.at(
                    plan,
                    wf,
                    (*base, "timeout", "event"),
                    f"the timer fires '{event}', which state '{name}' does not handle",
                    hint=did_you_mean(event, state.on) or f"add '{event}' under on:",
                )
        for event in state.on:
            yield from _branches(plan, wf, name, event)


def _branches(plan: CompiledPlan, wf: Workflow, name: str, event: str) -> Iterator[Diagnostic]:
    path = ("states", name, "on", event)
    whens = [b.when for b in wf.states[name].branches(event)]
    shadowing, no_default = first_match_gaps(whens)
    if shadowing is not None:
        yield SHADOWED_BRANCH.at(
            plan,
            wf,
            (*path, shadowing + 1),
            f"branch {shadowing + 2} of '{event}' in state '{name}' is never taken: "
            f"branch {shadowing + 1} has no when:",
            hint="put the branch without when: last",
        )
    elif no_default:
        yield UNMATCHED.at(
            plan,
            wf,
            path,
            f"every branch of '{event}' in state '{name}' has a when:; a ticket matching none stays where it is"
            + proofs.matching_none(plan, whens),
            hint="end with a branch without when: (the default)",
            key=True,
        )


CODES = [
    UNKNOWN_STATE,
    UNREACHABLE,
    NO_WAY_OUT,
    DEAD_END,
    NO_FINAL,
    FINAL_WITH_EXITS,
    TIMER_UNHANDLED,
    UNMATCHED,
    SHADOWED_BRANCH,
    RESERVED_EVENT,
]
