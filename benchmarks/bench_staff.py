"""``planops staff`` on a year of tickets in 30-minute intervals and the bundled plan's 4 channels: whole processes.

    python benchmarks/bench_staff.py OUT_DIR [--plan plan] [--tickets 100000] [--runs 11] [--planops planops]

Writes OUT_DIR/tickets.csv (``id``, ``created_at``, ``channel``: a year from 2026-01-05, arrivals weighted to
weekday office hours, 70% email, 20% chat, 5% on each phone line; fixed seed), then runs
``planops staff OUT_DIR/tickets.csv --plan PLAN --format json`` ``--runs`` times, each a fresh process,
and prints each time and the median. The bound: the median under 1 s.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

CHANNELS = (("email", 0.70), ("chat", 0.20), ("phone-emea", 0.05), ("phone-americas", 0.05))


def write_tickets(path: Path, count: int) -> None:
    rng = random.Random(13)
    start = datetime(2026, 1, 5, tzinfo=UTC)
    names, weights = [n for n, _ in CHANNELS], [w for _, w in CHANNELS]
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["id", "created_at", "channel"])
        for i in range(count):
            day = rng.randrange(364)
            hour = rng.choice(range(24)) if rng.random() < 0.2 else rng.randrange(7, 17)  # UTC: Berlin office hours
            at = start + timedelta(days=day, hours=hour, seconds=rng.randrange(3600))
            out.writerow([100000 + i, at.isoformat(), rng.choices(names, weights)[0]])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--plan", default="plan")
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--planops", default="planops")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    tickets = args.out / "tickets.csv"
    write_tickets(tickets, args.tickets)
    command = [args.planops, "staff", str(tickets), "--plan", args.plan, "--format", "json"]
    times = []
    for run in range(args.runs):
        began = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, timeout=120)
        times.append(time.perf_counter() - began)
        print(f"run {run + 1}: {times[-1]:.3f} s")
    print(f"median of {args.runs}: {statistics.median(times):.3f} s ({args.tickets:,} tickets, 30-minute intervals)")


if __name__ == "__main__":
    main()
