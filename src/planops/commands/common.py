"""Options several commands share, and the argument types that refuse bad values before any work starts."""

from __future__ import annotations

import argparse
import ipaddress
import math
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from planops.errors import PlanopsError

if TYPE_CHECKING:
    from planops.plan import ValidPlan

MAX_OWN_BYTES = 16 * 1024 * 1024  # no file planops writes is larger: a bigger one is not its own


def iso_date(value: str) -> date:
    """An argument that is a date like 2026-12-31, or argparse's one-line usage error."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date like 2026-12-31") from None


def add_plan(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--plan", type=plan_folder, default=Path("plan"), metavar="DIR", help="the plan folder (default: plan)"
    )


def add_config(parser: argparse.ArgumentParser) -> None:
    """``-f FILE``: the handbook commands' MkDocs configuration."""
    parser.add_argument(
        "-f",
        "--config-file",
        type=given_path,
        default=Path("mkdocs.yml"),
        metavar="FILE",
        help="the MkDocs configuration (default: mkdocs.yml)",
    )


def given_path(value: str) -> Path:
    """A path that names something: an empty one would silently mean the working folder."""
    if not value.strip():
        raise argparse.ArgumentTypeError("the path is empty")
    return Path(value)


def plan_folder(value: str) -> Path:
    """``--plan``: a folder (a missing one is reported by the loader, with its hint)."""
    if not value.strip():
        raise argparse.ArgumentTypeError("the plan folder is empty: give a folder such as 'plan'")
    path = Path(value)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"'{value}' is a file, not a folder: give the folder that holds plan.yaml")
    return path


def percent(value: str) -> float:
    """A percentage from 0 to 100 (``nan`` and ``inf`` are not)."""
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not 0 <= number <= 100:
        raise argparse.ArgumentTypeError(f"'{value}' is not a percentage from 0 to 100")
    return number


def host_port(value: str) -> str:
    """``HOST:PORT`` as MkDocs serves it: an IP address (IPv6 in brackets) or localhost, a port 1-65535."""
    host, colon, port = value.rpartition(":")
    bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if not colon or not _is_host(bare):
        raise argparse.ArgumentTypeError(
            f"'{value}' is not HOST:PORT like 127.0.0.1:8000 (HOST: an IP address or localhost)"
        )
    if not (port.isascii() and port.isdigit() and 1 <= int(port) <= 65535):
        raise argparse.ArgumentTypeError(f"port '{port}' of '{value}' is not a number from 1 to 65535")
    return value


def _is_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def output_file(value: str) -> Path:
    """A file to write: not empty, not a folder, and every existing folder above it really a folder."""
    if not value.strip():
        raise argparse.ArgumentTypeError("the file name is empty")
    path = Path(value)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"'{value}' is a folder: give the name of a file in it")
    nearest = _nearest_folder(path)
    if not nearest.is_dir():
        raise argparse.ArgumentTypeError(f"cannot write '{value}': '{nearest}' is not a folder")
    return path


def _nearest_folder(path: Path) -> Path:
    return next((p for p in path.parents if os.path.lexists(p)), Path("."))


