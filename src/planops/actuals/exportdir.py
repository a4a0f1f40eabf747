"""A folder given as the export: its ``tickets.*`` and ``events.*`` files (CSV, Parquet or JSON lines)."""

from __future__ import annotations

from pathlib import Path

from planops.actuals.reader import SUFFIXES, ExportError


def export_files(folder: Path) -> tuple[Path, Path | None]:
    """The tickets file of ``folder`` and its events file (None when there is none).

    Raises ExportError when the folder has no tickets file, or two of a kind (``tickets.csv`` and
    ``tickets.parquet``): which one is meant is then the user's to say.
    """
    tickets = _one(folder, "tickets")
    if tickets is None:
        names = ", ".join(f"tickets{s}" for s in SUFFIXES)
        raise ExportError(f"{folder}: expected a tickets file in the folder ({names}), found none")
    return tickets, _one(folder, "events")


def _one(folder: Path, stem: str) -> Path | None:
    try:
        found = sorted(p for p in folder.iterdir() if p.stem == stem and p.suffix.lower() in SUFFIXES and p.is_file())
    except OSError as error:
        raise ExportError(f"{folder}: cannot be listed ({error.strerror or error}); give the files instead") from None
    if len(found) > 1:
        shown = " and ".join(p.name for p in found)
        raise ExportError(
            f"{folder}: holds {shown}; give the files instead of the folder (planops report {folder / found[0].name} …)"
        )
    return found[0] if found else None
