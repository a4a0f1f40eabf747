"""What the checks share: their codes (declared with :class:`planops.diagnostics.Code`) and helpers."""

from __future__ import annotations

from collections.abc import Sequence

from planops.kinds import REFERENCED
from planops.plan import CompiledPlan


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
