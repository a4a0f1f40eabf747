"""A ticket as the engine reads it: checked once, and seen by CEL through cached contexts.

Building a CEL context converts the ticket into CEL values, which costs more
than evaluating a rule. A ``TicketView`` therefore builds a context only for
the fields a group of expressions reads, and keeps it for every rule of the
group (and for later groups that read the same fields).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from planops.celengine import cel
from planops.diagnostics import did_you_mean, shown
from planops.engine.errors import TicketError as TicketError
from planops.model import timeline
from planops.model.scenario import GIVEN_NAMES, describe, not_a_name, value_problems
from planops.ticketvalues import typed

if TYPE_CHECKING:
    from planops.plan import CompiledPlan


class TicketView:
    """The ticket's fields (``created`` as a datetime) and its CEL contexts by the fields they hold."""

    __slots__ = ("_contexts", "data")

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self._contexts: dict[tuple[tuple[str, ...], bool], cel.Context] = {}

    def set(self, key: str, value: Any) -> None:
        """Add a field the engine learns (segment, priority); contexts holding it are dropped."""
        self.data[key] = value
        if self._contexts:
            self._contexts = {keys: ctx for keys, ctx in self._contexts.items() if key not in keys[0]}

    def context(self, fields: frozenset[str] | None, plan: dict[str, Any] | None = None) -> cel.Context:
        """A context with the ticket's ``fields`` (None: all of them), and ``plan`` (the plan's parameters) if given.

        A view serves the expressions of one plan, so whether ``plan`` is in a context tells contexts apart.
        """
        keys = tuple(k for k in self.data if fields is None or k in fields)
        ctx = self._contexts.get((keys, plan is not None))
        if ctx is None:
            variables: dict[str, Any] = {"ticket": {k: self.data[k] for k in keys}}
            if plan is not None:
                variables["plan"] = plan
            try:
                ctx = cel.Context(variables)
            except (ValueError, TypeError) as exc:
                raise TicketError(f"the ticket holds a value expressions cannot read: {exc}") from None
            self._contexts[(keys, plan is not None)] = ctx
        return ctx


def instant(t: datetime) -> datetime:
    """The same instant in UTC: equality between zones is unreliable in a DST fold (PEP 495)."""
    return t.astimezone(UTC)


def parse_created(value: Any) -> datetime:
    """``created`` as an aware datetime, or a TicketError saying what is wrong (planops.model.timeline's words)."""
    try:
        return timeline.parse_created(value)
    except timeline.CreatedError as exc:
        raise TicketError(str(exc)) from None


def view_of(ticket: Any, plan: CompiledPlan) -> TicketView:
    """Check a ticket's shape and return its view: a copy (the caller's ticket is not changed), typed as the
    plan's ticket fields say (planops.ticketvalues.typed: a ``number`` given as 500 is read as 500.0)."""
    channels = plan.channels
    if not isinstance(ticket, dict | Mapping):
        raise TicketError(f"a ticket is a mapping of fields (channel, category, created…), found {describe(ticket)}")
    data = dict(ticket)
    wrong = not_a_name(data)
    if wrong is not None:
        example = GIVEN_NAMES[wrong]
        raise TicketError(f"ticket '{wrong}' should be a name like {example!r}, found {describe(data[wrong])}")
    data["created"] = parse_created(data.get("created"))
    for _path, message in value_problems(data):
        raise TicketError(message)
    channel = data.get("channel")
    if channel is not None and channels and channel not in channels:
        hint = did_you_mean(str(channel), channels)
        raise TicketError(
            f"unknown channel {shown(repr(channel))}"
            + (f" ({hint})" if hint else f" (channels: {', '.join(sorted(channels))})")
        )
    return TicketView(typed(data, plan.ticket_schema.fields))
