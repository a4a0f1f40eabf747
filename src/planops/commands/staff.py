"""planops staff [EXPORT…]: agents required per channel and interval of the week (Erlang C or A for live
channels, workload for async ones) against the agents the Team's shifts schedule, and the cost against the
Budget (planops.staffing). Without EXPORT, each channel's ``forecast:`` is the volume.

EXPORT is read as by ``planops report`` (a tickets file [and events file], a folder, or a helpdesk export
with ``--source``); only the tickets' creation times and channels are used.
Exit 0; 1 with ``--strict`` when any interval is short, or when the plan cannot be read.
"""

from __future__ import annotations

import argparse

from planops.commands.common import add_export_options, add_exports, add_format, add_plan


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_exports(parser, "*", " (none: the channels' forecast)")
    add_plan(parser)
    add_format(parser, "text", "json", "markdown")
    add_export_options(parser, dates=False)
    parser.add_argument("--interval", type=int, choices=(30, 60), default=30, help="minutes per interval")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any interval is short of agents")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from planops.commands.common import valid_plan
    from planops.commands.report import export_files
    from planops.output import emit
    from planops.output.staff import FORMATS
    from planops.staffing.run import read_ahead, staffing

    tickets, events = export_files([Path(e) for e in args.exports], args.source) if args.exports else (None, None)
    ahead = read_ahead(tickets, events, args.timezone, args.source) if tickets is not None else None
    plan = valid_plan(args.plan, "text")  # after the arguments: a usage error comes first, as in report
    if plan is None:
        return 1
    found = staffing(
        plan, tickets, events, interval=args.interval, source=args.source, timezone=args.timezone, ahead=ahead
    )
    emit(FORMATS[args.format](found))
    return 1 if args.strict and found.short else 0
