"""planops simulate SCENARIO: one scenario step by step, as a table, then its expectations.

Exit 0 when the scenario passes, 1 when it fails or the plan has errors, 2 for
usage errors (an unknown scenario name).
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from planops.commands.common import add_format, add_plan

if TYPE_CHECKING:
    from planops.engine import Outcome, Run


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", help="the name of a scenario")
    add_plan(parser)
    add_format(parser, "text", "json")


def run(args: argparse.Namespace) -> int:
    from planops.commands.common import valid_plan
    from planops.diagnostics import did_you_mean
    from planops.engine import Engine, TicketError
    from planops.engine.report import outcome_dict
    from planops.errors import PlanopsError

    plan = valid_plan(args.plan, args.format)
    if plan is None:
        return 1
    scenario = plan.scenarios.get(args.scenario)
    if scenario is None:
        close = [name for name in plan.scenarios if args.scenario in name][:3]
        hint = did_you_mean(args.scenario, plan.scenarios) or (
            "did you mean " + " or ".join(f"'{name}'" for name in close) + "?" if close else None)
        raise PlanopsError(f"no scenario named {args.scenario!r}" + (f" ({hint})" if hint else ""))
    outcome = Engine.for_plan(plan).check(scenario)
    try:  # the trace's clocks are computed as they are shown
        text = json.dumps(outcome_dict(outcome), indent=2, ensure_ascii=False) if args.format == "json" else \
            "\n".join(_text(outcome))
    except TicketError as exc:
        raise PlanopsError(f"scenario {scenario.name}: {exc}", exit_code=1) from None
    print(text)
    return 0 if outcome.passed else 1


def _text(outcome: Outcome) -> list[str]:
    lines = [f"scenario {outcome.name} ({outcome.path}:{outcome.line})"]
    run = outcome.run
    if run is not None:
        lines += _trace(run)
    lines.append("")
    lines += [f"problem: {p}" for p in outcome.problems]
    if outcome.problems:
        lines.append("expectations not checked: the scenario did not run to its end")
    elif outcome.mismatches:
        from planops.engine.report import show

        assert run is not None
        lines.append(f"FAILED: {len(outcome.mismatches)} expectation(s) do not hold:")
        lines += [f"  {m.key}: expected {show(m.expected, run.routed.zone)}, got {show(m.actual, run.routed.zone)}"
                  for m in outcome.mismatches]
    else:
        lines.append("passed: every expectation holds")
    return lines


def _trace(run: Run) -> list[str]:
    from planops.engine.report import TRACE_HEADER, clock_text, table, trace_rows, when, zone_name

    routed, zone = run.routed, run.routed.zone
    facts = [
        f"segment {routed.segment or 'none'}", f"priority {routed.priority or 'none'}",
        f"queue {routed.queue or 'none'}", f"workflow {routed.workflow}",
        f"sla policy {routed.sla_policy or 'none'}", f"calendar {routed.calendar_name or 'none'}",
    ]
    lines = ["routed: " + ", ".join(facts) + (f" (rule {routed.rule})" if routed.rule else ""),
             f"times in {zone_name(zone)}", ""]
    lines += table(TRACE_HEADER, trace_rows(run))
    lines += ["", f"end: {when(run.end, zone)}: state {run.state}, owner {run.owner or 'none'}"]
    clocks = [f"{clock_text(c, zone)} (due {when(c.due, zone)})" for c in run.clocks.values()]
    lines.append("sla: " + ("; ".join(clocks) if clocks else "no targets"))
    return lines
