"""Rows of a canonical table (SPEC 5.1) written as CSV with a header, JSON lines, or Parquet (through DuckDB)."""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path

Value = str | int | float | bool | None
Row = dict[str, Value]
FORMATS = ("csv", "jsonl", "parquet")


def columns(rows: Sequence[Row]) -> list[str]:
    """Every column in the order it first appears (a row without a value leaves it empty)."""
    seen: dict[str, None] = {}
    for row in rows:
        seen |= dict.fromkeys(row)
    return list(seen)


def write_table(rows: Sequence[Row], path: Path, fmt: str) -> None:
    """Write ``rows`` to ``path`` as ``fmt`` (one of FORMATS); byte-identical for the same rows (not Parquet)."""
    if fmt == "csv":
        write_csv(rows, path)
    elif fmt == "jsonl":
        write_jsonl(rows, path)
    elif fmt == "parquet":
        write_parquet(rows, path)
    else:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")


def write_csv(rows: Sequence[Row], path: Path) -> None:
    """CSV with a header, UTF-8, LF line ends; null is an empty field, booleans are true/false."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        names = columns(rows)
        writer.writerow(names)
        for row in rows:
            writer.writerow([_text(row.get(name)) for name in names])


def _text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_jsonl(rows: Sequence[Row], path: Path) -> None:
    """One JSON object per line, keys as the CSV's columns (dotted for nested fields), nulls left out."""
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            kept = {k: v for k, v in row.items() if v is not None}
            f.write(json.dumps(kept, ensure_ascii=False, separators=(",", ":")) + "\n")


def write_parquet(rows: Sequence[Row], path: Path) -> None:
    """Parquet through DuckDB (an optional dependency), column types as DuckDB reads the CSV."""
    import duckdb

    with tempfile.TemporaryDirectory() as folder:
        staged = Path(folder) / "rows.csv"
        write_csv(rows, staged)
        with duckdb.connect() as db:
            relation = db.read_csv(str(staged), header=True)
            relation.write_parquet(str(path))
