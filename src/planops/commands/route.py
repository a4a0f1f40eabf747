"""planops route TICKET: segment, priority, SLA policy, due times, queue and workflow of one ticket.

TICKET is a YAML or JSON file holding one mapping like a scenario's
``ticket:``, or ``-`` to read it from standard input. Exit 0 when routed, 1
when the ticket or the plan is wrong, 2 for usage errors (a missing file).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from planops.commands.common import add_format, add_plan, add_snippet, given_path, snippets

if TYPE_CHECKING:
    from planops.loader.document import Document
    from planops.plan import ValidPlan


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "ticket", metavar="TICKET", type=given_path, help="a YAML or JSON ticket file, or - for standard input"
    )
    add_plan(parser)
    add_format(parser, "text", "json")
    add_snippet(parser)


def read_ticket(name: str) -> Any:
    """The ticket mapping from a file or stdin; a PlanopsError (one line) when it cannot be read."""
    return read_ticket_document(name).data


def read_ticket_document(name: str) -> Document:
    """The ticket's YAML document (its mapping and where each value was written)."""
    from planops.errors import PlanopsError
    from planops.loader.yaml12 import load_documents

    label = "<stdin>" if name == "-" else name
    text = _decoded(_read_bounded(name, label), label)
    if not text.strip():
        raise PlanopsError(f"{label} is empty: give one ticket as YAML or JSON, like a scenario's ticket:", exit_code=1)
    docs, findings = load_documents(text, label)
    if findings:
        first = findings[0]
        raise PlanopsError(f"{first.path}:{first.line}:{first.col}: {first.message}", exit_code=1)
    if len(docs) != 1:
        raise PlanopsError(f"{label} holds {len(docs)} YAML documents; give exactly one ticket", exit_code=1)
    return docs[0]


def _read_bounded(name: str, label: str) -> bytes:
    """At most MAX_FILE_BYTES of the ticket: reading stops a byte later, so /dev/zero or an endless pipe is refused."""
    from planops.errors import PlanopsError
    from planops.limits import MAX_FILE_BYTES

    try:
        if name == "-":
            stream = getattr(sys.stdin, "buffer", None)  # a text stream without one (replaced in tests) reads as text
            raw = stream.read(MAX_FILE_BYTES + 1) if stream else sys.stdin.read(MAX_FILE_BYTES + 1).encode()
        else:
            with open(name, "rb") as stream:
                raw = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise PlanopsError(f"ticket file '{name}' not found") from None
    except OSError as exc:
        raise PlanopsError(f"cannot read ticket file '{name}': {exc}", exit_code=1) from None
    if len(raw) > MAX_FILE_BYTES:
        size = MAX_FILE_BYTES // (1024 * 1024)
        raise PlanopsError(f"{label} is larger than {size} MB, the most planops reads for a ticket", exit_code=1)
    return raw


def _decoded(raw: bytes, label: str) -> str:
    """A ticket's bytes as UTF-8 text (a ticket from a pipe is bytes, whatever the terminal's encoding)."""
    from planops.errors import PlanopsError

    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanopsError(
            f"{label} is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}): "
            "give the ticket as UTF-8 YAML or JSON",
            exit_code=1,
        ) from None


def run(args: argparse.Namespace) -> int:
    from planops.commands.common import valid_plan
    from planops.engine import Engine, TicketError
    from planops.errors import PlanopsError
    from planops.output import emit
    from planops.output.route import FORMATS

    doc = read_ticket_document(str(args.ticket))
    ticket = doc.data
    plan = valid_plan(args.plan, args.format, snippet=snippets(args))
    if plan is None:
        return 1
    if _wrong_fields(doc, plan, snippet=snippets(args)):
        return 1
    try:  # due times are computed as they are shown: a calendar that cannot reach one is a TicketError too
        printed = FORMATS[args.format](Engine.for_plan(plan).route(ticket))
    except TicketError as exc:
        raise PlanopsError(str(exc), exit_code=1) from None
    emit(printed)
    return 0


def _wrong_fields(doc: Document, plan: ValidPlan, *, snippet: bool) -> bool:
    """Print the ticket's fields that do not fit the plan (on stderr); True when one is an error."""
    from planops.checks.scenarios import ticket_findings
    from planops.diagnostics import Severity, worst
    from planops.output.findings import text

    if not isinstance(doc.data, dict):
        return False  # the engine says what a ticket is
    found = ticket_findings(doc, plan)
    if found:
        print(text(found, {doc.path: doc.source} if snippet else None), file=sys.stderr)
    return worst(found) is Severity.ERROR
