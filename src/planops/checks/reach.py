"""Which SLA policies can apply to the tickets of a channel, and which calendars to those of a workflow:
static readings of the policies' (and routing rules') ``when:``.

Each kept in one function so that the reading can be replaced without touching the checks that ask it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from planops.celcheck.reads import conjuncts, ticket_reads
from planops.escalation import Facts, equalities, tried
from planops.expr import ExprError, compile_expr, context
from planops.model import Channel, SLAPolicy
from planops.model.service import Rule
from planops.plan import CompiledPlan

DECIDING = frozenset({"channel", "segment"})
"""The fields a channel's tickets are known by before anything else about them is."""


def policies_for_channel(policies: Sequence[SLAPolicy], channel: Channel, segments: Sequence[str]) -> list[SLAPolicy]:
    """The policies (in the order tried) that can apply to some ticket of ``channel``.

    Conservative: a policy can apply unless its ``when:`` requires another channel, or only segments the
    channel does not let in. It is read as its top-level ``&&`` operands (from the CEL syntax tree): an
    operand that reads no ticket field but ``channel`` and ``segment`` is evaluated for a ticket of the
    channel in each segment it allows (``segments``: every segment of the plan when the channel names none,
    or none at all); the policy is ruled out when, in every such segment, some operand is false. An operand
    reading any other field (``region``, ``priority``, …) may hold, so it never rules a policy out. The list
    ends at the first policy that surely applies to every ticket of the channel (no ``when:``, or every
    operand read so and true in every segment): no later one is tried for them.
    """
    allowed: Sequence[str | None] = channel.segments or segments or (None,)
    found = []
    for policy in policies:
        values = [_holds(policy.when, channel.name, segment) for segment in allowed]
        if False in values and len(set(values)) == 1:
            continue
        found.append(policy)
        if set(values) == {True}:
            break
    return found


def _holds(when: str | None, channel: str, segment: str | None) -> bool | None:
    """Whether ``when`` holds for a ticket on ``channel`` in ``segment``: True, False, or None (it may)."""
    if when is None:
        return True
    ticket = {"channel": channel} if segment is None else {"channel": channel, "segment": segment}
    result: bool | None = True
    for operand in conjuncts(when) or [when]:
        reads = ticket_reads(operand)
        if reads is None or {read.field.split(".")[0] for read in reads} - DECIDING:
            result = None  # reads a field not known here: it may hold
            continue
        value = _value(operand, ticket)
        if value is False:
            return False
        if value is not True:
            result = None
    return result


def _value(operand: str, ticket: dict[str, Any]) -> object:
    """The operand's value for ``ticket``; None where it cannot be evaluated (a syntax error is its own finding)."""
    try:
        return compile_expr(operand.strip()).execute(context(ticket))
    except (ExprError, LookupError, TypeError, ValueError, ArithmeticError, RuntimeError, AttributeError):
        return None


@dataclass(frozen=True, slots=True)
class Way:
    """How a ticket comes to a workflow and a calendar: a routing rule, a channel, an SLA policy (None: none)."""

    rule: str
    channel: str | None
    policy: str | None


def workflow_calendars(plan: CompiledPlan) -> dict[str | None, dict[str | None, Way]]:
    """For each workflow, the calendars routing may give its tickets (None: always open), each with a way there;
    under the key None those of rules that set no workflow, which count for every workflow.

    Read statically, as :class:`planops.escalation.Routes` reads the rules: a routing rule that sets the
    workflow (or sets none: the ticket brings it), on each channel (every ticket comes through one: none only
    in a plan without channels), and each SLA policy tried for it up to the first without ``when:``, except
    where the rule's, the policy's and the channel's ``ticket.F == 'a'`` operands and the channel's
    ``segments:`` contradict. The calendar is the policy's, else the channel's; when every policy has a
    ``when:``, none may match and the channel's counts too. Over-approximates: a rule an earlier one swallows
    and a policy an earlier one always takes still count. A ticket arriving with its own workflow and no rule
    for it is left out, as in the escalation check.
    """
    found: dict[str | None, dict[str | None, Way]] = {}
    reader = _Policies(plan)
    channels: list[Channel | None] = [*plan.channels.values()] or [None]
    for rule in plan.routing.rules if plan.routing else ():
        for channel in channels:
            facts = _rule_facts(rule, channel)
            if facts is None:
                continue
            for calendar, policy in reader.calendars(facts, channel):
                way = Way(rule.name, channel.name if channel else None, policy)
                found.setdefault(rule.set.workflow, {}).setdefault(calendar, way)
    return found


def _rule_facts(rule: Rule, channel: Channel | None) -> Facts | None:
    """What a ticket the rule takes on ``channel`` is known to hold; None when the two contradict."""
    facts = equalities(rule.when)
    if rule.set.priority is not None:
        facts["priority"] = rule.set.priority
    if rule.set.queue is not None:
        facts["queue"] = rule.set.queue
    if channel is None:
        return facts
    if facts.setdefault("channel", channel.name) != channel.name or not _admits(channel, facts):
        return None
    return facts


def _admits(channel: Channel, facts: Facts) -> bool:
    segment = facts.get("segment")
    return channel.segments is None or segment is None or segment in channel.segments


class _Policies:
    """The SLA policies ever tried, with their ``ticket.F == 'a'`` operands; each answer kept (rules repeat)."""

    def __init__(self, plan: CompiledPlan) -> None:
        self.tried = [(policy, equalities(policy.when)) for policy in tried(plan.sla_policies)]
        self.ends = bool(self.tried) and self.tried[-1][0].when is None
        self.known: dict[tuple[object, ...], list[tuple[str | None, str | None]]] = {}

    def calendars(self, facts: Facts, channel: Channel | None) -> list[tuple[str | None, str | None]]:
        """(calendar, policy) for every policy a ticket with ``facts`` may get, and (channel's, None) if none."""
        key = (channel.name if channel else None, *sorted(facts.items(), key=lambda pair: pair[0]))
        if key not in self.known:
            own = channel.calendar if channel else None
            self.known[key] = [
                (policy.calendar or own, policy.name)
                for policy, needs in self.tried
                if all(facts.get(k, v) == v for k, v in needs.items()) and (channel is None or _admits(channel, needs))
            ] + ([] if self.ends else [(own, None)])
        return self.known[key]
