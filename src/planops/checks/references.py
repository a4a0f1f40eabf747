"""Every name a plan object refers to must exist."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from planops.checks.base import in_broken_document
from planops.diagnostics import ERROR, Code, Diagnostic, did_you_mean
from planops.loader.document import Path
from planops.model import PlanObject
from planops.plan import CompiledPlan

UNKNOWN_CALENDAR = Code(
    "unknown-calendar",
    ERROR,
    "A calendar that is not defined.",
    "kind: Channel\nname: chat\ncalendar: berlin-ofice\n",
)
UNKNOWN_KPI = Code(
    "unknown-kpi",
    ERROR,
    "A goal names a KPI that is not defined.",
    "kind: Plan\n# …\ngoals:\n  - {name: keep, statement: Keep customers, kpis: [csat-score]}\n",
)
UNKNOWN_SEGMENT = Code(
    "unknown-segment",
    ERROR,
    "A segment that the Segmentation does not define.",
    "kind: Channel\nname: phone\nsegments: [vipp]\n",
)
UNKNOWN_QUEUE = Code(
    "unknown-queue",
    ERROR,
    "Routing sets a queue that no Team role serves.",
    "rules:\n  - name: billing\n    set: {queue: biling}\n",
)
UNKNOWN_WORKFLOW = Code(
    "unknown-workflow",
    ERROR,
    "Routing sets a workflow that is not defined.",
    "rules:\n  - name: billing\n    set: {workflow: billing-dispte}\n",
)


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    calendars = plan.calendars
    for channel in plan.channels.values():
        yield from _ref(plan, channel, ("calendar",), channel.calendar, calendars, UNKNOWN_CALENDAR, "calendar")
        segments = plan.segment_names
        for i, segment in enumerate(channel.segments or ()):
            if plan.segmentation is not None:
                yield from _ref(plan, channel, ("segments", i), segment, segments, UNKNOWN_SEGMENT, "segment")
    for policy in plan.sla_policies:
        yield from _ref(plan, policy, ("calendar",), policy.calendar, calendars, UNKNOWN_CALENDAR, "calendar")
    if plan.manifest is not None:
        for g, goal in enumerate(plan.manifest.goals):
            for k, kpi in enumerate(goal.kpis):
                yield from _ref(plan, plan.manifest, ("goals", g, "kpis", k), kpi, plan.kpis, UNKNOWN_KPI, "KPI")
    if plan.routing is not None:
        yield from _routing(plan)


def _routing(plan: CompiledPlan) -> Iterator[Diagnostic]:
    assert plan.routing is not None
    routing = plan.routing
    for i, rule in enumerate(routing.rules):
        if plan.teams:
            yield from _ref(
                plan,
                routing,
                ("rules", i, "set", "queue"),
                rule.set.queue,
                plan.queues,
                UNKNOWN_QUEUE,
                "queue",
                "served by no Team role",
            )
        yield from _ref(
            plan,
            routing,
            ("rules", i, "set", "workflow"),
            rule.set.workflow,
            plan.workflows,
            UNKNOWN_WORKFLOW,
            "workflow",
        )


def _ref(
    plan: CompiledPlan,
    obj: PlanObject,
    path: Path,
    name: str | None,
    known: Collection[str],
    code: Code,
    what: str,
    reason: str = "not defined",
) -> Iterator[Diagnostic]:
    if name is not None and in_broken_document(plan, what, name):
        return  # that document failed its shape check, which was reported already
    if name is not None and name not in known:
        yield code.at(plan, obj, path, f"{what} '{name}' is {reason}", hint=did_you_mean(name, known))


CODES = [UNKNOWN_CALENDAR, UNKNOWN_KPI, UNKNOWN_SEGMENT, UNKNOWN_QUEUE, UNKNOWN_WORKFLOW]
