"""planops schema: write (or check) the JSON Schema editors and CI validate against."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", type=Path, default=Path("schema/planops.schema.json"), metavar="FILE",
                        help="where the schema goes (default: schema/planops.schema.json)")
    parser.add_argument("--check", action="store_true", help="fail if the file is missing or stale; write nothing")


def run(args: argparse.Namespace) -> int:
    from planops.schema import render_schema

    wanted = render_schema()
    current = args.output.read_text(encoding="utf-8") if args.output.is_file() else None
    if args.check:
        if current == wanted:
            print(f"{args.output} is up to date")
            return 0
        state = "missing" if current is None else "stale"
        print(f"{args.output} is {state}: run 'planops schema' to regenerate it", file=sys.stderr)
        return 1
    if current == wanted:
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(wanted, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0
