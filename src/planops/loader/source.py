"""Where plan files come from: a folder on disk (git revisions live in planops.review.git)."""

from __future__ import annotations

from pathlib import Path

from planops.errors import PlanopsError

PLAN_SUFFIXES = (".yaml", ".yml")
MAX_FILES = 20_000


def display_path(path: Path) -> str:
    """The path as users should read it: relative to the working folder when inside it."""
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:  # outside the working folder: keep it whole
        return str(path)


def read_folder(root: Path) -> list[tuple[str, bytes]]:
    """Every plan file below ``root``, sorted, as (display path, bytes)."""
    if not root.is_dir():
        raise PlanopsError(f"plan folder '{display_path(root)}' not found (use --plan DIR to point at it)")
    files = sorted(p for p in root.rglob("*") if p.suffix in PLAN_SUFFIXES and p.is_file())
    if len(files) > MAX_FILES:
        raise PlanopsError(f"plan folder '{display_path(root)}' holds more than {MAX_FILES} YAML files")
    result = []
    for path in files:
        try:
            result.append((display_path(path), path.read_bytes()))
        except OSError as exc:
            raise PlanopsError(f"cannot read {display_path(path)}: {exc.strerror}") from None
    return result
