"""A synthetic helpdesk export for a plan: the canonical tickets and events (SPEC 5.1), to try reports without data.

``generate(plan, start, end, tickets_per_day, seed)`` gives the rows; the same arguments always give the same
rows (one ``random.Random(seed)``, no clock, no set order). Realistic in the ways reports notice: arrivals by
hour of week in each channel's calendar (office-hour peaks, quiet nights, weekends and holidays), a seasonal
curve by month, a channel mix by segment and region, routing's priorities (some given, as agents set them),
first responses mostly inside the targets in business time with a tail of late ones, pending and on-hold
periods, about 8 % reopened, CSAT from about 30 % and NPS from about 10 % of solved tickets. Events after the
export instant (midnight after ``end``) are not in it: the last days' tickets are still open.

Run it as ``python -m planops.actuals.sample --plan plan --out DIR --from 2026-07-01 --to 2026-09-30``.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planops.actuals.writers import FORMATS, Row, write_table

if TYPE_CHECKING:
    from planops.engine import BusinessCalendar, Engine, Routed
    from planops.model import Channel
    from planops.plan import ValidPlan
    from planops.ticketfields import TicketField

FIRST_ID = 100001
USUAL = ("id", "created_at", "channel", "category", "priority", "segment", "queue", "region", "amount")
SECOND = timedelta(seconds=1)
WEEKDAY = tuple(w * 7 / 5.5 for w in (1.15, 1.05, 1.0, 0.95, 0.85, 0.3, 0.2))
"""Arrivals Monday to Sunday, against the mean of a week (1.0)."""
MONTH = (1.15, 1.05, 1.0, 0.95, 0.95, 0.9, 0.85, 0.8, 1.0, 1.05, 1.15, 1.1)
"""Arrivals January to December: a summer lull, the November sales peak."""
HOLIDAY = 0.3
CHANNEL_MIX = {"email": 0.5, "chat": 0.3, "phone": 0.12}
"""Share of a customer's tickets per channel type (other types 0.08), among the channels open to them."""
CLOSED_ARRIVALS = {"email": 0.15, "phone": 0.02}
"""Arrivals in a closed hour against an open one: web forms at night, voicemails; chat is off when closed."""
DEFAULT_FIRST_RESPONSE = {"chat": timedelta(minutes=3), "phone": timedelta(minutes=30)}
CATEGORY_MIX = {"how-to": 0.3, "technical": 0.22, "account": 0.15, "billing": 0.15, "complaint": 0.06}
"""Known categories' weights; any other category of the plan weighs 0.05."""
REGION_ZONES = {"emea": ("Europe", "Africa"), "americas": ("America",), "apac": ("Asia", "Australia", "Pacific")}
CSAT = ((1, 0.04), (2, 0.04), (3, 0.08), (4, 0.24), (5, 0.6))
CSAT_UNHAPPY = ((1, 0.15), (2, 0.15), (3, 0.25), (4, 0.25), (5, 0.2))
NPS = tuple((score, w) for score, w in enumerate((2, 1, 1, 2, 2, 4, 5, 10, 20, 28, 25)))
SHARES = {"late": 0.12, "given_priority": 0.15, "more": 0.4, "pending": 0.35, "hold": 0.05, "reopen": 0.08}
SHARES |= {"csat": 0.3, "nps": 0.1, "after_hours": 0.04}


@dataclass(frozen=True, slots=True)
class Customer:
    id: str
    annual_value: int
    region: str | None
    fields: dict[str, Any]
    segment: str | None


@dataclass
class Sampler:
    """One generation: the plan's engine, its channels and calendars, the random source."""

    plan: ValidPlan
    engine: Engine
    rng: random.Random
    customers: list[Customer]
    export_at: datetime

    def calendar(self, channel: str) -> BusinessCalendar:
        return self.engine.calendars[self.plan.channels[channel].calendar]


