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
    data = router_data(plan, date.today())
    rng = random.Random(seed)
    days = interesting_dates(plan, first, last - timedelta(days=60))  # due times stay inside the page's range
    numbers, words = boundaries(plan), texts(plan)
    zones = list(data["zones"])
    tickets = []
    for i in range(count):
        values: dict[str, str] = {}
        kinds: dict[str, str] = {}
        for f in [*data["fields"], *data["given"]]:
            given = f in data["given"]
            if rng.random() < (0.85 if given else 0.15):
                continue
            kinds[f["name"]] = f["type"]
            if f["type"] == "bool":
                values[f["name"]] = rng.choice(["true", "false"])
            elif f["values"]:
                values[f["name"]] = str(rng.choice(f["values"]))
            elif f["type"] in ("number", "integer"):
                choice = rng.choice(numbers)
                values[f["name"]] = str(int(float(choice))) if f["type"] == "integer" else choice
            else:
                values[f["name"]] = rng.choice(words)
        day = rng.choice(days) if i % 2 else first + timedelta(days=rng.randrange(30, (last - first).days - 60))
        clock = rng.choice(_CLOCK) if i % 3 else f"{rng.randrange(24):02d}:{rng.randrange(60):02d}"
        tickets.append(Ticket(values, f"{day.isoformat()}T{clock}", rng.choice(zones), kinds))
    return tickets
