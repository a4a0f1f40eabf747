"""planops diff: what changed in meaning between two git revisions of the plan."""

from __future__ import annotations

import argparse

from planops.commands.common import add_plan


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


def run(args: argparse.Namespace) -> int:
    from planops.output import emit
    from planops.output.diff import FORMATS
    from planops.review.diff import diff
    from planops.review.git import toplevel

    repo = toplevel(args.plan)
    emit(FORMATS[args.format](diff(repo, args.base, args.head, args.plan)))
    return 0
