"""Scenarios: a ticket with a time, events in order, expectations that can be true."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime

from planops.checks.base import in_broken_document
from planops.diagnostics import ERROR, WARNING, Code, Diagnostic, did_you_mean, shown
from planops.limits import MAX_SCENARIO_DAYS
from planops.loader.document import Document
from planops.model import Scenario
from planops.model.scenario import GIVEN_NAMES, describe, not_a_name, value_problems
from planops.model.timeline import CreatedError, out_of_order, parse_created, too_late
from planops.plan import CompiledPlan
from planops.ticketvalues import problems

NO_CREATED = Code(
    "scenario-created",
    ERROR,
    "A scenario ticket without `created:` as an ISO timestamp with an offset.",
    "ticket:\n  channel: email\n  created: 2026-03-27 16:30\n",
)
EVENT_ORDER = Code(
    "event-order",
    ERROR,
    "An event earlier than the one before it, or before the ticket was created.",
    "events:\n  - {at: +2h, do: escalate}\n  - {at: +1h, do: respond}\n",
)
TICKET_FIELD = Code(
    "unknown-ticket-field",
    WARNING,
    "A scenario ticket carries a field (at any depth) that is neither built in nor declared in `ticket_fields:`.",
    "ticket:\n  amout: 1200.0\n",
)
UNKNOWN_CHANNEL = Code(
    "unknown-channel",
    ERROR,
    "A scenario ticket arrives on a channel the plan does not define.",
    "ticket:\n  channel: emial\n",
)
EXPECT_REF = Code(
    "unknown-expectation",
    ERROR,
    "An expectation names a state, segment, workflow, queue, policy or role that does not exist.",
    "expect:\n  state: manger-approval\n",
)


TICKET_VALUE = Code(
    "ticket-value",
    ERROR,
    "A scenario ticket value that does not fit its field: of another type than the field declares, outside its "
    "`values:`, channel, segment, priority, queue or workflow given as something other than a name, a list or "
    "mapping of more than 1,000 entries, a number that is not finite or beyond ±2^53.",
    "ticket:\n  amount: .inf\n",
)
PATH_START = Code(
    "path-start",
    ERROR,
    "An expected `path` that does not start with the workflow's initial state: a path lists every state the "
    "ticket was in, the initial one first.",
    "expect:\n  workflow: billing-dispute   # initial: triage\n  path: [billing-review, resolved]\n",
)
SCENARIO_SPAN = Code(
    "scenario-span",
    ERROR,
    f"An event or `until:` more than {MAX_SCENARIO_DAYS} days after the ticket was created.",
    "ticket:\n  created: 2026-03-27T16:30:00+01:00\nuntil: 2027-06-01T00:00:00+02:00\n",
)


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    for scenario in plan.scenarios.values():
        created = scenario.ticket.get("created")
        try:
            start = parse_created(created)
        except CreatedError as exc:
            yield NO_CREATED.at(plan, scenario, ("ticket", "created"), str(exc), key=created is None)
        else:
            yield from _order(plan, scenario, start)
        beyond = value_problems(scenario.ticket)
        for path, message in beyond:
            yield TICKET_VALUE.at(plan, scenario, ("ticket", *path), message)
        fields_known = plan.manifest is not None or not plan.is_broken("Plan")  # a broken Plan's ticket_fields
        if fields_known and not beyond:  # are unknown, and a value beyond limits is reported once: no follow-ons
            yield from _typed_values(plan, scenario)
        wrong = not_a_name(scenario.ticket)
        if wrong is not None:
            yield TICKET_VALUE.at(
                plan,
                scenario,
                ("ticket", wrong),
                f"ticket {wrong} should be a name, found {describe(scenario.ticket[wrong])}",
                hint=f"write one name, like {GIVEN_NAMES[wrong]!r}",
            )
        yield from _channel(plan, scenario)
        yield from _expectations(plan, scenario)


def _channel(plan: CompiledPlan, scenario: Scenario) -> Iterator[Diagnostic]:
    channel = scenario.ticket.get("channel")
    if (
        plan.channels
        and isinstance(channel, str)
        and channel not in plan.channels
        and not in_broken_document(plan, "channel", str(channel))
    ):
        yield UNKNOWN_CHANNEL.at(
            plan,
            scenario,
            ("ticket", "channel"),
            f"channel '{shown(channel)}' is not defined",
            hint=did_you_mean(str(channel), plan.channels),
        )


def _order(plan: CompiledPlan, scenario: Scenario, created: datetime) -> Iterator[Diagnostic]:
    """Events and ``until:`` out of time order, then those beyond the scenario's span (planops.model.timeline)."""
    disordered = set()
    for problem in out_of_order(scenario.events, scenario.until, created):
        disordered.add(problem.path)
        yield EVENT_ORDER.at(plan, scenario, problem.path, problem.message())
    for late in too_late(scenario.events, scenario.until, created):
        if late.path not in disordered:
            yield SCENARIO_SPAN.at(plan, scenario, late.path, late.message())


