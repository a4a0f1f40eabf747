"""Which roles answer which channel, and the pools of channels that share agents.

A channel's tickets can reach every queue of a routing rule whose ``when:`` does not read
``ticket.channel``, or reads it and names the channel in quotes: an over-estimate (such a rule may still not
match the channel's tickets) that never leaves out a queue the channel's tickets can reach. The channel is
served by the roles with shifts whose ``queues:`` include one of those queues; when none has, by every role
with shifts. Channels that share a role are one pool: the pool's agents answer all of them, so the pool,
not the channel, is where required and scheduled agents are compared.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planops.model import Channel
    from planops.model.team import Role
    from planops.plan import CompiledPlan


@dataclass(frozen=True, slots=True)
class Pool:
    """Channels answered by the same agents, and the roles (with shifts) those agents have."""

    channels: tuple[str, ...]
    roles: tuple[Role, ...]


def reachable_queues(plan: CompiledPlan, channel: Channel) -> frozenset[str]:
    """The queues routing may send the channel's tickets to (see the module)."""
    found = set()
    for rule in plan.routing.rules if plan.routing else ():
        if rule.set.queue is None:
            continue
        by_channel = bool(rule.when) and _reads_channel(rule.when)
        named = rule.when is not None and any(f"{q}{channel.name}{q}" in rule.when for q in "'\"")
        if not by_channel or named:
            found.add(rule.set.queue)
    return frozenset(found)


@functools.lru_cache(maxsize=4096)  # each rule's when:, once for every channel asked about
def _reads_channel(when: str) -> bool:
    """Whether the expression reads ``ticket.channel`` (or cannot be read: it may)."""
    from planops.celcheck.reads import ticket_reads

    reads = ticket_reads(when)
    return reads is None or any(r.field == "channel" for r in reads)


def serving_roles(plan: CompiledPlan, channel: Channel) -> tuple[Role, ...]:
    """The roles with shifts that answer the channel (see the module)."""
    rota = tuple(role for role in plan.roles.values() if role.shifts)
    queues = reachable_queues(plan, channel)
    serving = tuple(role for role in rota if queues.intersection(role.queues))
    return serving or rota


def pools(plan: CompiledPlan, channels: list[str]) -> list[Pool]:
    """The given channels grouped into pools, in the order of their first channel."""
    groups: list[tuple[list[str], dict[str, Role]]] = []
    for name in channels:
        roles = {role.name: role for role in serving_roles(plan, plan.channels[name])}
        joined = [g for g in groups if g[1].keys() & roles.keys()]
        merged: tuple[list[str], dict[str, Role]] = ([], {})
        for group in joined:
            merged[0].extend(group[0])
            merged[1].update(group[1])
            groups.remove(group)
        merged[0].append(name)
        merged[1].update(roles)
        groups.append(merged)
    ordered = sorted(groups, key=lambda g: channels.index(g[0][0]))
    return [Pool(tuple(sorted(names, key=channels.index)), tuple(roles.values())) for names, roles in ordered]
