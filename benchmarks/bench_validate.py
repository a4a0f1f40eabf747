"""planops validate vs. PyYAML's C loader on the same files, as users run them: whole processes.

    python benchmarks/bench_validate.py [PLAN_DIR] [--pairs 11] [--in-process]

Without PLAN_DIR the large plan (benchmarks/generate_plan.py) is written into a
temporary folder. Each pair runs, in a fresh process each, the console script
``planops validate --plan DIR`` of this interpreter's environment and
``python -c`` loading every ``*.y*ml`` file below DIR with ``yaml.CSafeLoader``;
the order within a pair alternates. Prints each pair, then the median of the
pairs' ratios of wall-clock time (the figure the issue bounds: at most 1.5) and
their spread, and the same for CPU time (user + system of the child process),
which other work on a busy machine disturbs less. Imports, checks and the end
of the process all count, as they do for users.

``--in-process`` adds the older diagnosis: best of five loads and checks in
this process (imports done, parse cache cleared, no garbage collection)
against the C loader's best: what the work costs without the process around it.
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from generate_plan import write_large_plan

BOUND = 1.5
C_LOAD = (
    "import yaml, pathlib; [list(yaml.load_all(p.read_bytes(), Loader=yaml.CSafeLoader))"
    " for p in sorted(pathlib.Path({root!r}).rglob('*.y*ml'))]"
)


Times = tuple[float, float]
"""Wall-clock and CPU seconds of one process."""


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _seconds(command: list[str]) -> Times:
    cpu, start = _cpu(), time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start, _cpu() - cpu


def pairs(root: Path, n: int) -> list[tuple[Times, Times]]:
    """``n`` (planops, C loader) times, whole processes, which one runs first alternating."""
    planops = [str(Path(sys.executable).parent / "planops"), "validate", "--plan", str(root)]
    c_load = [sys.executable, "-c", C_LOAD.format(root=str(root))]
    found = []
    for i in range(n):
        if i % 2:
            c_time = _seconds(c_load)
            v_time = _seconds(planops)
        else:
            v_time = _seconds(planops)
            c_time = _seconds(c_load)
        found.append((v_time, c_time))
        print(
            f"  pair {i + 1:2d}: planops {v_time[0]:.3f} s (CPU {v_time[1]:.3f} s), "
            f"C loader {c_time[0]:.3f} s (CPU {c_time[1]:.3f} s), ratio {v_time[0] / c_time[0]:.2f}"
        )
    return found


def _summary(found: list[tuple[Times, Times]], which: int, label: str) -> None:
    ratios = sorted(v[which] / c[which] for v, c in found)
    print(
        f"{label}: planops {statistics.median(v[which] for v, _ in found):.3f} s, "
        f"C loader {statistics.median(c[which] for _, c in found):.3f} s (medians); "
        f"ratio, median of pairs {statistics.median(ratios):.2f}, spread {ratios[0]:.2f}-{ratios[-1]:.2f}"
    )


def in_process(root: Path, files: list[Path]) -> tuple[float, float]:
    """Best of five in this process: the C loader, and load and check (imports done, parse cache cleared).

    As in ``planops validate``'s own process, the cyclic garbage collector is
    off while either runs; what the round before left is collected first, untimed.
    """
    from planops.loader import compile as loader
    from planops.pipeline import check_plan

    def c_load() -> None:
        for path in files:
            list(yaml.load_all(path.read_bytes(), Loader=yaml.CSafeLoader))

    def validate() -> None:
        loader._CACHE.clear()  # a cold parse, as a fresh `planops validate` does
        check_plan(root)

    return _best(c_load), _best(validate)


def _best(fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(5):
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        gc.enable()
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("plan", nargs="?", type=Path)
    parser.add_argument("--pairs", type=int, default=11)
    parser.add_argument("--in-process", action="store_true", help="also the in-process diagnosis")
    args = parser.parse_args()
    root = args.plan or write_large_plan(Path(tempfile.mkdtemp()))
    files = sorted(root.rglob("*.y*ml"))
    print(f"{len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.2f} MB; {args.pairs} pairs")
    found = pairs(root, args.pairs)
    _summary(found, 0, f"wall (bound {BOUND})")
    _summary(found, 1, "CPU ")
    if args.in_process:
        c_time, v_time = in_process(root, files)
        print(
            f"in process, best of 5: C loader {c_time:.3f} s, load and check {v_time:.3f} s, "
            f"ratio {v_time / c_time:.2f}"
        )


if __name__ == "__main__":
    main()
