"""Scenarios: a ticket with a time, events in order, expectations that can be true."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime

from planops.checks.base import ERROR, WARNING, Code, in_broken_document
from planops.diagnostics import Diagnostic, did_you_mean
from planops.engine.tickets import GIVEN_NAMES, describe, not_a_name
from planops.expr import field_names, known_field
from planops.model import Scenario
from planops.model.scenario import absolute
from planops.plan import CompiledPlan

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
    "A scenario ticket carries a field no expression can know about.",
    "ticket:\n  amout: 1200.0\n",
)
TICKET_NAME = Code(
    "ticket-value",
    ERROR,
    "A scenario ticket gives channel, segment, priority, queue or workflow as something other than a name.",
    "ticket:\n  channel: [email, chat]\n",
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


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    declared = plan.manifest.ticket_fields if plan.manifest else {}
    for scenario in plan.scenarios.values():
        created = scenario.ticket.get("created")
        try:
            start = datetime.fromisoformat(created) if isinstance(created, str) else None
        except ValueError:
            start = None
        if start is None or start.tzinfo is None:
            yield NO_CREATED.at(
                plan,
                scenario,
                ("ticket", "created"),
                f"ticket.created should be a timestamp with an offset like 2026-03-27T16:30:00+01:00, "
                f"found {created!r}",
                key=created is None,
            )
        else:
            yield from _order(plan, scenario, start)
        for key, value in scenario.ticket.items():
            yield from _fields(plan, scenario, key, value, declared)
        wrong = not_a_name(scenario.ticket)
        if wrong is not None:
            yield TICKET_NAME.at(plan, scenario, ("ticket", wrong),
                                 f"ticket {wrong} should be a name, found {describe(scenario.ticket[wrong])}",
                                 hint=f"write one name, like {GIVEN_NAMES[wrong]!r}")
        channel = scenario.ticket.get("channel")
        if (plan.channels and isinstance(channel, str) and channel not in plan.channels
                and not in_broken_document(plan, "channel", str(channel))):
            yield UNKNOWN_CHANNEL.at(
                plan,
                scenario,
                ("ticket", "channel"),
                f"channel '{channel}' is not defined",
                hint=did_you_mean(str(channel), plan.channels),
            )
        yield from _expectations(plan, scenario)


def _order(plan: CompiledPlan, scenario: Scenario, created: datetime) -> Iterator[Diagnostic]:
    previous = created
    for i, step in enumerate(scenario.events):
        when = absolute(step.at, created)
        if when < created:
            yield EVENT_ORDER.at(
                plan,
                scenario,
                ("events", i, "at"),
                f"event '{step.do}' at {when.isoformat()} comes before the ticket was created",
            )
        elif when < previous:
            yield EVENT_ORDER.at(
                plan,
                scenario,
                ("events", i, "at"),
                f"event '{step.do}' at {when.isoformat()} comes before the event above it "
                f"({previous.isoformat()}); list events in time order",
            )
        previous = max(previous, when)
    if scenario.until is not None and absolute(scenario.until, created) < previous:
        yield EVENT_ORDER.at(plan, scenario, ("until",), "until: comes before the last event")


def _fields(
    plan: CompiledPlan, scenario: Scenario, key: str, value: object, declared: Mapping[str, str]
) -> Iterator[Diagnostic]:
    if known_field(key, declared):
        return
    if isinstance(value, dict) and any(known_field(f"{key}.{k}", declared) for k in value):
        return
    yield TICKET_FIELD.at(
        plan,
        scenario,
        ("ticket", key),
        f"ticket field '{key}' is not a known ticket field",
        hint=did_you_mean(key, field_names(declared)) or "declare it in the Plan under ticket_fields:",
        key=True,
    )


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


CODES = [NO_CREATED, EVENT_ORDER, TICKET_FIELD, TICKET_NAME, UNKNOWN_CHANNEL, EXPECT_REF]
