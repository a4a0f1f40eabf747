"""Business time in DuckDB against the engine's clock, on the same instants, with a check that they agree.

    python benchmarks/bench_businesstime.py [--pairs 100000] [--lookups 5000000]

* table: build one calendar's interval table (7 ranges a day, Berlin holidays, 40 years: ~100k intervals).
* open time / due times: ``--pairs`` random instants in 2026 over Berlin office hours, SQL
  (``open_times``/``due_times``, Python lists in and out included) against ``BusinessCalendar.open_time``
  and ``add_utc``; the answers must be equal.
* lookups: ``--lookups`` instants already in a DuckDB table, the open time before each (one ASOF join).

Times are wall-clock seconds, best of three.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import duckdb

from planops.actuals.businesstime import calendar_table, due_times, lookup_sql, micros, open_times
from planops.engine import BusinessCalendar
from planops.hours import parse_hours

RANGES = ["01:00-03:00", "04:00-06:00", "07:00-09:00", "10:00-12:00", "13:00-15:00", "16:00-18:00", "19:00-21:00"]
START = datetime(2026, 1, 1, tzinfo=UTC)
MICRO = timedelta(microseconds=1)


def best(work: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(3):
        began = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - began)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=5_000_000)
    args = parser.parse_args()
    con = duckdb.connect()
    dense = BusinessCalendar.create("Europe/Berlin", parse_hours({"mon-sun": RANGES}), "DE", "BE")
    seconds, table = best(lambda: calendar_table(con, "dense", dense, date(2020, 1, 1), date(2059, 12, 31)))
    print(f"table: {table.intervals} intervals in {seconds:.2f}s")
    office = BusinessCalendar.create("Europe/Berlin", parse_hours({"mon-fri": "09:00-17:00"}), "DE", "BE")
    calendar_table(con, "office", office, date(2025, 12, 1), date(2027, 2, 1))
    rng = random.Random(1)
    starts = [START + timedelta(seconds=rng.randrange(330 * 86400)) for _ in range(args.pairs)]
    pairs = [(a, a + timedelta(seconds=rng.randrange(10 * 86400))) for a in starts]
    sql_s, sql = best(lambda: open_times(con, "office", pairs))
    eng_s, eng = best(lambda: [office.open_time(a, b) // MICRO for a, b in pairs])
    print(f"open time, {args.pairs} pairs: SQL {sql_s:.2f}s, engine {eng_s:.2f}s, equal: {sql == eng}")
    targets = [(a, timedelta(seconds=rng.randrange(40 * 3600))) for a in starts]
    sql_s, sql = best(lambda: due_times(con, "office", targets))
    eng_s, eng = best(lambda: [office.add_utc(a, d) for a, d in targets])
    print(f"due times, {args.pairs} targets: SQL {sql_s:.2f}s, engine {eng_s:.2f}s, equal: {sql == eng}")
    con.execute(
        f"CREATE TABLE probes AS SELECT {micros(START)} + (hash(range) % {330 * 86400})::BIGINT * 1000000 AS t "
        f"FROM range({args.lookups})"
    )
    seconds, _ = best(
        lambda: con.execute(f"SELECT sum(open_us) FROM ({lookup_sql('office', 'probes', 't')})").fetchall()
    )
    print(f"lookups in SQL: {args.lookups} in {seconds:.2f}s")


if __name__ == "__main__":
    main()
