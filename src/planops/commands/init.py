"""planops init: a working starter plan repository that passes validation as written."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

CI_WORKFLOW = ".github/workflows/planops.yml"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", nargs="?", type=Path, default=Path("."), metavar="DIR",
                        help="where to write the starter (default: the current folder)")


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
    files = starter_files()
    if (args.dir / ".gitignore").exists():
        del files[".gitignore"]  # theirs is kept; nothing of the user's is overwritten
    existing = sorted(p for p in files if (args.dir / p).exists())
    if existing:
        listed = ", ".join(existing[:5]) + (" …" if len(existing) > 5 else "")
        print(f"planops init: refusing to overwrite existing files in {args.dir}: {listed}", file=sys.stderr)
        return 1
    for rel, content in sorted(files.items()):
        target = args.dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    print(f"wrote a starter plan to {args.dir} ({len(files)} files). Next:")
    print("  planops validate && planops test && planops build")
    return 0
