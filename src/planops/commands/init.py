"""planops init: a working starter plan repository that passes validation as written, with a sample export."""

from __future__ import annotations

import argparse
import contextlib
import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from planops.commands.common import given_path, writable

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

CI_WORKFLOW = ".github/workflows/planops.yml"
SAMPLE = "samples/our-support-2026-Q4"
"""The starter's sample export (made by planops.actuals.sample for the starter plan), to try planops report."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dir",
        nargs="?",
        type=given_path,
        default=Path("."),
        metavar="DIR",
        help="where to write the starter (default: the current folder)",
    )


def starter_files() -> dict[str, bytes]:
    """Every file the starter writes, by path relative to DIR."""
    from importlib import resources  # here, not at the top: `planops --help` imports every command module

    from planops.schema import SCHEMA_PATH, render_schema

    root = resources.files("planops") / "starter"
    files = dict(_walk(root, ""))
    files[SCHEMA_PATH] = render_schema().encode()
    files[CI_WORKFLOW] = (resources.files("planops") / "review" / "ci_recipe.yml").read_bytes()
    files[".gitignore"] = b"site/\n__pycache__/\n"
    return files


def _walk(node: Traversable, prefix: str) -> list[tuple[str, bytes]]:
    found = []
    for child in node.iterdir():
        path = f"{prefix}{child.name}"
        if child.is_dir():
            found.extend(_walk(child, path + "/"))
        elif not child.name.endswith((".pyc", ".pyo")):
            found.append((path, child.read_bytes()))
    return found


def run(args: argparse.Namespace) -> int:
    from planops.errors import PlanopsError

    files = starter_files()
    if os.path.lexists(args.dir / ".gitignore"):
        del files[".gitignore"]  # theirs is kept; nothing of the user's is overwritten
    problems = blockers(args.dir, files)
    if problems:
        raise PlanopsError(
            f"cannot write the starter to {args.dir}, so nothing was written: {'; '.join(problems)}", exit_code=1
        )
    write_all(args.dir, files)
    print(f"wrote a starter plan to {args.dir} ({len(files)} files). Next:")
    print("  planops validate && planops test && planops build")
    print(f"  planops report {SAMPLE}/    # the plan's KPIs on a sample export")
    return 0


def blockers(root: Path, files: dict[str, bytes]) -> list[str]:
    """Everything that stops the whole starter from being written (empty when all of it can be)."""
    folders = {root, *(root / rel for path in files for rel in PurePosixPath(path).parents if str(rel) != ".")}
    nearest = {_nearest(folder) for folder in folders}  # what exists of each folder the starter needs
    not_folders = sorted(str(p) for p in nearest if not p.is_dir())
    unwritable = sorted(str(p) for p in nearest if p.is_dir() and not writable(p))
    taken = sorted(rel for rel in files if os.path.lexists(root / rel) and not (root / rel).is_dir())
    in_the_way = sorted(str(root / rel) for rel in files if (root / rel).is_dir())
    problems = []
    if not_folders:
        problems.append(f"{_listed(not_folders)} {_is(not_folders)} not a folder, where the starter needs one")
    if in_the_way:
        problems.append(f"{_listed(in_the_way)} {_is(in_the_way)} a folder, where the starter writes a file")
    if unwritable:
        problems.append(f"{_listed(unwritable)} {_is(unwritable)} not writable")
    if taken:
        problems.append(f"refusing to overwrite existing files in {root}: {_listed(taken)}")
    return problems


def write_all(root: Path, files: dict[str, bytes]) -> None:
    """Write every file, or (when the disk fails half way) remove again what this call made."""
    from planops.errors import PlanopsError

    made: list[Path] = []
    try:
        for rel, content in sorted(files.items()):
            target = root / rel
            for folder in reversed([p for p in (target.parent, *target.parent.parents) if not p.exists()]):
                folder.mkdir()
                made.append(folder)
            with target.open("xb") as stream:  # never over a file that appeared since the check
                made.append(target)
                stream.write(content)
    except OSError as exc:
        for path in reversed(made):
            with contextlib.suppress(OSError):
                path.rmdir() if path.is_dir() else path.unlink()
        raise PlanopsError(
            f"cannot write the starter to {root} ({exc.strerror or exc}), so nothing was written", exit_code=1
        ) from None


def _nearest(path: Path) -> Path:
    """The path itself if anything is there (a dangling link too), else its nearest ancestor that is."""
    return next((p for p in (path, *path.parents) if os.path.lexists(p)), Path("."))


def _is(items: list[str]) -> str:
    return "is" if len(items) == 1 else "are"


def _listed(items: list[str]) -> str:
    return ", ".join(items[:5]) + (" …" if len(items) > 5 else "")
