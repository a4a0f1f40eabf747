"""What the engine cannot do with a ticket, as exceptions the commands turn into one-line errors."""

from __future__ import annotations


class TicketError(ValueError):
    """A ticket the plan cannot take: not a mapping, no `created`, an unknown channel, no workflow,
    or a calendar that cannot run its clock (ClockError)."""


class ClockError(TicketError):
    """A calendar the clock cannot run on: unknown zone or country, never open, or a due time out of reach."""


class ChannelRefused(TicketError):
    """A ticket whose segment may not use its channel (the channel's ``segments:``): the plan does not take it."""

    def __init__(self, channel: str, segment: str | None, allowed: tuple[str, ...]) -> None:
        shown = f"'{segment}'" if segment is not None else "none"
        super().__init__(
            f"the ticket may not use channel '{channel}': its segment is {shown}, and {channel} is for "
            f"{', '.join(allowed) or 'no segment'} (route it to a channel its segment may use, or add the "
            f"segment to the channel's segments:)"
        )
        self.channel, self.segment, self.allowed = channel, segment, allowed
