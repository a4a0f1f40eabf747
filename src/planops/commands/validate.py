"""planops validate: the plan's shape and meaning, every finding in one run.

Text findings quote their source line with a caret (``--no-snippet`` for one line each); ``--format sarif``
is a SARIF 2.1.0 log for code scanning, its locations relative to the git repository around the working
folder. Scenario failures are ``planops test``'s: JUnit XML, not SARIF.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from planops.commands.common import add_format, add_plan, add_snippet, snippets


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_plan(parser)
    add_format(parser, "text", "json", "github", "sarif")
    add_snippet(parser)
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")


def run(args: argparse.Namespace) -> int:
    from planops.diagnostics import Severity, sort_key, worst
    from planops.handbook import pagefiles
    from planops.output import emit
    from planops.output.findings import FORMATS, Checked
    from planops.output.sarif import repository_root
    from planops.pipeline import check_plan

    plan, findings = check_plan(args.plan)
    pages = args.plan / "pages"  # what the handbook would refuse to publish, found before the build
    if os.path.isdir(pages) or os.path.islink(pages):  # never raise: an unreadable plan is a finding already
        findings = sorted([*findings, *pagefiles.check(pages)], key=sort_key)
    sources = plan.sources if snippets(args) or args.format == "sarif" else {}  # SARIF fingerprints the lines
    repository = repository_root(Path.cwd()) if args.format == "sarif" else Path(".")  # where locations start
    emit(FORMATS[args.format](Checked(str(args.plan), findings, sources, repository)))
    level = worst(findings)
    failing = Severity.WARNING if args.strict else Severity.ERROR
    return 1 if level is not None and level >= failing else 0
