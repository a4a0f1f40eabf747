"""planops diff between two revisions of the large generated plan vs. one planops validate of it.

    python benchmarks/bench_diff.py [--rounds 3]

Generates the synthetic plan (benchmarks/generate_plan.py) into a temporary git
repository, commits it, makes a realistic pull request — a tightened SLA
target, two routing rules swapped, a workflow state added, a holiday added, the
version raised — and commits that. Then it times, as users run them (a fresh
process each, best of several rounds), ``planops validate`` of the plan and
``planops diff HEAD~1 HEAD``, and prints the ratio the review issue bounds
(at most 2.5). An in-process breakdown of the diff follows.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate_plan import write_plan

BOUND = 2.5


def git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.com",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.com",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_repository(repo: Path) -> None:
    """Two commits: the generated plan, and a pull request's worth of changes to it."""
    write_plan(repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "The large plan")
    plan = repo / "plan"
    replace(
        plan / "service.yaml",
        "high: {first_response: 2h, next_response: 4h, resolution: 16h}",
        "high: {first_response: 1h, next_response: 4h, resolution: 16h}",
    )
    replace(plan / "service.yaml", "dates: [2026-12-24]", "dates: [2026-12-24, 2026-12-31]")
    rules = (plan / "routing.yaml").read_text(encoding="utf-8")
    first, second = rules.index("  - name: rule-000\n"), rules.index("  - name: rule-001\n")
    third = rules.index("  - name: rule-002\n")
    rules = rules[:first] + rules[second:third] + rules[first:second] + rules[third:]
    (plan / "routing.yaml").write_text(rules, encoding="utf-8")
    replace(
        plan / "workflows" / "wf-007.yaml",
        "  resolved:\n",
        "  audit:\n    owner: lead\n    on: {done: resolved}\n  resolved:\n",
    )
    replace(plan / "workflows" / "wf-007.yaml", "reject: closed}", "reject: closed, audit: audit}")
    replace(plan / "plan.yaml", 'version: "1.0"', 'version: "1.1"')
    git(repo, "commit", "-q", "-a", "-m", "A quarter's changes")


def best(command: list[str], cwd: Path, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def breakdown(repo: Path) -> list[tuple[str, float]]:
    """Where one in-process diff spends its time."""
    from planops.output.diff import render
    from planops.review.diff import diff_sides, load_side

    os.chdir(repo)
    marks = [("start", time.perf_counter())]
    base = load_side(repo, "HEAD~1", Path("plan"))
    marks.append(("read and compile BASE from git objects", time.perf_counter()))
    head = load_side(repo, "HEAD", Path("plan"))
    marks.append(("read and compile HEAD (unchanged files reused)", time.perf_counter()))
    report = diff_sides(base, head)
    marks.append((f"compare and route {report.routed} tickets per side", time.perf_counter()))
    render(report)
    marks.append(("render Markdown", time.perf_counter()))
    return [(name, marks[i + 1][1] - marks[i][1]) for i, (name, _) in enumerate(marks[1:])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        repo = Path(folder)
        make_repository(repo)
        files = list((repo / "plan").rglob("*.yaml"))
        size = sum(p.stat().st_size for p in files) / 1e6
        print(f"{len(files)} files, {size:.2f} MB; best of {args.rounds} fresh processes each")
        planops = [sys.executable, "-m", "planops"]
        validate = best([*planops, "validate"], repo, args.rounds)
        diff = best([*planops, "diff", "HEAD~1", "HEAD"], repo, args.rounds)
        print(f"planops validate:          {validate:.3f} s")
        print(f"planops diff HEAD~1 HEAD:  {diff:.3f} s")
        print(f"ratio: {diff / validate:.2f} (bound: {BOUND})")
        print("in-process breakdown of one diff:")
        for name, seconds in breakdown(repo):
            print(f"  {seconds:7.3f} s  {name}")


if __name__ == "__main__":
    main()
