"""Scenarios: a ticket with a time, events in order, expectations that can be true."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta

from planops.checks.base import in_broken_document
from planops.diagnostics import ERROR, WARNING, Code, Diagnostic, did_you_mean, shown
from planops.expr import field_names, known_field
from planops.limits import MAX_SCENARIO_DAYS
from planops.loader.document import Path
from planops.model import Scenario
from planops.model.scenario import absolute, value_problems
from planops.model.types import in_years
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
    "A scenario ticket value beyond what planops reads: a list or mapping of more than 1,000 entries, "
    "a number that is not finite or beyond ±2^53.",
    "ticket:\n  amount: .inf\n",
)
SCENARIO_SPAN = Code(
    "scenario-span",
    ERROR,
    f"An event or `until:` more than {MAX_SCENARIO_DAYS} days after the ticket was created.",
    "ticket:\n  created: 2026-03-27T16:30:00+01:00\nuntil: 2027-06-01T00:00:00+02:00\n",
)


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    declared = plan.manifest.ticket_fields if plan.manifest else {}
    for scenario in plan.scenarios.values():
        created = scenario.ticket.get("created")
        start, problem = _created(created)
        if problem is not None:
            yield NO_CREATED.at(plan, scenario, ("ticket", "created"), problem, key=created is None)
        elif start is not None:
            yield from _order(plan, scenario, start)
        for path, message in value_problems(scenario.ticket):
            yield TICKET_VALUE.at(plan, scenario, ("ticket", *path), message)
        for key, value in scenario.ticket.items():
            yield from _fields(plan, scenario, key, value, declared)
        yield from _channel(plan, scenario)
        yield from _expectations(plan, scenario)


def _created(created: object) -> tuple[datetime | None, str | None]:
    """The ticket's ``created`` as a timestamp, or why it is not one planops can run."""
    try:
        start = datetime.fromisoformat(created) if isinstance(created, str) else None
    except ValueError:
        start = None
    if start is None or start.tzinfo is None:
        return None, (f"ticket.created should be a timestamp with an offset like 2026-03-27T16:30:00+01:00, "
                      f"found {shown(repr(created))}")
    try:
        return in_years(start), None
    except ValueError as exc:
        return None, f"ticket.created {exc}"


def _channel(plan: CompiledPlan, scenario: Scenario) -> Iterator[Diagnostic]:
    channel = scenario.ticket.get("channel")
    if (plan.channels and channel is not None and channel not in plan.channels
            and not in_broken_document(plan, "channel", str(channel))):
        yield UNKNOWN_CHANNEL.at(
            plan,
            scenario,
            ("ticket", "channel"),
            f"channel '{shown(channel)}' is not defined",
            hint=did_you_mean(str(channel), plan.channels),
        )


def _order(plan: CompiledPlan, scenario: Scenario, created: datetime) -> Iterator[Diagnostic]:
    previous, latest = created, created + timedelta(days=MAX_SCENARIO_DAYS)
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
        elif when > latest:
            yield _too_late(plan, scenario, ("events", i, "at"), f"event '{step.do}' at {when.isoformat()}")
        previous = max(previous, when)
    until = None if scenario.until is None else absolute(scenario.until, created)
    if until is not None and until < previous:
        yield EVENT_ORDER.at(plan, scenario, ("until",), "until: comes before the last event")
    elif until is not None and until > latest:
        yield _too_late(plan, scenario, ("until",), f"until: {until.isoformat()}")


def _too_late(plan: CompiledPlan, scenario: Scenario, path: Path, what: str) -> Diagnostic:
    return SCENARIO_SPAN.at(plan, scenario, path, f"{what} is more than {MAX_SCENARIO_DAYS} days after the ticket "
                            "was created; a scenario covers at most that (split it into several)")


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


CODES = [NO_CREATED, EVENT_ORDER, SCENARIO_SPAN, TICKET_FIELD, TICKET_VALUE, UNKNOWN_CHANNEL, EXPECT_REF]
