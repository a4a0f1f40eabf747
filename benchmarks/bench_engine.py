"""Scenarios per second, and the engine against a bare `transitions` loop, in the same run.

    python benchmarks/bench_engine.py [PLAN_DIR] [--rounds 11] [--slice 1000]

Without PLAN_DIR the synthetic plan is generated (benchmarks/generate_plan.py) into
a temporary folder. Both sides get their machines built before timing:

* engine: ``Engine.check_many(scenarios)``, as ``planops test`` runs them — route each ticket
  (segment, rules, SLA policy), run events and timers on the virtual clock,
  compare the expectations. Its remembered rule answers are dropped before
  each round (``Engine.forget``), so no round profits from an earlier one.
* bare: for every scenario, a fresh model on plain prebuilt `transitions`
  machines (same states, branches and CEL guards) and a ``trigger`` for each
  event the engine fired on a machine (timer events included), in the order
  the engine runs them (``check_many`` runs a call's tickets workflow by
  workflow, which is kinder to the processor's caches; ``bare, plan order``
  shows the bare loop in plan order, which is slower). The tickets' CEL
  contexts are built before timing; ``bare+contexts`` builds a ticket's
  context in the loop, where one of its events has a guard to read it.
* engine+clocks: as engine, and every run's SLA clocks computed too (a
  scenario that expects nothing of its SLA leaves them uncomputed).

Times are CPU time of this process, on one core. Each side runs the
scenarios in slices of ``--slice`` (the same slices for every side, in plan
order); a side's time is the sum over slices of the best time of that slice
across rounds, rounds interleaved. A virtual machine's neighbours steal time in
bursts that a whole round rarely escapes, a short slice often does: this is
the minimum that ``timeit`` recommends, taken piecewise.
"""

from __future__ import annotations

import argparse
import gc
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generate_plan import write_plan
from transitions import Event, Machine

from planops.engine import Engine, Outcome
from planops.engine.tickets import TicketView
from planops.expr import compile_expr, context, matches
from planops.model import Scenario, Workflow
from planops.pipeline import check_plan


class Model:
    __slots__ = ("state",)


def bare_machine(workflow: Workflow) -> Machine:
    machine = Machine(model=None, states=list(workflow.states), initial=workflow.initial, auto_transitions=False)
    for name, state in workflow.states.items():
        for event in state.on:
            for branch in state.branches(event):
                conditions = None
                if branch.when:
                    program = compile_expr(branch.when)
                    conditions = [lambda ctx, program=program: matches(program, ctx)]
                machine.add_transition(event, name, branch.to, conditions=conditions)
    return machine


def bare_jobs(engine: Engine, scenarios: list[Scenario]) -> list[Job]:
    """What the bare loop fires: per scenario the initial state, the triggered events and the ticket's context."""
    machines = {name: bare_machine(wf) for name, wf in engine.plan.workflows.items()}
    jobs = []
    for scenario in scenarios:
        run = engine.run(scenario)
        events = machines[run.workflow.name].events
        fired = [events[r.event] for r in run.records[1:] if r.source and r.event in run.workflow.handles[r.source]]
        jobs.append((run.workflow.initial, fired, TicketView(dict(run.routed.ticket)).context(None)))
    return jobs


Job = tuple[str, list[Event], Any]


def bare(jobs: list[Job]) -> None:
    for initial, events, ctx in jobs:
        model = Model()
        model.state = initial
        for event in events:
            event.trigger(model, ctx)


def _guarded(engine: Engine, outcomes: list[Outcome]) -> list[dict[str, Any] | None]:
    """Per scenario, its ticket when one of the events fired has a guarded branch, else None."""
    found = []
    for outcome in outcomes:
        run = outcome.run
        assert run is not None
        guards = run.workflow.guards
        needs = any(r.source and any(guards.get((r.source, r.event), ())) for r in run.records[1:])
        found.append(dict(run.routed.ticket) if needs else None)
    return found