def writable(folder: Path) -> bool:
    """Whether a file can be made in ``folder``: tried (an unnamed temporary file), not guessed from mode bits."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def claim(path: Path, ours: Callable[[str], bool], what: str, *, write: bool = True) -> str | None:
    """The text of ``path`` if planops wrote it (``ours``), None when there is no file; else a PlanopsError.

    Generated files are written over only when they are planops's own: a path
    that holds a file of the user's is refused, so nothing they wrote is lost.
    With ``write``, a folder that cannot take the file is refused too, before any work.
    """
    if write and not writable(_nearest_folder(path)):
        raise PlanopsError(f"cannot write '{path}': folder '{_nearest_folder(path)}' is not writable")
    if path.is_symlink():
        raise PlanopsError(
            f"'{path}' is a link: planops writes only plain files, never through a link to "
            "another file; remove the link, or choose another file"
        )
    if not path.exists() or str(path) == os.devnull:
        return None
    text = _read_own(path) if path.is_file() else None
    if text is None or not ours(text):
        raise PlanopsError(
            f"'{path}' exists and is not {what}; refusing to overwrite it: choose another file, or move this one away"
        )
    return text


def _read_own(path: Path) -> str | None:
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_OWN_BYTES + 1)
    except OSError as exc:
        raise PlanopsError(f"cannot read '{path}': {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8") if len(data) <= MAX_OWN_BYTES else None
    except UnicodeDecodeError:
        return None


def add_exports(parser: argparse.ArgumentParser, nargs: str, also: str = "") -> None:
    """The ``EXPORT…`` arguments of ``report``, ``backtest`` and ``staff`` (``also``: what the help adds)."""
    parser.add_argument(
        "exports",
        nargs=nargs,
        type=given_path,
        metavar="EXPORT",
        help=f"tickets file [events file], or a folder holding tickets.* [and events.*]{also}",
    )


def add_export_options(parser: argparse.ArgumentParser, *, dates: bool = True) -> None:
    """How an export is read (``report``, ``backtest``, ``diff --tickets``, ``staff``): ``--source``, the
    ``--from``/``--to`` range of creation dates (where ``dates``) and ``--timezone``."""
    from planops.actuals.formats import SOURCES

    parser.add_argument(
        "--source",
        default="canonical",
        metavar="NAME",
        help=f"the export's format ({', '.join(SOURCES)}) or a DataSource of the plan (default: canonical)",
    )
    if dates:
        parser.add_argument("--from", dest="start", type=iso_date, metavar="DATE", help="tickets created on or after")
        parser.add_argument("--to", dest="end", type=iso_date, metavar="DATE", help="tickets created on or before")
    parser.add_argument("--timezone", metavar="ZONE", help="the zone of timestamps written without an offset")


def add_format(parser: argparse.ArgumentParser, *choices: str) -> None:
    options = choices or ("text", "json", "github")
    parser.add_argument("--format", choices=options, default="text", help="output format (default: text)")


def add_snippet(parser: argparse.ArgumentParser) -> None:
    """``--snippet`` / ``--no-snippet``: text findings with or without the quoted source line and caret; by
    default with them on a terminal only, so that piped output keeps one finding a line (SPEC §3)."""
    parser.add_argument(
        "--snippet",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="text findings with the source line and a caret under the column (default: on a terminal)",
    )


def snippets(args: argparse.Namespace) -> bool:
    """Whether text findings quote their lines: as ``--snippet``/``--no-snippet`` say, else on a terminal."""
    import sys

    given: bool | None = args.snippet
    return sys.stdout.isatty() if given is None else given


def valid_plan(root: Path, fmt: str, *, snippet: bool = True) -> ValidPlan | None:
    """The plan, or None after printing its errors: scenarios only run on a plan without errors."""
    from planops.output import Printed, emit
    from planops.output.escape import text_line
    from planops.output.findings import report
    from planops.pipeline import Level, check_plan

    # only errors are shown here: neither the engine checks (warnings) nor the other advice checks run
    checked = check_plan(root, level=Level.MEANING, advice=False)
    if checked.valid is not None:
        return checked.valid
    errors = checked.errors
    count = f"{len(errors)} error{'s' * (len(errors) != 1)}"
    emit(
        Printed(
            report(errors, fmt, checked.plan.sources if snippet else None),
            text_line(f"{root}: {count}; fix the plan before its scenarios can run (see planops validate)"),
        )
    )
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
    write_file(path, wanted)
    print(f"wrote {path}")
    return 0


def write_file(path: Path, text: str) -> None:
    """Write a generated file, making its folder; a PlanopsError (one line) when the disk says no."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise PlanopsError(f"cannot write '{path}': {exc.strerror or exc}") from None
