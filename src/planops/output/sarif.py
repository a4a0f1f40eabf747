"""Findings as a SARIF 2.1.0 log, the format code scanning reads (GitHub's ``upload-sarif``, IDE viewers).

One run; its driver lists every code planops can report as a rule (id = the
code; descriptions and help from the code's summary and example; default level
from its severity), so a result's ``ruleIndex`` is stable. Locations are
relative to the repository root (``uriBaseId: %SRCROOT%``), forward slashes,
percent-encoded; columns count Unicode code points, 1-based, as planops's do.

A finding in a file outside the repository root (``--plan`` pointing elsewhere)
cannot be a result that code scanning shows at a line, and an absolute path of
the machine does not belong in an uploaded log: it becomes a
``toolExecutionNotification`` of the run instead, and the command says so.
Code scanning rejects a run of more than MAX_RESULTS results: past it, the
least severe are left out, counted in one notification (and on stderr).

``partialFingerprints`` let code scanning follow a finding while lines move
above it: a hash of the code, the file and the text of the finding's line (the
message where there is no line), with a count for repeats of the same triple.

Messages quote plan values, which are untrusted: a message's text is
:func:`~planops.output.escape.visible` (no control character reaches a viewer
that prints it), and its ``[``, ``]`` and ``\\`` are backslash-escaped as
SARIF 2.1.0 §3.11.6 asks, so ``[click](https://…)`` in a value never becomes an
embedded link in code scanning's alert.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

from planops.diagnostics import Code, Diagnostic, Severity
from planops.output.escape import visible
from planops.output.snippet import SourceLines

MAX_RESULTS = 25_000
"""Results in one run: GitHub code scanning rejects a log with more (its hard limit)."""
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT = "planops/v1"
SRCROOT = "%SRCROOT%"


def repository_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding ``.git`` (a folder, or a worktree's file); else ``start``."""
    here = start.absolute()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def artifact_uri(path: str, root: Path) -> str | None:
    """``path`` (as findings show it, relative to the working folder) relative to ``root`` as a URI reference;
    None when it is outside ``root`` or is ``root`` itself."""
    try:
        relative = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    except ValueError:  # another drive (Windows): outside
        return None
    relative = posixpath.normpath(relative)
    if relative in (".", "") or relative == ".." or relative.startswith("../") or os.path.isabs(relative):
        return None
    return quote(relative, safe="/", errors="surrogateescape")  # a name that is not UTF-8: its own bytes


def rule(code: Code) -> dict[str, object]:
    """A SARIF reportingDescriptor for one finding code."""
    help_text, help_markdown = code.summary, code.summary
    if code.example:
        fence = "`" * max(3, _longest_backticks(code.example) + 1)
        example = code.example if code.example.endswith("\n") else code.example + "\n"
        help_text += f"\n\nExample that reports it:\n\n{example}"
        help_markdown += f"\n\nExample that reports it:\n\n{fence}yaml\n{example}{fence}\n"
    return {
        "id": code.code,
        "shortDescription": {"text": code.summary},
        "fullDescription": {"text": code.summary},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": LEVELS[code.severity]},
    }


def _stray_rule(d: Diagnostic) -> dict[str, object]:
    what = {"text": f"planops finding {d.code}"}
    return {"id": d.code, "shortDescription": what, "help": what, "defaultConfiguration": {"level": LEVELS[d.severity]}}


def _longest_backticks(text: str) -> int:
    longest = run = 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    return longest


class Split(NamedTuple):
    """Which findings a log holds as results (with their URIs), and which it cannot."""

    results: list[tuple[Diagnostic, str]]
    outside: list[Diagnostic]
    """In files outside the repository: notifications of the run."""
    over: list[Diagnostic]
    """Past MAX_RESULTS, the least severe: counted in one notification."""


