"""The diff of two plan versions as data: load both sides once, compare, route, warn."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planops.diagnostics import Diagnostic
from planops.plan import CompiledPlan, ValidPlan
from planops.review.changes import Change
from planops.review.impact import TicketChange


@dataclass(frozen=True)
class Side:
    """One version of the plan: where it came from, and the plan or why it did not load."""

    label: str
    plan: CompiledPlan | None
    error: str | None = None  # the first finding that kept it from loading, as one line
    errors: tuple[Diagnostic, ...] = ()  # what its meaning checks found: it loads, but its tickets cannot be routed

    @property
    def valid(self) -> ValidPlan | None:
        return self.plan if isinstance(self.plan, ValidPlan) else None


@dataclass
class DiffReport:
    base: Side
    head: Side
    changes: list[Change] = field(default_factory=list)
    tickets: list[TicketChange] = field(default_factory=list)
    routed: int = 0  # how many scenario tickets were routed through both versions
    warnings: list[str] = field(default_factory=list)  # inline Markdown, values escaped

    def broken(self) -> tuple[str, Side] | None:
        """The first side that does not load, as ("base" or "head", the side)."""
        for name, side in (("base", self.base), ("head", self.head)):
            if side.error is not None:
                return name, side
        return None

    @property
    def failed(self) -> str | None:
        """Why the two versions could not be compared, in one line of plain text."""
        broken = self.broken()
        if broken is None:
            return None
        name, side = broken
        return f"the {name} plan `{side.label}` does not load: {side.error}"

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
    from planops.loader.source import display_path
    from planops.pipeline import Level, check_files, deepen
    from planops.review.git import read_side

    label, files, unread = read_side(repo, rev, plan_dir)
    if not files and not unread:
        label += ", no plan yet"
    loaded = check_files(display_path(plan_dir), files, unread=unread, level=Level.SHAPE)
    if loaded.errors:
        return Side(label, None, first_error(loaded.errors))
    checked = deepen(loaded, Level.MEANING, advice=False)  # a side keeps its errors only: no advice checks
    errors = tuple(checked.errors) if files or unread else ()  # no plan yet: nothing to report, all is new
    return Side(label, checked.plan, errors=errors)


def first_error(errors: Sequence[Diagnostic]) -> str:
    """The first error as a line of plain text, and how many more there are."""
    from planops.output.findings import text

    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return text(list(errors[:1])) + more


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
        if base.valid is not None and head.valid is not None:
            impact = route_changes(base.valid, head.valid)
            report.tickets, report.routed = impact.changes, impact.routed
    report.warnings += [_invalid(name, side) for name, side in (("base", base), ("head", head)) if side.errors]
    warning = version_warning(base.plan, head.plan, report.changes)
    if warning is not None:
        report.warnings.insert(0, warning)
    return report


def _invalid(name: str, side: Side) -> str:
    """A warning (inline Markdown) that a side loads but fails its meaning checks."""
    from planops.output.escape import md_code, md_text

    count = f"{len(side.errors)} error{'s' * (len(side.errors) != 1)}"
    return (
        f"The {name} plan {md_code(side.label)} has {count}, so its scenario tickets were not routed "
        f"(run `planops validate`): {md_text(first_error(side.errors), start=False)}"
    )


def diff(repo: Path, base: str, head: str | None, plan_dir: Path) -> DiffReport:
    """``planops diff BASE [HEAD]`` as data; HEAD None is the work tree."""
    return diff_sides(load_side(repo, base, plan_dir), load_side(repo, head, plan_dir))
