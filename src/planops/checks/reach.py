"""Which SLA policies can apply to the tickets of a channel: one static reading of the policies' ``when:``.

Kept in one function so that the reading can be replaced (by one over the CEL syntax tree) without
touching the checks that ask it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planops.celcheck.reads import conjuncts, ticket_reads
from planops.expr import ExprError, compile_expr, context
from planops.model import Channel, SLAPolicy

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
