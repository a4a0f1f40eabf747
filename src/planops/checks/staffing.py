"""Shifts against the plan's hours and money: only in a plan that declares shifts.

Coverage is checked over the four weeks from the Monday of the plan's effective date (its holidays
included), in real time; stretches are shown in the channel's (or the ticket's calendar's) time zone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from planops.checks.references import UNKNOWN_CALENDAR
from planops.diagnostics import WARNING, Code, Diagnostic, did_you_mean
from planops.plan import CompiledPlan

if TYPE_CHECKING:
    from planops.checks.reach import Way
    from planops.model import Workflow
    from planops.model.team import Role
    from planops.staffing.capacity import Rota

Span = tuple[datetime, datetime]

UNCOVERED_CHANNEL = Code(
    "uncovered-channel",
    WARNING,
    "A channel is open at hours when no shift of a role that answers it works (planops staff says which roles "
    "answer a channel: those serving a queue its tickets can be routed to).",
    "kind: Channel\nname: chat\ncalendar: berlin-office   # open Sat 10:00-14:00\n"
    '# while every shift is {mon-fri: "08:00-18:00"}\n',
)
OWNER_OFF_SHIFT = Code(
    "owner-off-shift",
    WARNING,
    "A workflow state someone works in (reachable, not final, pausing no SLA clock) has an owner with shifts, "
    "and a calendar routing can give the workflow's tickets is open at hours when no shift of the owner works. "
    "The calendars are read from the plan, not from scenarios, and over-approximated: the calendar of every SLA "
    "policy a routing rule setting the workflow (or none) may lead to on each channel (unless their `ticket.F == 'a'` "
    "operands contradict), else the channel's; a ticket that brings its own workflow is left out. Only owners with "
    "shifts are checked.",
    "states:\n  manager-approval:\n    owner: billing-manager   # shifts mon-fri only; its tickets' calendar opens "
    "on Saturdays\n",
)
SHIFT_OVER_HEADCOUNT = Code(
    "shift-over-headcount",
    WARNING,
    "A shift puts more agents on at once than the role has people.",
    "roles:\n  - {name: agent, headcount: 2, shifts: [{name: day, calendar: office, headcount: 3}]}\n",
)
STAFFING_OVER_BUDGET = Code(
    "staffing-over-budget",
    WARNING,
    "Staffing the channels' forecast at their service levels (`planops staff`) costs more a month than the Budget's "
    "limit.",
    "kind: Budget\nname: monthly\nmonthly_limit: 12000   # the forecast needs agents costing 13,600\n",
)
WINDOW = timedelta(weeks=4)
SHOWN = 3
"""Uncovered stretches a message lists."""


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    if any(role.shifts for role in plan.roles.values()):
        yield from _shift_fields(plan)


def coverage(plan: CompiledPlan) -> Iterator[Diagnostic]:
    """The shifts against the channels' hours, the states' owners and the Budget: warnings only."""
    if any(role.shifts for role in plan.roles.values()):
        yield from _channels(plan)
        yield from _owners(plan)
        yield from _budget(plan)


def _shift_fields(plan: CompiledPlan) -> Iterator[Diagnostic]:
    from planops.model import Team

    for team in plan.all(Team):
        for r, role in enumerate(team.roles):
            for s, shift in enumerate(role.shifts):
                path = ("roles", r, "shifts", s)
                name = shift.calendar
                if name is not None and name not in plan.calendars and not plan.is_broken("Calendar", name):
                    hint = did_you_mean(name, plan.calendars)
                    yield UNKNOWN_CALENDAR.at(
                        plan, team, (*path, "calendar"), f"calendar '{name}' is not defined", hint=hint
                    )
                if shift.headcount > role.headcount:
                    yield SHIFT_OVER_HEADCOUNT.at(
                        plan,
                        team,
                        (*path, "headcount"),
                        f"shift '{shift.name}' puts {shift.headcount:g} agents on at once; role '{role.name}' has "
                        f"{role.headcount:g}",
                        hint="lower the shift's headcount, or raise the role's",
                    )


def window_start(plan: CompiledPlan, zone: ZoneInfo) -> datetime:
    from datetime import date

    day = plan.manifest.effective if plan.manifest else date(2026, 1, 5)
    monday = day - timedelta(days=day.weekday())
    return datetime(monday.year, monday.month, monday.day, tzinfo=zone)


def _channels(plan: CompiledPlan) -> Iterator[Diagnostic]:
    from planops.staffing.capacity import rota
    from planops.staffing.pools import serving_roles

    gaps = _Gaps(plan, rota(plan))  # channels on one calendar answered by the same roles: worked out once
    for channel in plan.channels.values():
        roles = serving_roles(plan, channel)
        found = gaps.of(roles, channel.calendar)
        if found:
            spans, zone = found
            who = ", ".join(r.name for r in roles)
            yield UNCOVERED_CHANNEL.at(
                plan,
                channel,
                ("calendar",) if channel.calendar else ("name",),
                f"channel '{channel.name}' is open with no shift of {who} on: {describe(spans, zone)}",
                hint="add a shift for those hours to a role serving the channel's queues, or close the channel then",
            )


def shift_spans(
    plan: CompiledPlan, roles: Sequence[Role], start: datetime, end: datetime, clocks: Rota | None = None
) -> list[Span]:
    """When any shift of the roles works in [start, end), merged (``clocks``: the plan's rota, if at hand)."""
    from planops.staffing.capacity import open_spans, rota

    clocks = clocks or rota(plan)
    found = [clocks.clock(shift) for r in roles for shift in r.shifts]
    spans = [s for clock in found if clock is not None for s in open_spans(clock, start, end)]
    merged: list[Span] = []
    for opens, closes in sorted(spans):
        if merged and opens <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], closes))
        else:
            merged.append((opens, closes))
    return merged


