"""``planops report`` on a large export against one hand-written DuckDB query in calendar time: whole processes.

    python benchmarks/bench_actuals.py prepare BASE_DIR OUT_DIR --tickets 1000000
    python benchmarks/bench_actuals.py check OUT_DIR [--plan plan] [--planops planops]
    python benchmarks/bench_actuals.py run OUT_DIR [--plan plan] [--pairs 11] [--planops planops] [--csv]

``prepare`` scales a generated sample export (``python -m planops.actuals.sample … --format parquet`` into
BASE_DIR, e.g. a year at 280 tickets a day, ~100k tickets) to ``--tickets`` by copies of it shifted by whole
weeks (52 weeks a copy, so arrivals keep their hour of week and the calendars their holidays nearly) with ids
offset per copy, and writes ``tickets.parquet``/``events.parquet`` and the same as CSV into OUT_DIR.

``check`` proves that the baseline computes the report's measures: it runs the report with a copy of the plan
whose channels and SLA policies name no calendar (so every duration and due time is calendar time) and the
baseline on OUT_DIR, and compares every KPI of every period and the met, breached and pending verdicts of every
SLA policy, priority and target.

``run`` times, in pairs whose order alternates, each a fresh process:

* report: ``planops report OUT/tickets.parquet OUT/events.parquet --format json`` — every KPI of the plan in
  business hours of each ticket's calendar, routing and SLA policies from the plan's rules;
* baseline: one hand-written DuckDB query over the same files computing the same measures per quarter in
  calendar time: the bundled plan's routing rules, SLA policies and targets, channel segments and budget written
  out by hand; every KPI (first response p90, resolution median, CSAT, FCR, NPS, SLA attainment, reopen rate,
  cost per ticket) and SLA attainment per policy, priority and target, with the first-response, resolution and
  next-response clocks and their pauses from statuses — the report's work without the plan's calendars;
* subset: the baseline of earlier figures (eight measures, no routing, pauses or next-response clocks, one
  4-hour first-response target), kept so that figures stay comparable;
* csv: the report on the CSV files (with ``--csv``).

It prints each pair, the medians and the ratios report/baseline, report/subset and csv/parquet, and the peak
resident memory of each kind of process (the child's ru_maxrss).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BASELINE = """
import duckdb, sys
out = sys.argv[1]
con = duckdb.connect()
con.execute("SET TimeZone = 'UTC'")
rows = con.execute(f'''
WITH t AS (
  SELECT id::VARCHAR AS id, created_at::TIMESTAMPTZ AS created_at, epoch_us(created_at::TIMESTAMPTZ) AS created_us,
    channel, category, priority AS given_priority, region, amount, "customer.churn_risk" AS churn,
    CASE WHEN "customer.annual_value" >= 50000 THEN 'enterprise' WHEN "customer.annual_value" >= 5000 THEN 'business'
      ELSE 'standard' END AS segment
  FROM read_parquet('{out}/tickets.parquet')),
routed AS (  -- the bundled plan's routing rules, SLA policies (by order) and channel segments, written out
  SELECT *, strftime(created_at, '%Y') || '-Q' || quarter(created_at) AS period,
    coalesce(given_priority, CASE
      WHEN segment = 'enterprise' AND category = 'outage' THEN 'urgent' WHEN category = 'outage' THEN 'high'
      WHEN category = 'billing' AND amount > 500 THEN 'high' WHEN category = 'billing' THEN 'normal'
      WHEN category = 'cancellation' THEN 'high' WHEN category = 'complaint' THEN 'normal'
      WHEN segment = 'enterprise' AND category = 'technical' THEN 'high' WHEN category = 'technical' THEN 'normal'
      WHEN churn THEN 'normal' WHEN category = 'how-to' THEN 'low' ELSE 'normal' END) AS priority,
    CASE WHEN channel = 'chat' THEN 'live-chat'
      WHEN segment = 'enterprise' AND category = 'outage' THEN 'enterprise-outage'
      WHEN segment = 'enterprise' AND region = 'americas' THEN 'enterprise-americas'
      WHEN segment = 'enterprise' THEN 'enterprise'
      WHEN segment = 'business' AND region = 'americas' THEN 'business-americas'
      WHEN segment = 'business' THEN 'business' ELSE 'standard' END AS sla_policy,
    coalesce((channel = 'chat' AND segment NOT IN ('enterprise', 'business'))
      OR (channel IN ('phone-emea', 'phone-americas') AND segment <> 'enterprise'), false) AS refused
  FROM t),
goals(sla_policy, priority, fr, nr, res) AS (VALUES  -- minutes: first response, next response, resolution
  ('enterprise-outage', 'urgent', 15, 30, 240), ('enterprise-outage', 'high', 30, 60, 480),
  ('enterprise-outage', 'normal', 60, 120, 1440), ('enterprise-outage', 'low', 120, 240, 2880),
  ('live-chat', 'urgent', 2, 5, 240), ('live-chat', 'high', 3, 5, 480),
  ('live-chat', 'normal', 5, 10, 600), ('live-chat', 'low', 5, 10, 1200),
  ('enterprise-americas', 'urgent', 30, 60, 480), ('enterprise-americas', 'high', 60, 120, 960),
  ('enterprise-americas', 'normal', 120, 240, 1800), ('enterprise-americas', 'low', 120, 480, 3000),
  ('enterprise', 'urgent', 30, 60, 480), ('enterprise', 'high', 60, 120, 960),
  ('enterprise', 'normal', 120, 240, 1800), ('enterprise', 'low', 120, 480, 3000),
  ('business-americas', 'urgent', 60, 120, 600), ('business-americas', 'high', 120, 240, 1200),
  ('business-americas', 'normal', 240, 480, 2400), ('business-americas', 'low', 480, 600, 3600),
  ('business', 'urgent', 60, 120, 600), ('business', 'high', 120, 240, 1200),
  ('business', 'normal', 240, 480, 2400), ('business', 'low', 480, 600, 3600),
  ('standard', 'urgent', 120, 240, 1200), ('standard', 'high', 240, 480, 1800),
  ('standard', 'normal', 600, 600, 3000), ('standard', 'low', 1200, 1200, 6000)),
targets AS (
  SELECT sla_policy, priority, target, minutes * 60000000::BIGINT AS target_us
  FROM goals UNPIVOT (minutes FOR target IN (fr AS 'first_response', nr AS 'next_response', res AS 'resolution'))),
e AS (
  SELECT ticket_id::VARCHAR AS tid, epoch_us("at"::TIMESTAMPTZ) AS us, event, value, file_row_number AS row
  FROM read_parquet('{out}/events.parquet', file_row_number = true)),
per AS (
  SELECT tid,
    min(us) FILTER (event = 'respond') AS responded, min(us) FILTER (event = 'solve') AS first_solved,
    max(us) FILTER (event = 'solve') AS last_solved, min(us) FILTER (event IN ('solve', 'close')) AS done,
    count(*) FILTER (event = 'respond') AS replies, count(*) FILTER (event = 'reopen') AS reopens,
    avg(TRY_CAST(value AS DOUBLE)) FILTER (event = 'csat' AND TRY_CAST(value AS DOUBLE) BETWEEN 1 AND 5) AS csat,
    avg(TRY_CAST(value AS DOUBLE)) FILTER (event = 'nps' AND TRY_CAST(value AS DOUBLE) BETWEEN 0 AND 10) AS nps
  FROM e WHERE event IN ('respond', 'solve', 'close', 'reopen', 'csat', 'nps') GROUP BY tid),
until AS (SELECT max(us) AS u FROM e),
statuses AS (  -- waiting on the customer or a third party pauses every target until another status
  SELECT tid, us, row, value IN ('pending', 'hold') AS paused FROM e WHERE event = 'status' AND value IS NOT NULL),
changes AS (
  SELECT tid, us, row, paused FROM (
    SELECT *, lag(paused, 1, false) OVER (PARTITION BY tid ORDER BY us, row) AS before FROM statuses)
  WHERE paused <> before),
pauses AS (
  SELECT tid, a, b FROM (
    SELECT tid, us AS a, lead(us) OVER (PARTITION BY tid ORDER BY us, row) AS b, paused FROM changes)
  WHERE paused),
talk AS (
  SELECT tid, event, us, lag(event) OVER w AS before,
    sum(CASE WHEN event = 'respond' THEN 1 ELSE 0 END) OVER (w ROWS UNBOUNDED PRECEDING) AS answered
  FROM e WHERE event IN ('respond', 'customer_reply') WINDOW w AS (PARTITION BY tid ORDER BY us, row, event)),
replies AS (  -- a customer message opens a next-response clock unless one runs; the next reply stops it
  SELECT o.tid, o.answered AS k, o.us AS start, a.us AS stop
  FROM talk o LEFT JOIN talk a ON a.tid = o.tid AND a.event = 'respond' AND a.answered = o.answered + 1
  WHERE o.event = 'customer_reply' AND (o.before IS NULL OR o.before = 'respond')),
clocks AS (
  SELECT c.*, g.target_us FROM (
    SELECT r.id, r.period, r.sla_policy, r.priority, 'first_response' AS target, 0 AS k, r.created_us AS start,
      p.responded AS stop FROM routed r LEFT JOIN per p ON p.tid = r.id WHERE NOT r.refused
    UNION ALL SELECT r.id, r.period, r.sla_policy, r.priority, 'resolution', 0, r.created_us, p.done
      FROM routed r LEFT JOIN per p ON p.tid = r.id WHERE NOT r.refused
    UNION ALL SELECT r.id, r.period, r.sla_policy, r.priority, 'next_response', x.k, x.start, x.stop
      FROM replies x JOIN routed r ON r.id = x.tid WHERE NOT r.refused) c
  JOIN targets g USING (sla_policy, priority, target)),
overlapping AS (  -- each pause within a clock's run, in the order they began
  SELECT c.id, c.target, c.k, c.start, c.target_us, greatest(p.a, c.start) AS a,
    least(coalesce(p.b, u), coalesce(c.stop, u), u) - greatest(p.a, c.start) AS inc
  FROM clocks c CROSS JOIN until JOIN pauses p
    ON p.tid = c.id AND (p.b IS NULL OR p.b > c.start) AND p.a < least(coalesce(c.stop, u), u)),
counted AS (  -- a pause counts if it began before the due time so far, and every pause before it counted
  SELECT id, target, k, inc, min(ok) OVER (PARTITION BY id, target, k ORDER BY a ROWS UNBOUNDED PRECEDING) AS counts
  FROM (SELECT *, CASE WHEN a < start + target_us + coalesce(sum(inc) OVER (PARTITION BY id, target, k ORDER BY a
    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) THEN 1 ELSE 0 END AS ok FROM overlapping)),
judged AS (
  SELECT c.*, CASE WHEN c.stop IS NOT NULL THEN CASE WHEN c.stop <= d.due THEN 'met' ELSE 'breached' END
    WHEN u > d.due THEN 'breached' ELSE 'pending' END AS outcome
  FROM clocks c CROSS JOIN until JOIN (
    SELECT c.id, c.target, c.k, c.start + c.target_us + coalesce(p.paused, 0) AS due FROM clocks c
    LEFT JOIN (SELECT id, target, k, sum(inc) AS paused FROM counted WHERE counts = 1 GROUP BY ALL) p
      USING (id, target, k)) d USING (id, target, k)),
verdicts AS (  -- a ticket's next-response clocks as one: breached if any was, else the last one's
  SELECT period, sla_policy, priority, target, outcome FROM judged WHERE target <> 'next_response'
  UNION ALL SELECT period, sla_policy, priority, 'next_response',
    CASE WHEN bool_or(outcome = 'breached') THEN 'breached' ELSE arg_max(outcome, k) END
  FROM judged WHERE target = 'next_response' GROUP BY id, period, sla_policy, priority),
kpis AS (
  SELECT r.period, count(*) AS tickets,
    quantile_cont((p.responded - r.created_us) / 60e6, 0.9) AS first_response_p90,
    quantile_cont((p.last_solved - r.created_us) / 60e6, 0.5) AS resolution_median, avg(p.csat) AS csat,
    100.0 * count(*) FILTER (p.first_solved IS NOT NULL AND p.replies = 1 AND p.reopens = 0)
      / nullif(count(*) FILTER (p.first_solved IS NOT NULL), 0) AS fcr,
    100.0 * (count(*) FILTER (p.nps >= 9) - count(*) FILTER (p.nps <= 6)) / nullif(count(p.nps), 0) AS nps,
    100.0 * count(*) FILTER (p.reopens > 0 AND p.first_solved IS NOT NULL)
      / nullif(count(*) FILTER (p.first_solved IS NOT NULL), 0) AS reopen_rate,
    10980 * 3.0 / count(*) AS cost_per_ticket
  FROM routed r LEFT JOIN per p ON p.tid = r.id GROUP BY r.period),
attained AS (
  SELECT period, sla_policy, priority, target, count(*) AS applied, count(*) FILTER (outcome = 'met') AS met,
    count(*) FILTER (outcome = 'breached') AS breached, count(*) FILTER (outcome = 'pending') AS pending
  FROM verdicts GROUP BY GROUPING SETS ((period), (period, sla_policy, priority, target)))
SELECT a.period, a.sla_policy, a.priority, a.target, a.applied, a.met, a.breached, a.pending,
  100.0 * a.met / nullif(a.met + a.breached, 0) AS attainment, k.* EXCLUDE (period)
FROM attained a LEFT JOIN kpis k ON k.period = a.period AND a.sla_policy IS NULL
ORDER BY ALL''').fetchall()
if len(sys.argv) > 2:
    import json
    print(json.dumps([list(r) for r in rows], default=str))
