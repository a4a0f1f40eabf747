"""planops review: who owns each object, when it was last reviewed, what is due or overdue."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from planops.commands.common import add_format, add_plan


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date like 2026-12-31") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_plan(parser)
    add_format(parser)
    parser.add_argument("--as-of", type=_date, default=None, metavar="DATE",
                        help="judge what is due as of this date (default: today)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any review is overdue")


def run(args: argparse.Namespace) -> int:
    from planops.pipeline import Level, check_plan
    from planops.reporters import github
    from planops.review.cadence import cadence, findings, review_status, summary, text

    checked = check_plan(args.plan, level=Level.SHAPE)
    plan = checked.plan
    errors = len(checked.errors)
    if errors:
        print(f"planops review: warning: the plan has {errors} error(s) and objects that do not load are "
              "left out: run 'planops validate'", file=sys.stderr)
    as_of = args.as_of or date.today()
    statuses = review_status(plan, as_of)
    every = cadence(plan)
    if args.format == "json":
        document = {"as_of": as_of.isoformat(), "every": every, "objects": [s.as_dict() for s in statuses]}
        print(json.dumps(document, indent=2))
    elif args.format == "github":
        output = github(findings(statuses, every, strict=args.strict))
        if output:
            print(output)
        print(f"{args.plan}: {summary(statuses)}", file=sys.stderr)
    else:
        print(text(statuses, every, as_of))
    overdue = any(s.status == "overdue" for s in statuses)
    return 1 if args.strict and overdue else 0
