"""The engine of one compiled plan: its router and its machines, built once and reused for every ticket."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple, TypeVar

from planops.engine.calendars import Calendars
from planops.engine.errors import ChannelRefused
from planops.engine.machine import CompiledWorkflow, compile_workflow
from planops.engine.prepared import Prepared, ScenarioError, prepare
from planops.engine.router import Routed, Router
from planops.engine.rules import Predicate
from planops.engine.scenario import Mismatch, Run, mismatches, run_scenario
from planops.engine.tickets import TicketError, TicketView, view_of
from planops.gc_pause import gc_paused
from planops.model import Scenario
from planops.plan import ValidPlan


class Outcome(NamedTuple):
    """A checked scenario: ``passed`` when it ran and every expectation held.

    ``problems`` says why a scenario could not run to its end (a ticket the
    plan cannot route, an event the state does not accept, timers in a loop, a
    calendar that cannot reach a due time); expectations are then not compared.
    ``run`` is None when routing failed or the run's SLA clocks cannot be computed.
    """

    scenario: Scenario
    path: str
    line: int
    mismatches: tuple[Mismatch, ...]
    problems: tuple[str, ...]
    run: Run | None

    @property
    def passed(self) -> bool:
        return not self.mismatches and not self.problems

    @property
    def name(self) -> str:
        return self.scenario.name


T = TypeVar("T")


class Engine:
    """Routes tickets and runs scenarios of one plan, which must have passed validation."""

    def __init__(self, plan: ValidPlan) -> None:
        self.plan = plan
        self.calendars = Calendars(plan)
        self._predicates: dict[str, Predicate] = {}
        """Every ``when:`` (and rest of a filed rule) by its text: routing and workflows share the answers."""
        self.router = Router(plan, self.calendars, self._predicates)
        self._machines: dict[str, CompiledWorkflow] = {}
        self._places: dict[int, tuple[str, int]] = {}
        self._prepared: dict[int, Prepared] = {}
        self._workflows: dict[int, str | TicketError] = {}  # by scenario: every check that asks gets one answer

    @classmethod
    def for_plan(cls, plan: ValidPlan) -> Engine:
        """The plan's engine, built on first use and kept as long as the plan lives."""
        found = plan.memo.get(cls)
        if not isinstance(found, Engine):
            found = plan.memo[cls] = cls(plan)
        return found

    def forget(self) -> None:
        """Drop every remembered rule and guard answer (benchmarks use it to start each round cold)."""
        router = self.router
        for memo in (router.segments.memo, router.rule_match.memo, router.policy_match.memo):
            memo.clear()
        for predicate in self._predicates.values():
            predicate.memo.clear()

    def machine(self, workflow: str) -> CompiledWorkflow:
        """The workflow's compiled machine (built once)."""
        found = self._machines.get(workflow)
        if found is None:
            wf = self.plan.workflows[workflow]
            found = self._machines[workflow] = compile_workflow(wf, self._predicates, self.router.parameters)
        return found

    def route(self, ticket: Any) -> Routed:
        """Segment, priority, queue, workflow, SLA policy and calendar of a ticket.

        Raises TicketError when the plan cannot take the ticket.
        """
        return self.router.route(ticket)[0]

    def route_scenario(self, scenario: Scenario) -> Routed:
        """``route`` for a scenario's ticket, read once like every run of it reads it."""
        return self._route(self.prepared(scenario))[0]

    def workflow_of(self, scenario: Scenario) -> str:
        """The workflow a scenario's ticket is routed to, found as ``route_scenario`` finds it.

        Only segment and rules are tried: no SLA policy, no calendar, no event
        read. Raises TicketError where routing cannot reach a workflow.
        """
        found = self._workflows.get(id(scenario))
        if found is None:
            try:
                found = self.router.workflow(view_of(scenario.ticket, self.plan))
            except TicketError as exc:
                found = exc
            self._workflows[id(scenario)] = found
        if isinstance(found, TicketError):
            raise found
        return found

    def run(self, scenario: Scenario) -> Run:
        """Run a scenario's events and timers.

        Raises TicketError when its ticket cannot be routed, ScenarioError when its events are out of order.
        """
        prepared = self.prepared(scenario)
        return self._simulate(prepared, self._route(prepared))

    def check(self, scenario: Scenario) -> Outcome:
        """Run a scenario and compare every expectation it gives."""
        return self.check_many((scenario,))[0]

    def check_many(self, scenarios: Iterable[Scenario]) -> list[Outcome]:
        """``check`` each scenario, in three passes: route every ticket, run them, compare; outcomes in order.

        The outcomes are those of checking one by one; only the order of the
        work differs, for the processor's caches. Each pass is finished for
        every scenario before the next starts, and the runs go workflow by
        workflow, so a machine serves all its tickets while it is in cache
        instead of being evicted between two of them by everything else
        (benchmarks/bench_engine.py, 300 workflows: 45% less time).
        The runs make no reference cycles, so the cyclic collector is paused
        instead of rescanning the whole loaded plan every few hundred runs.
        """
        with gc_paused():
            prepared = [self.prepared(s) for s in scenarios]
            routed = [_attempt(self._route, p) for p in prepared]
            runs: list[Run | Exception] = [r if isinstance(r, Exception) else _NOT_RUN for r in routed]
            ready = [(i, r) for i, r in enumerate(routed) if not isinstance(r, Exception)]
            for i, r in sorted(ready, key=lambda pair: pair[1][0].workflow):
                runs[i] = _attempt(self._simulate, prepared[i], r)
            return [self._outcome(p, r) for p, r in zip(prepared, runs, strict=True)]

    def _route(self, prepared: Prepared) -> tuple[Routed, TicketView]:
        if prepared.problem is not None:
            raise TicketError(prepared.problem)
        return self.router.route_view(TicketView(dict(prepared.ticket)))

    def _simulate(self, prepared: Prepared, routed: tuple[Routed, TicketView]) -> Run:
        found, view = routed
        return run_scenario(prepared, found, view, self.machine(found.workflow))

    def _outcome(self, prepared: Prepared, run: Run | Exception) -> Outcome:
        scenario = prepared.scenario
        path, line = self.place(scenario)
        refused = scenario.expect.refused
        if isinstance(run, ChannelRefused) and refused:
            return Outcome(scenario, path, line, (), (), None)  # refused, as expected: nothing else to check
        if isinstance(run, Exception):
            return Outcome(scenario, path, line, (), (str(run),), None)
        if run.problem is not None:
            return Outcome(scenario, path, line, (), (run.problem,), run)
        taken = [Mismatch("refused", True, False)] if refused else []
        try:
            return Outcome(scenario, path, line, (*taken, *mismatches(prepared, run)), (), run)
        except TicketError as exc:  # the SLA clocks' calendar cannot reach a due time
            return Outcome(scenario, path, line, (), (str(exc),), None)

    def prepared(self, scenario: Scenario) -> Prepared:
        """The scenario read once (ticket checked, events as instants, expectations as pairs)."""
        found = self._prepared.get(id(scenario))
        if found is None or found.scenario is not scenario:
            # The entry keeps its scenario alive, so no other object can take its id while it is here.
            found = self._prepared[id(scenario)] = prepare(scenario, self.plan)
        return found

    def place(self, scenario: Scenario) -> tuple[str, int]:
        """The file and line where the scenario's name is written."""
        found = self._places.get(id(scenario))
        if found is None:
            doc = self.plan.where(scenario)
            found = self._places[id(scenario)] = (doc.path, doc.loc(("name",))[0])
        return found

    def check_all(self, keyword: str | None = None) -> list[Outcome]:
        """Check every scenario (those whose name contains ``keyword``), in plan order."""
        wanted = (keyword or "").lower()
        return self.check_many([s for s in self.plan.scenarios.values() if wanted in s.name.lower()])


_NOT_RUN = ScenarioError("not run")  # a place kept in the list of runs until the run is made


def _attempt(step: Callable[..., T], *args: Any) -> T | TicketError | ScenarioError:
    """What ``step`` returns, or the TicketError or ScenarioError it raises."""
    try:
        return step(*args)
    except (TicketError, ScenarioError) as exc:
        return exc
