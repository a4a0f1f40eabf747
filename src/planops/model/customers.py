"""Who the customers are and how they reach support."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planops.model.base import Model, PlanObject
from planops.model.staffing import Forecast, ServiceLevel
from planops.model.types import Duration, Expr, Name, PositiveDuration, Ref, Text

ChannelType = Literal["email", "chat", "phone", "social", "web", "messaging", "other"]
LIVE_TYPES: frozenset[str] = frozenset({"chat", "phone"})
"""Channel types answered live (a customer waits on the line): Erlang C sizes them; others are async."""


class Segment(Model):
    name: Name = Field(description="The segment's name, as tickets carry it (`ticket.segment`).")
    title: str | None = Field(None, description="A human title.")
    when: Expr | None = Field(None, description="CEL: which tickets belong here. The last segment has none.")
    description: Text | None = Field(None, description="Markdown shown in the handbook.")


class Segmentation(PlanObject):
    """Ordered customer segments: the first whose `when:` matches wins."""

    kind: Literal["Segmentation"] = "Segmentation"
    segments: tuple[Segment, ...] = Field(min_length=1, description="Segments in order; the last is the default.")


class ChannelTargets(Model):
    first_response: Duration | None = Field(None, description="First reply promised on this channel.")
    next_response: Duration | None = Field(None, description="Reply to each customer message promised.")
    resolution: Duration | None = Field(None, description="Resolution promised.")


class Channel(PlanObject):
    """A way customers reach support: email, chat, phone…"""

    kind: Literal["Channel"] = "Channel"
    type: ChannelType | None = Field(None, description="The kind of channel.")
    calendar: Ref | None = Field(None, description="The Calendar of the channel's opening hours.")
    targets: ChannelTargets = Field(ChannelTargets(), description="Response times promised on this channel.")
    segments: tuple[Ref, ...] | None = Field(None, description="Segments that may use it (default: everyone).")
    handle_time: PositiveDuration | None = Field(
        None, description="Average agent work per ticket on this channel (talk, chat or writing and wrap-up), e.g. 6m."
    )
    service_level: ServiceLevel | None = Field(
        None,
        description="The service level staffing is sized for: {answered: 80%, within: 20s} on live channels, "
        "{answered: 90%, within: 4h} (business hours) on async ones.",
    )
    patience: PositiveDuration | None = Field(
        None, description="Live channels: how long customers wait on average before giving up (sizes by Erlang A)."
    )
    forecast: Forecast | None = Field(
        None, description="Expected volume, for `planops staff` without an export: {tickets_per_month: 1200}."
    )
    live: bool | None = Field(
        None, description="Whether customers wait live (default: true for chat and phone, false for the others)."
    )

    @property
    def is_live(self) -> bool:
        """Answered while the customer waits: sized by Erlang C (or A), not by workload."""
        return self.live if self.live is not None else self.type in LIVE_TYPES
