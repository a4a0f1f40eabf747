"""Checked scenarios (``planops test``, the pytest plugin): why each failed, the trace, coverage; or JSON."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from planops.engine import ClockState, Coverage, Mismatch, Outcome, Run, TraceRow
from planops.output import Printed
from planops.output.escape import json_text, text_lines, visible
from planops.output.route import routed_dict
from planops.output.values import clock_text, expected_got, table, when, zone_name

TRACE_HEADER = ("at", "event", "from → to", "owner", "SLA clocks")


def trace_rows(run: Run) -> list[tuple[str, ...]]:
    """The trace as table cells, one row per record."""
    zone = run.routed.zone
    return [_cells(row, zone) for row in run.trace]


def trace_lines(run: Run, indent: str = "") -> list[str]:
    """The trace table; under an event's row, its ``note:`` on a line of its own, aligned with the event."""
    rows = trace_rows(run)
    lines = table(TRACE_HEADER, rows, indent)
    width = max(len(visible(cells[0])) for cells in [TRACE_HEADER, *rows])
    found = lines[:1]
    for line, row in zip(lines[1:], run.trace, strict=True):
        found.append(line)
        if row.note is not None and (note := " ".join(row.note.split())):
            found.append(f"{indent}{' ' * (width + 2)}note: {note}")
    return found


def _cells(row: TraceRow, zone: tzinfo) -> tuple[str, ...]:
    event = f"{row.event} (timer)" if row.timer else row.event
    if row.target is None:
        move = f"{row.source} (stays)"
    else:
        move = f"{row.source} → {row.target}" if row.source else f"→ {row.target}"
    clocks = ", ".join(clock_text(c, zone) for c in row.clocks.values()) or "-"
    return when(row.at, zone), event, move, row.owner or "-", clocks


def failure_lines(outcome: Outcome) -> list[str]:
    """Why a scenario failed: each expectation expected vs actual, or the problem, then the trace."""
    lines = [f"scenario '{outcome.name}' failed ({outcome.path}:{outcome.line})"]
    run = outcome.run
    lines += [f"  {problem}" for problem in outcome.problems]
    if run is not None:
        lines += [f"  {expected_got(m, run.routed.zone)}" for m in outcome.mismatches]
        lines.append(f"  trace (times in {zone_name(run.routed.zone)}):")
        lines += trace_lines(run, indent="    ")
    return lines


def failure_text(outcome: Outcome) -> str:
    """:func:`failure_lines` as one text, each line safe for a terminal or a CI log."""
    return text_lines(failure_lines(outcome))


@dataclass(frozen=True, slots=True)
class ScenarioResults:
    """``planops test``'s result: the outcomes in plan order, coverage when asked, passing ones listed when verbose."""

    outcomes: Sequence[Outcome]
    coverage: Coverage | None = None
    verbose: bool = False


def text(result: ScenarioResults) -> str:
    lines: list[str] = []
    for outcome in result.outcomes:
        if not outcome.passed:
            lines += [*failure_lines(outcome), ""]
        elif result.verbose:
            lines.append(f"ok {outcome.name} ({outcome.path}:{outcome.line})")
    if result.verbose and lines and lines[-1]:
        lines.append("")
    failed = sum(not o.passed for o in result.outcomes)
    total = len(result.outcomes)
    lines.append(f"{total} scenario{'s' * (total != 1)}: {total - failed} passed, {failed} failed")
    if result.coverage is not None:
        lines += coverage_lines(result.coverage)
    return text_lines(lines)


def coverage_lines(cov: Coverage) -> list[str]:
    """The coverage table, then what each workflow misses."""
    rows = [(w.workflow, f"{w.percent:.1f}%", f"{w.covered}/{w.total}") for w in cov.workflows]
    rows.append(("total", f"{cov.percent:.1f}%", f"{cov.covered}/{cov.total}"))
    lines = ["", "coverage of workflow states and transitions:"]
    lines += table(("workflow", "cover", "visited"), rows, indent="  ")
    for w in cov.workflows:
        lines += [f"  {w.workflow}: state never entered: {s}" for s in w.missed_states]
        lines += [f"  {w.workflow}: transition never taken: {w.describe(e)}" for e in w.missed_edges]
    return lines


def as_json(result: ScenarioResults) -> str:
    failed = sum(not o.passed for o in result.outcomes)
    data: dict[str, Any] = {
        "summary": {"total": len(result.outcomes), "passed": len(result.outcomes) - failed, "failed": failed},
        "scenarios": [outcome_dict(o) for o in result.outcomes],
    }
    if result.coverage is not None:
        data["coverage"] = coverage_dict(result.coverage)
    return json_text(data)


def coverage_dict(cov: Coverage) -> dict[str, Any]:
    return {
        "percent": round(cov.percent, 2),
        "covered": cov.covered,
        "total": cov.total,
        "workflows": [
            {
                "workflow": w.workflow,
                "percent": round(w.percent, 2),
                "covered": w.covered,
                "total": w.total,
                "missed_states": list(w.missed_states),
                "missed_transitions": [w.describe(e) for e in w.missed_edges],
            }
            for w in cov.workflows
        ],
    }


FORMATS: dict[str, Callable[[ScenarioResults], Printed]] = {
    "text": lambda result: Printed(text(result)),
    "json": lambda result: Printed(as_json(result)),
}


def outcome_dict(outcome: Outcome) -> dict[str, Any]:
    """A checked scenario, JSON-ready."""
    result = result_dict(outcome)
    if outcome.run is not None:
        result["run"] = run_dict(outcome.run)
    return result


def result_dict(outcome: Outcome) -> dict[str, Any]:
    """Whether a checked scenario passed, and why not: :func:`outcome_dict` without the run."""
    zone = outcome.run.routed.zone if outcome.run else None
    return {
        "name": outcome.name,
        "path": outcome.path,
        "line": outcome.line,
        "passed": outcome.passed,
        "problems": list(outcome.problems),
        "mismatches": [_mismatch_dict(m, zone) for m in outcome.mismatches],
    }


def _mismatch_dict(mismatch: Mismatch, zone: tzinfo | None) -> dict[str, Any]:
    """Key, expected and actual; the hint too when there is one."""
    found = {"key": mismatch.key, "expected": _json(mismatch.expected, zone), "actual": _json(mismatch.actual, zone)}
    return found if mismatch.hint is None else {**found, "hint": mismatch.hint}


def run_dict(run: Run) -> dict[str, Any]:
    zone = run.routed.zone
    return {
        **routed_dict(run.routed),
        "state": run.state,
        "owner": run.owner,
        "path": list(run.path),
        "end": run.end.astimezone(zone).isoformat(),
        "sla": {name: _clock_dict(c, zone) for name, c in run.clocks.items()},
        "trace": [
            {
                "at": row.at.astimezone(zone).isoformat(),
                "event": row.event,
                "timer": row.timer,
                "from": row.source,
                "to": row.target,
                "owner": row.owner,
                "note": row.note,
            }
            for row in run.trace
        ],
    }


def _clock_dict(clock: ClockState, zone: tzinfo) -> dict[str, Any]:
    return {"status": clock.status, "due": clock.due.astimezone(zone).isoformat(), "paused": clock.paused}


def _json(value: Any, zone: tzinfo | None) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(zone).isoformat() if zone else value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):
        return dict(value)
    return value
