"""``planops report`` on a large export against one hand-written DuckDB query in calendar time: whole processes.

    python benchmarks/bench_actuals.py prepare BASE_DIR OUT_DIR --tickets 1000000
    python benchmarks/bench_actuals.py run OUT_DIR [--plan plan] [--pairs 11] [--planops planops]

``prepare`` scales a generated sample export (``python -m planops.actuals.sample … --format parquet`` into
BASE_DIR, e.g. a year at 280 tickets a day, ~100k tickets) to ``--tickets`` by copies of it shifted by whole
weeks (52 weeks a copy, so arrivals keep their hour of week and the calendars their holidays nearly) with ids
offset per copy, and writes ``tickets.parquet``/``events.parquet`` and the same as CSV into OUT_DIR.

``run`` times, in pairs whose order alternates, each a fresh process:

* report: ``planops report OUT/tickets.parquet OUT/events.parquet --format json`` — every KPI of the plan in
  business hours of each ticket's calendar, routing and SLA policies from the plan's rules;
* baseline: one hand-written DuckDB query over the same files computing the same measures per quarter in
  calendar time (first response p90, resolution median, CSAT, FCR, NPS, reopen rate, volume, first-response
  attainment against one 4-hour target) — what the numbers cost without the plan's calendars and rules;
* csv: the report on the CSV files (with ``--csv``).

It prints each pair, the medians and the ratios report/baseline and csv/parquet, and the peak resident
memory of each kind of process (the child's ru_maxrss).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASELINE = """
import duckdb, sys
out = sys.argv[1]
con = duckdb.connect()
con.execute(f'''
WITH t AS (SELECT id::VARCHAR AS id, created_at::TIMESTAMPTZ AS created_at FROM read_parquet('{out}/tickets.parquet')),
e AS (SELECT ticket_id::VARCHAR AS ticket_id, "at"::TIMESTAMPTZ AS "at", event, value
      FROM read_parquet('{out}/events.parquet')),
per AS (
  SELECT ticket_id,
    min("at") FILTER (event = 'respond') AS responded,
    min("at") FILTER (event = 'solve') AS first_solved,
    max("at") FILTER (event = 'solve') AS last_solved,
    count(*) FILTER (event = 'respond') AS replies,
    count(*) FILTER (event = 'reopen') AS reopens,
    avg(TRY_CAST(value AS DOUBLE)) FILTER (event = 'csat') AS csat,
    avg(TRY_CAST(value AS DOUBLE)) FILTER (event = 'nps') AS nps
  FROM e GROUP BY ticket_id),
f AS (
  SELECT strftime(created_at AT TIME ZONE 'UTC', '%Y') || '-Q' || quarter(created_at AT TIME ZONE 'UTC') AS period,
    epoch(responded - created_at) / 60 AS first_response, epoch(last_solved - created_at) / 60 AS resolution,
    first_solved IS NOT NULL AS solved, replies, reopens, csat, nps,
    responded IS NOT NULL AND responded <= created_at + INTERVAL 4 HOUR AS met
  FROM t LEFT JOIN per ON per.ticket_id = t.id)
SELECT period, quantile_cont(first_response, 0.9), quantile_cont(resolution, 0.5), avg(csat),
  100.0 * count(*) FILTER (solved AND replies = 1 AND reopens = 0) / nullif(count(*) FILTER (solved), 0),
  100.0 * (count(*) FILTER (nps >= 9) - count(*) FILTER (nps <= 6)) / nullif(count(nps), 0),
  100.0 * count(*) FILTER (solved AND reopens > 0) / nullif(count(*) FILTER (solved), 0),
  count(*), 100.0 * avg(met::INT)
FROM f GROUP BY period ORDER BY period''').fetchall()
"""


def prepare(base: Path, out: Path, tickets: int) -> None:
    import duckdb

    con = duckdb.connect()
    con.execute(f"CREATE TABLE t AS SELECT * FROM read_parquet('{base / 'tickets.parquet'}')")
    con.execute(f"CREATE TABLE e AS SELECT * FROM read_parquet('{base / 'events.parquet'}')")
    per_copy = con.execute("SELECT count(*) FROM t").fetchone()[0]  # type: ignore[index]
    copies = -(-tickets // per_copy)
    shift = "INTERVAL (52 * 7 * c) DAY"
    con.execute(
        "CREATE TABLE tickets AS SELECT * EXCLUDE (c) REPLACE (CAST(CAST(id AS BIGINT) + c * 10000000 AS VARCHAR) "
        f"AS id, CAST(created_at AS TIMESTAMPTZ) + {shift} AS created_at) FROM t, range({copies}) r(c) "
        f"ORDER BY c, CAST(id AS BIGINT) LIMIT {tickets}"
    )
    con.execute(
        "CREATE TABLE events AS SELECT * EXCLUDE (c) REPLACE (CAST(CAST(ticket_id AS BIGINT) + c * 10000000 "
        f'AS VARCHAR) AS ticket_id, CAST("at" AS TIMESTAMPTZ) + {shift} AS "at") FROM e, range({copies}) r(c) '
        "WHERE CAST(CAST(ticket_id AS BIGINT) + c * 10000000 AS VARCHAR) IN (SELECT id FROM tickets)"
    )
    out.mkdir(parents=True, exist_ok=True)
    con.execute("SET TimeZone = 'UTC'")
    for table in ("tickets", "events"):
        con.execute(f"COPY {table} TO '{out / table}.parquet' (FORMAT parquet)")
        con.execute(f"COPY {table} TO '{out / table}.csv' (HEADER, TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%SZ')")
    counts = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("tickets", "events")]  # type: ignore[index]
    print(f"wrote {counts[0]:,} tickets and {counts[1]:,} events ({copies} copies of {per_copy:,}) to {out}")


def _run(command: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak resident kilobytes and exit code of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0 and process.stderr is not None:
        print(process.stderr.read().decode(errors="replace")[-2000:], file=sys.stderr)
    return wall, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def run(out: Path, plan: str, pairs: int, planops: str, csv: bool) -> None:
    report = [planops, "report", "--plan", plan, "--format", "json"]
    kinds = {
        "report": [*report, f"{out}/tickets.parquet", f"{out}/events.parquet"],
        "baseline": [sys.executable, "-c", BASELINE, str(out)],
    }
    if csv:
        kinds["csv"] = [*report, f"{out}/tickets.csv", f"{out}/events.csv"]
    times: dict[str, list[float]] = {k: [] for k in kinds}
    peaks: dict[str, int] = dict.fromkeys(kinds, 0)
    for pair in range(pairs):
        order = list(kinds) if pair % 2 == 0 else list(reversed(kinds))
        for kind in order:
            wall, peak, code = _run(kinds[kind])
            if code != 0:
                raise SystemExit(f"{kind} exited {code}")
            times[kind].append(wall)
            peaks[kind] = max(peaks[kind], peak)
        print(f"pair {pair + 1:2}: " + ", ".join(f"{k} {times[k][-1]:.2f} s" for k in kinds), flush=True)
    medians = {k: statistics.median(v) for k, v in times.items()}
    for kind, median in medians.items():
        print(f"{kind}: median {median:.2f} s of {pairs}, peak memory {peaks[kind] / 1024:.0f} MB")
    print(f"report / baseline: {medians['report'] / medians['baseline']:.2f}")
    if csv:
        print(f"csv / parquet: {medians['csv'] / medians['report']:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("prepare")
    p.add_argument("base", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--tickets", type=int, default=1_000_000)
    r = commands.add_parser("run")
    r.add_argument("out", type=Path)
    r.add_argument("--plan", default="plan")
    r.add_argument("--pairs", type=int, default=11)
    r.add_argument("--planops", default="planops")
    r.add_argument("--csv", action="store_true")
    args = parser.parse_args()
    if args.command == "prepare":
        prepare(args.base, args.out, args.tickets)
    else:
        run(args.out, args.plan, args.pairs, args.planops, args.csv)


if __name__ == "__main__":
    main()
