"""What the engine cannot do with a ticket, as exceptions the commands turn into one-line errors."""

from __future__ import annotations


class TicketError(ValueError):
    """A ticket the plan cannot take: not a mapping, no `created`, an unknown channel, no workflow,
    or a calendar that cannot run its clock (ClockError)."""


class ClockError(TicketError):
    """A calendar the clock cannot run on: unknown zone or country, never open, or a due time out of reach."""
