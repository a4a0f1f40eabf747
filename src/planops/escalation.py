"""Escalate before breach: how each workflow timer compares with the SLA targets still running in its state.

Computed per workflow × SLA policy × priority, from the plan alone (no ticket is run):

* **Which tickets.** The (policy, priority) pairs routing can send into the workflow: a routing rule that sets
  the workflow (or sets none: the ticket brings it) with the priority it sets (every priority where it sets
  none), and every SLA policy with targets for that priority, except a policy after one without ``when:``
  (never tried) and a policy whose ``when:`` contradicts the rule's: both require ``ticket.F == 'a'`` and
  ``'b'`` of one field (the rule's ``set:`` counts as ``ticket.priority == …`` and so on). Nothing else is
  excluded: a rule an earlier one swallows and a policy an earlier one always takes still count, so the
  pairs over-approximate what routing does. A ticket that arrives with its own priority and workflow
  (kept as given) is left out: the check follows what the plan's routing sets.
* **Which targets run in a state.** ``resolution`` in every state that is not final; ``first_response`` in
  every state reachable from ``initial`` without a ``respond`` transition; ``next_response`` in every state
  a ticket can be in right after a ``customer_reply`` (a state that does not move on it, or one a
  ``customer_reply`` branch leads to, and what is reachable from those without ``respond``); none in a final
  state (the ticket is done). A target the state's ``pause:`` names does not run there.
* **The worst case.** The timer starts when the ticket enters the state, the target at creation
  (``next_response``: at the customer's reply). The check takes the earliest the timer can start: at
  creation for the initial state, and for a later state as well, since events may move a ticket there at
  the moment it is created (``next_response``: the customer writes as the ticket enters). So a target
  shorter than the timer is breached before the timer fires for that ticket, which nobody then touches;
  time spent in earlier states only makes it worse. Both clocks run on the ticket's calendar, so comparing
  the two business durations orders the two instants exactly, whatever the calendar: the margin is the
  target's duration minus the timer's, in business time. A timer firing at the due instant is not late.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from planops.celcheck.rules import literal_value
from planops.celcheck.syntax import Call, Ident, Literal, Node, Select, Unreadable, parse
from planops.model import Workflow
from planops.model.service import SLAPolicy
from planops.model.types import PRIORITIES, TARGETS
from planops.plan import CompiledPlan

Facts = dict[str, object]


@dataclass(frozen=True, slots=True)
class Margin:
    """One state's timer against one target of one policy and priority, in business time."""

    state: str
    policy: str
    priority: str
    target: str
    due: timedelta
    """The target's duration."""
    timer: timedelta
    event: str
    calendar: str | None

    @property
    def spare(self) -> timedelta:
        """How long before the due time the timer fires (negative: how long after)."""
        return self.due - self.timer

    @property
    def late(self) -> bool:
        return self.timer > self.due


Pair = tuple[SLAPolicy, str]


def margins(plan: CompiledPlan, wf: Workflow, routes: Routes | None = None, *, late: bool = False) -> list[Margin]:
    """Every (state with a timer, policy, priority, running target) of the workflow, in plan order (``late``:
    only those whose timer fires after the due time).

    ``routes`` (the plan's :class:`Routes`) saves reading the routing rules again for every workflow."""
    if all(state.timeout is None for state in wf.states.values()):
        return []
    pairs = (routes or Routes(plan)).pairs(wf.name)
    running = running_targets(wf)
    found = []
    for name, state in wf.states.items():
        if state.timeout is None or not running.get(name):
            continue
        after, event = state.timeout.after, state.timeout.event
        for policy, priority in pairs:
            targets = policy.targets[priority]  # type: ignore[index]
            for target in TARGETS:
                due = getattr(targets, target)
                if due is not None and target in running[name] and not (late and after <= due):
                    found.append(Margin(name, policy.name, priority, target, due, after, event, policy.calendar))
    return found


def routed_pairs(plan: CompiledPlan, workflow: str) -> list[Pair]:
    """The (policy, priority) pairs routing may send into ``workflow``, by policy order, then priority."""
    return Routes(plan).pairs(workflow)


