"""Options several commands share."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planops.plan import ValidPlan


def add_plan(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plan", type=Path, default=Path("plan"), metavar="DIR",
                        help="the plan folder (default: plan)")


def add_format(parser: argparse.ArgumentParser, *choices: str) -> None:
    options = choices or ("text", "json", "github")
    parser.add_argument("--format", choices=options, default="text", help="output format (default: text)")


def valid_plan(root: Path, fmt: str) -> ValidPlan | None:
    """The plan, or None after printing its errors: scenarios only run on a plan without errors."""
    from planops.output import Printed, emit
    from planops.output.escape import text_line
    from planops.output.findings import report
    from planops.pipeline import Level, check_plan

    checked = check_plan(root, level=Level.MEANING)  # the engine checks' findings are warnings, not shown here
    if checked.valid is not None:
        return checked.valid
    errors = checked.errors
    count = f"{len(errors)} error{'s' * (len(errors) != 1)}"
    emit(Printed(report(errors, fmt), text_line(f"{root}: {count}; fix the plan before its scenarios can run "
                                                "(see planops validate)")))
    return None


def write_or_check(path: Path, current: str | None, wanted: str, *, check: bool, command: str) -> int:
    """Write a generated file, or with ``check`` only tell whether it is up to date (exit 1 when not)."""
    if current == wanted:
        print(f"{path} is up to date")
        return 0
    if check:
        state = "missing" if current is None else "stale"
        print(f"{path} is {state}: run 'planops {command}' to regenerate it", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(wanted, encoding="utf-8")
    print(f"wrote {path}")
    return 0
