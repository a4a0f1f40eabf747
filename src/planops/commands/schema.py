"""planops schema: write (or check) the JSON Schema editors and CI validate against."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", type=Path, default=Path("schema/planops.schema.json"), metavar="FILE",
                        help="where the schema goes (default: schema/planops.schema.json)")
    parser.add_argument("--check", action="store_true", help="fail if the file is missing or stale; write nothing")


def run(args: argparse.Namespace) -> int:
    from planops.commands.common import write_or_check
    from planops.schema import render_schema

    wanted = render_schema()
    current = args.output.read_text(encoding="utf-8") if args.output.is_file() else None
    return write_or_check(args.output, current, wanted, check=args.check, command="schema")