def generate(plan: ValidPlan, start: date, end: date, tickets_per_day: float, seed: int) -> tuple[list[Row], list[Row]]:
    """The tickets and events rows of a synthetic export: tickets created from ``start`` to ``end`` inclusive.

    ``tickets_per_day`` is the mean over an ordinary week (weekdays busier, weekends quieter; holidays and the
    season by month change it).
    """
    from planops.engine import Engine

    engine = Engine.for_plan(plan)
    rng = random.Random(seed)
    main = _main_calendar(plan, engine)
    export_at = datetime.combine(end + timedelta(days=1), datetime.min.time(), main.zone).astimezone(UTC)
    size = max(20, round(tickets_per_day * (end - start).days / 4))
    sampler = Sampler(plan, engine, rng, [], export_at)
    sampler.customers = [_customer(sampler, i) for i in range(size)]
    tickets: list[Row] = []
    events: list[Row] = []
    day = start
    while day <= end:
        arrivals = [_arrive(sampler, day) for _ in range(_arrivals(rng, main, day, tickets_per_day))]
        for created, customer, channel in sorted(arrivals, key=lambda a: (a[0], a[1].id, a[2])):
            ticket, its_events = _ticket(sampler, created, customer, channel, FIRST_ID + len(tickets))
            tickets.append(ticket)
            events += its_events
        day += timedelta(days=1)
    return _filled(tickets), events


def _filled(rows: list[Row]) -> list[Row]:
    """Every row with every column, in one order: the usual columns first, then the rest, customer fields last."""
    names = {key for row in rows for key in row}
    order = sorted(names, key=lambda n: (USUAL.index(n) if n in USUAL else len(USUAL), "." in n, n))
    return [{name: row.get(name) for name in order} for row in rows]


def _main_calendar(plan: ValidPlan, engine: Engine) -> BusinessCalendar:
    """The calendar most channels keep: the one whose holidays and weekends set a day's volume."""
    names = [c.calendar for c in plan.channels.values()]
    common = max(names, key=lambda n: (names.count(n), n is not None)) if names else None
    return engine.calendars[common]


def _arrivals(rng: random.Random, main: BusinessCalendar, day: date, per_day: float) -> int:
    mean = per_day * WEEKDAY[day.weekday()] * MONTH[day.month - 1]
    if not main.hours_on(day) and day.weekday() < 5 and main.week is not None:
        mean *= HOLIDAY
    return max(0, round(rng.gauss(mean, math.sqrt(mean))))


def _weighted(rng: random.Random, choices: Sequence[tuple[Any, float]]) -> Any:
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights)[0]


# --- customers ---------------------------------------------------------------------------------------------


def _customer(s: Sampler, index: int) -> Customer:
    fields = s.plan.ticket_schema.fields
    rng = s.rng
    value = round(math.exp(rng.gauss(math.log(2400), 1.6)) / 12) * 12
    region = _pick_value(rng, fields.get("region"))
    extra = _customer_fields(rng, fields.get("customer"), value)
    customer = Customer(f"C{index + 1:05d}", value, region, extra, None)
    return Customer(customer.id, value, region, extra, _segment_of(s, customer))


def _pick_value(rng: random.Random, f: TicketField | None) -> Any:
    """One of the field's allowed values, the first ones more often (None: the field has none)."""
    if f is None or not f.values:
        return None
    return _weighted(rng, [(v, 1 / (i + 1)) for i, v in enumerate(f.values)])


def _customer_fields(rng: random.Random, customer: TicketField | None, value: int) -> dict[str, Any]:
    """The plan's declared customer fields: allowed values rising with the annual value, flags for a few."""
    declared = {k: f for k, f in (customer.fields or {}).items() if not f.builtin} if customer else {}
    out: dict[str, Any] = {}
    for name, f in sorted(declared.items()):
        if f.type == "bool":
            out[name] = rng.random() < 0.04
        elif f.type == "string" and f.values:
            rank = min(len(f.values) - 1, max(0, int(math.log10(max(value, 1)) - 2.7)))
            out[name] = f.values[rank]
    return out


def _segment_of(s: Sampler, customer: Customer) -> str | None:
    """The segment the plan's Segmentation gives the customer (routed once, on a channel open to all)."""
    open_to_all = [name for name, c in s.plan.channels.items() if not c.segments]
    if s.plan.segmentation is None or not open_to_all:
        return None
    routed = s.engine.route({"created": "2026-01-05T12:00:00+00:00", "channel": open_to_all[0], **_about(customer)})
    return routed.segment


def _about(customer: Customer) -> dict[str, Any]:
    """The ticket fields that come from the customer."""
    about: dict[str, Any] = {"customer": {"id": customer.id, "annual_value": customer.annual_value, **customer.fields}}
    if customer.region is not None:
        about["region"] = customer.region
    return about