def uncovered(wanted: list[Span], covered: list[Span]) -> list[Span]:
    """The parts of ``wanted`` outside ``covered`` (both sorted and disjoint)."""
    gaps: list[Span] = []
    for o, c in wanted:
        cursor = o
        for co, cc in covered:
            if cc <= cursor or co >= c:
                continue
            if co > cursor:
                gaps.append((cursor, co))
            cursor = max(cursor, cc)
        if cursor < c:
            gaps.append((cursor, c))
    return gaps


def describe(gaps: list[Span], zone: ZoneInfo) -> str:
    """``Sat 2026-10-03 10:00–14:00, Sat 2026-10-10 18:00–Mon 08:00, … (3 more; 16h in all)``, in ``zone``."""
    shown = [_span(o, c, zone) for o, c in gaps[:SHOWN]]
    hours = sum((c - o for o, c in gaps), timedelta()) / timedelta(hours=1)
    more = f"{len(gaps) - SHOWN} more; " if len(gaps) > SHOWN else ""
    return f"{', '.join(shown)} ({more}{hours:g}h in all)"


def _span(opens: datetime, closes: datetime, zone: ZoneInfo) -> str:
    """One stretch; its end with the weekday when on a later day (24:00 at the midnight ending its first)."""
    start, end = opens.astimezone(zone), closes.astimezone(zone)
    days = (end.date() - start.date()).days
    if days == 0 or (days == 1 and end.time() == time(0)):
        until = "24:00" if days else end.strftime("%H:%M")
    else:
        until = end.strftime("%a %H:%M" if days < 7 else "%a %Y-%m-%d %H:%M")
    return f"{start.strftime('%a %Y-%m-%d %H:%M')}–{until}"


def _budget(plan: CompiledPlan) -> Iterator[Diagnostic]:
    costs = plan.costs
    if costs.budget is None or costs.limit is None or not any(c.forecast for c in plan.channels.values()):
        return
    if any(r.shifts and any(s.calendar and s.calendar not in plan.calendars for s in r.shifts) for r in costs.roles):
        return  # shifts on unknown calendars: reported above
    from planops.checks.budget import money
    from planops.errors import PlanopsError
    from planops.staffing.arrivals import forecast_window, from_forecast, plan_zone
    from planops.staffing.staff import staff

    zone = plan_zone(plan)
    try:
        found = staff(plan, from_forecast(plan, forecast_window(plan, zone), zone, 30), zone, 30, "forecast")
    except PlanopsError:
        return  # beyond what planops sizes: `planops staff` says so
    if found.required_cost is None or found.required_cost <= costs.limit:
        return
    cur = costs.budget.currency
    yield STAFFING_OVER_BUDGET.at(
        plan,
        costs.budget,
        ("monthly_limit",),
        f"staffing the forecast at the channels' service levels costs {money(found.required_cost, cur)} a month, "
        f"{money(found.required_cost - costs.limit, cur)} over the limit of {money(costs.limit, cur)}",
        hint="lower the forecast's service levels or handle times, or raise monthly_limit (planops staff shows where)",
    )


