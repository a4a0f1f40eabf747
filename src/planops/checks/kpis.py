"""A KPI's per-dimension targets (``by:``) name a dimension the report groups by, values the plan has, and
bounds of the same kind as the KPI's ``target:``."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from planops.actuals.measures import DIMENSIONS
from planops.checks.base import in_broken_document
from planops.diagnostics import ERROR, Code, Diagnostic, did_you_mean
from planops.model.plan import KPI
from planops.model.types import PRIORITIES
from planops.plan import CompiledPlan

UNKNOWN_DIMENSION = Code(
    "unknown-kpi-dimension",
    ERROR,
    "A KPI's `by:` names a dimension the report cannot group by.",
    "kind: KPI\nname: first-response-time\n# …\nby:\n  chanel: {chat: {max: 5m}}\n",
)
UNKNOWN_DIMENSION_VALUE = Code(
    "unknown-kpi-value",
    ERROR,
    "A KPI's `by:` sets a target for a channel, segment, priority, queue… that the plan does not have.",
    "kind: KPI\nname: first-response-time\n# …\nby:\n  channel: {chatt: {max: 5m}}\n",
)
TARGET_KIND = Code(
    "kpi-target-kind",
    ERROR,
    "A per-dimension target is a `min:` where the KPI's `target:` is a `max:`, or the other way round: a KPI is "
    "either kept low or kept high.",
    "kind: KPI\nname: csat\n# …\ntarget: {min: 4.5}\nby:\n  channel: {chat: {max: 4.8}}\n",
)


def known_values(plan: CompiledPlan, dimension: str) -> Collection[str] | None:
    """The values ``dimension`` takes in this plan, or None where any value may come (no list to check)."""
    if dimension == "channel":
        return tuple(plan.channels)
    if dimension == "segment":
        return plan.segment_names if plan.segmentation is not None else None
    if dimension == "priority":
        return PRIORITIES
    if dimension == "queue":
        routed = {r.set.queue for r in plan.routing.rules if r.set.queue} if plan.routing else set()
        return (plan.queues | routed) if plan.teams else None  # without a Team, given queues are kept as they are
    if dimension == "sla_policy":
        return tuple(p.name for p in plan.sla_policies)
    if dimension == "workflow":
        return tuple(plan.workflows)
    if dimension == "calendar":
        return tuple(plan.calendars)
    return None


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    for kpi in plan.kpis.values():
        for dimension, targets in kpi.by.items():
            if dimension not in DIMENSIONS:
                hint = did_you_mean(dimension, DIMENSIONS) or f"choose from {', '.join(DIMENSIONS)}"
                message = f"KPI '{kpi.name}' cannot be measured by '{dimension}': it is not a dimension of the report"
                yield UNKNOWN_DIMENSION.at(plan, kpi, ("by", dimension), message, hint=hint, key=True)
                continue
            yield from _values(plan, kpi, dimension, tuple(targets))
            yield from _kinds(plan, kpi, dimension)


def _values(plan: CompiledPlan, kpi: KPI, dimension: str, values: tuple[str, ...]) -> Iterator[Diagnostic]:
    known = known_values(plan, dimension)
    if known is None:
        return
    for value in values:
        if value in known or in_broken_document(plan, dimension, value):
            continue
        what = dimension.replace("_", " ")
        hint = did_you_mean(value, known) or (
            f"give one of {', '.join(sorted(known))}" if known else f"the plan has no {what}"
        )
        message = f"KPI '{kpi.name}' has a target for {what} '{value}', which the plan does not have"
        yield UNKNOWN_DIMENSION_VALUE.at(plan, kpi, ("by", dimension, value), message, hint=hint, key=True)


def _kinds(plan: CompiledPlan, kpi: KPI, dimension: str) -> Iterator[Diagnostic]:
    bound = "max" if kpi.target.max is not None else "min"
    other = "min" if bound == "max" else "max"
    for value, target in kpi.by[dimension].items():
        if getattr(target, other) is not None:
            better = "lower" if bound == "max" else "higher"
            message = (
                f"KPI '{kpi.name}' has a {other} target for {dimension} '{value}', but its target is a {bound} "
                f"({better} is better)"
            )
            hint = f"write {{{bound}: …}} for '{value}' too"
            yield TARGET_KIND.at(plan, kpi, ("by", dimension, value, other), message, hint=hint, key=True)


CODES = [UNKNOWN_DIMENSION, UNKNOWN_DIMENSION_VALUE, TARGET_KIND]
