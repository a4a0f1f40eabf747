"""Review status of every object (``planops review``): a table, JSON, or overdue reviews as annotations."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from planops.output import Printed
from planops.output.escape import json_text, text_lines
from planops.output.findings import github
from planops.output.values import table
from planops.review.cadence import ReviewStatus, findings, summary

if TYPE_CHECKING:
    from planops.actuals.archive import KpiRow, Saved


@dataclass(frozen=True, slots=True)
class Reviewed:
    """``planops review``'s result: the plan folder as given, every object's status, the cadence, the date."""

    root: str
    statuses: Sequence[ReviewStatus]
    every: str
    as_of: date
    strict: bool = False
    actuals: Saved | None = None  # the last saved period (actuals/<period>.json next to the plan folder)
    actuals_path: str = ""


def text(result: Reviewed) -> str:
    """A table for people: status, next due, last review, owner, object and where it is."""
    statuses = list(result.statuses)
    rows = [
        (
            s.status,
            s.due.isoformat() if s.due else "now",
            (s.reviewed.isoformat() + ("*" if s.reviewed_inherited else "")) if s.reviewed else "never",
            (s.owner or "none") + ("*" if s.owner_inherited else ""),
            f"{s.kind} {s.name} ({s.path}:{s.line})",
        )
        for s in statuses
    ]
    lines = [f"Reviews every {result.every}, as of {result.as_of}: {summary(statuses)}", ""]
    lines += table(("STATUS", "DUE", "LAST REVIEW", "OWNER", "OBJECT"), rows)
    if any(s.owner_inherited or s.reviewed_inherited for s in statuses):
        lines += ["", "* taken from the Plan manifest: the object does not say"]
    return text_lines(lines + _actuals_text(result))


def _actuals_text(result: Reviewed) -> list[str]:
    saved = result.actuals
    if saved is None:  # nothing saved yet: the review is as before
        return []
    rows = [(r.kpi, _value(r), _bound(r), _met(r)) for r in saved.overall]
    head = [f"KPIs of {saved.period}, the last saved {saved.grain} ({result.actuals_path}): {kpi_summary(saved)}", ""]
    return ["", *head, *table(("KPI", "VALUE", "TARGET", "MET"), rows)]


def kpi_summary(saved: Saved) -> str:
    """``6 met, 2 missed`` of the saved period's KPIs (over the whole period)."""
    met = [r.met for r in saved.overall]
    parts = [f"{met.count(True)} met", f"{met.count(False)} missed"]
    return ", ".join(parts + ([f"{met.count(None)} not measured"] if None in met else []))


def _value(row: KpiRow) -> str:
    return "—" if row.value is None else f"{round(row.value, 1):g} {row.unit}".strip()


def _bound(row: KpiRow) -> str:
    parts = [f"{'≤' if k == 'max' else '≥'} {v:g}" for k, v in row.target.items()]
    return " ".join(parts) or "none"


def _met(row: KpiRow) -> str:
    return {True: "met", False: "missed", None: "—"}[row.met]


def _actuals_json(result: Reviewed) -> dict[str, Any] | None:
    if result.actuals is None:
        return None
    return {"file": result.actuals_path, **result.actuals.summary()}


def as_json(result: Reviewed) -> str:
    return json_text(
        {
            "as_of": result.as_of.isoformat(),
            "every": result.every,
            "objects": [s.as_dict() for s in result.statuses],
            "actuals": _actuals_json(result),
        }
    )


def _github(result: Reviewed) -> Printed:
    overdue = github(findings(list(result.statuses), result.every, strict=result.strict))
    lines = [f"{result.root}: {summary(list(result.statuses))}"]
    if result.actuals is not None:
        lines.append(f"{result.actuals_path}: KPIs of {result.actuals.period}: {kpi_summary(result.actuals)}")
    return Printed(overdue, text_lines(lines))


FORMATS: dict[str, Callable[[Reviewed], Printed]] = {
    "text": lambda result: Printed(text(result)),
    "json": lambda result: Printed(as_json(result)),
    "github": _github,
}
