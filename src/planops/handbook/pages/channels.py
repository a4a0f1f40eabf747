"""Channels and business hours: how customers reach us, and when each calendar is open."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from planops.handbook import markup
from planops.handbook.context import Context
from planops.model import Calendar, Channel
from planops.model.types import TARGETS

if TYPE_CHECKING:
    from planops.engine import BusinessCalendar

TITLE = "Channels and hours"
SUMMARY = (
    "Every channel with its calendar, promised response times and segments, and each calendar's "
    "opening hours and holidays for the next twelve months."
)
HORIZON = timedelta(days=365)


def render(ctx: Context) -> str:
    channels = list(ctx.plan.channels.values())
    calendars = list(ctx.plan.calendars.values())
    rows = [
        [ctx.channel(c.name), markup.text(c.type or "—"), ctx.calendar(c.calendar), _promise(c), _segments(ctx, c)]
        for c in channels
    ]
    return markup.join(
        "# Channels and hours",
        "## Channels {#channels}",
        markup.table(["Channel", "Type", "Hours", "Promised", "Open to"], rows) or "No channels are defined.",
        *(_channel(ctx, c) for c in channels),
        "## Business hours {#business-hours}",
        _horizon_note(ctx),
        *(_calendar(ctx, c) for c in calendars),
    )


def _promise(channel: Channel) -> str:
    business = channel.calendar is not None
    parts = [
        f"{markup.text(t.replace('_', ' '))} {markup.duration(v, business)}"
        for t in TARGETS
        if (v := getattr(channel.targets, t)) is not None
    ]
    return "; ".join(parts) if parts else "—"


def _segments(ctx: Context, channel: Channel) -> str:
    if channel.segments is None:
        return "everyone"
    return markup.item_list([ctx.segment(s) for s in channel.segments])


def _channel(ctx: Context, channel: Channel) -> str:
    facts = [
        f"**Hours:** {ctx.calendar(channel.calendar)}",
        f"**Promised:** {_promise(channel)}",
        f"**Open to:** {_segments(ctx, channel)}",
    ]
    if channel.owner:
        facts.append(f"**Owner:** {ctx.role(channel.owner)}")
    return markup.join(
        markup.heading(3, channel.label, f"channel-{channel.name}"),
        "  \n".join(facts),
        markup.block(channel.description),
    )


def first_day(ctx: Context) -> date:
    """Holidays are listed from the build date, or from the effective date of a plan not yet in force."""
    effective = ctx.plan.manifest.effective if ctx.plan.manifest else ctx.today
    return max(ctx.today, effective)


def _horizon_note(ctx: Context) -> str:
    first = first_day(ctx)
    return (
        f"Holidays are listed from {first.isoformat()} to {(first + HORIZON).isoformat()}. "
        "SLA clocks and workflow timers do not run while a calendar is closed."
    )


def _calendar(ctx: Context, cal: Calendar) -> str:
    from planops.engine import Engine, TicketError
    from planops.hours import format_week

    users = [f"channel {ctx.channel(c.name)}" for c in ctx.plan.channels.values() if c.calendar == cal.name]
    users += [f"SLA policy {ctx.policy(p.name)}" for p in ctx.plan.sla_policies if p.calendar == cal.name]
    facts = [f"**Time zone:** {markup.text(cal.timezone)}"]
    if users:
        facts.append("**Used by:**\n\n" + markup.bullets(users))
    week = markup.table(["Days", "Open"], [[markup.text(d), markup.text(h)] for d, h in format_week(cal.week)])
    try:  # the engine's clock of this calendar, which the worked examples ran on
        days = _holidays(ctx, cal, Engine.for_plan(ctx.plan).calendars[cal.name])
    except TicketError as exc:
        days = markup.text(f"Holidays cannot be listed: {exc}")
    return markup.join(_title(cal), "  \n".join(facts), markup.block(cal.description), week, _special(ctx, cal), days)


def _title(cal: Calendar) -> str:
    return markup.heading(3, cal.label, f"calendar-{cal.name}")


def _open(ranges: tuple[tuple[int, int], ...]) -> str:
    from planops.hours import format_range

    return ", ".join(format_range(r, "–") for r in ranges) or "Closed"


def _special(ctx: Context, cal: Calendar) -> str:
    """The special dates in the listed period, with their hours."""
    first = first_day(ctx)
    days = [(d, r) for d, r in sorted(cal.special_hours.items()) if first <= d <= first + HORIZON]
    if not days:
        return ""
    rows = [[d.isoformat(), d.strftime("%a"), markup.text(_open(r))] for d, r in days]
    return markup.join("**Special hours (instead of the week above):**", markup.table(["Date", "Day", "Open"], rows))


def _holidays(ctx: Context, cal: Calendar, clock: BusinessCalendar) -> str:
    h = cal.holidays
    if h.country is None and not h.dates:
        return "No holidays: open on every day of the week shown."
    first = first_day(ctx)
    days = clock.holidays_between(first, first + HORIZON)
    where = " ".join(x for x in (h.country, h.subdivision) if x)
    rows = [
        [d.isoformat(), d.strftime("%a"), markup.text(name), markup.text(_status(cal, clock, d))] for d, name in days
    ]
    title = f"Holidays ({markup.text(where)} public holidays and extra closed days)" if where else "Closed days"
    table = markup.table(["Date", "Day", "Holiday", "Open"], rows) or "None in this period."
    return markup.join(f"**{title}:**", _worked(cal), table)


def _status(cal: Calendar, clock: BusinessCalendar, day: date) -> str:
    ranges = clock.hours_on(day)
    if not ranges:
        return "Closed"
    return f"{_open(ranges)} ({'special hours' if day in cal.special_hours else 'worked on'})"


def _worked(cal: Calendar) -> str:
    """The holidays the calendar works on, as written: a name holds every year."""
    items = cal.holidays.except_
    if not items:
        return ""
    written = ", ".join(markup.text(i.isoformat() if isinstance(i, date) else i) for i in items)
    return f"Worked on, although public holidays: {written}."
