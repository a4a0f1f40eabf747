"""Ordered rule lists: defaults, shadowed rules, SLA coverage and channel promises."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import timedelta

from planops.checks import proofs
from planops.checks.base import first_match_gaps
from planops.checks.reach import policies_for_channel
from planops.diagnostics import ERROR, WARNING, Code, Diagnostic
from planops.model import PlanObject, SLAPolicy
from planops.model.types import PRIORITIES, TARGETS, format_duration
from planops.plan import CompiledPlan

NO_DEFAULT = Code(
    "no-default",
    ERROR,
    "A Segmentation or Routing whose last entry has a `when:`: some tickets would match nothing.",
    "rules:\n  - {name: billing, when: \"ticket.category == 'billing'\", set: {queue: billing}}\n",
)
SHADOWED = Code(
    "shadowed-rule",
    ERROR,
    "An entry after one without `when:` can never apply.",
    "rules:\n  - {name: everything, set: {queue: frontline}}\n"
    "  - {name: billing, when: \"ticket.category == 'billing'\", set: {queue: billing}}\n",
)
SLA_GAP = Code(
    "sla-gap",
    WARNING,
    "Routing can set a priority for which an SLA policy that can apply has no targets.",
    "targets:\n  high: {first_response: 2h}\n# but routing sets priority: urgent\n",
)
SLA_ORDER = Code(
    "sla-order",
    ERROR,
    "Two SLA policies share an `order:`, so which applies first is unclear.",
    "kind: SLAPolicy\nname: vip\norder: 1\n---\nkind: SLAPolicy\nname: standard\norder: 1\n",
)
NO_DEFAULT_SLA = Code("no-default-sla", WARNING, "No SLA policy without `when:`: some tickets get no SLA at all.", "")
SLOWER_THAN_CHANNEL = Code(
    "slower-than-channel",
    WARNING,
    "An SLA policy that can apply to tickets of a channel gives them more time than the channel promises: one "
    "finding per policy and target, at the slowest priority.",
    "kind: Channel\nname: chat\ntargets: {first_response: 5m}\n"
    "# while the policy that applies says first_response: 4h\n",
)


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    if plan.segmentation is not None:
        yield from _ordered(plan, plan.segmentation, "segments", plan.segmentation.segments, "segment")
    if plan.routing is not None:
        yield from _ordered(plan, plan.routing, "rules", plan.routing.rules, "rule")
    yield from _policy_order(plan)
    yield from _coverage(plan)
    yield from _channel_promises(plan)


def _ordered(plan: CompiledPlan, obj: PlanObject, key: str, items: Sequence[object], what: str) -> Iterator[Diagnostic]:
    shadowing, no_default = first_match_gaps([getattr(item, "when", None) for item in items])
    if shadowing is not None:
        later = getattr(items[shadowing + 1], "name", "")
        yield SHADOWED.at(
            plan,
            obj,
            (key, shadowing + 1),
            f"{what} '{later}' can never apply: "
            f"{what} '{getattr(items[shadowing], 'name', '')}' before it has no when: and takes every ticket",
            hint=f"move the {what} without when: to the end",
        )
    elif no_default:
        yield NO_DEFAULT.at(
            plan,
            obj,
            (key, len(items) - 1, "when"),
            f"the last {what} has a when:, so a ticket matching none of them gets no {what}"
            + proofs.matching_none(plan, [getattr(item, "when", None) for item in items]),
            hint=f"end with a {what} without when: as the default",
            key=True,
        )


def _policy_order(plan: CompiledPlan) -> Iterator[Diagnostic]:
    seen: dict[int, str] = {}
    for policy in plan.sla_policies:
        if policy.order in seen:
            yield SLA_ORDER.at(
                plan, policy, ("order",), f"order {policy.order} is also the order of SLA policy '{seen[policy.order]}'"
            )
        seen.setdefault(policy.order, policy.name)
    if plan.sla_policies and all(p.when for p in plan.sla_policies) and not plan.is_broken("SLAPolicy"):
        last = plan.sla_policies[-1]
        yield NO_DEFAULT_SLA.at(
            plan,
            last,
            ("when",),
            "every SLA policy has a when:, so a ticket matching none gets no SLA"
            + proofs.matching_none(plan, [p.when for p in plan.sla_policies]),
            hint="give the last policy no when: to make it the default",
            key=True,
        )


def applicable_policies(plan: CompiledPlan) -> list[SLAPolicy]:
    """Policies that some ticket can reach: those up to the first one without ``when:``."""
    result = []
    for policy in plan.sla_policies:
        result.append(policy)
        if policy.when is None:
            break
    return result


def _coverage(plan: CompiledPlan) -> Iterator[Diagnostic]:
    if plan.routing is None or plan.is_broken("SLAPolicy"):  # a policy that failed its shape may be the one
        return
    setters: dict[str, str] = {}
    for rule in plan.routing.rules:
        if rule.set.priority:
            setters.setdefault(rule.set.priority, rule.name)
    for policy in applicable_policies(plan):
        for priority in PRIORITIES:
            if priority in setters and priority not in policy.targets:
                yield SLA_GAP.at(
                    plan,
                    policy,
                    ("targets",),
                    f"SLA policy '{policy.name}' has no targets for priority '{priority}', "
                    f"which routing rule '{setters[priority]}' sets",
                    key=True,
                )


def _channel_promises(plan: CompiledPlan) -> Iterator[Diagnostic]:
    """Every gap at once: each policy that can apply to a channel's tickets (planops.checks.reach), each
    promised target it gives more time for, at the slowest priority."""
    if plan.is_broken("SLAPolicy"):
        return
    for channel in plan.channels.values():
        promised = {t: getattr(channel.targets, t) for t in TARGETS if getattr(channel.targets, t)}
        if not promised:
            continue
        for policy in policies_for_channel(plan.sla_policies, channel, plan.segment_names):
            for target, limit in promised.items():
                slower = _slower(policy, target, limit)
                if slower is None:
                    continue
                priority, given = slower
                yield SLOWER_THAN_CHANNEL.at(
                    plan,
                    channel,
                    ("targets", target),
                    f"{channel.name} promises {target} in {format_duration(limit)}, but SLA policy "
                    f"'{policy.name}' gives {priority} {channel.name} tickets {format_duration(given)}",
                    hint=f"make the policy's {target} at most {format_duration(limit)}, "
                    "or keep its when: off this channel",
                )


def _slower(policy: SLAPolicy, target: str, limit: timedelta) -> tuple[str, timedelta] | None:
    """The priority for which ``policy`` gives the most time for ``target``, beyond ``limit``; None if none."""
    given = [
        (duration, priority)
        for priority in PRIORITIES
        if (targets := policy.targets.get(priority)) is not None  # type: ignore[call-overload]
        and (duration := getattr(targets, target)) is not None
        and duration > limit
    ]
    if not given:
        return None
    duration, priority = max(given, key=lambda pair: pair[0])
    return priority, duration


CODES = [NO_DEFAULT, SHADOWED, SLA_GAP, SLA_ORDER, NO_DEFAULT_SLA, SLOWER_THAN_CHANNEL]
