"""Workflow coverage: which states and transitions the scenarios visit, like code coverage.

A transition is one branch of an event (``Workflow.edges()``): two branches
of ``escalate`` to different states, or to the same state under different
conditions, are two transitions to cover. Each state and transition also
knows which scenarios visited it (``entered_by``, ``taken_by``; ``timed_by``:
those where the state's timer took it), so the handbook can link them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from planops.engine.scenario import Run
from planops.plan import CompiledPlan

Edge = tuple[str, str, int, str]
"""(from state, event, branch index, to state)."""
Names = tuple[str, ...]
"""Scenario names, in the order of the runs, each once."""


@dataclass(frozen=True)
class WorkflowCoverage:
    """One workflow's states and transitions, and those no scenario visited."""

    workflow: str
    states: tuple[str, ...]
    edges: tuple[Edge, ...]
    missed_states: tuple[str, ...]
    missed_edges: tuple[Edge, ...]
    entered_by: Mapping[str, Names] = field(default_factory=dict, compare=False)
    taken_by: Mapping[Edge, Names] = field(default_factory=dict, compare=False)
    timed_by: Mapping[Edge, Names] = field(default_factory=dict, compare=False)

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


class _Seen:
    """What the runs of one workflow visited, and in which scenarios."""

    def __init__(self) -> None:
        self.states: dict[str, dict[str, None]] = {}
        self.edges: dict[Edge, dict[str, None]] = {}
        self.timed: dict[Edge, dict[str, None]] = {}

    def add(self, run: Run) -> None:
        name = run.scenario.name
        for record in run.records:
            if record.target is None:
                continue
            self.states.setdefault(record.target, {})[name] = None
            if record.source is not None and record.branch is not None:
                edge = (record.source, record.event, record.branch, record.target)
                self.edges.setdefault(edge, {})[name] = None
                if record.timer:
                    self.timed.setdefault(edge, {})[name] = None


def coverage(plan: CompiledPlan, runs: Iterable[Run]) -> Coverage:
    """What the runs visited of each workflow of the plan."""
    seen: dict[str, _Seen] = {}
    for run in runs:
        seen.setdefault(run.workflow.name, _Seen()).add(run)
    result = []
    for name, workflow in plan.workflows.items():
        found = seen.get(name) or _Seen()
        all_edges = tuple(workflow.edges())
        result.append(
            WorkflowCoverage(
                workflow=name,
                states=tuple(workflow.states),
                edges=all_edges,
                missed_states=tuple(s for s in workflow.states if s not in found.states),
                missed_edges=tuple(e for e in all_edges if e not in found.edges),
                entered_by={s: tuple(n) for s, n in found.states.items()},
                taken_by={e: tuple(n) for e, n in found.edges.items()},
                timed_by={e: tuple(n) for e, n in found.timed.items()},
            )
        )
    return Coverage(tuple(result))
