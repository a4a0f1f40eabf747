"""What every check is made of: a stable code, a severity, and a bad example."""

from __future__ import annotations

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
        return plan.diag(obj, path, self.code, message, severity=self.severity, hint=hint, key=key)


ERROR, WARNING = Severity.ERROR, Severity.WARNING
