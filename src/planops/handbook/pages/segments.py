"""Segments: who the customers are, in order, with each rule in plain words."""

from __future__ import annotations

from planops.handbook import markup
from planops.handbook.context import Context
from planops.handbook.parameters import shown_values, used_in
from planops.handbook.plain import guard_in_words
from planops.model.customers import Segment
from planops.parameters import reads_plan

TITLE = "Customer segments"
SUMMARY = (
    "Customer segments in the order they are tried, each rule as CEL and in plain words, with the channels open to it."
)


def condition(ctx: Context, when: str | None, default: str, *, cel: bool = True) -> str:
    """A guard in plain words with (``cel``) its CEL below, or ``default`` for a rule without one.

    Without ``cel`` the CEL is shown only when there are no plain words for it. The plan's parameters the
    guard reads follow, each with its value and linked to the table of parameters.
    """
    if when is None:
        return markup.text(default)
    if not reads_plan(when):
        return _shown(when, guard_in_words(when), cel)
    shown = _shown(when, guard_in_words(when, shown_values(ctx)), cel)
    used = used_in(ctx, when)
    return f"{shown}<br>{used}" if used else shown


def _shown(when: str, words: str | None, cel: bool) -> str:
    if words is None:
        return markup.code(when)
    return f"{markup.text(words)}<br>{markup.code(when)}" if cel else markup.text(words)


def render(ctx: Context) -> str:
    seg = ctx.plan.segmentation
    if seg is None:
        return markup.join("# Customer segments", "This plan does not segment customers.")
    rows = [
        [
            str(i),
            ctx.segment(s.name),
            condition(ctx, s.when, "every other customer (the default)"),
            markup.item_list(_channels(ctx, s.name)),
        ]
        for i, s in enumerate(seg.segments, 1)
    ]
    return markup.join(
        markup.heading(1, seg.title or "Customer segments"),
        markup.block(seg.description),
        markup.admonition(
            "info",
            "First match wins",
            "Segments are tried top to bottom; a ticket belongs to the first whose rule matches.",
        ),
        markup.table(["#", "Segment", "Rule", "Channels"], rows),
        *(_segment(ctx, s) for s in seg.segments),
    )


def _channels(ctx: Context, segment: str) -> list[str]:
    open_to = [c for c in ctx.plan.channels.values() if c.segments is None or segment in c.segments]
    return [ctx.channel(c.name) for c in open_to]


def _segment(ctx: Context, segment: Segment) -> str:
    policies = [p for p in ctx.plan.sla_policies if p.when and f"'{segment.name}'" in p.when]
    lines = []
    if policies:
        lines.append("**SLA policies naming it:**\n\n" + markup.bullets([ctx.policy(p.name) for p in policies]))
    channels = _channels(ctx, segment.name)
    if channels:
        lines.append("**Channels:**\n\n" + markup.bullets(channels))
    return markup.join(
        markup.heading(2, segment.title or segment.name, f"segment-{segment.name}"),
        markup.block(segment.description),
        *lines,
    )