"""
"""The same measures as the report of the bundled plan, in calendar time: its routing rules, SLA policies and
targets, channel segments and Budget total written out by hand (``check`` proves the numbers equal).
"""

SUBSET = """
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
"""The baseline of earlier figures: eight of the measures, without routing, pauses or next-response clocks,
one 4-hour first-response target for the SLA (kept so that figures stay comparable).
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
        "subset": [sys.executable, "-c", SUBSET, str(out)],
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
    print(f"report / subset: {medians['report'] / medians['subset']:.2f}")
    if csv:
        print(f"csv / parquet: {medians['csv'] / medians['report']:.2f}")


KPI_COLUMNS = (
    "first-response-time",
    "resolution-time",
    "csat",
    "first-contact-resolution",
    "nps",
    "reopen-rate",
    "cost-per-ticket",
)
"""The baseline's KPI columns after ``tickets``, by the bundled plan's KPI names (SLA attainment apart)."""


def check(out: Path, plan: Path, planops: str) -> None:
    """The report on a calendar-free copy of ``plan`` against the baseline: every number equal, or exit 1."""
    import json
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "plan"
        shutil.copytree(plan, copy)
        for name in ("sla.yaml", "channels.yaml"):
            text = (copy / name).read_text(encoding="utf-8").splitlines(keepends=True)
            (copy / name).write_text("".join(line for line in text if not _names_calendar(line)), encoding="utf-8")
        command = [planops, "report", "--plan", str(copy), "--format", "json", f"{out}/tickets.parquet"]
        report = json.loads(subprocess.run([*command, f"{out}/events.parquet"], capture_output=True, check=True).stdout)
    found = json.loads(
        subprocess.run([sys.executable, "-c", BASELINE, str(out), "json"], capture_output=True, check=True).stdout
    )
    kpis: dict[str, dict[str, Any]] = {}
    verdicts: dict[tuple[str, ...], dict[str, int]] = {}
    for period, policy, priority, target, _, met, breached, pending, attained, *values in found:
        if policy is None:
            kpis[period] = {
                "tickets": values[0],
                "sla-attainment": attained,
                **dict(zip(KPI_COLUMNS, values[1:], strict=True)),
            }
        else:
            verdicts[period, policy, priority, target] = {"met": met, "breached": breached, "pending": pending}
    differ = [row for row in report if not _same(row, kpis, verdicts)]
    left = len(verdicts) - sum(1 for row in report if row["by"])
    for row in differ[:10]:
        print("differs:", json.dumps(row))
    print(f"{len(report)} rows of the report compared: {len(differ)} differ, {max(left, 0)} of the baseline unmatched")
    if differ or left:
        raise SystemExit(1)


def _names_calendar(line: str) -> bool:
    return line.lstrip().startswith("calendar:")


def _same(row: dict[str, Any], kpis: dict[str, dict[str, Any]], verdicts: dict[tuple[str, ...], Any]) -> bool:
    """Whether a row of the report equals the baseline's number (its value to the report's 4 decimals)."""
    if row["by"]:
        key = (row["period"], row["by"]["sla_policy"], row["by"]["priority"], row["by"]["target"])
        return bool(verdicts.get(key) == row["verdicts"])
    ours = kpis.get(row["period"], {})
    value = ours.get(row["kpi"])
    if value is None or row["value"] is None:
        return bool(value is None and row["value"] is None and ours.get("tickets") == row["tickets"])
    return bool(abs(round(value, 4) - row["value"]) < 1e-3 and ours.get("tickets") == row["tickets"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("prepare")
    p.add_argument("base", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--tickets", type=int, default=1_000_000)
    c = commands.add_parser("check")
    c.add_argument("out", type=Path)
    c.add_argument("--plan", type=Path, default=Path("plan"))
    c.add_argument("--planops", default="planops")
    r = commands.add_parser("run")
    r.add_argument("out", type=Path)
    r.add_argument("--plan", default="plan")
    r.add_argument("--pairs", type=int, default=11)
    r.add_argument("--planops", default="planops")
    r.add_argument("--csv", action="store_true")
    args = parser.parse_args()
    if args.command == "prepare":
        prepare(args.base, args.out, args.tickets)
    elif args.command == "check":
        check(args.out, args.plan, args.planops)
    else:
        run(args.out, args.plan, args.pairs, args.planops, args.csv)


if __name__ == "__main__":
    main()
