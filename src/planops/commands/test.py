"""planops test: run every scenario against the plan (the same runs `pytest` collects).

Exit 0 when every scenario passes, 1 when one fails or the plan has errors,
2 for usage errors (a missing plan folder, a ``-k`` that matches nothing).
"""

from __future__ import annotations

import argparse
import json
import time
from typing import TYPE_CHECKING, Any

from planops.commands.common import add_format, add_plan, output_file, percent

if TYPE_CHECKING:
    from planops.engine import Coverage, Engine, Outcome
    from planops.model import Scenario


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_plan(parser)
    parser.add_argument("-k", dest="keyword", metavar="TEXT", help="run only scenarios whose name contains TEXT")
    add_format(parser, "text", "json")
    parser.add_argument("--junitxml", type=output_file, metavar="FILE", help="also write a JUnit XML report for CI")
    parser.add_argument("--coverage", action="store_true",
                        help="report the states and transitions that no scenario visits")
    parser.add_argument("--fail-under", type=percent, metavar="PCT",
                        help="with --coverage: fail when coverage is below PCT percent")
    parser.add_argument("-v", "--verbose", action="store_true", help="list passing scenarios too")


def run(args: argparse.Namespace) -> int:
    from planops.commands.common import claim, valid_plan, write_file
    from planops.engine import Engine, coverage
    from planops.engine.junit import is_report, junit_xml
    from planops.errors import PlanopsError

    if args.fail_under is not None and not args.coverage:
        raise PlanopsError("--fail-under needs --coverage: without it no coverage is measured")
    if args.junitxml:
        claim(args.junitxml, is_report, "a JUnit report planops wrote")  # and writable, before the run
    plan = valid_plan(args.plan, args.format)
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
    print(_as_json(outcomes, cov) if args.format == "json" else _as_text(outcomes, cov, args.verbose))
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


def _as_text(outcomes: list[Outcome], cov: Coverage | None, verbose: bool) -> str:
    from planops.engine.report import failure_text

    lines = []
    for outcome in outcomes:
        if not outcome.passed:
            lines += [failure_text(outcome), ""]
        elif verbose:
            lines.append(f"ok {outcome.name} ({outcome.path}:{outcome.line})")
    if verbose and lines and lines[-1]:
        lines.append("")
    failed = sum(not o.passed for o in outcomes)
    total = len(outcomes)
    lines.append(f"{total} scenario{'s' * (total != 1)}: {total - failed} passed, {failed} failed")
    if cov is not None:
        lines += coverage_lines(cov)
    return "\n".join(lines)


def coverage_lines(cov: Coverage) -> list[str]:
    """The coverage table, then what each workflow misses."""
    from planops.engine.report import table

    rows = [(w.workflow, f"{w.percent:.1f}%", f"{w.covered}/{w.total}") for w in cov.workflows]
    rows.append(("total", f"{cov.percent:.1f}%", f"{cov.covered}/{cov.total}"))
    lines = ["", "coverage of workflow states and transitions:"]
    lines += table(("workflow", "cover", "visited"), rows, indent="  ")
    for w in cov.workflows:
        lines += [f"  {w.workflow}: state never entered: {s}" for s in w.missed_states]
        lines += [f"  {w.workflow}: transition never taken: {w.describe(e)}" for e in w.missed_edges]
    return lines


def _as_json(outcomes: list[Outcome], cov: Coverage | None) -> str:
    from planops.engine.report import outcome_dict

    failed = sum(not o.passed for o in outcomes)
    result: dict[str, Any] = {
        "summary": {"total": len(outcomes), "passed": len(outcomes) - failed, "failed": failed},
        "scenarios": [outcome_dict(o) for o in outcomes],
    }
    if cov is not None:
        result["coverage"] = {
            "percent": round(cov.percent, 2),
            "covered": cov.covered,
            "total": cov.total,
            "workflows": [
                {"workflow": w.workflow, "percent": round(w.percent, 2), "covered": w.covered, "total": w.total,
                 "missed_states": list(w.missed_states), "missed_transitions": [w.describe(e) for e in w.missed_edges]}
                for w in cov.workflows
            ],
        }
    return json.dumps(result, indent=2, ensure_ascii=False)