def _owners(plan: CompiledPlan) -> Iterator[Diagnostic]:
    """OWNER_OFF_SHIFT: each state someone works in, against every calendar routing may give its tickets."""
    from planops.checks.reach import workflow_calendars
    from planops.staffing.capacity import rota

    if any(plan.is_broken(kind) for kind in ("Routing", "SLAPolicy", "Channel")):
        return  # where tickets go is not known: the shape errors come first
    routed, gaps = workflow_calendars(plan), _Gaps(plan, rota(plan))
    order = {name: i for i, name in enumerate(plan.calendars)}  # the plan's order; always open last
    for workflow in plan.workflows.values():
        ways = {**routed.get(None, {}), **routed.get(workflow.name, {})}  # a rule setting the workflow first
        calendars = sorted(ways.items(), key=lambda pair: order.get(pair[0] or "", len(order)))
        for state in _staffed(workflow):
            owner = plan.roles.get(workflow.states[state].owner or "")
            if owner is None or not owner.shifts:
                continue
            found = [(name, way, g) for name, way in calendars if (g := gaps.of([owner], name))]
            if found:
                yield _off_shift(plan, workflow, state, owner.name, found)


def _staffed(workflow: Workflow) -> list[str]:
    """The states reachable from ``initial`` that someone has to work in: not final, not pausing a clock."""
    from planops.escalation import plain_edges, reach_from

    graph: dict[str, set[str]] = {name: set() for name in workflow.states}
    for source, _event, to in plain_edges(workflow):
        if to in graph:
            graph[source].add(to)
    reachable = reach_from(graph, [workflow.initial])
    return [n for n, s in workflow.states.items() if n in reachable and not s.final and not s.pause]


class _Gaps:
    """The open hours of a calendar (None: always open) that no shift of some roles covers, over the window,
    with the calendar's zone; each pair of calendar and roles worked out once."""

    def __init__(self, plan: CompiledPlan, clocks: Rota) -> None:
        self.plan, self.clocks = plan, clocks
        self.found: dict[tuple[tuple[str, ...], str | None], tuple[list[Span], ZoneInfo]] = {}

    def of(self, roles: Sequence[Role], calendar: str | None) -> tuple[list[Span], ZoneInfo] | None:
        """None where the roles cover every open hour, or the calendar is unknown or cannot run (other checks
        report those)."""
        key = (tuple(r.name for r in roles), calendar)
        if key not in self.found:
            self.found[key] = self._work_out(roles, calendar)
        spans, zone = self.found[key]
        return (spans, zone) if spans else None

    def _work_out(self, roles: Sequence[Role], name: str | None) -> tuple[list[Span], ZoneInfo]:
        from planops.engine import TicketError
        from planops.staffing.capacity import calendar_clock, open_spans

        calendar = self.plan.calendars.get(name or "")
        zone = ZoneInfo(calendar.timezone if calendar else "UTC")
        if name is not None and calendar is None:
            return [], zone  # an unknown calendar: reported by the references check
        try:
            clock = calendar_clock(zone.key, calendar.week if calendar else None, calendar)
        except (TicketError, ValueError):
            return [], zone  # a calendar the clock cannot run on: reported by the calendar checks
        start = window_start(self.plan, zone)
        end = start + WINDOW
        return uncovered(open_spans(clock, start, end), shift_spans(self.plan, roles, start, end, self.clocks)), zone


def _off_shift(
    plan: CompiledPlan,
    workflow: Workflow,
    state: str,
    owner: str,
    found: list[tuple[str | None, Way, tuple[list[Span], ZoneInfo]]],
) -> Diagnostic:
    name, way, (gaps, zone) = found[0]
    others = [_calendar(n) for n, _way, _gaps in found[1:]]
    also = f"; also of {', '.join(others)}" if others else ""
    return OWNER_OFF_SHIFT.at(
        plan,
        workflow,
        ("states", state, "owner"),
        f"state '{state}' is owned by '{owner}', on no shift at open hours of {_calendar(name)} "
        f"(e.g. {_way(way)}): {describe(gaps, zone)}{also}",
        hint=f"add a shift of '{owner}' for those hours, or give the state an owner who works then",
    )


def _calendar(name: str | None) -> str:
    return f"calendar '{name}'" if name is not None else "the always-open clock that tickets without a calendar run on"


def _way(way: Way) -> str:
    """``tickets of rule 'billing' on channel 'email' under SLA policy 'standard'``."""
    parts = [f"tickets of rule '{way.rule}'"]
    if way.channel is not None:
        parts.append(f"on channel '{way.channel}'")
    parts.append(f"under SLA policy '{way.policy}'" if way.policy else "under no SLA policy")
    return " ".join(parts)


CODES = [UNCOVERED_CHANNEL, OWNER_OFF_SHIFT, SHIFT_OVER_HEADCOUNT, STAFFING_OVER_BUDGET]
