"""A stage's statements run in order, and each table made on the way is dropped right after the statement
named as the last to read it — not after any other statement, and never one not named."""

from __future__ import annotations

import duckdb

from planops.actuals.stages import made_by, run_stage


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}


def test_a_step_is_dropped_after_the_statement_that_last_reads_it() -> None:
    seen: list[set[str]] = []
    with duckdb.connect() as con:
        statements = [
            "CREATE OR REPLACE TABLE a AS SELECT 1 AS x",
            "CREATE OR REPLACE TABLE b AS SELECT x + 1 AS x FROM a",
            "INSERT INTO b SELECT x FROM a",
            "CREATE OR REPLACE TABLE c AS SELECT sum(x) AS x FROM b",
        ]
        for i in range(1, len(statements) + 1):
            con.execute("DROP TABLE IF EXISTS a; DROP TABLE IF EXISTS b; DROP TABLE IF EXISTS c")
            run_stage(con, statements[:i], {"c": ("a", "b")})
            seen.append(_tables(con))
        assert con.execute("SELECT x FROM c").fetchall() == [(3,)]
    assert seen == [{"a"}, {"a", "b"}, {"a", "b"}, {"c"}]


def test_only_a_create_or_replace_table_makes_a_table() -> None:
    assert made_by("CREATE OR REPLACE TABLE sla_clocks AS SELECT 1") == "sla_clocks"
    assert made_by("INSERT INTO sla_clocks SELECT 1") is None
    assert made_by("CREATE OR REPLACE VIEW routed AS SELECT 1") is None
