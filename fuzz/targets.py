"""What each fuzzer runs on one input. Plain Python: the tests replay the corpus through it without atheris.

A target returns quietly for every outcome its layer documents — findings from
the loader, ``ExprError`` from the CEL layer — and raises for anything else:
that is a crash. It also asserts what must hold of every answer (findings
located inside the file, a split that joins back to the expression, the
first-match index agreeing with trying every rule in turn).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from planops.celcheck.checker import KINDS, Env
from planops.celcheck.syntax import Unreadable, parse
from planops.diagnostics import Diagnostic, reset_suggestions
from planops.engine.rules import FirstMatch, filing, paths_read
from planops.engine.tickets import TicketView
from planops.expr import ExprError, code_only, compile_expr, context, field_refs, matches, split_top_level
from planops.loader import compile as compile_module
from planops.loader.shape import build_object
from planops.loader.yaml12 import decode, load_documents
from planops.pipeline import Level, check_files

PATH = "plan/fuzzed.yaml"
TODAY = date(2027, 1, 1)


def _located(findings: list[Diagnostic], raw: bytes) -> None:
    # YAML breaks lines at \n, \r, \r\n, NEL, LS and PS; splitlines() at those and a few more
    lines = len(raw.decode("utf-8", "replace").splitlines()) + 2
    for d in findings:
        assert d.code and d.message, d
        assert 1 <= d.line <= lines and d.col >= 1, d


def loader(data: bytes) -> None:
    """Bytes → text → YAML documents → models: findings only."""
    text, findings = decode(data, PATH)
    if text is not None:
        docs, more = load_documents(text, PATH)
        findings.extend(more)
        for doc in docs:
            if doc.data is not None:
                findings.extend(build_object(doc)[1])
    _located(findings, data)


@cache
def plan_files() -> tuple[tuple[str, bytes], ...]:
    """The starter plan's files, the plan the ``plan`` and ``expr`` targets edit."""
    root = Path(str(resources.files("planops") / "starter" / "plan"))
    return tuple((f"plan/{p.relative_to(root).as_posix()}", p.read_bytes()) for p in sorted(root.rglob("*.yaml")))


def check(files: list[tuple[str, bytes]]) -> list[Diagnostic]:
    """Every finding of a plan made of these files, as ``planops validate`` finds them."""
    findings = check_files("plan", files, TODAY, level=Level.ENGINE).findings
    compile_module._CACHE.clear()  # parsed files are kept for rebuilds; here every input is new: keep memory flat
    return findings


def plan(data: bytes) -> None:
    """The starter plan with one file replaced: the first byte picks the file, the rest is its content."""
    files = list(plan_files())
    if not data:
        return
    i = data[0] % len(files)
    files[i] = (files[i][0], data[1:])
    found = check(files)
    _located([d for d in found if d.path == files[i][0]], data[1:])


def expr(data: bytes) -> None:
    """One ``when:`` through the scanners, CEL, the checks and first-match routing."""
    source = data.decode("utf-8", "replace")
    try:
        program = compile_expr(source)
    except ExprError as exc:
        assert exc.line >= 1 and exc.col >= 1 and str(exc), exc
        program = None
    _scanners(source)
    if program is not None:
        _first_match(source)
    files = list(plan_files())
    service = next(i for i, (name, _) in enumerate(files) if name.endswith("service.yaml"))
    name, raw = files[service]
    quoted = '"' + "".join(_yaml_escape(c) for c in source) + '"'
    files[service] = (name, raw.replace(b"\"ticket.category == 'outage'\"", quoted.encode()))
    check(files)


def _scanners(source: str) -> None:
    code = code_only(source)
    assert len(code) == len(source)
    for ref in field_refs(source):
        assert source.startswith("ticket", ref.offset), (source, ref)
    for joiner in ("&&", "||"):
        parts = split_top_level(source, joiner)
        assert parts is None or joiner.join(parts) == source, (source, parts)
    filing(source)
    paths_read([source])


TICKETS: list[dict[str, Any]] = [
    {},
    {"category": "outage"},
    {"category": "billing", "amount": 900.0, "priority": "urgent"},
    {"channel": "email", "customer": {"annual_value": 30000, "plan": "x"}, "tags": ["vip"]},
    {"category": 3, "amount": "9", "customer": "gold", "segment": "priority"},
    {"category": "outage", "amount": 5.0, "priority": "low"},
    {"category": "billing", "channel": "chat"},
]


def _first_match(source: str) -> None:
    """The first-match index (rules filed by literal, answers remembered) agrees with trying each rule."""
    first = FirstMatch([source, None])
    for ticket in [*TICKETS, *TICKETS]:
        expected = 0 if matches(compile_expr(source), context(ticket)) else 1
        assert first.first(TicketView(dict(ticket))) == expected, (source, ticket)


def _yaml_escape(ch: str) -> str:
    if ch in '"\\':
        return "\\" + ch
    if ch.isprintable() and ch.isascii():
        return ch
    return f"\\U{ord(ch):08x}"


@cache
def _envs() -> tuple[Env, ...]:
    """The ``celcheck`` target's environments: built-in fields, a few declared ones and parameters; none known."""
    from planops.model.fields import FieldSpec
    from planops.ticketfields import TicketField, build

    fields, _ = build(
        {"order": FieldSpec(type="map", fields={"total": "number", "lines": "list"}), "waited": "duration"},
        {"channel": ("email", "chat"), "segment": ("vip", "standard")},
    )
    parameters = {"limit": TicketField("number"), "count": TicketField("integer"), "grace": TicketField("duration")}
    return Env(fields, parameters), Env(None, None)


def celcheck(data: bytes) -> None:
    """Any text through the static CEL checker: findings inside the text, the same twice, never an exception.

    And the checker's grammar reads every expression the evaluator compiles (else it would go unchecked).
    """
    source = data.decode("utf-8", "replace")
    for env in _envs():
        for condition in (True, False):
            reset_suggestions()  # as each check of a plan does: did-you-mean hints have a budget per check
            found = env.check(source, condition)
            assert isinstance(found, list), found
            for f in found:
                assert f.kind in KINDS and f.message, f
                assert 0 <= f.offset < len(source), (source, f)
            reset_suggestions()
            again = Env(env.ticket, env.parameters).check(source, condition)
            assert again == found, (source, found, again)
    try:
        compile_expr(source)
    except ExprError:
        return
    try:
        parse(source)
    except Unreadable as exc:
        if "nested too deeply" not in str(exc):
            raise AssertionError(f"the evaluator compiles {source!r}, the checker's grammar does not: {exc}") from None


TARGETS = {"loader": loader, "plan": plan, "expr": expr, "celcheck": celcheck}
