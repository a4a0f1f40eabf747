"""Review cadence: for every object its owner, last review, next due date and status.

An object's last review is its own ``reviewed:``, else the Plan's; its owner is
its own ``owner:``, else the Plan's. The next review is due one cadence period
(``review: {every: quarter}`` on the Plan) after the last.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from planops.checks.objects import REVIEW_OVERDUE
from planops.diagnostics import Diagnostic, Severity
from planops.plan import CompiledPlan

MONTHS = {"month": 1, "quarter": 3, "half-year": 6, "year": 12}
DUE_SOON_DAYS = 30
Status = Literal["overdue", "due soon", "ok"]


@dataclass(frozen=True, slots=True)
class ReviewStatus:
    kind: str
    name: str
    path: str
    line: int
    owner: str | None
    owner_inherited: bool  # the Plan's owner, the object names none
    reviewed: date | None
    reviewed_inherited: bool  # the Plan's review date, the object has none
    due: date | None  # None: never reviewed, so due now
    status: Status

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "path": self.path,
            "line": self.line,
            "owner": self.owner,
            "owner_inherited": self.owner_inherited,
            "reviewed": self.reviewed.isoformat() if self.reviewed else None,
            "reviewed_inherited": self.reviewed_inherited,
            "due": self.due.isoformat() if self.due else None,
            "status": self.status,
        }


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def cadence(plan: CompiledPlan) -> str:
    return plan.manifest.review.every if plan.manifest else "quarter"


def review_status(plan: CompiledPlan, as_of: date) -> list[ReviewStatus]:
    """Every object's review status, soonest due first (never reviewed before all)."""
    months = MONTHS[cadence(plan)]
    found = []
    for obj in plan.objects():
        reviewed, owner = plan.last_review(obj), plan.owner_of(obj)
        due = add_months(reviewed, months) if reviewed else None
        doc = plan.where(obj)
        found.append(
            ReviewStatus(
                obj.kind,
                obj.name,
                doc.path,
                doc.loc()[0],
                owner,
                obj.owner is None and owner is not None,
                reviewed,
                obj.reviewed is None and reviewed is not None,
                due,
                _status(due, as_of),
            )
        )
    return sorted(found, key=lambda s: (s.due or date.min, s.path, s.line))


def _status(due: date | None, as_of: date) -> Status:
    if due is None or due < as_of:
        return "overdue"
    return "due soon" if (due - as_of).days <= DUE_SOON_DAYS else "ok"


def findings(statuses: list[ReviewStatus], every: str, *, strict: bool = False) -> list[Diagnostic]:
    """Overdue reviews as findings, for GitHub annotations (errors under ``--strict``)."""
    result = []
    for s in statuses:
        if s.status != "overdue":
            continue
        if s.reviewed is None:
            message = f"{s.kind} '{s.name}' has never been reviewed"
        else:
            message = f"{s.kind} '{s.name}' was last reviewed {s.reviewed}; its {every}ly review was due {s.due}"
        hint = f"review it with {s.owner} and set 'reviewed:'" if s.owner else "review it and set 'reviewed:'"
        result.append(REVIEW_OVERDUE.located(s.path, s.line, 1, message, hint))
    return [replace(d, severity=Severity.ERROR) for d in result] if strict else result


def summary(statuses: list[ReviewStatus]) -> str:
    counts = {status: sum(s.status == status for s in statuses) for status in ("overdue", "due soon", "ok")}
    return f"{counts['overdue']} overdue, {counts['due soon']} due within {DUE_SOON_DAYS} days, {counts['ok']} ok"