# --- tickets -----------------------------------------------------------------------------------------------


def _arrive(s: Sampler, day: date) -> tuple[datetime, Customer, str]:
    """Who writes on ``day``, on which channel, when."""
    customer = s.rng.choice(s.customers)
    channel = _channel(s, customer)
    created = _arrival(s, channel, day)
    if created is None:  # a live channel closed all day: the customer writes instead
        channel = _fallback(s, customer)
        created = _arrival(s, channel, day) or datetime.combine(day, datetime.min.time(), s.calendar(channel).zone)
    return created, customer, channel


def _ticket(s: Sampler, created: datetime, customer: Customer, channel: str, number: int) -> tuple[Row, list[Row]]:
    ticket = _fields(s, customer, channel, created)
    routed = s.engine.route(ticket)
    if s.rng.random() < SHARES["given_priority"] and routed.priority is not None:
        ticket["priority"] = _raised(s.rng, routed.priority)
        routed = s.engine.route(ticket)
    kind = s.plan.channels[channel].type or "email"
    events = [e for e in _life(s, routed, kind, str(number)) if _at(e) < s.export_at]
    return _row(number, ticket, created), [_event_row(e, number, created) for e in events]


def _channels_for(s: Sampler, customer: Customer) -> list[tuple[str, Channel]]:
    found = [(n, c) for n, c in s.plan.channels.items() if not c.segments or customer.segment in c.segments]
    return found or list(s.plan.channels.items())


def _channel(s: Sampler, customer: Customer) -> str:
    weights = [(n, CHANNEL_MIX.get(c.type or "", 0.08) * _fit(s, c, customer)) for n, c in _channels_for(s, customer)]
    return str(_weighted(s.rng, weights))


def _fallback(s: Sampler, customer: Customer) -> str:
    written = [(n, c) for n, c in _channels_for(s, customer) if (c.type or "email") == "email"]
    return written[0][0] if written else _channel(s, customer)


def _fit(s: Sampler, channel: Channel, customer: Customer) -> float:
    """How likely a customer of this region uses the channel: one served from their part of the world."""
    zones = REGION_ZONES.get(customer.region or "")
    if not zones:
        return 1.0
    zone = s.engine.calendars[channel.calendar].timezone
    return 1.0 if zone.startswith(zones) else 0.05


def _arrival(s: Sampler, channel: str, day: date) -> datetime | None:
    """An instant on the local ``day`` of the channel's calendar, by hour: office peaks, quiet closed hours."""
    cal = s.calendar(channel)
    closed = CLOSED_ARRIVALS.get(s.plan.channels[channel].type or "email", 0.0)
    local = [datetime(day.year, day.month, day.day, h, 30, tzinfo=cal.zone) for h in range(24)]
    weights = [_busy(h) if cal.is_open(t) else closed * (0.3 if h < 7 else 1.0) for h, t in enumerate(local)]
    if not any(weights):
        return None
    hour = s.rng.choices(range(24), weights)[0]
    minute = timedelta(seconds=s.rng.randrange(3600) - 1800)
    return (local[hour] + minute).astimezone(UTC).astimezone(cal.zone)


def _busy(hour: int) -> float:
    """Arrivals in an open hour: a morning peak at 10-11, a smaller one after lunch."""
    return 0.6 + math.exp(-(((hour - 10.5) / 1.6) ** 2)) + 0.7 * math.exp(-(((hour - 14.5) / 1.8) ** 2))


def _fields(s: Sampler, customer: Customer, channel: str, created: datetime) -> dict[str, Any]:
    fields = s.plan.ticket_schema.fields
    category = _category(s.rng, fields.get("category"))
    ticket: dict[str, Any] = {"created": created.isoformat(timespec="seconds"), "channel": channel}
    if category is not None:
        ticket["category"] = category
    ticket |= _about(customer)
    if category == "billing" and "amount" in fields:
        ticket["amount"] = round(math.exp(s.rng.gauss(math.log(180), 1.1)), 2)
    for name, f in sorted(fields.items()):
        if not f.builtin and f.type == "string" and not f.values and name not in ticket and s.rng.random() < 0.1:
            ticket[name] = f"{name.split('_')[0].upper()[:3]}-{s.rng.randrange(10000, 100000)}"
    return ticket