class Routes:
    """The plan's routing rules and SLA policies, read once: which pairs may reach each workflow.

    A rule that sets no workflow counts for every workflow; what it allows is worked out once per policy.
    """

    def __init__(self, plan: CompiledPlan) -> None:
        self.policies = list(tried(plan.sla_policies))
        self.needs = [equalities(p.when) for p in self.policies]
        self.by_workflow: dict[str | None, set[tuple[str, tuple[tuple[str, object], ...]]]] = {}
        for rule in plan.routing.rules if plan.routing else ():
            facts = equalities(rule.when)
            if rule.set.queue is not None:
                facts["queue"] = rule.set.queue
            for priority in (rule.set.priority,) if rule.set.priority else PRIORITIES:
                context = tuple(sorted({**facts, "priority": priority}.items()))
                self.by_workflow.setdefault(rule.set.workflow, set()).add((priority, context))
        self.shared = [self._fitting(i, None) for i in range(len(self.policies))]

    def _fitting(self, i: int, workflow: str | None) -> set[str]:
        """The priorities of the rules for ``workflow`` (None: rules setting none) that policy ``i`` may take."""
        needs = {k: v for k, v in self.needs[i].items() if k != "workflow"}
        return {q for q, facts in self.by_workflow.get(workflow, ()) if _fits(needs, dict(facts))}

    def pairs(self, workflow: str) -> list[Pair]:
        found: list[Pair] = []
        for i, policy in enumerate(self.policies):
            if self.needs[i].get("workflow", workflow) != workflow:
                continue
            priorities = self.shared[i] | self._fitting(i, workflow)
            found += [(policy, q) for q in PRIORITIES if q in policy.targets and q in priorities]
        return found


def tried(policies: Iterable[SLAPolicy]) -> Iterator[SLAPolicy]:
    """The policies in order, up to the first without ``when:`` (none after it is ever tried)."""
    for policy in policies:
        yield policy
        if policy.when is None:
            return


def _fits(needs: Facts, facts: Facts) -> bool:
    return all(facts.get(field, value) == value for field, value in needs.items())


def equalities(source: str | None) -> Facts:
    """The ``ticket.F == literal`` operands of an expression's top-level ``&&``, by field (``{}`` if none)."""
    return {} if source is None else dict(_equalities(source))


@lru_cache(maxsize=4096)
def _equalities(source: str) -> tuple[tuple[str, object], ...]:
    """By text: a policy's ``when:`` is read once, not once per workflow."""
    try:
        tree = parse(source)
    except Unreadable:
        return ()
    found: Facts = {}
    for node in _conjuncts(tree):
        pair = _equality(node)
        if pair is not None and found.setdefault(pair[0], pair[1]) != pair[1]:
            return ()  # contradicts itself: matches nothing, which is left to the expression checks
    return tuple(found.items())


def _conjuncts(node: Node) -> Iterator[Node]:
    if isinstance(node, Call) and node.function == "_&&_":
        for arg in node.args:
            yield from _conjuncts(arg)
    else:
        yield node


def _equality(node: Node) -> tuple[str, object] | None:
    if not (isinstance(node, Call) and node.function == "_==_" and len(node.args) == 2):
        return None
    for field, value in (node.args, node.args[::-1]):
        path = _field(field)
        if path is not None and isinstance(value, Literal) and value.kind == "string":
            found = literal_value(value)
            return (path, found) if isinstance(found, str) else None
    return None


def _field(node: Node) -> str | None:
    """``ticket.a.b`` as ``a.b``; None for anything else."""
    names: list[str] = []
    while isinstance(node, Select):
        names.append(node.field)
        node = node.operand
    return ".".join(reversed(names)) if names and isinstance(node, Ident) and node.name == "ticket" else None


def running_targets(wf: Workflow) -> dict[str, set[str]]:
    """For each state reachable from ``initial``, the targets that may still run while a ticket is in it."""
    every: dict[str, set[str]] = {name: set() for name in wf.states}
    unanswered: dict[str, set[str]] = {name: set() for name in wf.states}  # without respond transitions
    replied = []
    for source, event, to in plain_edges(wf):
        if to in every:
            every[source].add(to)
            if event != "respond":
                unanswered[source].add(to)
            if event == "customer_reply":
                replied.append((source, to))
    reachable = reach_from(every, [wf.initial])
    starts = [n for n in reachable if "customer_reply" not in wf.states[n].on]
    waiting = reach_from(unanswered, starts + [to for source, to in replied if source in reachable])
    fresh = reach_from(unanswered, [wf.initial])
    found: dict[str, set[str]] = {}
    for name in reachable:
        state = wf.states[name]
        if state.final:
            found[name] = set()
            continue
        targets = {"resolution"} | ({"first_response"} if name in fresh else set())
        targets |= {"next_response"} if name in waiting else set()
        found[name] = targets - set(state.pause)
    return found


def plain_edges(wf: Workflow) -> Iterator[tuple[str, str, str]]:
    """Every (from, event, to); like ``Workflow.edges`` without building a Branch for each plain target."""
    for name, state in wf.states.items():
        for event, target in state.on.items():
            for to in (target,) if isinstance(target, str) else (b.to for b in target):
                yield name, event, to


def reach_from(graph: dict[str, set[str]], starts: list[str]) -> set[str]:
    """The states reachable from ``starts`` in ``graph``."""
    seen = {s for s in starts if s in graph}
    queue = deque(seen)
    while queue:
        for nxt in graph[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen
