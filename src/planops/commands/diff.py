"""planops diff: what changed in meaning between two git revisions of the plan."""

from __future__ import annotations

import argparse
import json
import sys

from planops.commands.common import add_plan


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", metavar="BASE", help="the git revision to compare from (a branch, tag or commit)")
    parser.add_argument("head", metavar="HEAD", nargs="?", default=None,
                        help="the git revision to compare to (default: the working tree)")
    add_plan(parser)
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown",
                        help="Markdown for a pull-request comment (default) or JSON for tools")


def run(args: argparse.Namespace) -> int:
    from planops.review.diff import diff
    from planops.review.git import toplevel
    from planops.review.markdown import render

    repo = toplevel(args.plan)
    report = diff(repo, args.base, args.head, args.plan)
    if args.format == "json":
        print(json.dumps(report.as_dict(), indent=2))
    else:
        print(render(report), end="")
    if report.failed:
        print(f"planops diff: {report.failed}", file=sys.stderr)
    for warning in report.warnings:
        print(f"planops diff: warning: {warning}", file=sys.stderr)
    return 0
