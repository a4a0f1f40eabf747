"""Views of the same findings: text for people, JSON for tools, GitHub annotations for CI, SARIF for code scanning."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from planops.diagnostics import Diagnostic, Severity, sort_key
from planops.output import Printed
from planops.output.escape import annotation_data, annotation_property, json_text, text_lines


def text(diags: Sequence[Diagnostic], sources: Mapping[str, str] | None = None) -> str:
    """``path:line:col: severity[code]: message (hint)``, one line per finding; with ``sources`` (file texts
    by path), each followed by its source line and a caret under the column (planops.output.snippet)."""
    if not sources:
        return text_lines(f"{d.path}:{d.line}:{d.col}: {d.severity}[{d.code}]: {d.text}" for d in diags)
    from planops.output.snippet import SourceLines

    lines = SourceLines(sources)
    shown: list[str] = []
    for d in diags:
        shown.append(f"{d.path}:{d.line}:{d.col}: {d.severity}[{d.code}]: {d.text}")
        shown.extend(lines.snippet(d))
    return text_lines(shown)


def as_json(diags: Sequence[Diagnostic]) -> str:
    return json_text([d.as_dict() for d in diags])


_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github(diags: Sequence[Diagnostic]) -> str:
    """One ``::error file=…,line=…,col=…,title=…::message`` workflow command per finding."""
    return "\n".join(
        f"::{_LEVEL[d.severity]} file={annotation_property(d.path)},line={d.line},col={d.col},"
        f"title={annotation_property(d.code)}::{annotation_data(d.text)}"
        for d in diags
    )


REPORTERS: dict[str, Callable[[Sequence[Diagnostic]], str]] = {"text": text, "json": as_json, "github": github}


def summary(diags: Sequence[Diagnostic]) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diags)
    warnings = sum(d.severity is Severity.WARNING for d in diags)
    if not diags:
        return "no findings"
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def report(diags: Sequence[Diagnostic], fmt: str, sources: Mapping[str, str] | None = None) -> str:
    """The findings sorted by file and line, in format ``fmt`` (``sources``: the texts text snippets quote)."""
    ordered = sorted(diags, key=sort_key)
    return text(ordered, sources) if fmt == "text" else REPORTERS[fmt](ordered)


@dataclass(frozen=True, slots=True)
class Checked:
    """``planops validate``'s result: the plan folder as given, and every finding.

    ``sources`` are the plan files' texts as loaded (the text view quotes their lines, SARIF fingerprints
    them; empty for no snippets); ``repository`` is the folder SARIF locations are relative to.
    """

    root: str
    findings: Sequence[Diagnostic]
    sources: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    repository: Path = Path(".")


def _text(checked: Checked) -> Printed:
    return Printed(
        report(checked.findings, "text", checked.sources),
        text_lines([f"{checked.root}: {summary(checked.findings)}"]),
    )


def _sarif(checked: Checked) -> Printed:
    from importlib.metadata import version

    from planops.checks import CODES
    from planops.output.sarif import MAX_RESULTS, sarif_log, split

    ordered = sorted(checked.findings, key=sort_key)
    log = sarif_log(ordered, CODES, checked.repository, checked.sources, version("planops"))
    parts = split(ordered, checked.repository)
    notes = []
    if parts.outside:
        notes.append(
            f"{_count(parts.outside)} in files outside the repository '{checked.repository.name}' are in the "
            "SARIF log as notifications only, not results: run planops inside the repository"
        )
    if parts.over:
        notes.append(
            f"{_count(parts.over)} (the least severe) are not in the SARIF log: code scanning takes at most "
            f"{MAX_RESULTS:,} results per run; planops validate shows them all"
        )
    return Printed(json_text(log), text_lines(notes))


def _count(diags: Sequence[Diagnostic]) -> str:
    return f"{len(diags):,} finding{'s' * (len(diags) != 1)}"


FORMATS: dict[str, Callable[[Checked], Printed]] = {
    "text": _text,
    "json": lambda checked: Printed(report(checked.findings, "json")),
    "github": lambda checked: Printed(report(checked.findings, "github")),
    "sarif": _sarif,
}
