"""planops simulate SCENARIO: one scenario step by step, as a table, then its expectations.

Exit 0 when the scenario passes, 1 when it fails or the plan has errors, 2 for
usage errors (an unknown scenario name).
"""

from __future__ import annotations

import argparse

from planops.commands.common import add_format, add_plan, add_snippet, snippets


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", help="the name of a scenario")
    add_plan(parser)
    add_format(parser, "text", "json")
    add_snippet(parser)


def run(args: argparse.Namespace) -> int:
    from planops.commands.common import valid_plan
    from planops.diagnostics import did_you_mean
    from planops.engine import Engine, TicketError
    from planops.errors import PlanopsError
    from planops.output import emit
    from planops.output.simulation import FORMATS

    plan = valid_plan(args.plan, args.format, snippet=snippets(args))
    if plan is None:
        return 1
    scenario = plan.scenarios.get(args.scenario)
    if scenario is None:
        close = [name for name in plan.scenarios if args.scenario in name][:3]
        hint = did_you_mean(args.scenario, plan.scenarios) or (
            "did you mean " + " or ".join(f"'{name}'" for name in close) + "?" if close else None
        )
        raise PlanopsError(f"no scenario named {args.scenario!r}" + (f" ({hint})" if hint else ""))
    outcome = Engine.for_plan(plan).check(scenario)
    try:  # the trace's clocks are computed as they are shown
        printed = FORMATS[args.format](outcome)
    except TicketError as exc:
        raise PlanopsError(f"scenario {scenario.name}: {exc}", exit_code=1) from None
    emit(printed)
    return 0 if outcome.passed else 1
