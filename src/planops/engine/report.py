"""Runs as people and tools read them: failure text, trace tables, plain dicts for JSON.

Times are shown in the ticket's calendar zone (else in the offset its
``created`` was written with); expectations are compared as instants.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, tzinfo
from typing import Any

from planops.engine.core import Outcome
from planops.engine.router import Routed
from planops.engine.scenario import Run, TraceRow
from planops.engine.sla import PENDING, ClockState

TRACE_HEADER = ("at", "event", "from → to", "owner", "SLA clocks")


def show(value: Any, zone: tzinfo) -> str:
    """A value as users write it in YAML: times with their offset, lists in brackets, none as ``none``."""
    if value is None:
        return "none"
    if isinstance(value, datetime):
        return value.astimezone(zone).isoformat()
    if isinstance(value, tuple | list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def when(value: datetime, zone: tzinfo) -> str:
    """``Fri 2026-03-27 16:30 +01:00``: the weekday and offset matter for business hours."""
    local = value.astimezone(zone)
    offset = local.isoformat()[-6:]
    stamp = local.strftime("%a %Y-%m-%d %H:%M" + (":%S" if local.second else ""))
    return f"{stamp} {offset}"


def clock_text(clock: ClockState, zone: tzinfo) -> str:
    """``first_response met``, ``resolution due Mon 03-30 12:00 (paused)``, ``next_response breached``."""
    if clock.status == PENDING:
        paused = " (paused)" if clock.paused else ""
        return f"{clock.target} due {clock.due.astimezone(zone).strftime('%a %m-%d %H:%M')}{paused}"
    return f"{clock.target} {clock.status}"


def trace_rows(run: Run) -> list[tuple[str, ...]]:
    """The trace as table cells, one row per record."""
    zone = run.routed.zone
    return [_cells(row, zone) for row in run.trace]


def _cells(row: TraceRow, zone: tzinfo) -> tuple[str, ...]:
    event = f"{row.event} (timer)" if row.timer else row.event
    if row.target is None:
        move = f"{row.source} (stays)"
    else:
        move = f"{row.source} → {row.target}" if row.source else f"→ {row.target}"
    clocks = ", ".join(clock_text(c, zone) for c in row.clocks.values()) or "-"
    return when(row.at, zone), event, move, row.owner or "-", clocks


def table(header: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "") -> list[str]:
    """Columns padded to their widest cell; the last column is not padded."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    return [indent + "  ".join([*(c.ljust(w) for c, w in zip(r, widths, strict=False)), r[-1]]).rstrip()
            for r in [header, *rows]]


def zone_name(zone: tzinfo) -> str:
    return str(getattr(zone, "key", None) or zone)


def failure_text(outcome: Outcome) -> str:
    """Why a scenario failed: each expectation expected vs actual, or the problem, then the trace."""
    lines = [f"scenario '{outcome.name}' failed ({outcome.path}:{outcome.line})"]
    run = outcome.run
    zone = run.routed.zone if run else None
    lines += [f"  {problem}" for problem in outcome.problems]
    for m in outcome.mismatches:
        assert zone is not None
        lines.append(f"  {m.key}: expected {show(m.expected, zone)}, got {show(m.actual, zone)}")
    if run is not None:
        lines.append(f"  trace (times in {zone_name(run.routed.zone)}):")
        lines += table(TRACE_HEADER, trace_rows(run), indent="    ")
    return "\n".join(lines)


def routed_dict(routed: Routed) -> dict[str, Any]:
    """What routing decided, JSON-ready."""
    zone = routed.zone
    return {
        "segment": routed.segment,
        "priority": routed.priority,
        "queue": routed.queue,
        "workflow": routed.workflow,
        "rule": routed.rule,
        "sla_policy": routed.sla_policy,
        "calendar": routed.calendar_name,
        "timezone": zone_name(zone),
        "created": routed.created.isoformat(),
        "due": {name: due.astimezone(zone).isoformat() for name, due in routed.due.items()},
    }


def outcome_dict(outcome: Outcome) -> dict[str, Any]:
    """A checked scenario, JSON-ready."""
    run = outcome.run
    zone = run.routed.zone if run else None
    result: dict[str, Any] = {
        "name": outcome.name,
        "path": outcome.path,
        "line": outcome.line,
        "passed": outcome.passed,
        "problems": list(outcome.problems),
        "mismatches": [
            {"key": m.key, "expected": _json(m.expected, zone), "actual": _json(m.actual, zone)}
            for m in outcome.mismatches
        ],
    }
    if run is not None:
        result["run"] = run_dict(run)
    return result


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
            {"at": row.at.astimezone(zone).isoformat(), "event": row.event, "timer": row.timer,
             "from": row.source, "to": row.target, "owner": row.owner}
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
