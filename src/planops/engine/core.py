"""The engine of one compiled plan: its router and its machines, built once and reused for every ticket."""

from __future__ import annotations

from typing import Any, NamedTuple

from planops.engine.calendars import Calendars
from planops.engine.machine import CompiledWorkflow, compile_workflow
from planops.engine.router import Routed, Router
from planops.engine.rules import Predicate
from planops.engine.scenario import Mismatch, Run, ScenarioError, mismatches, run_scenario
from planops.engine.tickets import TicketError
from planops.model import Scenario
from planops.plan import CompiledPlan


class Outcome(NamedTuple):
    """A checked scenario: ``passed`` when it ran and every expectation held.

    ``problems`` says why a scenario could not run to its end (a ticket the
    plan cannot route, an event the state does not accept, timers in a loop);
    expectations are then not compared. ``run`` is None when routing failed.
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


_CACHE_KEY = "_planops_engine"


class Engine:
    """Routes tickets and runs scenarios of one plan, which must have passed validation."""

    def __init__(self, plan: CompiledPlan) -> None:
        self.plan = plan
        self.calendars = Calendars(plan)
        self.router = Router(plan, self.calendars)
        self._machines: dict[str, CompiledWorkflow] = {}
        self._predicates: dict[str, Predicate] = {}
        self._places: dict[int, tuple[str, int]] = {}

    @classmethod
    def for_plan(cls, plan: CompiledPlan) -> Engine:
        """The plan's engine, built on first use.

        It is kept in the plan's own cache (where its cached properties live
        too), so it lives exactly as long as the plan and a new plan, even one
        at the same address, never gets an old engine.
        """
        cache = vars(plan)
        found = cache.get(_CACHE_KEY)
        if not isinstance(found, Engine):
            found = cache[_CACHE_KEY] = cls(plan)
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
            found = self._machines[workflow] = compile_workflow(self.plan.workflows[workflow], self._predicates)
        return found

    def route(self, ticket: Any) -> Routed:
        """Segment, priority, queue, workflow, SLA policy and calendar of a ticket.

        Raises TicketError when the plan cannot take the ticket.
        """
        return self.router.route(ticket)[0]

    def run(self, scenario: Scenario) -> Run:
        """Run a scenario's events and timers.

        Raises TicketError when its ticket cannot be routed, ScenarioError when its events are out of order.
        """
        routed, view = self.router.route(scenario.ticket)
        return run_scenario(scenario, routed, view, self.machine(routed.workflow))

    def check(self, scenario: Scenario) -> Outcome:
        """Run a scenario and compare every expectation it gives."""
        path, line = self._places.get(id(scenario)) or self.place(scenario)
        try:
            run = self.run(scenario)
        except (TicketError, ScenarioError) as exc:
            return Outcome(scenario, path, line, (), (str(exc),), None)
        if run.problem is not None:
            return Outcome(scenario, path, line, (), (run.problem,), run)
        return Outcome(scenario, path, line, tuple(mismatches(scenario, run)), (), run)

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
        return [self.check(s) for s in self.plan.scenarios.values() if wanted in s.name.lower()]
