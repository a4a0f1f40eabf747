"""Review status of every object (``planops review``): a table, JSON, or overdue reviews as annotations."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from planops.output import Printed
from planops.output.escape import json_text, text_lines
from planops.output.findings import github
from planops.output.values import table
from planops.review.cadence import ReviewStatus, findings, summary


@dataclass(frozen=True, slots=True)
class Reviewed:
    """``planops review``'s result: the plan folder as given, every object's status, the cadence, the date."""

    root: str
    statuses: Sequence[ReviewStatus]
    every: str
    as_of: date
    strict: bool = False


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
    return text_lines(lines)


def as_json(result: Reviewed) -> str:
    return json_text(
        {"as_of": result.as_of.isoformat(), "every": result.every, "objects": [s.as_dict() for s in result.statuses]}
    )


def _github(result: Reviewed) -> Printed:
    overdue = github(findings(list(result.statuses), result.every, strict=result.strict))
    return Printed(overdue, text_lines([f"{result.root}: {summary(list(result.statuses))}"]))


FORMATS: dict[str, Callable[[Reviewed], Printed]] = {
    "text": lambda result: Printed(text(result)),
    "json": lambda result: Printed(as_json(result)),
    "github": _github,
}
