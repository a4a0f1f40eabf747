"""The diff of two plan versions as data: load both sides once, compare, route, warn."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planops.diagnostics import Severity, sort_key
from planops.plan import CompiledPlan
from planops.review.changes import Change
from planops.review.impact import TicketChange


@dataclass(frozen=True)
class Side:
    """One version of the plan: where it came from, and the plan or why it did not load."""

    label: str
    plan: CompiledPlan | None
    error: str | None = None  # the first finding that kept it from loading, as one line


@dataclass
class DiffReport:
    base: Side
    head: Side
    changes: list[Change] = field(default_factory=list)
    tickets: list[TicketChange] = field(default_factory=list)
    routed: int = 0  # how many scenario tickets were routed through both versions
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> str | None:
        """Why the two versions could not be compared, in one line."""
        for name, side in (("base", self.base), ("head", self.head)):
            if side.error is not None:
                return f"the {name} plan `{side.label}` does not load: {side.error}"
        return None

    @property
    def meaning_changed(self) -> bool:
        return any(c.material for c in self.changes) or bool(self.tickets)

    def as_dict(self) -> dict[str, Any]:
        from planops.review.semantic import version

        def side(s: Side) -> dict[str, Any]:
            return {"label": s.label, "version": version(s.plan) if s.plan else None, "error": s.error}

        return {
            "base": side(self.base),
            "head": side(self.head),
            "error": self.failed,
            "meaning_changed": self.meaning_changed,
            "changes": [c.as_dict() for c in self.changes],
            "tickets_routed": self.routed,
            "tickets": [t.as_dict() for t in self.tickets],
            "warnings": self.warnings,
        }


def load_side(repo: Path, rev: str | None, plan_dir: Path) -> Side:
    """Read one side from git objects (or the work tree when ``rev`` is None) and compile it."""
    from planops.loader.compile import load_files
    from planops.loader.source import display_path
    from planops.reporters import text
    from planops.review.git import read_side

    label, files, unread = read_side(repo, rev, plan_dir)
    if not files and not unread:
        label += ", no plan yet"
    plan, findings = load_files(display_path(plan_dir), files, unread)
    errors = sorted((d for d in findings if d.severity is Severity.ERROR), key=sort_key)
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return Side(label, None, text(errors[:1]) + more)
    return Side(label, plan)


def diff_sides(base: Side, head: Side) -> DiffReport:
    """Compare two loaded sides: changes in meaning, tickets routed differently, warnings."""
    from planops.gc_pause import gc_paused
    from planops.review.impact import route_changes
    from planops.review.semantic import compare, version_warning

    report = DiffReport(base, head)
    if base.plan is None or head.plan is None:
        return report
    with gc_paused():  # both plans are alive and large: a collection would rescan them for no cycle
        report.changes = compare(base.plan, head.plan)
        impact = route_changes(base.plan, head.plan)
    report.tickets, report.routed = impact.changes, impact.routed
    report.warnings += impact.notes
    warning = version_warning(base.plan, head.plan, report.changes)
    if warning is not None:
        report.warnings.insert(0, warning)
    return report


def diff(repo: Path, base: str, head: str | None, plan_dir: Path) -> DiffReport:
    """``planops diff BASE [HEAD]`` as data; HEAD None is the work tree."""
    return diff_sides(load_side(repo, base, plan_dir), load_side(repo, head, plan_dir))
