"""Findings as a SARIF 2.1.0 log, the format code scanning reads (GitHub's ``upload-sarif``, IDE viewers).

One run; its driver lists every code planops can report as a rule (id = the
code; descriptions and help from the code's summary and example; default level
from its severity), so a result's ``ruleIndex`` is stable. Locations are
relative to the repository root (``uriBaseId: %SRCROOT%``), forward slashes,
percent-encoded; columns count Unicode code points, 1-based, as planops's do.

A finding in a file outside the repository root (``--plan`` pointing elsewhere)
cannot be a result that code scanning shows at a line, and an absolute path of
the machine does not belong in an uploaded log: it becomes a
``toolExecutionNotification`` of the run instead, and :func:`outside` counts
them so the command says so.

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
from urllib.parse import quote

from planops.diagnostics import Code, Diagnostic, Severity
from planops.output.escape import visible
from planops.output.snippet import SourceLines

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
    relative = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    relative = posixpath.normpath(relative)
    if relative in (".", "") or relative == ".." or relative.startswith("../") or os.path.isabs(relative):
        return None
    return quote(relative, safe="/", errors="surrogateescape")  # a name that is not UTF-8: its own bytes


def outside(diags: Sequence[Diagnostic], root: Path) -> int:
    """How many findings are in files outside ``root`` (a SARIF log carries them as notifications only)."""
    return sum(artifact_uri(d.path, root) is None for d in diags)


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


def sarif_log(
    diags: Sequence[Diagnostic], codes: Mapping[str, Code], root: Path, sources: Mapping[str, str], version: str
) -> dict[str, object]:
    """The SARIF log of ``diags`` (sorted as they should appear), with ``codes`` as the driver's rules."""
    rules = {code: rule(declared) for code, declared in codes.items()}
    for d in diags:  # every planops code is registered; a stray one still gets a rule, never a dangling ruleId
        rules.setdefault(d.code, _stray_rule(d))
    index = {code: i for i, code in enumerate(rules)}
    lines = SourceLines(sources)
    seen: dict[str, int] = {}
    results, notes = [], []
    for d in diags:
        uri = artifact_uri(d.path, root)
        if uri is None:
            notes.append(_notification(d, index[d.code]))
        else:
            results.append(_result(d, uri, index[d.code], _fingerprint(d, uri, lines, seen)))
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


def _fingerprint(d: Diagnostic, uri: str, lines: SourceLines, seen: dict[str, int]) -> str:
    line = lines.line(d.path, d.line)
    anchor = " ".join(line.split()) if line is not None else d.message
    digest = hashlib.sha256("\0".join((d.code, uri, anchor)).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    seen[digest] = seen.get(digest, 0) + 1
    return f"{digest}:{seen[digest]}"


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
