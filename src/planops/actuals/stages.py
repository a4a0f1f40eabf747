"""A stage's SQL statements run in order, each table made on the way dropped as soon as nothing later reads it
(planops.actuals.sla, planops.actuals.facts): at a million tickets each holds hundreds of megabytes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

_MAKES = "CREATE OR REPLACE TABLE "


def run_stage(con: duckdb.DuckDBPyConnection, statements: Iterable[str], steps: Mapping[str, Sequence[str]]) -> None:
    """Execute ``statements``; after the one making table T (``CREATE OR REPLACE TABLE T …``), drop each table
    of ``steps[T]``: those it is the last to read."""
    for statement in statements:
        con.execute(statement)
        for table in steps.get(made_by(statement) or "", ()):
            con.execute(f"DROP TABLE {table}")


def made_by(statement: str) -> str | None:
    """The table a ``CREATE OR REPLACE TABLE`` statement makes (None for any other statement)."""
    return statement.removeprefix(_MAKES).split(" ", 1)[0] if statement.startswith(_MAKES) else None
