"""What every check is made of: a stable code, a severity, and a bad example."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planops.diagnostics import Diagnostic, Severity
from planops.loader.document import Path
from planops.model import PlanObject
from planops.plan import CompiledPlan


@dataclass(frozen=True, slots=True)
class Code:
    """A kind of finding. ``example`` is a plan snippet that triggers it."""

    code: str
    severity: Severity
    summary: str
    example: str = ""

    def at(
        self,
        plan: CompiledPlan,
        obj: PlanObject,
        path: Path,
        message: str,
        *,
        hint: str | None = None,
        key: bool = False,
    ) -> Diagnostic:
        return plan.where(obj).diagnostic(path, self.code, message, severity=self.severity, hint=hint, key=key)


ERROR, WARNING = Severity.ERROR, Severity.WARNING


_KIND_OF = {"calendar": "Calendar", "KPI": "KPI", "workflow": "Workflow", "queue": "Team", "owner": "Team",
            "segment": "Segmentation", "sla_policy": "SLAPolicy", "channel": "Channel"}
_INSIDE = {"queue", "owner", "segment"}  # named inside another object: any broken one may hold them


def in_broken_document(plan: CompiledPlan, what: str, name: str) -> bool:
    """Whether ``name`` (a ``what``: workflow, queue, …) may be defined in a document that failed its shape check.

    Such a document was reported already; a reference to what it defines is not reported again as unknown.
    """
    kind = _KIND_OF.get(what)
    return kind is not None and plan.is_broken(kind, None if what in _INSIDE else name)


def first_match_gaps(whens: Sequence[str | None]) -> tuple[int | None, bool]:
    """For a first-match list (rules, policies, branches) by their ``when:``: the first one without ``when:``
    that has others after it (they can never apply), else None; and, when there is none, whether the last one
    has a ``when:`` (nothing catches what matches none)."""
    for i, when in enumerate(whens[:-1]):
        if when is None:
            return i, False
    return None, bool(whens) and whens[-1] is not None
