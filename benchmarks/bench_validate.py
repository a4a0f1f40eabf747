"""planops validate vs. PyYAML's C loader on the same files, side by side.

    python benchmarks/bench_validate.py [PLAN_DIR]

Without PLAN_DIR a large plan is generated into a temporary folder. Prints the
best of several runs of each, and the ratio the foundation issue bounds (≤ 1.5).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from generate_plan import write_plan

ROUNDS = 5


def _c_load(files: list[Path]) -> None:
    for path in files:
        list(yaml.load_all(path.read_bytes(), Loader=yaml.CSafeLoader))


def _validate(root: Path) -> int:
    from planops.loader import compile as loader
    from planops.pipeline import check_plan

    loader._CACHE.clear()  # measure a cold parse, as a fresh `planops validate` does
    _plan, findings = check_plan(root)
    return len(findings)


def best(fn, *args) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else write_plan(Path(tempfile.mkdtemp()))
    files = sorted(p for p in root.rglob("*.y*ml"))
    size = sum(p.stat().st_size for p in files) / 1e6
    print(f"{len(files)} files, {size:.2f} MB, findings: {_validate(root)}")
    c_time = best(_c_load, files)
    v_time = best(_validate, root)
    print(f"yaml.CSafeLoader load: {c_time:.3f} s")
    print(f"planops validate:      {v_time:.3f} s")
    print(f"ratio: {v_time / c_time:.2f} (bound: 1.5)")
    for argv in (["--help"], ["validate", "--plan", str(root)]):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "planops", *argv], check=True, capture_output=True)
        print(f"planops {' '.join(argv[:1])} (the whole process): {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
