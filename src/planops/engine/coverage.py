"""Workflow coverage: which states and transitions the scenarios visit, like code coverage.

A transition is one branch of an event (``Workflow.edges()``): two branches
of ``escalate`` to different states, or to the same state under different
conditions, are two transitions to cover.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from planops.engine.scenario import Run
from planops.plan import CompiledPlan

Edge = tuple[str, str, int, str]
"""(from state, event, branch index, to state)."""


@dataclass(frozen=True)
class WorkflowCoverage:
    """One workflow's states and transitions, and those no scenario visited."""

    workflow: str
    states: tuple[str, ...]
    edges: tuple[Edge, ...]
    missed_states: tuple[str, ...]
    missed_edges: tuple[Edge, ...]

    @property
    def total(self) -> int:
        return len(self.states) + len(self.edges)

    @property
    def covered(self) -> int:
        return self.total - len(self.missed_states) - len(self.missed_edges)

    @property
    def percent(self) -> float:
        return 100.0 * self.covered / self.total if self.total else 100.0

    def describe(self, edge: Edge) -> str:
        """``triage --escalate--> manager``; ``#2`` names the branch where an event has several."""
        source, event, branch, target = edge
        several = sum(1 for e in self.edges if e[0] == source and e[1] == event) > 1
        label = f"{event} #{branch + 1}" if several else event
        return f"{source} --{label}--> {target}"


@dataclass(frozen=True)
class Coverage:
    """Coverage of every workflow of a plan, in plan order."""

    workflows: tuple[WorkflowCoverage, ...]

    @property
    def total(self) -> int:
        return sum(w.total for w in self.workflows)

    @property
    def covered(self) -> int:
        return sum(w.covered for w in self.workflows)

    @property
    def percent(self) -> float:
        return 100.0 * self.covered / self.total if self.total else 100.0


def coverage(plan: CompiledPlan, runs: Iterable[Run]) -> Coverage:
    """What the runs visited of each workflow of the plan."""
    states: dict[str, set[str]] = {}
    edges: dict[str, set[Edge]] = {}
    for run in runs:
        name = run.workflow.name
        seen_states, seen_edges = states.setdefault(name, set()), edges.setdefault(name, set())
        for record in run.records:
            if record.target is None:
                continue
            seen_states.add(record.target)
            if record.source is not None and record.branch is not None:
                seen_edges.add((record.source, record.event, record.branch, record.target))
    result = []
    for name, workflow in plan.workflows.items():
        all_edges = tuple(workflow.edges())
        result.append(
            WorkflowCoverage(
                workflow=name,
                states=tuple(workflow.states),
                edges=all_edges,
                missed_states=tuple(s for s in workflow.states if s not in states.get(name, ())),
                missed_edges=tuple(e for e in all_edges if e not in edges.get(name, ())),
            )
        )
    return Coverage(tuple(result))
