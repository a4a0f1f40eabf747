"""Compare two compiled plans into the changes in meaning between them.

Objects are matched by kind and name. A change of formatting, comments, key
order or the way a value is written (``2h`` or ``120m``) compiles to the same
objects and so is no change at all.
"""

from __future__ import annotations

from planops.kinds import DIFF_SECTIONS, KINDS
from planops.model import PlanObject
from planops.output.escape import md_text
from planops.plan import CompiledPlan
from planops.review import parameters
from planops.review.changes import Change, Maker, fmt_number

_ORDER = {group: i for i, group in enumerate(DIFF_SECTIONS)}


def compare(old: CompiledPlan, new: CompiledPlan) -> list[Change]:
    """Every change from ``old`` to ``new``, grouped (SLA targets, routing, …) in reading order."""
    found: list[Change] = []
    for kind in KINDS:
        a, b = old.named(kind.model), new.named(kind.model)
        group, material = kind.group, kind.material
        for name in a.keys() - b.keys():
            found.append(Change(group, kind.name, name, "", "", None, None, material))
        for name in b:
            m = Maker(group, kind.name, name)
            if name not in a:
                found.append(Change(group, kind.name, name, "", None, "", None, material))
            elif a[name] != b[name]:
                found += _common(m, a[name], b[name]) + kind.compare(m, a[name], b[name])
    found += totals(old, new)
    found += parameters.changes(old, new)
    return sorted(found, key=lambda c: _ORDER[c.kind])


def _common(m: Maker, old: PlanObject, new: PlanObject) -> list[Change]:
    found = []
    if old.owner != new.owner:
        found.append(m.change("owner", old.owner or "none", new.owner or "none"))
    if old.reviewed != new.reviewed:
        review = Maker("review", m.object_kind, m.object)
        found.append(review.change("reviewed", old.reviewed or "never", new.reviewed or "never", material=False))
    found += [m.text(part) for part in ("title", "description") if getattr(old, part) != getattr(new, part)]
    return found


def totals(old: CompiledPlan, new: CompiledPlan) -> list[Change]:
    """Team headcount and cost, and the budget's monthly total, across the whole plan (the rule of planops.costs,
    which the budget check and the handbook read too)."""
    a, b = old.costs, new.costs
    team = Maker("team", "Team", "")
    found = []
    if a.headcount != b.headcount:
        found.append(team.change("total headcount", a.headcount, b.headcount))
    if a.salaries != b.salaries:
        found.append(team.change("total monthly cost", a.salaries, b.salaries))
    total_a, total_b = a.total, b.total
    if total_a != total_b and (a.budget or b.budget):
        budget = Maker("budget", "Budget", "")
        found.append(budget.change("monthly total (salaries and lines)", _of(total_a, a.limit), _of(total_b, b.limit)))
    return found


def _of(total: float, limit: float | None) -> str:
    if limit is None:
        return fmt_number(total)
    over = " (over the limit)" if total > limit else ""
    return f"{fmt_number(total)} of {fmt_number(limit)}{over}"


def version(plan: CompiledPlan) -> str | None:
    return plan.manifest.version if plan.manifest else None


def version_warning(old: CompiledPlan, new: CompiledPlan, changes: list[Change]) -> str | None:
    """A warning (Markdown) when the meaning changed but ``Plan.version`` did not."""
    before, after = version(old), version(new)
    if before is None or after is None or before != after or not any(c.material for c in changes):
        return None
    where = md_text(new.where(new.manifest).path, start=False) if new.manifest else "the Plan manifest"
    return (
        f'The plan\'s meaning changed but its version is still "{md_text(after, start=False)}": '
        f"raise `version:` in {where} so readers can tell the versions apart."
    )
