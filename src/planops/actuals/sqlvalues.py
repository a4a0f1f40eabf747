"""Data written into SQL: a table of literal rows (``VALUES``) that every dialect planops prints can read.

The calendars' open intervals and the plan's SLA targets travel this way, so a script run in a warehouse
needs no upload besides the canonical tables, and the local run executes the very same statements.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlglot import exp

Cell = str | int | float | None


def literal(value: Cell) -> str:
    """One value as a DuckDB literal (strings quoted and escaped, numbers as written, None as NULL)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return exp.Literal.string(value).sql("duckdb")
    return repr(value)


def values_sql(columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Cell]]) -> str:
    """``SELECT CAST(c AS type) AS c, … FROM (VALUES …) AS v(c, …)``: the rows, typed; none gives no row."""
    names = ", ".join(name for name, _ in columns)
    typed = ", ".join(f"CAST({name} AS {kind}) AS {name}" for name, kind in columns)
    body = rows or [[None] * len(columns)]
    tuples = ", ".join("(" + ", ".join(literal(v) for v in row) + ")" for row in body)
    where = "" if rows else " WHERE 1 = 0"
    return f"SELECT {typed} FROM (VALUES {tuples}) AS v({names}){where}"
