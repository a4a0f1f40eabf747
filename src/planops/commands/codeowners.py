"""planops codeowners: write .github/CODEOWNERS from the plan's owners (or check it is current)."""

from __future__ import annotations

import argparse
import sys

from planops.commands.common import add_plan, output_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_plan(parser)
    parser.add_argument(
        "--output",
        type=output_file,
        default=".github/CODEOWNERS",
        metavar="FILE",
        help="the CODEOWNERS file (default: .github/CODEOWNERS)",
    )
    parser.add_argument("--check", action="store_true", help="fail if the file is missing or stale; write nothing")


def run(args: argparse.Namespace) -> int:
    from planops.commands.common import claim, write_or_check
    from planops.output.escape import text_line
    from planops.output.findings import text
    from planops.pipeline import Level, check_plan
    from planops.review.codeowners import is_codeowners, merge, owners, repo_root

    current = claim(
        args.output, lambda found: is_codeowners(args.output, found), "a CODEOWNERS file", write=not args.check
    )
    checked = check_plan(args.plan, level=Level.SHAPE)
    plan, errors = checked.plan, checked.errors
    if errors:
        print(text(errors), file=sys.stderr)
        print(f"planops codeowners: the plan does not load; fix it first ({len(errors)} error(s))", file=sys.stderr)
        return 1
    found = owners(plan, repo_root(args.output))
    for warning in found.warnings:
        print(text_line(f"planops codeowners: warning: {warning}"), file=sys.stderr)
    wanted = merge(current, found.block())
    return write_or_check(args.output, current, wanted, check=args.check, command="codeowners")
