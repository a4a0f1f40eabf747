"""A ticket's way into the plan: segment, routing, SLA policy, calendar (SPEC §2.4).

In this order, each step seeing what the one before learnt:

1. the segment: the ticket's own ``segment``, else the first segment whose
   ``when:`` matches;
   a channel whose ``segments:`` leave that segment out refuses the ticket
   (ChannelRefused);
2. routing: the first rule that matches sets priority, queue and workflow,
   keeping any of them the ticket already has;
3. the SLA policy: by ``order``, the first whose ``when:`` matches (it may read
   ``ticket.segment`` and ``ticket.priority``), and its targets for the
   ticket's priority;
4. the calendar: the policy's, else the channel's, else always open.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, tzinfo
from types import MappingProxyType
from typing import Any, NamedTuple

from planops.engine.calendars import Calendars
from planops.engine.clock import BusinessCalendar
from planops.engine.errors import ChannelRefused
from planops.engine.rules import FirstMatch, Predicate
from planops.engine.tickets import TicketError, TicketView, view_of
from planops.model.service import SLAPolicy, Targets
from planops.parameters import values
from planops.plan import CompiledPlan

ROUTED_FIELDS = ("priority", "queue", "workflow")


class Routed(NamedTuple):
    """Where a ticket goes and what it is promised (a value: compare and copy it freely)."""

    created: datetime
    segment: str | None
    priority: str | None
    queue: str | None
    workflow: str
    rule: str | None
    """The routing rule that matched; None when the ticket itself named priority, queue and workflow."""
    sla_policy: str | None
    calendar_name: str | None
    calendar: BusinessCalendar
    targets: Targets | None
    ticket: Mapping[str, Any]
    """The ticket as expressions see it: ``created`` a datetime, with what routing filled in."""

    @property
    def zone(self) -> tzinfo:
        """Where times are shown: the calendar's zone, else the offset ``created`` was written in."""
        zone = self.created.tzinfo if self.calendar_name is None else self.calendar.zone
        assert zone is not None
        return zone

    def target(self, name: str) -> timedelta | None:
        """The SLA target's duration (first_response, next_response, resolution), if the policy sets one."""
        return getattr(self.targets, name, None) if self.targets is not None else None

    @property
    def due(self) -> dict[str, datetime]:
        """First-response and resolution due times from ``created``, in ``zone`` (pauses come later, in a run)."""
        result, zone = {}, self.zone
        for name in ("first_response", "resolution"):
            duration = self.target(name)
            if duration is not None:
                result[name] = self.calendar.add(self.created, duration).astimezone(zone)
        return result


class Router:
    """The plan's segments, rules and policies, compiled once."""

    def __init__(
        self, plan: CompiledPlan, calendars: Calendars, predicates: dict[str, Predicate] | None = None
    ) -> None:
        """``predicates`` (by text) are shared with whoever else passes the same mapping, answers included."""
        self.plan = plan
        self.calendars = calendars
        shared = {} if predicates is None else predicates
        self.parameters = values(plan.manifest)
        """The ``plan`` map every expression of the plan reads: built once, here."""
        seg = plan.segmentation
        self.segment_names = plan.segment_names
        self.segments = FirstMatch([s.when for s in seg.segments] if seg else [], shared, self.parameters)
        self.rules = plan.routing.rules if plan.routing else ()
        self.rule_match = FirstMatch([r.when for r in self.rules], shared, self.parameters)
        self.rule_sets = tuple(
            tuple((k, v) for k in ROUTED_FIELDS if (v := getattr(r.set, k)) is not None) for r in self.rules
        )
        """Per rule, the (field, value) pairs it sets."""
        self.channels = plan.channels
        self.workflows = plan.workflows
        self.policies: tuple[SLAPolicy, ...] = plan.sla_policies
        self.policy_match = FirstMatch([p.when for p in self.policies], shared, self.parameters)

    def route(self, ticket: Any) -> tuple[Routed, TicketView]:
        """Route one ticket; raises TicketError when the plan cannot take it."""
        return self.route_view(view_of(ticket, self.plan))

    def route_view(self, view: TicketView) -> tuple[Routed, TicketView]:
        """Route a checked ticket (see ``view_of``), filling in its view."""
        data = view.data
        rule = self._assign(view)
        found = self.policy_match.first(view)
        policy = None if found is None else self.policies[found]
        name = self._calendar_name(policy, data.get("channel"))
        priority = data.get("priority")
        routed = Routed(
            data["created"],
            data.get("segment"),
            priority,
            data.get("queue"),
            data["workflow"],
            rule,
            policy.name if policy else None,
            name,
            self.calendars[name],
            policy.targets.get(priority) if policy and isinstance(priority, str) else None,  # type: ignore[call-overload]
            MappingProxyType(data),
        )
        return routed, view

    def workflow(self, view: TicketView) -> str:
        """Route a checked ticket only as far as its workflow: segment and rules, no SLA policy or calendar."""
        self._assign(view)
        return str(view.data["workflow"])

    def _assign(self, view: TicketView) -> str | None:
        """Fill the segment, then priority, queue and workflow from the first matching rule; the rule's name."""
        data = view.data
        if self.segment_names and data.get("segment") is None:
            found = self.segments.first(view)
            if found is not None:
                view.set("segment", self.segment_names[found])
        self._admit(data)
        if data.get("priority") is not None and data.get("queue") is not None and data.get("workflow") is not None:
            rule_name = None
        else:
            found = self.rule_match.first(view)
            if found is None:
                rule_name = None
            else:
                rule_name = self.rules[found].name
                for key, value in self.rule_sets[found]:
                    if data.get(key) is None:
                        view.set(key, value)
        workflow = data.get("workflow")
        if workflow is None:
            where = f"routing rule '{rule_name}' sets no workflow" if rule_name else "no routing rule matches it"
            raise TicketError(f"cannot route the ticket: {where} (add a last rule without when: that sets one)")
        if workflow not in self.workflows:
            raise TicketError(f"cannot route the ticket: workflow {workflow!r} does not exist")
        return rule_name

    def _admit(self, data: dict[str, Any]) -> None:
        """Refuse a ticket whose segment its channel's ``segments:`` leaves out (ChannelRefused)."""
        channel = data.get("channel")
        found = self.channels.get(channel) if isinstance(channel, str) else None
        if found is not None and found.segments is not None and data.get("segment") not in found.segments:
            raise ChannelRefused(found.name, data.get("segment"), found.segments)

    def _calendar_name(self, policy: SLAPolicy | None, channel: Any) -> str | None:
        if policy is not None and policy.calendar:
            return policy.calendar
        found = self.channels.get(channel) if isinstance(channel, str) else None
        return found.calendar if found is not None else None
