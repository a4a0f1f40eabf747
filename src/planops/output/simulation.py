"""One scenario step by step (``planops simulate``): routing, the trace table, the end, the expectations."""

from __future__ import annotations

from collections.abc import Callable

from planops.engine import Outcome, Run
from planops.output import Printed
from planops.output.escape import json_text, text_lines
from planops.output.scenarios import outcome_dict, trace_lines
from planops.output.values import clock_text, expected_got, when, zone_name


def text(outcome: Outcome) -> str:
    lines = [f"scenario {outcome.name} ({outcome.path}:{outcome.line})"]
    run = outcome.run
    if run is not None:
        lines += _trace(run)
    lines.append("")
    lines += [f"problem: {p}" for p in outcome.problems]
    if outcome.problems:
        lines.append("expectations not checked: the scenario did not run to its end")
    elif outcome.mismatches:
        assert run is not None  # mismatches come only with a run
        lines.append(f"FAILED: {len(outcome.mismatches)} expectation(s) do not hold:")
        lines += [f"  {expected_got(m, run.routed.zone)}" for m in outcome.mismatches]
    else:
        lines.append("passed: every expectation holds")
    return text_lines(lines)


def _trace(run: Run) -> list[str]:
    routed, zone = run.routed, run.routed.zone
    facts = [
        f"segment {routed.segment or 'none'}",
        f"priority {routed.priority or 'none'}",
        f"queue {routed.queue or 'none'}",
        f"workflow {routed.workflow}",
        f"sla policy {routed.sla_policy or 'none'}",
        f"calendar {routed.calendar_name or 'none'}",
    ]
    lines = [
        "routed: " + ", ".join(facts) + (f" (rule {routed.rule})" if routed.rule else ""),
        f"times in {zone_name(zone)}",
        "",
    ]
    lines += trace_lines(run)
    lines += [
        "",
        f"end: {when(run.end, zone)}: state {run.state}, owner {run.owner or 'none'}",
        f"path: [{', '.join(run.path)}]",
    ]
    clocks = [f"{clock_text(c, zone)} (due {when(c.due, zone)})" for c in run.clocks.values()]
    lines.append("sla: " + ("; ".join(clocks) if clocks else "no targets"))
    return lines


FORMATS: dict[str, Callable[[Outcome], Printed]] = {
    "text": lambda outcome: Printed(text(outcome)),
    "json": lambda outcome: Printed(json_text(outcome_dict(outcome))),
}