def _typed_values(plan: CompiledPlan, scenario: Scenario) -> Iterator[Diagnostic]:
    """Fields the plan does not declare (a warning, at the key), values of the wrong type or not allowed."""
    fields = plan.ticket_schema.fields
    wrong = not_a_name(scenario.ticket)
    named = frozenset({"channel", "created", *([wrong] if wrong else [])})  # checked in their own words
    for problem in problems(scenario.ticket, fields, skip=named):
        path = ("ticket", *problem.path)
        if problem.unknown:
            yield TICKET_FIELD.at(plan, scenario, path, problem.message, hint=problem.hint, key=True)
        else:
            yield TICKET_VALUE.at(plan, scenario, path, problem.message, hint=problem.hint)


def _expectations(plan: CompiledPlan, scenario: Scenario) -> Iterator[Diagnostic]:
    expect = scenario.expect
    known = {
        "segment": plan.segment_names,
        "workflow": plan.workflows,
        "queue": plan.queues if plan.teams else None,
        "sla_policy": [p.name for p in plan.sla_policies],
        "owner": plan.roles if plan.teams else None,
    }
    for key, names in known.items():
        value = getattr(expect, key)
        if value is None or names is None or in_broken_document(plan, key, value):
            continue
        if value not in names:
            yield EXPECT_REF.at(
                plan,
                scenario,
                ("expect", key),
                f"expected {key} '{value}' does not exist",
                hint=did_you_mean(value, names),
            )
    workflow = plan.workflows.get(expect.workflow or "")
    if workflow is None:
        return
    for path, state in [(("expect", "state"), expect.state)] + [
        (("expect", "path", i), s) for i, s in enumerate(expect.path or ())
    ]:
        if state is not None and state not in workflow.states:
            yield EXPECT_REF.at(
                plan,
                scenario,
                path,
                f"'{state}' is not a state of workflow '{workflow.name}'",
                hint=did_you_mean(state, workflow.states),
            )
    yield from _path_start(plan, scenario, workflow.initial, expect.path, workflow.states)


def _path_start(
    plan: CompiledPlan, scenario: Scenario, initial: str, path: tuple[str, ...] | None, states: Mapping[str, object]
) -> Iterator[Diagnostic]:
    """A path whose first state is another state of the workflow (an unknown one is reported above)."""
    if path is None or (path and (path[0] == initial or path[0] not in states)):
        return
    where = ("expect", "path", 0) if path else ("expect", "path")
    found = f"'{path[0]}'" if path else "an empty path"
    yield PATH_START.at(
        plan,
        scenario,
        where,
        f"path should start with the initial state '{initial}', found {found}",
        hint=f"a path lists the initial state first: write [{', '.join((initial, *path))}]",
    )


CODES = [
    NO_CREATED,
    EVENT_ORDER,
    SCENARIO_SPAN,
    TICKET_FIELD,
    TICKET_VALUE,
    UNKNOWN_CHANNEL,
    EXPECT_REF,
    PATH_START,
]


def ticket_findings(doc: Document, plan: CompiledPlan) -> list[Diagnostic]:
    """A ticket outside the plan (``planops route``'s file): its fields checked against the plan's, in place."""
    found: list[Diagnostic] = []
    if value_problems(doc.data):
        return found  # a value beyond planops's limits: the engine refuses the ticket in one line
    wrong = not_a_name(doc.data)  # the engine says what is wrong with these, in its words
    skip = frozenset({"channel", "created", *([wrong] if wrong else [])})
    for problem in problems(doc.data, plan.ticket_schema.fields, skip=skip):
        code = TICKET_FIELD if problem.unknown else TICKET_VALUE
        found.append(doc.diagnostic(problem.path, code, problem.message, hint=problem.hint, key=problem.unknown))
    return found
