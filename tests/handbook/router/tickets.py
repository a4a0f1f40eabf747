"""Random tickets for the router page, seeded, and what ``planops route``'s engine answers for each."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from planops.engine import Engine, TicketError
from planops.handbook.router.data import router_data
from planops.output.route import text
from planops.plan import ValidPlan

_CLOCK = ["00:00", "01:30", "02:00", "02:30", "03:00", "07:59", "08:00", "09:00", "12:00", "13:59"]
_CLOCK += ["14:00", "16:30", "17:00", "17:59", "18:00", "19:59", "21:59", "22:00", "23:59"]
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?")
_QUOTED = re.compile(r"'([^'\\]*)'|\"([^\"\\]*)\"")


@dataclass
class Ticket:
    """A form's values (dotted field names, as text) and the created wall time in a zone."""

    values: dict[str, str]
    created: str  # YYYY-MM-DDTHH:MM, local
    zone: str
    kind: dict[str, str] = field(default_factory=dict)

    def as_plan_file(self) -> dict[str, Any]:
        """The ticket as a ticket file holds it (numbers as numbers, nested mappings)."""
        ticket: dict[str, Any] = {}
        for name, raw in self.values.items():
            at = ticket
            *parents, last = name.split(".")
            for part in parents:
                at = at.setdefault(part, {})
            at[last] = _typed(raw, self.kind[name])
        wall = datetime.fromisoformat(self.created).replace(tzinfo=ZoneInfo(self.zone))  # fold=0, as the page
        ticket["created"] = wall.isoformat()
        return ticket


def _typed(raw: str, kind: str) -> Any:
    if kind == "number":
        return float(raw)
    if kind == "integer":
        return int(raw)
    if kind == "bool":
        return raw == "true"
    return raw


def expected(plan: ValidPlan, ticket: Ticket) -> dict[str, str]:
    """``planops route``'s lines as a mapping (``segment`` → ``vip``), or ``{"error": message}``."""
    try:
        routed = Engine.for_plan(plan).route(ticket.as_plan_file())
    except TicketError as exc:
        return {"error": str(exc)}
    lines = text(routed).splitlines()
    found = dict(line.split(":", 1) for line in lines)
    result = {key.strip(): value.strip() for key, value in found.items()}
    wf = plan.workflows[routed.workflow]
    result["owner"] = wf.states[wf.initial].owner or ""
    return result


def interesting_dates(plan: ValidPlan, first: date, last: date) -> list[date]:
    """Holidays, special dates, the days around them, and the days the calendars' zones change offset."""
    found: set[date] = set()
    engine = Engine.for_plan(plan)
    for model in plan.calendars.values():
        clock = engine.calendars[model.name]
        found |= {d for d, _ in clock.holidays_between(first, last)}
        found |= set(model.special_hours or {})
        zone = ZoneInfo(model.timezone)
        day = first
        while day < last:
            noon = datetime(day.year, day.month, day.day, 12, tzinfo=zone)
            if (noon + timedelta(days=1)).utcoffset() != noon.utcoffset():
                found.add(day + timedelta(days=1))
            day += timedelta(days=1)
    around = {d + timedelta(days=k) for d in found for k in (-1, 0, 1)}
    return sorted(d for d in around if first <= d <= last)


def boundaries(plan: ValidPlan) -> list[str]:
    """Each number a rule compares with (literals and parameters), and just around it."""
    data = router_data(plan, date.today())
    numbers = {0.0, 1200.0}
    for item in [*data["segments"], *data["rules"], *data["policies"]]:
        numbers |= {float(n) for n in _NUMBER.findall(item["when"] or "")}
    numbers |= {float(p["value"]) for p in data["parameters"].values() if p["type"] in ("number", "integer")}
    near = {round(n + d, 2) for n in numbers for d in (-1, -0.01, 0, 0.01, 1)}
    return [repr(n) for n in sorted(n for n in near if n >= 0)]


def texts(plan: ValidPlan) -> list[str]:
    """Each text a rule compares with, and two it does not."""
    data = router_data(plan, date.today())
    found = {"x", "Ünïcode"}
    for item in [*data["segments"], *data["rules"], *data["policies"]]:
        found |= {a or b for a, b in _QUOTED.findall(item["when"] or "")}
    return sorted(found)