def _category(rng: random.Random, f: TicketField | None) -> str | None:
    if f is None or not f.values:
        return None
    return str(_weighted(rng, [(v, CATEGORY_MIX.get(str(v), 0.05)) for v in f.values]))


def _raised(rng: random.Random, priority: str) -> str:
    """The priority an agent sets: mostly routing's own, sometimes one step more urgent."""
    from planops.model.types import PRIORITIES

    at = PRIORITIES.index(priority) if priority in PRIORITIES else 0
    return PRIORITIES[max(0, at - 1)] if rng.random() < 0.3 else priority


# --- events ------------------------------------------------------------------------------------------------

Event = tuple[datetime, str, str | None]


def _life(s: Sampler, routed: Routed, kind: str, number: str) -> list[Event]:
    """A ticket's events in time order: replies and waits, the solve, perhaps a reopen, close and surveys."""
    rng, cal = s.rng, routed.calendar
    life = _Life(routed.created)
    late = rng.random() < SHARES["late"]
    life.add(_first_response(s, routed, kind, late), "respond")
    for _ in range(_exchanges(rng)):
        _exchange(s, life, cal, _target(s, routed, kind, "next_response"))
    life.add(life.now + timedelta(minutes=rng.uniform(2, 40)), "solve")
    life.add(life.now + SECOND, "status", "solved")
    reopened = rng.random() < SHARES["reopen"]
    if reopened:
        _reopen(s, life, cal, _target(s, routed, kind, "next_response"))
    solved = life.now
    life.add(solved + timedelta(days=4), "close")
    life.add(life.now + SECOND, "status", "closed")
    surveys = _surveys(rng, solved, late or reopened)
    return sorted(life.events + surveys, key=lambda e: e[0])


class _Life:
    """Events one after another: each at least a second after the one before."""

    def __init__(self, created: datetime) -> None:
        self.now = created
        self.events: list[Event] = []

    def add(self, at: datetime, event: str, value: str | None = None) -> None:
        self.now = max(at, self.now + SECOND).replace(microsecond=0)
        self.events.append((self.now, event, value))


def _target(s: Sampler, routed: Routed, kind: str, name: str) -> timedelta:
    """The SLA target the ticket runs on, else its channel's, else a usual one for the channel type."""
    found = routed.target(name)
    channel = s.plan.channels.get(str(routed.ticket.get("channel")))
    given = getattr(channel.targets, name, None) if channel and channel.targets else None
    fallback = DEFAULT_FIRST_RESPONSE.get(kind, timedelta(hours=8))
    return found or given or (fallback if name != "resolution" else fallback * 6)


def _first_response(s: Sampler, routed: Routed, kind: str, late: bool) -> datetime:
    rng, target = s.rng, _target(s, routed, kind, "first_response")
    if not late and rng.random() < SHARES["after_hours"] and not routed.calendar.is_open(routed.created):
        return routed.created + timedelta(minutes=rng.uniform(10, 120))  # someone answered after hours
    share = rng.uniform(1.05, 3.0) if late else rng.betavariate(1.6, 3.0) * 0.95 + 0.02
    return routed.calendar.add(routed.created, target * share)


def _exchanges(rng: random.Random) -> int:
    """Agent replies after the first: none for most tickets (solved on first contact), else one to three."""
    return 0 if rng.random() >= SHARES["more"] else _weighted(rng, ((1, 0.6), (2, 0.3), (3, 0.1)))


def _exchange(s: Sampler, life: _Life, cal: BusinessCalendar, target: timedelta) -> None:
    """The agent waits on the customer (pending) or a third party (on-hold), the customer answers, the agent replies."""
    rng = s.rng
    waiting = "hold" if rng.random() < SHARES["hold"] else "pending" if rng.random() < SHARES["pending"] else None
    if waiting is not None:
        life.add(life.now + timedelta(minutes=rng.uniform(1, 5)), "status", waiting)
    life.add(life.now + _customer_delay(rng), "customer_reply")
    if waiting is not None:
        life.add(life.now + SECOND, "status", "open")
    life.add(cal.add(life.now, target * rng.betavariate(1.5, 2.5) * 1.3), "respond")


