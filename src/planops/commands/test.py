"""planops test: run every scenario against the plan (the same runs `pytest` collects).

Exit 0 when every scenario passes, 1 when one fails or the plan has errors,
2 for usage errors (a missing plan folder, a ``-k`` that matches nothing).
"""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING

from planops.commands.common import add_format, add_plan, add_snippet, output_file, percent, snippets

if TYPE_CHECKING:
    from planops.engine import Engine, Outcome
    from planops.model import Scenario


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_plan(parser)
    parser.add_argument("-k", dest="keyword", metavar="TEXT", help="run only scenarios whose name contains TEXT")
    add_format(parser, "text", "json")
    add_snippet(parser)
    parser.add_argument("--junitxml", type=output_file, metavar="FILE", help="also write a JUnit XML report for CI")
    parser.add_argument(
        "--coverage", action="store_true", help="report the states and transitions that no scenario visits"
    )
    parser.add_argument(
        "--fail-under", type=percent, metavar="PCT", help="with --coverage: fail when coverage is below PCT percent"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list passing scenarios too")


def run(args: argparse.Namespace) -> int:
    from planops.commands.common import claim, valid_plan, write_file
    from planops.engine import Engine, coverage
    from planops.errors import PlanopsError
    from planops.output import emit
    from planops.output.junit import is_report, junit_xml
    from planops.output.scenarios import FORMATS, ScenarioResults

    if args.fail_under is not None and not args.coverage:
        raise PlanopsError("--fail-under needs --coverage: without it no coverage is measured")
    if args.junitxml:
        claim(args.junitxml, is_report, "a JUnit report planops wrote")  # and writable, before the run
    plan = valid_plan(args.plan, args.format, snippet=snippets(args))
    if plan is None:
        return 1
    engine = Engine.for_plan(plan)
    wanted = (args.keyword or "").lower()
    scenarios = [s for s in plan.scenarios.values() if wanted in s.name.lower()]
    if args.keyword and not scenarios:
        raise PlanopsError(f"no scenario name contains {args.keyword!r}")
    outcomes, seconds = _check(engine, scenarios, timed=args.junitxml is not None)
    cov = coverage(plan, [o.run for o in outcomes if o.run is not None]) if args.coverage else None
    if args.junitxml:
        write_file(args.junitxml, junit_xml(outcomes, seconds))
    emit(FORMATS[args.format](ScenarioResults(outcomes, cov, args.verbose)))
    failed = any(not o.passed for o in outcomes)
    too_low = cov is not None and args.fail_under is not None and cov.percent < args.fail_under
    return 1 if failed or too_low else 0


def _check(engine: Engine, scenarios: list[Scenario], timed: bool) -> tuple[list[Outcome], list[float]]:
    """The outcomes, and each scenario's time when a report asks for them (one by one is slower than all at once)."""
    if not timed:
        return engine.check_many(scenarios), []
    outcomes, seconds = [], []
    for scenario in scenarios:
        start = time.perf_counter()
        outcomes.append(engine.check(scenario))
        seconds.append(time.perf_counter() - start)
    return outcomes, seconds
