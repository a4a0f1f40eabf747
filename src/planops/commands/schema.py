"""planops schema: write (or check) the JSON Schema editors and CI validate against."""

from __future__ import annotations

import argparse

from planops.commands.common import output_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output",
        type=output_file,
        default="schema/planops.schema.json",
        metavar="FILE",
        help="where the schema goes (default: schema/planops.schema.json)",
    )
    parser.add_argument("--check", action="store_true", help="fail if the file is missing or stale; write nothing")


def run(args: argparse.Namespace) -> int:
    from planops.commands.common import claim, write_or_check
    from planops.schema import is_schema, render_schema

    current = claim(args.output, is_schema, "a schema planops wrote", write=not args.check)
    wanted = render_schema()
    return write_or_check(args.output, current, wanted, check=args.check, command="schema")
