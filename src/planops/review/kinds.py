"""What changed inside one object, per kind (workflows live in review.workflows).

Each comparator gets a :class:`Maker` for the object and both versions, compares
the fields it knows how to say better (targets, ordered rules, holidays), and
leaves every other field to ``Maker.fields`` so that no change goes unreported.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from planops.hours import ALL_WEEK, DAYS, format_range
from planops.model import KPI, Budget, Calendar, Channel, Plan, Routing, Scenario, Segmentation, SLAPolicy, Team
from planops.model.customers import Segment
from planops.model.service import Rule
from planops.model.staffing import Shift
from planops.model.team import Role
from planops.model.types import PRIORITIES, TARGETS
from planops.output.escape import Markdown, md_code, md_text
from planops.review.changes import Change, Maker, as_markdown, by_name, direction, fmt, moved

# Fields of every kind that review.semantic compares for all objects alike.
COMMON = frozenset({"kind", "name", "title", "owner", "reviewed", "description"})


def generic(m: Maker, old: Any, new: Any) -> list[Change]:
    """Field by field: the comparison of a kind that has no better way to word its changes."""
    return m.fields(old, new, skip=COMMON)


def sla(m: Maker, old: SLAPolicy, new: SLAPolicy) -> list[Change]:
    found = m.fields(old, new, skip={*COMMON, "targets"})
    for priority in PRIORITIES:
        a, b = old.targets.get(priority), new.targets.get(priority)  # type: ignore[call-overload]
        for target in TARGETS:
            x = getattr(a, target) if a else None
            y = getattr(b, target) if b else None
            if x != y:
                found.append(m.change(f"{priority} {target}", x, y, trend=direction(x, y)))
    return found


def routing(m: Maker, old: Routing, new: Routing) -> list[Change]:
    found = m.fields(old, new, skip={*COMMON, "rules"})
    return found + ordered(m, "rule", old.rules, new.rules, _rule)


def segmentation(m: Maker, old: Segmentation, new: Segmentation) -> list[Change]:
    found = m.fields(old, new, skip={*COMMON, "segments"})
    return found + ordered(m, "segment", old.segments, new.segments, _segment)


def ordered(
    m: Maker, label: str, old: Sequence[Any], new: Sequence[Any], summary: Callable[[Any], str]
) -> list[Change]:
    """Named items where order matters (first match wins): added (with their position), removed, moved, changed."""
    a, b = by_name(old), by_name(new)
    position = {n: i for i, n in enumerate(b, 1)}
    return named(
        m,
        label,
        old,
        new,
        summary,
        added=lambda n, item: Markdown(f"{as_markdown(summary(item))} (at position {position[n]})"),
        moves=[m.change(f"{label} {md_code(n)} position", p, q) for n, p, q in moved(list(a), list(b))],
    )


def named(
    m: Maker,
    label: str,
    old: Sequence[Any],
    new: Sequence[Any],
    summary: Callable[[Any], str],
    *,
    added: Callable[[str, Any], str] | None = None,
    moves: Sequence[Change] = (),
    inner: Mapping[str, Callable[[Any], str]] | None = None,
) -> list[Change]:
    """Named items: removed, added (``added`` words them, else ``summary``), ``moves``, changed field by field.

    ``summary`` and ``added`` give plain values or :class:`Markdown`; ``inner`` names fields that hold named
    items themselves (a role's shifts), compared the same way with their own summary.
    """
    a, b = by_name(old), by_name(new)
    found = [m.change(f"{label} {md_code(n)}", summary(item), None) for n, item in a.items() if n not in b]
    found += [
        m.change(f"{label} {md_code(n)}", None, added(n, item) if added else summary(item))
        for n, item in b.items()
        if n not in a
    ]
    found += moves
    for name in (n for n in b if n in a):
        prefix = f"{label} {md_code(name)} "
        found += m.fields(a[name], b[name], skip={"name", *(inner or {})}, prefix=prefix)
        for field, words in (inner or {}).items():
            found += named(m, prefix + field.removesuffix("s"), getattr(a[name], field), getattr(b[name], field), words)
    return found


def _rule(rule: Rule) -> Markdown:
    when = f"when {md_code(rule.when)}" if rule.when else "default"
    return Markdown(f"{when} → {md_text(fmt(rule.set), start=False)}")


def _segment(segment: Segment) -> Markdown:
    return Markdown(f"when {md_code(segment.when)}" if segment.when else "default")


def kpi(m: Maker, old: KPI, new: KPI) -> list[Change]:
    found = m.fields(old, new, skip={*COMMON, "target", "by"})
    found += _bounds(m, "target", old.target, new.target)
    for dimension in dict.fromkeys([*old.by, *new.by]):
        before, after = old.by.get(dimension, {}), new.by.get(dimension, {})
        for value in dict.fromkeys([*before, *after]):
            what = f"target for {md_text(dimension, start=False)} {md_code(value)}"
            found += _bounds(m, what, before.get(value), after.get(value))
    return found


def _bounds(m: Maker, what: str, old: Any, new: Any) -> list[Change]:
    """The ``max``/``min`` of two targets (either may be missing) that differ, each with its trend."""
    found = []
    for bound in ("max", "min"):
        x, y = getattr(old, bound, None), getattr(new, bound, None)
        if x != y:
            trend = direction(x, y, smaller_is_tighter=bound == "max")
            found.append(
                m.change(f"{what} {bound}", x if x is not None else "none", y if y is not None else "none", trend=trend)
            )
    return found


def channel(m: Maker, old: Channel, new: Channel) -> list[Change]:
    found = m.fields(old, new, skip={*COMMON, "targets"})
    for target in TARGETS:
        x, y = getattr(old.targets, target), getattr(new.targets, target)
        if x != y:
            found.append(m.change(f"{target} target", x, y, trend=direction(x, y)))
    return found


def calendar(m: Maker, old: Calendar, new: Calendar) -> list[Change]:
    found = m.fields(old, new, skip={*COMMON, "hours", "holidays", "special"})
    found += _hours(m, old, new)
    found += m.fields(old.holidays, new.holidays, skip={"dates", "except_"}, prefix="holidays ")
    found += _listed(m, "holiday dates", old.holidays.dates, new.holidays.dates)
    found += _listed(m, "holidays worked on", old.holidays.except_, new.holidays.except_)
    return found + _special(m, old, new)


def _listed(m: Maker, what: str, old: Sequence[date | str], new: Sequence[date | str]) -> list[Change]:
    """Dates or holiday names removed and added (a name compared without case, as the clock reads it)."""
    a, b = {_same(x): x for x in old}, {_same(x): x for x in new}
    gone = [a[k] for k in sorted(a.keys() - b.keys(), key=str)]
    added = [b[k] for k in sorted(b.keys() - a.keys(), key=str)]
    found = []
    if gone:
        found.append(m.change(what, gone, None))
    if added:
        found.append(m.change(what, None, added))
    return found


def _same(item: date | str) -> date | str:
    from planops.publicholidays import folded

    return folded(item) if isinstance(item, str) else item


def _special(m: Maker, old: Calendar, new: Calendar) -> list[Change]:
    """Special hours date by date, however they are written ("09:00-12:00" or a list)."""
    a, b = old.special_hours, new.special_hours
    found = []
    for day in sorted(a.keys() | b.keys()):
        x, y = a.get(day), b.get(day)
        if x != y:
            found.append(m.change(f"special hours {day.isoformat()}", _day_or_none(x), _day_or_none(y)))
    return found


def _day_or_none(ranges: tuple[tuple[int, int], ...] | None) -> str | None:
    return None if ranges is None else _day(ranges)


def _hours(m: Maker, old: Calendar, new: Calendar) -> list[Change]:
    """Opening hours compared day by day, however they are written (``mon-fri`` or each day)."""
    if old.hours == new.hours:
        return []
    a, b = old.week or ALL_WEEK, new.week or ALL_WEEK  # hours that do not parse never load
    pairs = [(a[i], b[i]) for i in range(7)]
    found = []
    for (x, y), group in itertools.groupby(range(7), key=pairs.__getitem__):
        days = list(group)
        if x != y:
            label = DAYS[days[0]] if len(days) == 1 else f"{DAYS[days[0]]}-{DAYS[days[-1]]}"
            found.append(m.change(f"hours {label}", _day(x), _day(y)))
    return found


def _day(ranges: tuple[tuple[int, int], ...]) -> str:
    return ", ".join(format_range(r) for r in ranges) or "closed"


def team(m: Maker, old: Team, new: Team) -> list[Change]:
    roles = named(m, "role", old.roles, new.roles, _role, inner={"shifts": _shift})
    return m.fields(old, new, skip={*COMMON, "roles"}) + roles


def _shift(shift: Shift) -> str:
    where = shift.calendar or shift.timezone
    hours = f"{fmt(shift.hours)} " if shift.hours is not None else ""
    return f"{hours}on {where}, {fmt(shift.headcount)} at once" + (" (on call)" if shift.on_call else "")


def _role(role: Role) -> str:
    return f"{role.title}, tier {role.tier}, {fmt(role.headcount)} × {fmt(role.monthly_cost)} a month"


def budget(m: Maker, old: Budget, new: Budget) -> list[Change]:
    found = m.fields(old, new, skip={*COMMON, "lines", "monthly_limit"})
    if old.monthly_limit != new.monthly_limit:
        trend = direction(old.monthly_limit, new.monthly_limit)
        found.append(m.change("monthly limit", old.monthly_limit, new.monthly_limit, trend=trend))
    return found + named(m, "line", old.lines, new.lines, lambda line: fmt(line.monthly))


def plan(m: Maker, old: Plan, new: Plan) -> list[Change]:
    """Parameters are compared with the whole plan (review.parameters): their changes say where they are read."""
    found = m.fields(old, new, skip={*COMMON, "version", "goals", "parameters"})
    return found + named(m, "goal", old.goals, new.goals, lambda goal: goal.statement)


def scenario(m: Maker, old: Scenario, new: Scenario) -> list[Change]:
    """Scenarios are tests of the plan: listed, not part of its meaning."""
    parts = [part for part in ("ticket", "events", "until", "expect") if getattr(old, part) != getattr(new, part)]
    if not parts:
        return []
    return [Change(m.kind, m.object_kind, m.object, ", ".join(parts), "", "", None, False)]
