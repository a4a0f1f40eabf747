"""Two installs of planops, each validating its own generated plan, as users run them: whole processes.

    python benchmarks/bench_compare.py BASE_PLANOPS BASE_PLAN HEAD_PLANOPS HEAD_PLAN [--pairs 11] [--bound 1.10]

For a change that must keep ``planops validate`` within some factor of its time
before (an issue's "stays within 10%"): install the revision before the change
in its own environment, generate the benchmark plan with each revision's
``benchmarks/generate_plan.py`` (a plan the older one reads), and give both
console scripts. Each pair runs both, in a fresh process each, the order
alternating; prints each pair, then the median of the ratios head/base of
wall-clock time and of CPU time (user + system of the child, which other work
on a busy machine disturbs less), against the bound.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import time


def _run(command: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_planops")
    parser.add_argument("base_plan")
    parser.add_argument("head_planops")
    parser.add_argument("head_plan")
    parser.add_argument("--pairs", type=int, default=11)
    parser.add_argument("--bound", type=float, default=1.10)
    args = parser.parse_args()
    base = [args.base_planops, "validate", "--plan", args.base_plan]
    head = [args.head_planops, "validate", "--plan", args.head_plan]
    _run(base), _run(head)  # warm the file cache and the parser cache
    walls, cpus = [], []
    for pair in range(args.pairs):
        order = [(base, "base"), (head, "head")] if pair % 2 == 0 else [(head, "head"), (base, "base")]
        timed = {name: _run(command) for command, name in order}
        walls.append(timed["head"][0] / timed["base"][0])
        cpus.append(timed["head"][1] / timed["base"][1])
        print(
            f"pair {pair + 1:2}: base {timed['base'][0]:.3f} s, head {timed['head'][0]:.3f} s "
            f"(cpu ratio {cpus[-1]:.3f})"
        )
    for label, ratios in (("wall", walls), ("cpu", cpus)):
        median = statistics.median(ratios)
        verdict = "within" if median <= args.bound else "OVER"
        print(
            f"{label}: median head/base {median:.3f} of {len(ratios)} pairs ({verdict} {args.bound}), "
            f"spread {min(ratios):.3f}–{max(ratios):.3f}"
        )


if __name__ == "__main__":
    main()
