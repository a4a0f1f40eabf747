"""Run the coverage-guided fuzzers (atheris) for a bounded time.

    pip install -e '.[fuzz]'
    python fuzz/run.py --seconds 60                 # each target for 60 s, one after the other
    python fuzz/run.py --seconds 600 expr           # one target

Targets (fuzz/targets.py): ``loader`` (bytes → YAML documents → models),
``plan`` (one file of the starter plan replaced, every check), ``expr`` (one
``when:`` through the scanners, CEL, the checks and first-match routing),
``celcheck`` (any text through the static CEL checker, planops.celcheck).
Each keeps its corpus in fuzz/work/TARGET/corpus (seeded from the bundled and
the starter plan) and writes what crashes it to fuzz/work/TARGET/crashes/; after
a crash the target starts again until its time is up. Exit 1 when anything crashed.
A crash becomes a case in tests/loader/test_fuzz_corpus.py once it is fixed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from fuzz.seeds import SEEDS  # noqa: E402  (the repository root is on sys.path from here on)

MAX_LEN = {"loader": 16384, "plan": 16384, "expr": 600, "celcheck": 600}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:  # one target under libFuzzer: the rest are libFuzzer's options
        return _fuzz(argv[1], argv[2:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", metavar="TARGET", help=f"{', '.join(SEEDS)} (default: all)")
    parser.add_argument("--seconds", type=int, default=60, help="how long each target runs (default: 60)")
    args = parser.parse_args(argv)
    unknown = set(args.targets) - set(SEEDS)
    if unknown:
        parser.error(f"unknown target: {', '.join(sorted(unknown))}")
    found = {target: _run(target, args.seconds) for target in args.targets or list(SEEDS)}
    for target, crashes in found.items():
        print(f"{target}: {len(crashes)} crash(es)" + "".join(f"\n  {c.relative_to(REPO)}" for c in crashes))
    return 1 if any(found.values()) else 0


def _run(target: str, seconds: int) -> list[Path]:
    """Fuzz one target for ``seconds``, starting again after each crash; the crashing inputs."""
    work = HERE / "work" / target
    corpus, crashes = work / "corpus", work / "crashes"
    corpus.mkdir(parents=True, exist_ok=True)
    crashes.mkdir(parents=True, exist_ok=True)
    for name, data in SEEDS[target]().items():
        (corpus / name).write_bytes(data)
    before = set(crashes.iterdir())
    deadline = time.monotonic() + seconds
    print(f"== {target}: {seconds} s, corpus {corpus.relative_to(REPO)}", flush=True)
    while (left := int(deadline - time.monotonic())) > 0:
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--child",
            target,
            f"-max_total_time={left}",
            f"-max_len={MAX_LEN[target]}",
            "-timeout=20",
            "-rss_limit_mb=3072",
            f"-artifact_prefix={crashes}/",
            "-print_final_stats=1",
            str(corpus),
        ]
        if subprocess.run(command, check=False).returncode == 0:
            break
    return sorted(set(crashes.iterdir()) - before)


def _fuzz(target: str, libfuzzer_args: list[str]) -> int:
    import atheris

    with atheris.instrument_imports(include=["planops", "fuzz"]):
        from fuzz import targets

        _import_everything()
    run = targets.TARGETS[target]
    atheris.Setup([sys.argv[0], *libfuzzer_args], run)
    atheris.Fuzz()
    return 0


def _import_everything() -> None:
    """Import the layers the targets reach now, inside the instrumentation (planops imports lazily)."""
    import importlib
    import pkgutil

    import planops

    skipped = ("planops.handbook", "planops.commands", "planops.review", "planops.pytest", "planops.__main__")
    for info in pkgutil.iter_modules(planops.__path__, "planops."):
        if not info.name.startswith(skipped):
            importlib.import_module(info.name)
    for package in ("loader", "model", "checks", "engine"):
        for info in pkgutil.iter_modules([str(Path(planops.__path__[0]) / package)], f"planops.{package}."):
            importlib.import_module(info.name)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