def _customer_delay(rng: random.Random) -> timedelta:
    """How long a customer takes to answer: minutes to days, median about five hours."""
    return timedelta(minutes=min(10 * 24 * 60, math.exp(rng.gauss(math.log(300), 1.3))))


def _reopen(s: Sampler, life: _Life, cal: BusinessCalendar, target: timedelta) -> None:
    rng = s.rng
    life.add(life.now + timedelta(hours=rng.uniform(2, 72)), "customer_reply")
    life.add(life.now + SECOND, "reopen")
    life.add(life.now + SECOND, "status", "open")
    life.add(cal.add(life.now, target * rng.uniform(0.1, 1.2)), "respond")
    life.add(life.now + timedelta(minutes=rng.uniform(5, 60)), "solve")
    life.add(life.now + SECOND, "status", "solved")


def _surveys(rng: random.Random, solved: datetime, unhappy: bool) -> list[Event]:
    out: list[Event] = []
    if rng.random() < SHARES["csat"]:
        score = _weighted(rng, CSAT_UNHAPPY if unhappy else CSAT)
        out.append((solved + timedelta(minutes=round(rng.uniform(20, 2880))), "csat", str(score)))
    if rng.random() < SHARES["nps"]:
        out.append((solved + timedelta(minutes=round(rng.uniform(1440, 7200))), "nps", str(_weighted(rng, NPS))))
    return out


def _at(event: Event) -> datetime:
    return event[0]


# --- rows --------------------------------------------------------------------------------------------------


def _row(number: int, ticket: dict[str, Any], created: datetime) -> Row:
    """The ticket as a canonical row: ``id``, ``created_at``, then its fields, nested ones by dotted name."""
    row: Row = {"id": number, "created_at": created.isoformat(timespec="seconds")}
    for key, value in ticket.items():
        if key == "created":
            continue
        if isinstance(value, dict):
            row |= {f"{key}.{inner}": v for inner, v in value.items()}
        else:
            row[key] = value
    return row


def _event_row(event: Event, number: int, created: datetime) -> Row:
    """An event as a canonical row, its instant in the offset the ticket was created in."""
    at, name, value = event
    shown = at.astimezone(created.tzinfo).isoformat(timespec="seconds")
    return {"ticket_id": number, "at": shown, "event": name, "value": value}


# --- the command -------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None, out: Callable[[str], object] = print) -> int:
    """``python -m planops.actuals.sample``: write a sample export for a plan; 1 if the plan has errors."""
    args = _parser().parse_args(argv)
    if args.to < args.start:
        _parser().error(f"--to {args.to} is before --from {args.start}: give an end on or after the start")
    from planops.errors import PlanopsError
    from planops.pipeline import Level, check_plan

    try:
        checked = check_plan(args.plan, level=Level.MEANING)
    except PlanopsError as exc:
        out(str(exc))
        return 1
    if checked.valid is None:
        out(f"the plan in {args.plan} has {len(checked.errors)} error(s): fix what 'planops validate' reports")
        return 1
    tickets, events = generate(checked.valid, args.start, args.to, args.per_day, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    write_table(tickets, args.out / f"tickets.{args.format}", args.format)
    write_table(events, args.out / f"events.{args.format}", args.format)
    out(f"wrote {len(tickets)} tickets and {len(events)} events to {args.out}")
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m planops.actuals.sample", description=__doc__.splitlines()[0])
    p.add_argument("--plan", type=Path, default=Path("plan"), metavar="DIR", help="the plan folder (default: plan)")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="where tickets.* and events.* go")
    p.add_argument("--from", dest="start", type=_date, required=True, metavar="DATE", help="first day (2026-07-01)")
    p.add_argument("--to", type=_date, required=True, metavar="DATE", help="last day, inclusive (2026-09-30)")
    p.add_argument("--per-day", type=_per_day, default=40.0, help="mean tickets a day over a week (default: 40)")
    p.add_argument("--seed", type=int, default=7, help="the same seed gives the same files (default: 7)")
    p.add_argument("--format", choices=FORMATS, default="csv", help="csv (default), jsonl or parquet (needs duckdb)")
    return p


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-07-01") from None


def _per_day(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value <= 100_000:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of tickets from 0 to 100000")
    return value


if __name__ == "__main__":
    sys.exit(main())
