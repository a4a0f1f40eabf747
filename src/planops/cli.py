"""The command line: parse arguments, then hand over to one module per command.

Heavy libraries (pydantic, mkdocs, transitions) are imported by the commands
themselves, so ``planops --help`` starts fast.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

# name -> (module under planops.commands, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("init", "write a working starter plan, mkdocs.yml and schema"),
    "validate": ("validate", "check the plan's shape and meaning"),
    "test": ("test", "run every scenario"),
    "route": ("route", "show how a ticket is routed"),
    "simulate": ("simulate", "step-by-step trace of one scenario"),
    "build": ("build", "build the handbook (mkdocs build)"),
    "serve": ("serve", "serve the handbook with live reload (mkdocs serve)"),
    "diff": ("diff", "what changed in meaning between two git revisions"),
    "review": ("review", "owners, last review, what is due or overdue"),
    "report": ("report", "the plan's KPIs on a helpdesk export, against targets"),
    "backtest": ("backtest", "replay an export's tickets through two revisions of the plan"),
    "staff": ("staff", "agents required per channel and interval against the shifts and the budget"),
    "codeowners": ("codeowners", "write .github/CODEOWNERS from the plan's owners"),
    "schema": ("schema", "write or check schema/planops.schema.json"),
}


UNCOLLECTED = frozenset({"validate", "test", "route", "simulate", "diff", "review", "codeowners", "schema"})
"""Commands whose process runs without the cyclic garbage collector (see ``entry``)."""


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line, like every other planops error (the synopsis is one --help away)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="planops",
        description="A customer-service plan as code: validate, test, publish and review it.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.set_defaults(module=module)
        _module(module).add_arguments(command)
    return parser


def _module(name: str):  # type: ignore[no-untyped-def]
    return importlib.import_module(f"planops.commands.{name}")


def main(argv: Sequence[str] | None = None, *, process: bool = False) -> int:
    """Run one command; ``process``: it is the whole process (``entry``), which ends when it returns."""
    parser = _parser()
    args = parser.parse_args(argv)
    if process and args.command in UNCOLLECTED:
        # A loaded plan is hundreds of thousands of objects in no cycle, kept to the end; each
        # collection would rescan them all (a third of `planops validate` of a 3.7 MB plan). These
        # commands make no cyclic garbage worth the scans, and their process ends when they are done.
        gc.disable()
    if args.version:
        from importlib.metadata import version

        print(f"planops {version('planops')}")
        return 0
    if args.command is None:
        parser.print_help()
        return 2
    from planops.errors import PlanopsError
    from planops.output.escape import text_line

    try:
        return int(_module(args.module).run(args))
    except PlanopsError as exc:
        print(text_line(f"planops {args.command}: error: {exc}"), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last line of defence: never a traceback for users
        if os.environ.get("PLANOPS_DEBUG"):
            raise
        print(
            text_line(
                f"planops {args.command}: internal error: {type(exc).__name__}: {exc} "
                "(set PLANOPS_DEBUG=1 for details and please report it)"
            ),
            file=sys.stderr,
        )
        return 3


def entry() -> None:
    code = main(process=True)
    # Everything a command made lives until the process ends. Frozen, the interpreter's last collection
    # skips it instead of scanning it: 1.5 s of a 4.3 s `planops validate` of a 4,000-scenario plan.
    gc.freeze()
    sys.exit(code)
