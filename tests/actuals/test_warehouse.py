"""The report as SQL for a warehouse: run by a real PostgreSQL server and by DuckDB on the bundled sample, it
gives what ``planops report`` gives; BigQuery's and Snowflake's scripts parse in their dialects."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import psycopg
import pytest
import sqlglot
from sqlglot import exp

from planops.actuals import dialects
from planops.actuals.dialects import DUCKDB_ONLY, render
from planops.actuals.measures import PERIODS
from planops.actuals.reader import read_export
from planops.actuals.warehouse import WarehouseError, script, statements, ticket_columns
from planops.cli import main
from planops.pipeline import check_plan
from planops.plan import ValidPlan

from .conftest import MISSING, Postgres, server_binaries

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "acme-2026-Q3"
FIRST, LAST = date(2026, 7, 1), date(2026, 9, 30)
BY = ("channel",)


@pytest.fixture(scope="module")
def plan() -> ValidPlan:
    checked = check_plan(REPO / "plan")
    assert isinstance(checked.plan, ValidPlan)
    return checked.plan


@pytest.fixture(scope="module")
def canonical(plan: ValidPlan) -> duckdb.DuckDBPyConnection:
    """The sample read by the reader, with every column the script reads (NULL where the sample has none)."""
    con = read_export(SAMPLE / "tickets.csv", SAMPLE / "events.csv").connection
    have = {str(r[0]) for r in con.execute("DESCRIBE tickets").fetchall()}
    listed = ", ".join(f'"{c}"' if c in have else f'CAST(NULL AS VARCHAR) AS "{c}"' for c in ticket_columns(plan))
    con.execute(f"CREATE OR REPLACE TABLE tickets AS SELECT {listed} FROM tickets")
    return con


def reported(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    """What ``planops report`` answers on the sample, as JSON rows."""
    export = [str(SAMPLE / "tickets.csv"), str(SAMPLE / "events.csv")]
    args = ["--by", ",".join(BY), "--from", str(FIRST), "--to", str(LAST), "--format", "json"]
    assert main(["report", *export, "--plan", str(REPO / "plan"), *args]) == 0
    rows: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    return rows


def as_report(row: dict[str, Any]) -> dict[str, Any]:
    """A script's row in the shape of a report row (value left unrounded): a KPI's, or SLA attainment's for
    one policy, priority and target."""
    target = {k: row[f"target_{k}"] for k in ("max", "min") if row[f"target_{k}"] is not None}
    value = None if row["value"] is None else float(row["value"])
    kept = ("kpi", "period", "unit", "met", "tickets")
    if "sla_policy" not in row:
        return {**{k: row[k] for k in kept}, "by": {d: row[d] for d in BY}, "value": value, "target": target}
    by = {k: row[k] for k in ("sla_policy", "priority", "target")}
    verdicts = {"met": row["met_count"], "breached": row["breached"], "pending": row["pending"]}
    return {**{k: row[k] for k in kept}, "by": by, "value": value, "target": target, "verdicts": verdicts}


def in_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The KPI rows as given, then the SLA rows by period, policy, priority and target (the script's order)."""
    sla = sorted((r for r in rows if "verdicts" in r), key=lambda r: (r["period"], *r["by"].values()))
    return [r for r in rows if "verdicts" not in r] + sla


def run(execute: Any, text: str, dialect: str) -> list[dict[str, Any]]:
    """Every statement of the script in order; the rows of its KPI queries."""
    rows = []
    for statement in sqlglot.transpile(text, read=dialect, write=dialect):
        cursor = execute(statement)
        if statement.lstrip().upper().startswith("SELECT"):
            names = [d[0] for d in cursor.description]
            rows += [as_report(dict(zip(names, r, strict=True))) for r in cursor.fetchall()]
    return rows


def same_rows(found: list[dict[str, Any]], expected: list[dict[str, Any]], tolerance: float) -> None:
    assert len(found) == len(expected) > 0
    for got, want in zip(found, expected, strict=True):
        assert {k: v for k, v in got.items() if k != "value"} == {k: v for k, v in want.items() if k != "value"}
        if want["value"] is None:
            assert got["value"] is None
        else:
            assert math.isclose(got["value"], want["value"], rel_tol=1e-6, abs_tol=tolerance), (got, want)


