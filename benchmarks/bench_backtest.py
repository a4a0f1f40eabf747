"""``planops backtest`` (two revisions of the plan) against ``planops report`` on the same export: whole processes.

    python benchmarks/bench_backtest.py OUT_DIR [--plan plan] [--pairs 3] [--planops planops]

OUT_DIR holds ``tickets.parquet`` and ``events.parquet`` (``python benchmarks/bench_actuals.py prepare …``
makes them, e.g. 1,000,000 tickets). The plan is copied into a fresh git repository (one commit on
``main``) and changed in the working tree — the ``how-to`` rule's priority from low to normal, so routing
and SLA targets differ between the two revisions — then each pair runs, each a fresh process, in an order
that alternates:

* report: ``planops report OUT/tickets.parquet OUT/events.parquet --format json`` (the working tree's plan);
* backtest: ``planops backtest OUT/tickets.parquet OUT/events.parquet --format json``: the merge base with
  main (the commit) against the working tree.

It prints each pair's wall and CPU seconds, the medians, the ratio backtest/report (the bound is 4) and the
peak resident memory of each kind of process (the child's ru_maxrss). CPU time (user + system) is printed
too: on a machine shared with other work, it varies less than wall time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHANGE = (
    "set: {priority: low, queue: frontline, workflow: general-inquiry}",
    "set: {priority: normal, queue: frontline, workflow: general-inquiry}",
)
"""The change the head revision makes (in routing.yaml): how-to questions become normal priority."""


def repository(plan: Path, into: Path) -> Path:
    """A git repository holding a copy of ``plan`` committed on main, changed by CHANGE in the working tree."""
    shutil.copytree(plan, into / "plan")
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "b@example.com"}
    env.update(GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="b@example.com")
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "plan"]):
        subprocess.run(["git", *command], cwd=into, env=env, check=True)
    routing = into / "plan" / "routing.yaml"
    text = routing.read_text(encoding="utf-8")
    if CHANGE[0] not in text:
        print("the plan has no how-to rule to change: both revisions are the same plan", file=sys.stderr)
    routing.write_text(text.replace(CHANGE[0], CHANGE[1]), encoding="utf-8")
    return into


def _run(command: list[str], cwd: Path) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds, peak resident kilobytes and exit code of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0 and process.stderr is not None:
        print(process.stderr.read().decode(errors="replace")[-2000:], file=sys.stderr)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def run(out: Path, plan: Path, pairs: int, planops: str) -> None:
    files = [str((out / "tickets.parquet").resolve()), str((out / "events.parquet").resolve())]
    kinds = {
        "report": [planops, "report", *files, "--format", "json"],
        "backtest": [planops, "backtest", *files, "--format", "json"],
    }
    walls: dict[str, list[float]] = {k: [] for k in kinds}
    cpus: dict[str, list[float]] = {k: [] for k in kinds}
    peaks: dict[str, int] = dict.fromkeys(kinds, 0)
    with tempfile.TemporaryDirectory(prefix="planops-bench-backtest-") as folder:
        repo = repository(plan, Path(folder))
        for pair in range(pairs):
            for kind in list(kinds) if pair % 2 == 0 else list(reversed(kinds)):
                wall, cpu, peak, code = _run(kinds[kind], repo)
                if code != 0:
                    raise SystemExit(f"{kind} exited {code}")
                walls[kind].append(wall)
                cpus[kind].append(cpu)
                peaks[kind] = max(peaks[kind], peak)
            shown = ", ".join(f"{k} {walls[k][-1]:.2f} s (cpu {cpus[k][-1]:.2f} s)" for k in kinds)
            print(f"pair {pair + 1:2}: {shown}", flush=True)
    wall = {k: statistics.median(v) for k, v in walls.items()}
    cpu = {k: statistics.median(v) for k, v in cpus.items()}
    for kind in kinds:
        peak = peaks[kind] / 1024
        print(f"{kind}: median {wall[kind]:.2f} s wall, {cpu[kind]:.2f} s cpu of {pairs}, peak {peak:.0f} MB")
    ratios = [b / r for b, r in zip(walls["backtest"], walls["report"], strict=True)]
    paired = statistics.median(ratios)
    print(
        f"backtest / report: {wall['backtest'] / wall['report']:.2f} wall (median of the pairs' ratios {paired:.2f}), "
        f"{cpu['backtest'] / cpu['report']:.2f} cpu; bound 4"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--plan", type=Path, default=Path("plan"))
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--planops", default="planops")
    args = parser.parse_args()
    run(args.out, args.plan.resolve(), args.pairs, args.planops)


if __name__ == "__main__":
    main()
