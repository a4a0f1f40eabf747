"""The fuzzers' seeds and the inputs they crashed on, replayed through the same targets (without atheris).

Each kept crasher is a file in tests/fuzz_corpus/TARGET/ (the fuzzers start
from them too) and a case below asserting its exact outcome since the fix.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fuzz.seeds import KEPT, SEEDS
from fuzz.targets import PATH, TARGETS

from planops.loader.compile import parse_file


@pytest.mark.parametrize("target", sorted(SEEDS))
def test_every_seed_runs_clean(target: str) -> None:
    seeds = SEEDS[target]()
    assert len(seeds) >= 5
    for data in seeds.values():
        TARGETS[target](data)


KEPT_FILES = sorted(KEPT.glob("*/*"))


@pytest.mark.parametrize("path", KEPT_FILES, ids=[p.relative_to(KEPT).as_posix() for p in KEPT_FILES])
def test_every_kept_crasher_runs_clean(path: Path) -> None:
    TARGETS[path.parent.name](path.read_bytes())


def findings_of(raw: bytes) -> list[tuple[int, int, str]]:
    parsed = parse_file(PATH, raw)
    return [(d.line, d.col, d.code) for d in parsed.findings]


def test_the_runner_names_its_targets_without_atheris() -> None:
    runner = Path(__file__).resolve().parent.parent / "fuzz" / "run.py"
    done = subprocess.run([sys.executable, str(runner), "nope"], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr.endswith("run.py: error: unknown target: nope\n")
