"""Findings: the one currency every check, loader and command trades in."""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planops.limits import MAX_NAME_CHARS, MAX_SHOWN_CHARS, MAX_SUGGEST_COMPARISONS

if TYPE_CHECKING:  # for the types only: this module is the bottom layer and imports nothing heavy
    from planops.loader.document import Path
    from planops.model import PlanObject
    from planops.plan import CompiledPlan


class Severity(enum.IntEnum):
    """How bad a finding is; ordered so that ``max()`` gives the worst."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One finding, located at a file, line and column (1-based)."""

    path: str
    line: int
    col: int
    code: str
    severity: Severity
    message: str
    hint: str | None = None

    @property
    def text(self) -> str:
        """The message with its hint, as users read it."""
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True, slots=True)
class Code:
    """A kind of finding: its stable code, severity and summary, and a plan snippet that triggers it.

    Every code planops reports is one of these, declared once as a constant and listed in
    ``planops.checks.CODES`` (the handbook's reference); findings are built through it, never by spelling
    the code out again.
    """

    code: str
    severity: Severity
    summary: str
    example: str = ""

    def located(self, path: str, line: int, col: int, message: str, hint: str | None = None) -> Diagnostic:
        """This finding at ``path:line:col``."""
        return Diagnostic(path, line, col, self.code, self.severity, message, hint)

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
        """This finding at ``path`` (keys and indexes) inside ``obj``, where the plan's document has it."""
        return plan.where(obj).diagnostic(path, self, message, hint=hint, key=key)


ERROR, WARNING = Severity.ERROR, Severity.WARNING


class _Budget:
    """How many name comparisons did-you-mean hints may still make (see MAX_SUGGEST_COMPARISONS)."""

    left = MAX_SUGGEST_COMPARISONS


def reset_suggestions() -> None:
    """Give did-you-mean hints their whole budget again; each check of a plan starts so."""
    _Budget.left = MAX_SUGGEST_COMPARISONS


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A ``did you mean 'x'?`` hint for a misspelled name, or None.

    Only names up to MAX_NAME_CHARS long are compared (difflib's work grows with
    the square of their length, and no name is longer), and only while the
    budget of comparisons lasts: a file of a thousand misspelled references to
    a thousand states would otherwise take minutes.
    """
    word = str(word)
    if len(word) > MAX_NAME_CHARS or _Budget.left <= 0:
        return None
    given = list(choices)
    _Budget.left -= len(given)
    if _Budget.left < 0:
        return None
    names = sorted({c for c in given if len(c) <= MAX_NAME_CHARS})
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def shown(value: object, limit: int = MAX_SHOWN_CHARS) -> str:
    """``value`` as a message quotes it: its text, cut to about ``limit`` characters."""
    text = str(value)
    if len(text) <= limit:
        return text
    return f"{text[: limit - 20]}… ({len(text):,} characters)"


def sort_key(diag: Diagnostic) -> tuple[str, int, int, str]:
    return (diag.path, diag.line, diag.col, diag.code)


def worst(diags: Iterable[Diagnostic]) -> Severity | None:
    return max((d.severity for d in diags), default=None)
