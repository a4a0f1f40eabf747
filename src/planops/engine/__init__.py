"""The workflow engine: routing, the SLA clock, state machines and scenario runs.

The public API (the handbook, the review tools and the commands use only this)::

    from planops.engine import Engine, coverage

    engine = Engine.for_plan(plan)        # a ValidPlan (planops.pipeline.check_plan(...).valid): only a
                                          # plan without errors has an engine; one per plan
    routed = engine.route(ticket)         # a mapping like a scenario's ticket: -> Routed
    engine.route_scenario(scenario)       # the same for a scenario's ticket (read once)
    engine.workflow_of(scenario)          # only its workflow (segment and rules: what validate needs)
    routed.segment, routed.priority, routed.queue, routed.workflow, routed.rule,
    routed.sla_policy, routed.calendar_name, routed.calendar (a BusinessCalendar: add, open_time,
                                          # hours_on(day), holidays_between(first, last)),
    routed.targets, routed.due            # {first_response, resolution: aware datetime}

    run = engine.run(scenario)            # -> Run: routed, state, owner, path, end, problem,
    run.path                              # every state the ticket was in, the initial one first
    run.trace                             # rows: at, event, source, target, owner, timer, clocks, note
    run.clocks                            # {target: ClockState(target, status, due, paused, stopped)}
    run.sla, run.due                      # {target: 'met' | 'breached' | 'pending'}, {target: due}

    outcome = engine.check(scenario)      # -> Outcome: passed, mismatches [Mismatch(key, expected,
                                          #    actual, hint)], problems [str], run, path, line
    engine.check_many(scenarios)          # the outcomes of check, in order, done in passes (faster)
    engine.check_all(keyword)             # every scenario (name containing keyword), in plan order
    engine.place(scenario)                # (file, line) of the scenario's name
    engine.machine(name)                  # CompiledWorkflow: .machine (transitions), owners, timers, ...
    engine.forget()                       # drop remembered rule answers (benchmarks: start cold)

    FirstMatch(whens).first(TicketView(ticket))  # index of the first ``when:`` that matches (None: none);
                                          # for checks that need first-match before a plan is valid
    cov = coverage(plan, runs)            # -> Coverage: percent, covered, total, workflows
                                          #    [WorkflowCoverage(missed_states, missed_edges, ...)]

Compiled once per engine: the router (segments, rules and SLA policies, each
``when:`` compiled once; rules filed by their ``ticket.x == 'literal'``
conjuncts, the rest of each one Predicate per text; answers remembered by the
values each expression reads), one `transitions` machine per workflow (on
first use), one business calendar per Calendar, each scenario read once
(ticket checked, events as UTC instants).

``engine.route`` and ``engine.run`` raise ``TicketError`` for a ticket the plan
cannot take (not a mapping, no ``created``, an unknown channel, no workflow;
``ChannelRefused``, a TicketError, where its channel refuses its segment)
and ``engine.run`` raises ``ScenarioError`` for events out of order;
``engine.check`` turns both into an Outcome's ``problems``. Instants in runs and
clocks are UTC datetimes; ``routed.zone`` is where to show them
(``planops.output`` formats them for people and for JSON).

Modules: ``tickets`` (ticket checks, CEL contexts), ``rules`` (first-match rule
lists), ``router``, ``calendars``, ``clock`` (business hours; ``planops.hours`` parses them),
``machine`` (workflows as `transitions` machines), ``simulator`` (the virtual
clock), ``sla`` (SLA clocks), ``prepared`` (scenarios read once),
``scenario`` (runs and expectations), ``core`` (the Engine) and ``coverage``.
"""

from __future__ import annotations

from planops.engine.clock import BusinessCalendar
from planops.engine.core import Engine, Outcome
from planops.engine.coverage import Coverage, Edge, WorkflowCoverage, coverage
from planops.engine.errors import ChannelRefused
from planops.engine.machine import CompiledWorkflow
from planops.engine.router import Routed
from planops.engine.rules import FirstMatch
from planops.engine.scenario import Mismatch, Run, ScenarioError, TraceRow
from planops.engine.sla import PENDING, ClockState
from planops.engine.tickets import TicketError, TicketView

__all__ = [
    "PENDING",
    "BusinessCalendar",
    "ChannelRefused",
    "ClockState",
    "CompiledWorkflow",
    "Coverage",
    "Edge",
    "Engine",
    "FirstMatch",
    "Mismatch",
    "Outcome",
    "Routed",
    "Run",
    "ScenarioError",
    "TicketError",
    "TicketView",
    "TraceRow",
    "WorkflowCoverage",
    "coverage",
]
