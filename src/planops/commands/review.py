"""planops review: who owns each object, when it was last reviewed, what is due or overdue, and the KPIs of the
last saved period (``actuals/<period>.json`` next to the plan folder) against their targets."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from planops.commands.common import add_format, add_plan, iso_date


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_plan(parser)
    add_format(parser)
    parser.add_argument(
        "--as-of",
        type=iso_date,
        default=None,
        metavar="DATE",
        help="judge what is due as of this date (default: today)",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when any review is overdue")


def run(args: argparse.Namespace) -> int:
    from planops.actuals.archive import actuals_dir, read_history
    from planops.loader.source import display_path
    from planops.output import emit
    from planops.output.review import FORMATS, Reviewed
    from planops.pipeline import Level, check_plan
    from planops.review.cadence import cadence, review_status

    checked = check_plan(args.plan, level=Level.SHAPE)
    plan = checked.plan
    errors = len(checked.errors)
    if errors:
        print(
            f"planops review: warning: the plan has {errors} error(s) and objects that do not load are "
            "left out: run 'planops validate'",
            file=sys.stderr,
        )
    as_of = args.as_of or date.today()
    statuses = review_status(plan, as_of)
    folder = actuals_dir(args.plan)
    history = read_history(folder)
    for problem in history.problems:
        print(f"planops review: warning: {problem}", file=sys.stderr)
    latest = history.latest
    shown = display_path(folder / f"{latest.period}.json") if latest else ""
    reviewed = Reviewed(str(args.plan), statuses, cadence(plan), as_of, args.strict, latest, shown)
    emit(FORMATS[args.format](reviewed))
    overdue = any(s.status == "overdue" for s in statuses)
    return 1 if args.strict and overdue else 0