def bare_with_contexts(jobs: list[Job], tickets: list[dict[str, Any] | None]) -> None:
    """The bare loop building each ticket's CEL context itself, only where a guard will read it."""
    for (initial, events, _ctx), ticket in zip(jobs, tickets, strict=True):
        model = Model()
        model.state = initial
        ctx = None if ticket is None else context(ticket)
        for event in events:
            event.trigger(model, ctx)


def engine_round(engine: Engine, scenarios: list[Scenario], clocks: bool = False) -> None:
    for outcome in engine.check_many(scenarios):
        if clocks and outcome.run is not None:
            outcome.run.clocks  # noqa: B018 - force the SLA clocks


def timed(fn: Callable[[], None]) -> float:
    start = time.process_time()  # CPU time: other processes on the machine do not count
    fn()
    return time.process_time() - start


Side = Callable[[slice], None]


def measure(
    sides: dict[str, Side], start: dict[str, Callable[[], None]], slices: list[slice], rounds: int
) -> dict[str, float]:
    """Per side, the sum over slices of each slice's best time; ``start`` runs (untimed) before a side's round."""
    best = {name: [float("inf")] * len(slices) for name in sides}
    gc.collect()  # the garbage collector stays on, as in planops test (the engine pauses it itself)
    for _ in range(rounds):
        for name, side in sides.items():
            start.get(name, lambda: None)()
            for i, part in enumerate(slices):
                best[name][i] = min(best[name][i], timed(lambda side=side, part=part: side(part)))
    return {name: sum(times) for name, times in best.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("plan", nargs="?", type=Path)
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--slice", type=int, default=1000, help="scenarios per timed slice (default: 1000)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    plan, findings = check_plan(args.plan or _generated())
    assert not [d for d in findings if d.severity >= 2], findings[:3]
    engine = Engine.for_plan(plan)
    scenarios = list(plan.scenarios.values())
    outcomes = [engine.check(s) for s in scenarios]  # builds every machine and calendar day used
    jobs = bare_jobs(engine, scenarios)
    print(
        f"{len(plan.workflows)} workflows, {len(plan.routing.rules) if plan.routing else 0} rules, "
        f"{len(scenarios)} scenarios ({sum(o.passed for o in outcomes)} pass), "
        f"{sum(len(job[1]) for job in jobs) / len(jobs):.2f} machine events per scenario"
    )
    guarded = _guarded(engine, outcomes)
    slices = [slice(i, i + args.slice) for i in range(0, len(scenarios), args.slice)]
    # check_many runs a call's tickets workflow by workflow; the bare loop fires each slice in that order too
    order = [i for part in slices for i in sorted(range(len(scenarios))[part], key=lambda i: _workflow(outcomes[i]))]
    same_order = [jobs[i] for i in order]
    sides: dict[str, Side] = {
        "bare": lambda part: bare(same_order[part]),
        "bare, plan order": lambda part: bare(jobs[part]),
        "bare+contexts": lambda part: bare_with_contexts(same_order[part], [guarded[i] for i in order[part]]),
        "engine": lambda part: engine_round(engine, scenarios[part]),
        "engine+clocks": lambda part: engine_round(engine, scenarios[part], clocks=True),
    }
    # Each engine round starts with no remembered rule answers, so no round profits from an earlier one.
    start = {"engine": engine.forget, "engine+clocks": engine.forget}
    _report(measure(sides, start, slices, args.rounds), len(scenarios))


def _generated() -> Path:
    return write_plan(Path(tempfile.mkdtemp()))


def _workflow(outcome: Outcome) -> str:
    return outcome.run.workflow.name if outcome.run is not None else ""


def _report(best: dict[str, float], n: int) -> None:
    for name, seconds in best.items():
        print(f"{name:17s} {n / seconds:9.0f} scenarios/s  {seconds / n * 1e6:7.1f} µs/scenario")
    print(f"ratio engine / bare:             {best['engine'] / best['bare']:.2f} (bound: 3)")
    print(f"ratio engine / bare, plan order: {best['engine'] / best['bare, plan order']:.2f}")
    print(f"ratio engine / bare+contexts:    {best['engine'] / best['bare+contexts']:.2f}")
    print(f"ratio engine+clocks / bare:      {best['engine+clocks'] / best['bare']:.2f}")


if __name__ == "__main__":
    main()