def split(diags: Sequence[Diagnostic], root: Path) -> Split:
    """``diags`` (in their order) as results, findings outside ``root``, and those over MAX_RESULTS."""
    inside: list[tuple[Diagnostic, str]] = []
    away: list[Diagnostic] = []
    for d in diags:
        uri = artifact_uri(d.path, root)
        if uri is None:
            away.append(d)
        else:
            inside.append((d, uri))
    if len(inside) <= MAX_RESULTS:
        return Split(inside, away, [])
    ranked = sorted(range(len(inside)), key=lambda i: -inside[i][0].severity)  # stable: file order within a level
    kept = set(ranked[:MAX_RESULTS])
    over = [d for i, (d, _) in enumerate(inside) if i not in kept]
    return Split([pair for i, pair in enumerate(inside) if i in kept], away, over)


def sarif_log(
    diags: Sequence[Diagnostic], codes: Mapping[str, Code], root: Path, sources: Mapping[str, str], version: str
) -> dict[str, object]:
    """The SARIF log of ``diags`` (sorted as they should appear), with ``codes`` as the driver's rules."""
    rules = {code: rule(declared) for code, declared in codes.items()}
    for d in diags:  # every planops code is registered; a stray one still gets a rule, never a dangling ruleId
        rules.setdefault(d.code, _stray_rule(d))
    index = {code: i for i, code in enumerate(rules)}
    parts = split(diags, root)
    prints = _Fingerprints(SourceLines(sources))
    results = [_result(d, uri, index[d.code], prints.of(d, uri)) for d, uri in parts.results]
    notes = [_notification(d, index[d.code]) for d in parts.outside]
    if parts.over:
        notes.append(_over_limit(len(parts.over)))
    run: dict[str, object] = {
        "tool": {"driver": {"name": "planops", "version": version, "rules": list(rules.values())}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notes}],
        "results": results,
    }
    return {"version": "2.1.0", "runs": [run]}


def message_text(text: str) -> str:
    """A plain-text SARIF message that shows exactly ``text``: visible, and no embedded link (§3.11.6)."""
    return visible(text).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _result(d: Diagnostic, uri: str, rule_index: int, fingerprint: str) -> dict[str, object]:
    region = {"startLine": max(d.line, 1), "startColumn": max(d.col, 1)}
    return {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": LEVELS[d.severity],
        "message": {"text": message_text(d.text)},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri, "uriBaseId": SRCROOT}, "region": region}}],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }


class _Fingerprints:
    """Each result's fingerprint; a line is read, normalized and hashed once however many findings it has
    (a megabyte-long line with thousands of findings is hashed once, not once each)."""

    def __init__(self, lines: SourceLines) -> None:
        self._lines = lines
        self._anchors: dict[tuple[str, int], str | None] = {}
        self._seen: dict[str, int] = {}

    def of(self, d: Diagnostic, uri: str) -> str:
        key = (d.path, d.line)
        if key not in self._anchors:
            line = self._lines.line(d.path, d.line)
            self._anchors[key] = None if line is None else _digest(" ".join(line.split()))
        anchor = self._anchors[key]
        digest = _digest("\0".join((d.code, uri, _digest(d.message) if anchor is None else anchor)))[:32]
        self._seen[digest] = self._seen.get(digest, 0) + 1
        return f"{digest}:{self._seen[digest]}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _over_limit(count: int) -> dict[str, object]:
    return {
        "level": "warning",
        "message": {
            "text": f"{count:,} more finding{'s' * (count != 1)} (the least severe) are not in this log: code "
            f"scanning takes at most {MAX_RESULTS:,} results per run; fix these first, or see planops validate"
        },
    }


def _notification(d: Diagnostic, rule_index: int) -> dict[str, object]:
    """A finding outside the repository: its code and message, and the file's name without its folders."""
    name = posixpath.basename(d.path.replace(os.sep, "/")) or d.path
    return {
        "level": LEVELS[d.severity],
        "message": {
            "text": message_text(f"{name}:{d.line}:{d.col}: {d.code}: {d.text} (the file is outside the repository)")
        },
        "associatedRule": {"id": d.code, "index": rule_index},
    }
