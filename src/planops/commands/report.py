"""planops report EXPORT…: every KPI of the plan on a helpdesk export, per period and dimension, against targets,
then SLA attainment per policy, priority and target (planops.output.report says how each format shows it).

EXPORT is the canonical tickets file and, optionally, its events file (CSV, Parquet or JSON lines; SPEC
§5.1), a folder holding them as ``tickets.*`` and ``events.*``, or one Zendesk or Freshdesk export with
``--source``. On a terminal, standard error shows what the import is doing (never in a pipe or a CI log).
The files are read, never copied; ``--save`` writes the period's aggregates only (no ticket ids, no
customer data) to ``actuals/<period>.json`` next to the plan folder (``actuals/`` in the folder that holds
``plan/``), where the handbook and ``planops review`` read them: the KPI rows under ``"kpis"``, the SLA rows
under ``"sla"``.
Exit 0; 1 with ``--strict`` when a target is missed, or when the export or the plan cannot be read.

With ``--sql`` no EXPORT is read: the command prints the same measures as one SQL script over a warehouse's
canonical ``tickets`` and ``events`` tables, in ``--dialect`` (planops.actuals.warehouse), for the tickets
created ``--from`` to ``--to`` (default: the year up to today, UTC).
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from planops.actuals.formats import DIALECTS, HELPDESKS
from planops.commands.common import add_export_options, add_exports, add_format, add_plan
from planops.commands.progress import terminal_progress


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_exports(parser, "*", " (none with --sql)")
    add_plan(parser)
    add_format(parser, "text", "json", "markdown", "csv")
    add_export_options(parser)
    parser.add_argument("--period", choices=("month", "quarter", "week"), default="quarter")
    parser.add_argument("--by", default="", metavar="DIM,…", help="dimensions: channel, segment, priority, queue…")
    parser.add_argument("--save", action="store_true", help="write the aggregates to actuals/<period>.json")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--sql", action="store_true", help="print the report as SQL over a warehouse's tables")
    parser.add_argument("--dialect", choices=DIALECTS, help="the SQL dialect of --sql (default: duckdb)")


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
    if args.sql or args.dialect:
        return _sql(args, by)
    tickets, events = export_files([Path(e) for e in args.exports], args.source)
    plan = valid_plan(args.plan, "text")
    if plan is None:
        return 1
    progress = terminal_progress(sys.stderr)
    try:
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
            charts=args.save,
            progress=progress,
        )
    finally:
        if progress is not None:
            progress.close()
    emit(FORMATS[args.format](found))
    if args.save:
        from planops.actuals.archive import actuals_dir
        from planops.actuals.saved import save
        from planops.output import Printed

        for path in save(found, actuals_dir(args.plan)):
            emit(Printed("", f"saved {path} (aggregates only)"))
    return 1 if args.strict and any(r.met is False for r in found.rows) else 0


def export_files(exports: list[Path], source: str) -> tuple[Path, Path | None]:
    """The tickets and events files: as given, or those of a folder given alone (tickets.*, events.*)."""
    from planops.actuals.exportdir import export_files as in_folder
    from planops.errors import PlanopsError

    if not exports or len(exports) > 2 or (source in HELPDESKS and len(exports) != 1):
        raise PlanopsError("give a tickets file and an events file, or one helpdesk export with --source", exit_code=2)
    if len(exports) == 1 and exports[0].is_dir():
        if source in HELPDESKS:
            raise PlanopsError(f"{exports[0]} is a folder: give the {source} export file itself", exit_code=2)
        return in_folder(exports[0])
    if any(e.is_dir() for e in exports):
        raise PlanopsError("give a folder alone, or a tickets file and an events file", exit_code=2)
    return exports[0], exports[1] if len(exports) == 2 else None


_LOCAL_ONLY = {"save": "--save", "strict": "--strict", "timezone": "--timezone"}


def _sql(args: argparse.Namespace, by: tuple[str, ...]) -> int:
    """``--sql``: the script for a warehouse, printed; no export is read."""
    from planops.actuals.warehouse import WarehouseError, script
    from planops.commands.common import valid_plan
    from planops.errors import PlanopsError
    from planops.output import Printed, emit

    if not args.sql:
        raise PlanopsError("--dialect is the dialect of --sql: add --sql", exit_code=2)
    given = [flag for key, flag in _LOCAL_ONLY.items() if getattr(args, key)]
    given += ["EXPORT"] if args.exports else []
    given += ["--source"] if args.source != "canonical" else []
    given += ["--format"] if args.format != "text" else []
    if given:
        them = "it" if len(given) == 1 else "them"
        raise PlanopsError(
            f"--sql prints SQL for tickets already in a warehouse, so it takes no {', '.join(given)}: drop {them}, "
            "or drop --sql to measure export files",
            exit_code=2,
        )
    last = args.end or datetime.now(UTC).date()
    first = args.start or last - timedelta(days=365)
    if first > last:
        raise PlanopsError(f"--from {first} is after --to {last}: give the earlier date first", exit_code=2)
    plan = valid_plan(args.plan, "text")
    if plan is None:
        return 1
    try:
        text = script(plan, first, last, dialect=args.dialect or "duckdb", period=args.period, by=by)
    except WarehouseError as error:
        raise PlanopsError(str(error)) from None
    emit(
        Printed(
            text.rstrip("\n"), f"the report as {args.dialect or 'duckdb'} SQL for tickets created {first} to {last}"
        )
    )
    return 0
