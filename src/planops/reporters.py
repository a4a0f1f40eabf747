"""Views of the same findings: text for people, JSON for tools, GitHub annotations for CI."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from planops.diagnostics import Diagnostic, Severity, sort_key


def text(diags: Sequence[Diagnostic]) -> str:
    lines = [f"{d.path}:{d.line}:{d.col}: {d.severity}[{d.code}]: {d.text}" for d in diags]
    return "\n".join(lines)


def as_json(diags: Sequence[Diagnostic]) -> str:
    return json.dumps([d.as_dict() for d in diags], indent=2)


def _escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def github(diags: Sequence[Diagnostic]) -> str:
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    return "\n".join(
        f"::{level[d.severity]} file={_escape(d.path, prop=True)},line={d.line},col={d.col},"
        f"title={_escape(d.code, prop=True)}::{_escape(d.text)}"
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
    return REPORTERS[fmt](sorted(diags, key=sort_key))