def generate(plan: ValidPlan, count: int, seed: int, first: date, last: date) -> list[Ticket]:
    """``count`` tickets; seven in ten are ones the plan routes (drawn again until it does, a few times at most)."""
    data = router_data(plan, date.today())
    rng = random.Random(seed)
    draw = _Draw(plan, data, rng, first, last)
    tickets = []
    for i in range(count):
        ticket = draw.ticket(i)
        for _ in range(20 if i % 10 < 7 else 0):
            if "error" not in expected(plan, ticket):
                break
            ticket = draw.ticket(i)
        tickets.append(ticket)
    return tickets


class _Draw:
    def __init__(self, plan: ValidPlan, data: dict[str, Any], rng: random.Random, first: date, last: date) -> None:
        self.data, self.rng, self.first, self.last = data, rng, first, last
        self.days = interesting_dates(plan, first, last - timedelta(days=60))  # due times stay inside the range
        self.numbers, self.words = boundaries(plan), texts(plan)
        self.zones = list(data["zones"])
        self.changes = {z: _changes(z, first, last - timedelta(days=60)) for z in self.zones}

    def ticket(self, i: int) -> Ticket:
        values: dict[str, str] = {}
        kinds: dict[str, str] = {}
        for f in [*self.data["fields"], *self.data["given"]]:
            if self.rng.random() < (0.85 if f in self.data["given"] else 0.15):
                continue
            kinds[f["name"]] = f["type"]
            values[f["name"]] = self.value(f)
        day, clock, zone = self.when(i)
        return Ticket(values, f"{day.isoformat()}T{clock}", zone, kinds)

    def value(self, f: dict[str, Any]) -> str:
        rng = self.rng
        if f["type"] == "bool":
            return rng.choice(["true", "false"])
        if f["values"]:
            return str(rng.choice(f["values"]))
        if f["type"] in ("number", "integer"):
            choice = rng.choice(self.numbers)
            return str(int(float(choice))) if f["type"] == "integer" else choice
        return rng.choice(self.words)

    def when(self, i: int) -> tuple[date, str, str]:
        """Every fifth ticket in the hours around a clock change of its zone; the others on a day of interest
        (holidays, special hours) or any day, at a time of interest (openings, closings) or any minute."""
        rng = self.rng
        zone = rng.choice(self.zones)
        if i % 5 == 0 and self.changes[zone]:
            return rng.choice(self.changes[zone]), f"{rng.randrange(1, 4):02d}:{rng.choice([0, 30, 59]):02d}", zone
        span = (self.last - self.first).days - 60
        day = rng.choice(self.days) if i % 2 else self.first + timedelta(days=rng.randrange(30, span))
        clock = rng.choice(_CLOCK) if i % 3 else f"{rng.randrange(24):02d}:{rng.randrange(60):02d}"
        return day, clock, zone


def _changes(zone_name: str, first: date, last: date) -> list[date]:
    zone = ZoneInfo(zone_name)
    found, day = [], first
    while day < last:
        if datetime(day.year, day.month, day.day, tzinfo=zone).utcoffset() != (
            datetime(day.year, day.month, day.day, 23, 59, tzinfo=zone).utcoffset()
        ):
            found.append(day)
        day += timedelta(days=1)
    return found


def created_kinds(plan: ValidPlan, tickets: list[Ticket]) -> dict[str, int]:
    """How many tickets came in on a weekend, a holiday, a day the clocks change, and in its changed hour."""
    engine = Engine.for_plan(plan)
    holidays: set[date] = set()
    for name in plan.calendars:
        holidays |= {d for d, _ in engine.calendars[name].holidays_between(date(2000, 1, 1), date(2100, 1, 1))}
    counts = {"weekend": 0, "holiday": 0, "clock change day": 0, "clock change hour": 0}
    for t in tickets:
        wall = datetime.fromisoformat(t.created)
        zone = ZoneInfo(t.zone)
        day = wall.date()
        counts["weekend"] += day.weekday() >= 5
        counts["holiday"] += day in holidays
        before = datetime(day.year, day.month, day.day, tzinfo=zone).utcoffset()
        after = (datetime(day.year, day.month, day.day, tzinfo=zone) + timedelta(days=1)).utcoffset()
        changes = before != after
        counts["clock change day"] += changes
        counts["clock change hour"] += changes and 1 <= wall.hour <= 2
    return counts
