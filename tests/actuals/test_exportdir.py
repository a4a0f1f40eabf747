"""A folder as the export: its one tickets file and its events file, or a one-line error."""

from __future__ import annotations

from pathlib import Path

import pytest

from planops.actuals.exportdir import export_files
from planops.actuals.reader import ExportError


def _files(folder: Path, *names: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_text("id,created_at\n", encoding="utf-8")
    return folder


def test_the_tickets_and_events_files_of_any_format(tmp_path: Path) -> None:
    folder = _files(tmp_path / "x", "tickets.parquet", "events.jsonl", "README.md", "tickets.csv.bak")
    assert export_files(folder) == (folder / "tickets.parquet", folder / "events.jsonl")
    assert export_files(_files(tmp_path / "y", "TICKETS.CSV", "tickets.csv")) == (tmp_path / "y" / "tickets.csv", None)


def test_a_folder_of_a_file_that_cannot_be_listed_is_a_one_line_error(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "tickets.csv"
    not_a_folder.write_text("id,created_at\n", encoding="utf-8")
    with pytest.raises(ExportError) as raised:
        export_files(not_a_folder)
    assert str(raised.value) == f"{not_a_folder}: cannot be listed (Not a directory); give the files instead"


def test_a_folder_named_tickets_is_no_tickets_file(tmp_path: Path) -> None:
    folder = _files(tmp_path / "x", "events.csv")
    (folder / "tickets.csv").mkdir()
    with pytest.raises(ExportError, match="expected a tickets file in the folder"):
        export_files(folder)
