"""Options several commands share."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_plan(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plan", type=Path, default=Path("plan"), metavar="DIR",
                        help="the plan folder (default: plan)")


def add_format(parser: argparse.ArgumentParser, *choices: str) -> None:
    options = choices or ("text", "json", "github")
    parser.add_argument("--format", choices=options, default="text", help="output format (default: text)")
