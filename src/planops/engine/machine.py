"""A Workflow compiled once into a `transitions` state machine, shared by every ticket.

The machine holds no ticket: each ticket is a ``Token`` (a bare object that
holds its state, nothing else, so no attribute can hide an event; the machine
is never bound to it, so no trigger methods are added) that is passed to
``machine.events[name].trigger(token, view)``. The state lives in ``_state``
because `transitions` refuses an event named like the model's state
attribute, and ``state`` is a fine event name in a plan. The machine is built
with ``auto_transitions=False``; each event's branches are added in plan
order, a branch's ``when:`` becomes a condition evaluating its precompiled CEL
program against the ticket's view, and the first branch whose condition holds
is taken. `transitions`' own ``Timeout`` states start threads, so timers are
left to the simulator's virtual clock.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from planops.engine.rules import Predicate, shared_predicate
from planops.engine.tickets import TicketView
from planops.model import Workflow
from planops.model.workflow import TICKET_EVENTS

if TYPE_CHECKING:  # imported when a machine is built: `planops validate` builds none
    from transitions import Machine

Condition = Callable[[TicketView], bool]


STATE_ATTRIBUTE = "_state"
"""Where a token keeps its state: not a possible event name, which `transitions` refuses for a trigger."""


class Token:
    """One ticket's place in a machine: its state, and nothing an event name could collide with."""

    __slots__ = (STATE_ATTRIBUTE,)

    def __init__(self, state: str) -> None:
        self._state = state

    @property
    def state(self) -> str:
        return self._state

    @state.setter
    def state(self, value: str) -> None:
        self._state = value


@dataclass(frozen=True, eq=False)
class CompiledWorkflow:
    """A workflow's machine and what the simulator needs to know about each state."""

    workflow: Workflow
    machine: Machine
    handles: Mapping[str, frozenset[str]]
    owners: Mapping[str, str | None]
    timers: Mapping[str, tuple[timedelta, str]]
    pauses: Mapping[str, frozenset[str]]
    finals: frozenset[str]
    guards: Mapping[tuple[str, str], tuple[Condition | None, ...]]
    dests: Mapping[tuple[str, str], tuple[str, ...]]
    """The branches' target states, for events with several branches."""

    @property
    def initial(self) -> str:
        return self.workflow.initial

    @property
    def name(self) -> str:
        return self.workflow.name

    def accepted(self, state: str) -> tuple[str, ...]:
        """The events a state takes, its own first, then the ticket events."""
        own = tuple(self.workflow.states[state].on)
        return own + tuple(e for e in TICKET_EVENTS if e not in own)

    def fire(self, token: Token, event: str, view: TicketView) -> int | None:
        """Trigger ``event`` (one in the state's ``on:``); the branch taken, or None when none matched."""
        source = token._state
        if not self.machine.events[event].trigger(token, view):
            return None
        dests = self.dests.get((source, event))
        return 0 if dests is None else self._branch(source, event, dests, token._state, view)

    def _branch(self, source: str, event: str, dests: tuple[str, ...], dest: str, view: TicketView) -> int:
        """Which of several branches of ``event`` led from ``source`` to ``dest``."""
        hits = [i for i, to in enumerate(dests) if to == dest]
        if len(hits) == 1:
            return hits[0]
        # Two branches lead to the same state: the first whose condition holds was taken.
        guards = self.guards[(source, event)]
        return next(i for i in hits if guards[i] is None or guards[i](view))  # type: ignore[misc]


def compile_workflow(
    workflow: Workflow, predicates: dict[str, Predicate] | None = None, parameters: dict[str, Any] | None = None
) -> CompiledWorkflow:
    """Build the machine; the workflow must have passed validation (states and targets exist).

    ``predicates`` shares guards between workflows: the same ``when:`` text is
    one Predicate, so tickets of every workflow share its remembered answers.
    ``parameters`` is the plan's ``plan`` map that guards may read.
    """
    from transitions import Machine, State

    states = workflow.states
    shared = {} if predicates is None else predicates
    machine = Machine(
        model=None,
        states=[State(name, final=state.final) for name, state in states.items()],
        initial=workflow.initial,
        auto_transitions=False,
        send_event=False,
        model_attribute=STATE_ATTRIBUTE,
    )
    guards, dests = _add_transitions(machine, workflow, shared, parameters)
    return CompiledWorkflow(
        workflow=workflow,
        machine=machine,
        handles={n: frozenset(s.on) for n, s in states.items()},
        owners={n: s.owner for n, s in states.items()},
        timers={n: s.timer for n, s in states.items() if s.timer},
        pauses={n: frozenset(s.pause) for n, s in states.items()},
        finals=frozenset(n for n, s in states.items() if s.final),
        guards=guards,
        dests=dests,
    )


def _add_transitions(
    machine: Machine, workflow: Workflow, shared: dict[str, Predicate], parameters: dict[str, Any] | None
) -> tuple[dict[tuple[str, str], tuple[Condition | None, ...]], dict[tuple[str, str], tuple[str, ...]]]:
    """Each event's branches in plan order (the first whose condition holds is taken); guards and targets."""
    guards: dict[tuple[str, str], tuple[Condition | None, ...]] = {}
    dests: dict[tuple[str, str], tuple[str, ...]] = {}
    for name, state in workflow.states.items():
        for event in state.on:
            branches = state.branches(event)
            conditions = tuple(shared_predicate(b.when, shared, parameters) if b.when else None for b in branches)
            guards[(name, event)] = conditions
            if len(branches) > 1:
                dests[(name, event)] = tuple(b.to for b in branches)
            for branch, condition in zip(branches, conditions, strict=True):
                machine.add_transition(event, name, branch.to, conditions=[condition] if condition else None)
    return guards, dests
