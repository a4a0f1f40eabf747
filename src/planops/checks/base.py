"""What every check is made of: a stable code, a severity, and a bad example."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planops.diagnostics import Diagnostic, Severity
from planops.kinds import REFERENCED
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


def in_broken_document(plan: CompiledPlan, what: str, name: str) -> bool:
    """Whether ``name`` (a ``what``: workflow, queue, …) may be defined in a document that failed its shape check.

    Such a document was reported already; a reference to what it defines is not reported again as unknown.
    """
    found = REFERENCED.get(what)
    if found is None:
        return False
    kind, inside = found  # a name defined inside an object: any broken one of the kind may hold it
    return plan.is_broken(kind, None if inside else name)


def first_match_gaps(whens: Sequence[str | None]) -> tuple[int | None, bool]:
    """For a first-match list (rules, policies, branches) by their ``when:``: the first one without ``when:``
    that has others after it (they can never apply), else None; and, when there is none, whether the last one
    has a ``when:`` (nothing catches what matches none)."""
    for i, when in enumerate(whens[:-1]):
        if when is None:
            return i, False
    return None, bool(whens) and whens[-1] is not None