@pytest.fixture(scope="module")
def duckdb_rows(plan: ValidPlan, canonical: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The DuckDB script run by DuckDB on the sample (it creates its tables beside the canonical ones)."""
    return run(canonical.execute, script(plan, FIRST, LAST, by=BY), "duckdb")


def test_the_duckdb_script_run_by_duckdb_gives_the_reports_rows(
    duckdb_rows: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    expected = in_order(reported(capsys))
    rounded = [{**r, "value": None if r["value"] is None else round(r["value"], 4)} for r in duckdb_rows]
    assert rounded == expected
    assert sum("verdicts" in r for r in expected) > 20
    assert {r["kpi"] for r in expected} >= {"first-response-time", "sla-attainment", "csat", "cost-per-ticket"}


def load(pg: Postgres, canonical: duckdb.DuckDBPyConnection, plan: ValidPlan, db: psycopg.Connection[Any]) -> None:
    """The canonical tables of the sample into PostgreSQL, with COPY."""
    columns = ticket_columns(plan)
    kinds = ", ".join(f'"{c}" {"timestamptz" if c == "created_at" else "text"}' for c in columns)
    db.execute("DROP TABLE IF EXISTS tickets, events")
    db.execute(f"CREATE TABLE tickets ({kinds})")
    db.execute('CREATE TABLE events (ticket_id text, "at" timestamptz, event text, value text)')
    with db.cursor().copy("COPY tickets FROM STDIN") as copy:
        for row in canonical.execute("SELECT * FROM tickets").fetchall():
            copy.write_row(row)
    with db.cursor().copy("COPY events FROM STDIN") as copy:
        for row in canonical.execute('SELECT ticket_id, "at", event, value FROM events').fetchall():
            copy.write_row(row)


def test_the_postgres_script_on_a_real_server_gives_duckdbs_answers(
    postgres: Postgres,
    plan: ValidPlan,
    canonical: duckdb.DuckDBPyConnection,
    duckdb_rows: list[dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    with psycopg.connect(postgres.conninfo(), autocommit=True) as db:
        load(postgres, canonical, plan, db)
        found = run(db.execute, script(plan, FIRST, LAST, dialect="postgres", by=BY), "postgres")
        (count,) = db.execute("SELECT count(*) FROM facts").fetchone() or (0,)
    assert count == 3211
    same_rows(found, duckdb_rows, 0.0)  # unrounded: within 1e-6 relative
    same_rows(found, in_order(reported(capsys)), 0.5e-4)  # the report rounds to 4 places


# Text the rewrites read (TRY_CAST), instants (epoch_us) and the periods' parts, in PostgreSQL and in DuckDB.
PROBES = [
    ("' 4 '", "2026-12-31 23:59:59.999999+00"),
    ("'4.5'", "2027-01-01 00:00:00+00"),
    ("'-1e3'", "2024-12-30 12:00:00+00"),
    ("'good'", "2026-03-29 01:30:00.000001+00"),
    ("''", "1999-01-01 00:00:00+00"),
    ("'12.5'", "2026-07-01 00:00:00+02"),
]


def test_the_rewritten_functions_answer_as_duckdbs(postgres: Postgres) -> None:
    rows = ", ".join(f"({text}, TIMESTAMPTZ '{at}')" for text, at in PROBES)
    query = (
        "SELECT TRY_CAST(v AS DOUBLE) AS d, TRY_CAST(v AS BIGINT) AS i, epoch_us(t) AS us, "
        "CAST(extract(isoyear FROM t AT TIME ZONE 'UTC') AS VARCHAR) || '-W' || "
        "lpad(CAST(weekofyear(t AT TIME ZONE 'UTC') AS VARCHAR), 2, '0') AS week, "
        "CAST(extract(quarter FROM t AT TIME ZONE 'UTC') AS VARCHAR) AS q, "
        f"{PERIODS['month'].replace('created_at', 't')} AS month "
        f"FROM (VALUES {rows}) AS p(v, t)"
    )
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    expected = con.execute(query).fetchall()
    (printed,) = render([query], {}, "postgres").rstrip(";").split(";\n\n")
    with psycopg.connect(postgres.conninfo(), autocommit=True) as db:
        found = db.execute(printed).fetchall()
    assert [tuple(r) for r in found] == expected
    assert expected[0] == (4.0, 4, 1798761599999999, "2026-W53", "4", "2026-12")


@pytest.mark.parametrize("dialect", ["postgres", "bigquery", "snowflake"])
def test_other_dialects_parse_and_hold_no_duckdb_only_construct(plan: ValidPlan, dialect: str) -> None:
    text = script(plan, FIRST, LAST, dialect=dialect, period="week", by=("channel", "priority"))
    trees = sqlglot.parse(text, read=dialect)
    made = sum(s.sql.startswith("CREATE") for s in statements(plan, FIRST, LAST))
    assert len(trees) == len(statements(plan, FIRST, LAST)) + (made if dialect == "postgres" else 0)
    upper = text.upper()
    native = {"TRY_CAST"} if dialect == "snowflake" else set()  # Snowflake's own TRY_CAST, of text
    assert [word for word in DUCKDB_ONLY if word in upper and word not in native] == []
    unknown = {f.name.upper() for tree in trees if tree for f in tree.find_all(exp.Anonymous)}
    assert unknown == set()


def test_snowflake_reads_names_as_a_load_without_quotes_made_them(plan: ValidPlan) -> None:
    text = script(plan, FIRST, LAST, dialect="snowflake")
    assert '"TICKETS"."CREATED_AT" AS "CREATED_AT"' in text and '"TICKETS"."customer.annual_value"' in text
    assert '"id"' not in text and 'DATE_PART(EPOCH_MICROSECOND, "RANKED_EVENTS"."AT")' in text


def test_a_condition_outside_the_sql_subset_is_an_error(plan: ValidPlan) -> None:
    assert plan.routing is not None
    rules = list(plan.routing.rules)
    odd = rules[0].model_copy(update={"when": "ticket.tags.exists(t, t == 'vip')"})
    changed = plan.routing.model_copy(update={"rules": (odd, *rules[1:])})
    entries = tuple(e if e.obj is not plan.routing else type(e)(changed, e.doc) for e in plan.entries)
    other = ValidPlan(plan.root, entries, plan.files, plan.broken)
    with pytest.raises(WarehouseError) as raised:
        statements(other, FIRST, LAST)
    assert str(raised.value) == (
        "a condition of the plan is beyond what planops routes in SQL (see planops.actuals.rulesql)"
    )


@pytest.mark.parametrize(
    ("rewrite", "marker", "count"),
    [
        (dialects._range_joins, "< c.until_us", -1),  # every dialect but DuckDB: one per ASOF join
        (dialects._percentiles_bigquery, ") OVER (PARTITION BY", 2),  # BigQuery
    ],
)
def test_a_rewrite_run_by_duckdb_gives_the_same_rows(
    plan: ValidPlan,
    canonical: duckdb.DuckDBPyConnection,
    duckdb_rows: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    rewrite: dialects.Rewrite,
    marker: str,
    count: int,
) -> None:
    """DuckDB runs both forms: the rewritten script answers as the one the local report runs."""
    plain = script(plan, FIRST, LAST, by=BY)
    monkeypatch.setitem(dialects.REWRITES, "duckdb", (rewrite,))
    text = script(plan, FIRST, LAST, by=BY)
    expected = plain.count(">= c.opens_us") if count < 0 else count  # the ASOF lookups of an instant
    assert expected > 0 and text.count(marker) - plain.count(marker) == expected  # each lookup, each percentile
    same_rows(run(canonical.execute, text, "duckdb"), duckdb_rows, 0.0)


def test_without_the_server_binaries_the_fixture_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from . import conftest

    assert server_binaries() is not None
    monkeypatch.setattr(conftest.shutil, "which", lambda name: None)
    monkeypatch.setattr(conftest.glob, "glob", lambda pattern: [])
    assert server_binaries() is None
    assert MISSING.endswith("install Debian's postgresql package")
