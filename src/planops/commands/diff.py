"""planops diff: what changed in meaning between two git revisions of the plan."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from planops.commands.common import add_export_options, add_plan, given_path

if TYPE_CHECKING:
    from planops.output import Printed
    from planops.review.diff import DiffReport


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", metavar="BASE", help="the git revision to compare from (a branch, tag or commit)")
    parser.add_argument(
        "head",
        metavar="HEAD",
        nargs="?",
        default=None,
        help="the git revision to compare to (default: the working tree)",
    )
    add_plan(parser)
    parser.add_argument(
        "--format",
        choices=("markdown", "json"),
        default="markdown",
        help="Markdown for a pull-request comment (default) or JSON for tools",
    )
    parser.add_argument(
        "--tickets",
        nargs="+",
        type=given_path,
        dest="exports",
        metavar="EXPORT",
        help="also replay these exported tickets through both revisions (as planops backtest does)",
    )
    add_export_options(parser)


def run(args: argparse.Namespace) -> int:
    from planops.output import emit
    from planops.output.diff import FORMATS
    from planops.review.diff import diff
    from planops.review.git import toplevel

    repo = toplevel(args.plan)
    if args.exports:
        from planops.commands.report import export_files

        export_files([Path(e) for e in args.exports], args.source)  # a wrong export before any git work
    report = diff(repo, args.base, args.head, args.plan)
    printed = FORMATS[args.format](report)
    if args.exports:
        printed = _with_tickets(args, report, printed)
    emit(printed)
    return 0


def _with_tickets(args: argparse.Namespace, report: DiffReport, printed: Printed) -> Printed:
    """The diff with the backtest of its two sides on the export: a section of the comment, or the
    ``backtest`` key of the JSON (no ticket ids in either); a side that fails its checks is not replayed."""
    import json

    from planops.actuals.backtest import Revision
    from planops.actuals.backtestdata import as_json
    from planops.commands.backtest import replay
    from planops.output import Printed
    from planops.output.backtest import summary
    from planops.output.diff import MAX_CHARS, render
    from planops.output.escape import json_text

    base, head = report.base.valid, report.head.valid
    if base is None or head is None or report.base.errors or report.head.errors:
        why = "the tickets were not replayed: both plans must load and pass their checks"
        if args.format == "json":
            return Printed(printed.out, "\n".join(filter(None, [printed.note, why])))
        return Printed(f"{printed.out}\n\n_{why[0].upper() + why[1:]}._", printed.note)
    found = replay(args, Revision(report.base.label, base), Revision(report.head.label, head))
    if args.format == "json":
        data = json.loads(printed.out)
        data["backtest"] = as_json(found, examples=False)
        return Printed(json_text(data), printed.note)
    section = summary(found).rstrip()
    room = MAX_CHARS - len(section) - 2  # the whole comment stays under GitHub's limit: the diff is cut first
    return Printed(f"{render(report, max_chars=max(room, 1_000)).rstrip()}\n\n{section}", printed.note)
