"""Loading a plan: files → YAML documents → models → a compiled plan.

Each file is parsed once per content; a later load of unchanged bytes (a
rebuild under ``planops serve``, a diff of two revisions sharing files) reuses
the result.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from planops.diagnostics import Diagnostic
from planops.gc_pause import gc_paused
from planops.loader import codes
from planops.loader.shape import build_object, identity
from planops.loader.source import display_path, read_folder
from planops.loader.yaml12 import decode, load_documents
from planops.plan import CompiledPlan, Entry


@dataclass(frozen=True, slots=True)
class ParsedFile:
    entries: tuple[Entry, ...]
    findings: tuple[Diagnostic, ...]
    broken: tuple[tuple[str | None, str | None], ...] = ()
    text: str | None = None
    """The file's text (None when it is not UTF-8 or too large): what a finding's snippet shows."""


ANYTHING: tuple[None, None] = (None, None)
"""What a file that could not be read (or a document that could not be told apart) may define."""
# loading stopped there: what follows is unknown
_STOPPED = frozenset((codes.YAML_SYNTAX.code, codes.YAML_ALIASES.code))

_CACHE: dict[tuple[str, bytes], ParsedFile] = {}
_CACHE_LIMIT = 50_000


def parse_file(path: str, raw: bytes) -> ParsedFile:
    """One plan file into entries and findings (cached by path and content)."""
    key = (path, hashlib.blake2b(raw, digest_size=16).digest())
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    text, findings = decode(raw, path)
    entries: list[Entry] = []
    broken: list[tuple[str | None, str | None]] = []
    if text is None:
        broken.append(ANYTHING)
    else:
        docs, yaml_findings = load_documents(text, path)
        findings.extend(yaml_findings)
        if any(d.code in _STOPPED for d in yaml_findings):
            broken.append(ANYTHING)  # the rest of the file was not read
        for doc in docs:
            if doc.data is None:  # an empty document, e.g. after a trailing '---', or one refused whole
                if doc.refused:
                    broken.append(ANYTHING)
                continue
            obj, problems = build_object(doc)
            findings.extend(problems)
            if obj is not None:
                entries.append(Entry(obj, doc))
            else:
                broken.append(identity(doc))
    result = ParsedFile(tuple(entries), tuple(findings), tuple(broken), text)
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE[key] = result
    return result


def load_files(
    root: str, files: Iterable[tuple[str, bytes]], unread: Iterable[Diagnostic] = ()
) -> tuple[CompiledPlan, list[Diagnostic]]:
    """Compile plan files (from a folder or a git revision) into one plan.

    ``unread`` are the source's findings about files it could not read (links,
    permissions): whatever those held is unknown, so nothing is reported as
    missing because of them.
    """
    findings: list[Diagnostic] = list(unread)
    entries: list[Entry] = []
    paths: list[str] = []
    sources: dict[str, str] = {}
    broken: list[tuple[str | None, str | None]] = [ANYTHING] if findings else []
    with gc_paused():
        for path, raw in files:
            parsed = parse_file(path, raw)
            entries.extend(parsed.entries)
            findings.extend(parsed.findings)
            broken.extend(parsed.broken)
            paths.append(path)
            if parsed.text is not None:
                sources[path] = parsed.text
    return CompiledPlan.build(root, entries, paths, broken, sources), findings


def load_plan(root: Path) -> tuple[CompiledPlan, list[Diagnostic]]:
    """Read and compile the plan below ``root``."""
    return load_files(display_path(root), *read_folder(root))
