"""planops report EXPORT…: every KPI of the plan on a helpdesk export, per period and dimension, against targets,
then SLA attainment per policy, priority and target (planops.output.report says how each format shows it).

EXPORT is the canonical tickets file and, optionally, its events file (CSV, Parquet or JSON lines; SPEC
§5.1), or one Zendesk or Freshdesk export with ``--source``. The files are read, never copied; ``--save``
writes the period's aggregates only (no ticket ids, no customer data) to ``actuals/<period>.json``: the KPI
rows under ``"kpis"``, the SLA rows under ``"sla"``.
Exit 0; 1 with ``--strict`` when a target is missed, or when the export or the plan cannot be read.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from planops.actuals.formats import HELPDESKS, SOURCES
from planops.commands.common import add_format, add_plan, given_path, iso_date


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("exports", nargs="+", type=given_path, metavar="EXPORT", help="tickets file [events file]")
    add_plan(parser)
    add_format(parser, "text", "json", "markdown", "csv")
    parser.add_argument(
        "--source",
        default="canonical",
        metavar="NAME",
        help=f"the export's format ({', '.join(SOURCES)}) or a DataSource of the plan (default: canonical)",
    )
    parser.add_argument("--period", choices=("month", "quarter", "week"), default="quarter")
    parser.add_argument("--by", default="", metavar="DIM,…", help="dimensions: channel, segment, priority, queue…")
    parser.add_argument("--from", dest="start", type=iso_date, metavar="DATE", help="tickets created on or after")
    parser.add_argument("--to", dest="end", type=iso_date, metavar="DATE", help="tickets created on or before")
    parser.add_argument("--timezone", metavar="ZONE", help="the zone of timestamps written without an offset")
    parser.add_argument("--save", action="store_true", help="write the aggregates to actuals/<period>.json")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")


def run(args: argparse.Namespace) -> int:
    from planops.actuals.measures import DIMENSIONS
    from planops.actuals.report import report
    from planops.commands.common import valid_plan
    from planops.errors import PlanopsError
    from planops.output import emit
    from planops.output.report import FORMATS

    by = tuple(d.strip() for d in args.by.split(",") if d.strip())
    wrong = [d for d in by if d not in DIMENSIONS]
    if wrong:
        raise PlanopsError(f"cannot group by {', '.join(wrong)}: choose from {', '.join(DIMENSIONS)}", exit_code=2)
    if len(args.exports) > 2 or (args.source in HELPDESKS and len(args.exports) != 1):
        raise PlanopsError("give a tickets file and an events file, or one helpdesk export with --source", exit_code=2)
    plan = valid_plan(args.plan, "text")
    if plan is None:
        return 1
    tickets, events = Path(args.exports[0]), Path(args.exports[1]) if len(args.exports) == 2 else None
    found = report(
        plan,
        tickets,
        events,
        period=args.period,
        by=by,
        start=args.start,
        end=args.end,
        timezone=args.timezone,
        source=args.source,
    )
    emit(FORMATS[args.format](found))
    if args.save:
        from planops.actuals.saved import save
        from planops.output import Printed

        for path in save(found, Path("actuals")):
            emit(Printed("", f"saved {path} (aggregates only)"))
    return 1 if args.strict and any(r.met is False for r in found.rows) else 0
