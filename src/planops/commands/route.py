"""planops route TICKET: segment, priority, SLA policy, due times, queue and workflow of one ticket.

TICKET is a YAML or JSON file holding one mapping like a scenario's
``ticket:``, or ``-`` to read it from standard input. Exit 0 when routed, 1
when the ticket or the plan is wrong, 2 for usage errors (a missing file).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from planops.commands.common import add_format, add_plan

if TYPE_CHECKING:
    from planops.engine import Routed


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ticket", metavar="TICKET", help="a YAML or JSON ticket file, or - for standard input")
    add_plan(parser)
    add_format(parser, "text", "json")


def read_ticket(name: str) -> Any:
    """The ticket mapping from a file or stdin; a PlanopsError (one line) when it cannot be read."""
    from planops.errors import PlanopsError
    from planops.loader.yaml12 import decode, load_documents

    label = "<stdin>" if name == "-" else name
    text, findings = decode(_read_bounded(name, label), label)
    docs, more = load_documents(text, label) if text is not None else ([], [])
    findings += more
    if findings:
        first = findings[0]
        raise PlanopsError(f"{first.path}:{first.line}:{first.col}: {first.message}", exit_code=1)
    if len(docs) != 1:
        raise PlanopsError(f"{label} holds {len(docs)} YAML documents; give exactly one ticket", exit_code=1)
    return docs[0].data


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
        raise PlanopsError(f"cannot read ticket file '{name}': {exc.strerror or exc}", exit_code=1) from None
    if len(raw) > MAX_FILE_BYTES:
        size = MAX_FILE_BYTES // (1024 * 1024)
        raise PlanopsError(f"{label} is larger than {size} MB, the most planops reads for a ticket", exit_code=1)
    return raw


def run(args: argparse.Namespace) -> int:
    from planops.commands.common import valid_plan
    from planops.engine import Engine, TicketError
    from planops.engine.report import routed_dict
    from planops.errors import PlanopsError

    ticket = read_ticket(args.ticket)
    plan = valid_plan(args.plan, args.format)
    if plan is None:
        return 1
    try:  # due times are computed as they are shown: a calendar that cannot reach one is a TicketError too
        routed = Engine.for_plan(plan).route(ticket)
        text = json.dumps(routed_dict(routed), indent=2, ensure_ascii=False) if args.format == "json" else \
            "\n".join(_text(routed))
    except TicketError as exc:
        raise PlanopsError(str(exc), exit_code=1) from None
    print(text)
    return 0


def _text(routed: Routed) -> list[str]:
    from planops.engine.report import when, zone_name
    from planops.model.types import TARGETS, format_duration

    zone = routed.zone
    calendar = f"{routed.calendar_name} ({zone_name(zone)})" if routed.calendar_name else "none (every hour counts)"
    targets = ", ".join(f"{n} {format_duration(d)}" for n in TARGETS if (d := routed.target(n)) is not None)
    rows = [
        ("segment", routed.segment or "none"),
        ("priority", routed.priority or "none"),
        ("queue", routed.queue or "none"),
        ("workflow", routed.workflow),
        ("rule", routed.rule or "none (the ticket names priority, queue and workflow)"),
        ("sla policy", routed.sla_policy or "none"),
        ("targets", targets or "none"),
        ("calendar", calendar),
        ("created", when(routed.created, zone)),
        *((f"due {name}", when(due, zone)) for name, due in routed.due.items()),
    ]
    width = max(len(key) for key, _ in rows) + 1
    return [f"{key + ':':<{width}} {value}" for key, value in rows]
