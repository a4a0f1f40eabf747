"""A backtest (``planops backtest``) as text, Markdown or JSON; :func:`summary` is its compact Markdown for
the ``planops diff --tickets`` comment (no ticket ids: a comment outlives the run).

Every view says first what the replay is (planops.actuals.backtest.REPLAY). Values are escaped for each
format (planops.output.escape): a queue or ticket id cannot add a line, a link or markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from planops.actuals.attainment import Attainment
from planops.actuals.backtest import REPLAY, Backtest, KpiDelta, Reroute, SlaDelta
from planops.actuals.backtestdata import as_json
from planops.actuals.workload import Load
from planops.output import Printed
from planops.output.escape import json_text, md_code, md_text, text_line

WORKLOAD = "handle hours = tickets × the channel's handle time; capacity = the hours the roles' shifts schedule"
MAX_ROWS = 30
"""Re-route and SLA rows in the compact summary; the whole list is one ``planops backtest`` away."""


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _delta(value: float | None) -> str:
    return "—" if value is None else f"{value:+,.2f}"


def _share(a: Attainment | None) -> str:
    return "—" if a is None or a.attainment is None else f"{a.attainment:.2f} %"


def _target(target: dict[str, float]) -> str:
    return ", ".join(f"{'≤' if k == 'max' else '≥'} {v:g}" for k, v in target.items())


def _by(k: KpiDelta) -> str:
    return ", ".join(f"{d}={v}" for d, v in k.by.items()) or "all"


def period_label(found: Backtest) -> str:
    """``2026-Q3``, or ``2026-Q2 to 2026-Q3`` for an export over several periods."""
    if not found.periods:
        return "no period"
    return found.periods[0] if len(found.periods) == 1 else f"{found.periods[0]} to {found.periods[-1]}"


KPI_HEADER = ("KPI", "period", "by", "unit", "target", "actual", "base", "head", "head − base")
SLA_HEADER = ("SLA policy", "priority", "target", "period", "applied (head)", "actual", "base", "head", "head − base")
MOVE_HEADER = ("what", "period", "from", "to", "tickets")
LOAD_HEADER = (
    "period",
    "kind",
    "name",
    "tickets base",
    "tickets head",
    "hours base",
    "hours head",
    "capacity",
    "use base",
    "use head",
)


def _kpi_cells(k: KpiDelta) -> list[str]:
    values = [_num(v) for v in (k.actual, k.base, k.head)]
    return [k.kpi, k.period, _by(k), k.unit, _target(k.target), *values, _delta(k.delta)]


def _sla_cells(s: SlaDelta) -> list[str]:
    applied = f"{s.head.applied:,}" if s.head else "—"
    shares = [_share(a) for a in (s.actual, s.base, s.head)]
    return [s.sla_policy, s.priority, s.target, s.period, applied, *shares, _delta(s.delta)]


def _move_cells(r: Reroute) -> list[str]:
    return [r.field, r.period, r.before or "(none)", r.after or "(none)", f"{r.tickets:,}"]


def _use(load: Load | None) -> str:
    if load is None:
        return "—"
    if load.capacity is None:
        return "—"  # the capacity column says why
    return "—" if load.utilisation is None else f"{load.utilisation:.1f} %"


def _load_rows(found: Backtest) -> list[list[str]]:
    """One row per period, kind and name: base and head side by side."""
    sides: dict[tuple[str, str, str], dict[str, Load]] = {}
    for load in found.workload:
        sides.setdefault((load.period, load.kind, load.name), {})[load.side] = load
    rows = []
    for (period, kind, name), pair in sides.items():
        base, head = pair.get("base"), pair.get("head")
        tickets = [_num(x.tickets, 0) if x else "—" for x in (base, head)]
        hours = [(_num(x.hours, 1) if x.hours is not None else "no handle time") if x else "—" for x in (base, head)]
        shown = head or base
        capacity = "no shifts declared" if shown is None or shown.capacity is None else _num(shown.capacity, 1)
        rows.append([period, kind, name, *tickets, *hours, capacity, _use(base), _use(head)])
    return rows


def _headline(found: Backtest) -> str:
    return f"Backtest on {found.tickets:,} tickets from {period_label(found)}: base {found.base} → head {found.head}"


def _moved(found: Backtest) -> str:
    return f"{found.rerouted:,} of {found.tickets:,} tickets routed differently under head than under base"


def _note(found: Backtest) -> str:
    return "\n".join([f"{found.tickets:,} tickets replayed", *(f"left out: {text_line(b.message)}" for b in found.bad)])


def _table(header: Sequence[str], rows: list[list[str]]) -> list[str]:
    rows = [[text_line(cell) for cell in row] for row in rows]
    widths = [max(len(x) for x in column) for column in zip(header, *rows, strict=True)]
    return ["  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in [header, *rows]]


def _examples(r: Reroute) -> str:
    return ", ".join(r.examples)


def text(found: Backtest) -> Printed:
    moves = [r for r in found.reroutes if r.field != "moved"]
    lines = [text_line(_headline(found)), REPLAY, ""]
    lines += _table(KPI_HEADER, [_kpi_cells(k) for k in found.kpis])
    lines += ["", *_table(SLA_HEADER, [_sla_cells(s) for s in found.sla])] if found.sla else []
    lines += ["", text_line(_moved(found))]
    if moves:
        lines += _table((*MOVE_HEADER, "examples"), [[*_move_cells(r), _examples(r)] for r in moves])
    lines += ["", f"Workload per queue and role ({WORKLOAD})"]
    lines += _table(LOAD_HEADER, _load_rows(found))
    return Printed("\n".join(lines), _note(found))


def _md(header: Sequence[str], rows: list[list[str]], numeric_from: int) -> list[str]:
    align = "|" + "|".join("---:" if i >= numeric_from else "---" for i in range(len(header))) + "|"
    return [
        "| " + " | ".join(header) + " |",
        align,
        *("| " + " | ".join(md_text(c, start=False) for c in row) + " |" for row in rows),
    ]


def _md_moves(moves: list[Reroute], examples: bool) -> list[str]:
    header = (*MOVE_HEADER, "examples") if examples else MOVE_HEADER
    rows = [[*_move_cells(r), *([_examples(r)] if examples else [])] for r in moves]
    return _md(header, rows, 4)


def markdown(found: Backtest) -> Printed:
    moves = [r for r in found.reroutes if r.field != "moved"]
    lines = [f"## {md_text(_headline(found), start=False)}", "", f"_{md_text(REPLAY, start=False)}_", ""]
    lines += [*_md(KPI_HEADER, [_kpi_cells(k) for k in found.kpis], 5), ""]
    lines += [*_md(SLA_HEADER, [_sla_cells(s) for s in found.sla], 4), ""] if found.sla else []
    lines += [md_text(_moved(found)), ""]
    lines += [*_md_moves(moves, True), ""] if moves else []
    lines += ["### Workload", "", f"{WORKLOAD[0].upper()}{WORKLOAD[1:]}.", "", *_md(LOAD_HEADER, _load_rows(found), 3)]
    return Printed("\n".join(lines), _note(found))


def summary(found: Backtest, *, level: int = 3) -> str:
    """The compact section of a pull-request comment: overall KPIs, the SLA targets that move, re-route
    counts (no ticket ids), the workload; each list cut at MAX_ROWS."""
    hashes = "#" * level
    kpis = [k for k in found.kpis if not k.by]
    changed = [s for s in found.sla if s.delta not in (None, 0.0)]
    moves = [r for r in found.reroutes if r.field != "moved"]
    lines = [f"{hashes} On {found.tickets:,} tickets from {md_text(period_label(found), start=False)}", ""]
    lines += [f"Replayed through {md_code(found.base)} and {md_code(found.head)}. _{md_text(REPLAY, start=False)}_", ""]
    lines += [*_md(KPI_HEADER, [_kpi_cells(k) for k in kpis], 5), ""]
    if changed:
        lines += [*_md(SLA_HEADER, [_sla_cells(s) for s in changed[:MAX_ROWS]], 4), ""]
        lines += _more(len(changed), "SLA targets")
    else:
        lines += ["No SLA target's attainment changes.", ""]
    lines += [md_text(_moved(found)), ""]
    if moves:
        lines += [*_md_moves(moves[:MAX_ROWS], False), "", *_more(len(moves), "re-routes")]
    lines += [f"Workload per queue and role ({WORKLOAD}):", "", *_md(LOAD_HEADER, _load_rows(found), 3), ""]
    return "\n".join(lines)


def _more(count: int, what: str) -> list[str]:
    return (
        [f"… and {count - MAX_ROWS} more {what} (`planops backtest` lists them all).", ""] if count > MAX_ROWS else []
    )


def as_json_text(found: Backtest) -> Printed:
    return Printed(json_text(as_json(found)), _note(found))


FORMATS: dict[str, Callable[[Backtest], Printed]] = {"text": text, "markdown": markdown, "json": as_json_text}
