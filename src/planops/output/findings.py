"""Views of the same findings: text for people, JSON for tools, GitHub annotations for CI."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from planops.diagnostics import Diagnostic, Severity, sort_key
from planops.output import Printed
from planops.output.escape import annotation_data, annotation_property, json_text, text_lines


def text(diags: Sequence[Diagnostic]) -> str:
    """``path:line:col: severity[code]: message (hint)``, one line per finding."""
    return text_lines(f"{d.path}:{d.line}:{d.col}: {d.severity}[{d.code}]: {d.text}" for d in diags)


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


def report(diags: Sequence[Diagnostic], fmt: str) -> str:
    """The findings sorted by file and line, in format ``fmt``."""
    return REPORTERS[fmt](sorted(diags, key=sort_key))


@dataclass(frozen=True, slots=True)
class Checked:
    """``planops validate``'s result: the plan folder as given, and every finding."""

    root: str
    findings: Sequence[Diagnostic]


def _text(checked: Checked) -> Printed:
    return Printed(report(checked.findings, "text"), text_lines([f"{checked.root}: {summary(checked.findings)}"]))


FORMATS: dict[str, Callable[[Checked], Printed]] = {
    "text": _text,
    "json": lambda checked: Printed(report(checked.findings, "json")),
    "github": lambda checked: Printed(report(checked.findings, "github")),
}
