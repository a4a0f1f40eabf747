"""planops backtest EXPORT…: the export's tickets replayed through two revisions of the plan — what changes
in KPIs, SLA attainment, routing and workload (planops.actuals.backtest says what the replay keeps and what
each revision decides; planops.output.backtest how each format shows it).

BASE defaults to the merge base of HEAD with the default branch (origin/HEAD, else main, else master),
HEAD to the working tree. The export is read once, as ``planops report`` reads it. ``--save`` adds the
aggregates (no ticket ids, no customer data) to ``actuals/<period>.json`` under ``"backtest"``, where the
handbook's Performance page shows them. Exit 0; 2 for a bad revision or export; 1 when a plan fails its
checks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from planops.commands.common import add_export_options, add_exports, add_format, add_plan

if TYPE_CHECKING:
    from planops.actuals.backtest import Backtest, Revision


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_exports(parser, "+")
    add_plan(parser)
    add_format(parser, "text", "markdown", "json")
    add_export_options(parser)
    parser.add_argument("--base", metavar="REV", help="the revision to replay first (default: the merge base)")
    parser.add_argument("--head", metavar="REV", help="the revision to replay second (default: the working tree)")
    parser.add_argument("--period", choices=("month", "quarter", "week"), default="quarter")
    parser.add_argument("--save", action="store_true", help="add the aggregates to actuals/<period>.json")


def replay(args: argparse.Namespace, base: Revision, head: Revision, *, charts: bool = False) -> Backtest:
    """The backtest of ``base`` and ``head`` on the export the arguments name (the exports, ``--source``,
    ``--from``/``--to``, ``--timezone``; ``--period`` where the command has it)."""
    from planops.actuals.backtest import backtest
    from planops.actuals.workload import scheduled_capacity
    from planops.commands.progress import terminal_progress
    from planops.commands.report import export_files

    tickets, events = export_files([Path(e) for e in args.exports], args.source)
    progress = terminal_progress(sys.stderr)
    try:
        return backtest(
            base,
            head,
            tickets,
            events,
            source=args.source,
            timezone=args.timezone,
            start=args.start,
            end=args.end,
            period=getattr(args, "period", "quarter"),
            capacity=scheduled_capacity(),
            charts=charts,
            progress=progress,
        )
    finally:
        if progress is not None:
            progress.close()


def run(args: argparse.Namespace) -> int:
    from planops.commands.report import export_files
    from planops.output import Printed, emit
    from planops.output.backtest import FORMATS
    from planops.review.git import toplevel
    from planops.review.replay import revisions

    export_files([Path(e) for e in args.exports], args.source)  # a wrong export before any git work
    base, head = revisions(toplevel(args.plan), args.plan, args.base, args.head)
    found = replay(args, base, head, charts=args.save)
    emit(FORMATS[args.format](found))
    if args.save:
        from planops.actuals.archive import actuals_dir
        from planops.actuals.saved import save_backtest

        for path in save_backtest(found, actuals_dir(args.plan)):
            emit(Printed("", f"saved the backtest in {path} (aggregates only)"))
    return 0
