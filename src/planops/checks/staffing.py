"""Shifts against the plan's hours and money: only in a plan that declares shifts.

Coverage is checked over the four weeks from the Monday of the plan's effective date (its holidays
included), in real time; stretches are shown in the channel's (or the ticket's calendar's) time zone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from planops.checks.references import UNKNOWN_CALENDAR
from planops.diagnostics import WARNING, Code, Diagnostic, did_you_mean
from planops.plan import CompiledPlan, ValidPlan

if TYPE_CHECKING:
    from planops.engine import BusinessCalendar, Engine, Run
    from planops.model import Scenario, Workflow
    from planops.model.team import Role

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
    "A scenario's ticket spends open hours of its calendar in a workflow state and leaves it (or the scenario "
    "ends) without the state's owner on shift at any of them: nobody who owns it was there. Only owners with "
    "shifts are checked, and not in states that pause an SLA clock (waiting on the customer).",
    "states:\n  manager-approval:\n    owner: billing-manager   # shifts mon-fri only; a Saturday ticket waits here\n",
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
    """The shifts against the channels' hours and the Budget: warnings only."""
    if any(role.shifts for role in plan.roles.values()):
        yield from _channels(plan)
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
    from planops.engine import TicketError
    from planops.staffing.capacity import calendar_clock
    from planops.staffing.pools import serving_roles

    for channel in plan.channels.values():
        calendar = plan.calendars.get(channel.calendar or "")
        if channel.calendar is not None and calendar is None:
            continue  # an unknown calendar: reported by the references check
        zone = ZoneInfo(calendar.timezone if calendar else "UTC")
        try:
            clock = calendar_clock(zone.key, calendar.week if calendar else None, calendar)
        except (TicketError, ValueError):
            continue  # a calendar the clock cannot run on: reported by the calendar checks
        start = window_start(plan, zone)
        roles = serving_roles(plan, channel)
        gaps = uncovered(_spans(clock, start, start + WINDOW), shift_spans(plan, roles, start, start + WINDOW))
        if gaps:
            who = ", ".join(r.name for r in roles)
            yield UNCOVERED_CHANNEL.at(
                plan,
                channel,
                ("calendar",) if channel.calendar else ("name",),
                f"channel '{channel.name}' is open with no shift of {who} on: {describe(gaps, zone)}",
                hint="add a shift for those hours to a role serving the channel's queues, or close the channel then",
            )


def _spans(clock: BusinessCalendar, start: datetime, end: datetime) -> list[Span]:
    first, last = start.date() - timedelta(days=1), end.date() + timedelta(days=1)
    inside = ((max(o, start), min(c, end)) for o, c in clock.open_intervals(first, last))
    return [(o, c) for o, c in inside if c > o]


def shift_spans(plan: CompiledPlan, roles: Sequence[Role], start: datetime, end: datetime) -> list[Span]:
    """When any shift of the roles works in [start, end), merged."""
    from planops.staffing.capacity import rota

    clocks = rota(plan)
    found = [clocks.clock(shift) for r in roles for shift in r.shifts]
    spans = [s for clock in found if clock is not None for s in _spans(clock, start, end)]
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
    """``Sat 2026-10-03 10:00–14:00, … (3 more; 16h in all)``, in ``zone``."""
    shown = [f"{_local(o, zone, '%a %Y-%m-%d %H:%M')}–{_local(c, zone, '%H:%M')}" for o, c in gaps[:SHOWN]]
    hours = sum((c - o for o, c in gaps), timedelta()) / timedelta(hours=1)
    more = f"{len(gaps) - SHOWN} more; " if len(gaps) > SHOWN else ""
    return f"{', '.join(shown)} ({more}{hours:g}h in all)"


def _local(t: datetime, zone: ZoneInfo, form: str) -> str:
    return t.astimezone(zone).strftime(form)


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


def owners(plan: ValidPlan) -> Iterator[Diagnostic]:
    """OWNER_OFF_SHIFT: each scenario's stays in states whose owner has shifts, against its calendar."""
    from planops.engine import Engine
    from planops.gc_pause import gc_paused

    if not any(role.shifts for role in plan.roles.values()):
        return
    engine = Engine.for_plan(plan)
    with gc_paused():  # runs make no reference cycles (as in Engine.check_many)
        runs = [_run(engine, scenario) for scenario in plan.scenarios.values()]
    reported: set[tuple[str, str]] = set()
    for scenario, run in zip(plan.scenarios.values(), runs, strict=True):
        if run is None:
            continue  # the scenario fails in `planops test`
        for state, start, end in _stays(run):
            owner = plan.roles.get(run.workflow.owners.get(state) or "")
            if owner is None or not owner.shifts or (run.workflow.name, state) in reported:
                continue
            gaps = _spans(run.routed.calendar, start, end)
            if gaps and not overlaps(gaps, shift_spans(plan, [owner], start, end)):
                reported.add((run.workflow.name, state))
                yield _off_shift(plan, run.workflow.workflow, state, owner.name, scenario.name, gaps, run.routed.zone)


def _run(engine: Engine, scenario: Scenario) -> Run | None:
    from planops.engine import ScenarioError, TicketError

    try:
        return engine.run(scenario)
    except (TicketError, ScenarioError):
        return None


def _stays(run: Run) -> Iterator[tuple[str, datetime, datetime]]:
    """(state, entered, left) of every state of the run that someone has to work in, in order."""
    state, since = run.workflow.initial, run.records[0].at if run.records else run.end
    for record in run.records[1:]:
        if record.target is None:
            continue
        if _staffed(run, state):
            yield state, since, record.at
        state, since = record.target, record.at
    if _staffed(run, state):
        yield state, since, run.end


def _staffed(run: Run, state: str) -> bool:
    """Whether someone has to work on a ticket in the state: not when final or waiting (pausing a clock)."""
    return state not in run.workflow.finals and not run.workflow.pauses.get(state)


def overlaps(spans: list[Span], others: list[Span]) -> bool:
    return any(o < cc and co < c for o, c in spans for co, cc in others)


def _off_shift(
    plan: CompiledPlan, workflow: Workflow, state: str, owner: str, scenario: str, gaps: list[Span], zone: tzinfo
) -> Diagnostic:
    where = zone if isinstance(zone, ZoneInfo) else ZoneInfo("UTC")
    return OWNER_OFF_SHIFT.at(
        plan,
        workflow,
        ("states", state, "owner"),
        f"scenario '{scenario}' is in state '{state}' for open hours of its calendar with owner '{owner}' on no "
        f"shift: {describe(gaps, where)}",
        hint=f"add a shift of '{owner}' for those hours, or give the state an owner who works then",
    )


CODES = [UNCOVERED_CHANNEL, OWNER_OFF_SHIFT, SHIFT_OVER_HEADCOUNT, STAFFING_OVER_BUDGET]
