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
from fuzz.targets import TARGETS, celcheck

from planops import diagnostics
from planops.diagnostics import did_you_mean, reset_suggestions
from planops.engine.rules import filing, paths_read
from planops.limits import MAX_SUGGEST_COMPARISONS


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


# The expr target's first-match check failed on these before CEL's comments and raw strings were read as text:
# each was filed under the wrong field, or read fields the ticket's context then lacked.
EXPR_CASES = {
    "raw-string-backslash": (None, (("category",),)),
    "quote-in-comment": (None, (("category",), ("amount",), ("priority",))),
    "comment-ends-a-conjunct": (
        (("category",), "outage", "ticket.amount > 1.0 // big\n&& ticket.priority == 'urgent'"),
        (("amount",), ("category",), ("priority",)),
    ),
}


@pytest.mark.parametrize("name", sorted(EXPR_CASES))
def test_kept_expression_is_filed_and_read_exactly(name: str) -> None:
    source = (KEPT / "expr" / name).read_text(encoding="utf-8")
    assert (filing(source), paths_read([source])) == EXPR_CASES[name]


def test_the_runner_names_its_targets_without_atheris() -> None:
    runner = Path(__file__).resolve().parent.parent / "fuzz" / "run.py"
    done = subprocess.run([sys.executable, str(runner), "nope"], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr.endswith("run.py: error: unknown target: nope\n")


def test_the_celcheck_target_checks_twice_with_the_same_budget_of_hints() -> None:
    # The fuzzer found the second check of a text without its did-you-mean hints: the budget, spent by the inputs
    # before, is per check of a plan (reset_suggestions), and the target now starts each check so.
    data = (KEPT / "celcheck" / "hints-spent-between-two-checks").read_bytes()
    reset_suggestions()
    celcheck(data)
    used = MAX_SUGGEST_COMPARISONS - diagnostics._Budget.left  # by the eight checks of one input
    reset_suggestions()
    did_you_mean("x", ["y"] * (MAX_SUGGEST_COMPARISONS - used // 16))  # what is left lasts half a check
    TARGETS["celcheck"](data)
