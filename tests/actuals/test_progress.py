"""A long statement's progress, told while it runs: the step first, then DuckDB's share done."""

from __future__ import annotations

import re

import duckdb

from planops.actuals.progress import watched

QUERY = "SELECT count(*) FROM range(20000000) a WHERE a.range % 7 = 3"


def test_the_step_comes_first_then_only_shares_done() -> None:
    con, told = duckdb.connect(":memory:"), []
    with watched(con, told.append, "counting"):
        found = con.execute(QUERY).fetchone()
    assert found == (2857143,)
    assert told[0] == "counting…"
    assert all(re.fullmatch(r"counting… (100|[1-9]?[0-9])%", t) for t in told[1:])


def test_without_a_listener_nothing_is_set_or_watched() -> None:
    con = duckdb.connect(":memory:")
    before = con.execute("SELECT current_setting('enable_progress_bar')").fetchone()
    with watched(con, None, "counting"):
        con.execute(QUERY).fetchone()
    assert con.execute("SELECT current_setting('enable_progress_bar')").fetchone() == before
