"""A ticket's way in: the segment it falls into, the channels that segment may use, the rule that routes it.

How routing merges (planops.engine.router): the first rule whose ``when:`` matches fills in priority, queue
and workflow where the ticket has none; later rules are never tried. So a rule that can match must set a
workflow itself, or tickets it takes cannot run.
"""

from __future__ import annotations

from collections.abc import Iterator

from planops.celcheck.reads import ticket_reads
from planops.checks.base import first_match_gaps
from planops.diagnostics import ERROR, WARNING, Code, Diagnostic
from planops.expr import position
from planops.model.service import Routing
from planops.plan import CompiledPlan

NO_WORKFLOW = Code(
    "rule-without-workflow",
    ERROR,
    "A routing rule that can match but sets no workflow: routing stops at the first rule that matches, so a "
    "ticket it takes gets no workflow (unless the ticket names one itself) and cannot run.",
    "rules:\n  - {name: vip, when: \"ticket.segment == 'vip'\", set: {priority: high}}\n"
    "  - {name: everything-else, set: {priority: normal, queue: frontline, workflow: support}}\n",
)
SEGMENT_READS_SEGMENT = Code(
    "segment-reads-segment",
    ERROR,
    "A segment's `when:` reads `ticket.segment`, which is what the segments decide: it is unset while they are "
    "tried, so the condition never holds as written.",
    "segments:\n  - {name: vip, when: \"ticket.segment == 'vip' || ticket.customer.annual_value > 50000\"}\n",
)
SEGMENT_WITHOUT_CHANNEL = Code(
    "segment-without-channel",
    WARNING,
    "A segment that no channel lets in: every channel lists `segments:` without it, so its customers cannot "
    "reach support.",
    'segments:\n  - {name: vip, when: "ticket.customer.annual_value > 50000"}\n  - {name: standard}\n'
    "# while every channel says segments: [vip]\n",
)
QUEUE_OWNER = Code(
    "queue-owner-mismatch",
    WARNING,
    "A routing rule sends tickets to a queue with a workflow whose first state is owned by a role that does not "
    "serve that queue (the role's `queues:`).",
    "rules:\n  - {name: outage, set: {queue: engineering, workflow: support}}\n"
    "# while support starts in triage, owned by agent, whose queues: [frontline]\n",
)


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    yield from _segments_reading_segment(plan)
    yield from _segments_without_channel(plan)
    if plan.routing is not None:
        yield from _rules_without_workflow(plan, plan.routing)
        yield from _queue_owners(plan, plan.routing)


def _reachable(routing: Routing) -> range:
    """Indexes of the rules that can match: up to the first without ``when:`` (those after it are shadowed)."""
    shadowing, _ = first_match_gaps([rule.when for rule in routing.rules])
    return range(len(routing.rules) if shadowing is None else shadowing + 1)


def _rules_without_workflow(plan: CompiledPlan, routing: Routing) -> Iterator[Diagnostic]:
    for i in _reachable(routing):
        rule = routing.rules[i]
        if rule.set.workflow is None:
            yield NO_WORKFLOW.at(
                plan,
                routing,
                ("rules", i, "set"),
                f"routing rule '{rule.name}' sets no workflow, and later rules are not tried for the tickets it "
                "takes: they get no workflow unless they arrive with one",
                hint="add workflow: to its set:",
            )


def _segments_reading_segment(plan: CompiledPlan) -> Iterator[Diagnostic]:
    seg = plan.segmentation
    if seg is None:
        return
    doc = plan.where(seg)
    for i, segment in enumerate(seg.segments):
        for read in ticket_reads(segment.when or "") or ():
            if read.field.split(".")[0] != "segment":
                continue
            line, col = doc.text_loc(("segments", i, "when"), *position(segment.when or "", read.offset))
            yield SEGMENT_READS_SEGMENT.located(
                doc.path,
                line,
                col,
                f"segment '{segment.name}' reads ticket.segment, which the segments decide: it is unset while "
                "they are tried",
                "decide the segment from other fields, such as ticket.customer.annual_value",
            )


def _segments_without_channel(plan: CompiledPlan) -> Iterator[Diagnostic]:
    seg, channels = plan.segmentation, plan.channels
    if seg is None or not channels or plan.is_broken("Channel"):
        return
    if any(channel.segments is None for channel in channels.values()):
        return  # a channel open to everyone
    allowed = {name for channel in channels.values() for name in channel.segments or ()}
    for i, segment in enumerate(seg.segments):
        if segment.name not in allowed:
            yield SEGMENT_WITHOUT_CHANNEL.at(
                plan,
                seg,
                ("segments", i, "name"),
                f"no channel lets segment '{segment.name}' in: each channel's segments: leaves it out",
                hint="add it to the segments: of a channel its customers may use",
            )


def _queue_owners(plan: CompiledPlan, routing: Routing) -> Iterator[Diagnostic]:
    roles = plan.roles
    for i in _reachable(routing):
        rule = routing.rules[i]
        workflow = plan.workflows.get(rule.set.workflow or "")
        queue = rule.set.queue
        first = workflow.states.get(workflow.initial) if workflow is not None else None
        role = roles.get(first.owner) if first is not None and first.owner is not None else None
        if workflow is None or queue is None or role is None or queue in role.queues or queue not in plan.queues:
            continue  # a queue no role serves is unknown-queue already
        yield QUEUE_OWNER.at(
            plan,
            routing,
            ("rules", i, "set", "workflow"),
            f"routing rule '{rule.name}' sends tickets to queue '{queue}', but workflow '{workflow.name}' starts "
            f"in state '{workflow.initial}', owned by '{role.name}', who does not serve queue '{queue}'",
            hint=f"add {queue} to the queues: of role '{role.name}', or route to a queue it serves: "
            f"{', '.join(role.queues) or 'none yet'}",
        )


CODES = [NO_WORKFLOW, SEGMENT_READS_SEGMENT, SEGMENT_WITHOUT_CHANNEL, QUEUE_OWNER]
