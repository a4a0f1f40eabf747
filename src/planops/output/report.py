"""A report of KPIs on an export, as text, JSON, Markdown or CSV (``planops report``).

SLA attainment per policy, priority and target follows the KPIs: a second table in text and Markdown; in
JSON further rows of the same list and of the same shape as the KPI rows (SPEC §5.4): ``kpi`` the plan's
SLA attainment KPI, ``by`` {sla_policy, priority, target}, ``value`` the per cent met, ``tickets`` those the
target applied to, and ``verdicts`` {met, breached, pending}; in CSV a second header and its rows after an
empty line.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from planops.actuals.attainment import Attainment
from planops.actuals.measures import Measured
from planops.actuals.report import Report
from planops.output import Printed
from planops.output.escape import md_text, text_line


def _target(target: dict[str, float]) -> str:
    return ", ".join(f"{'≤' if k == 'max' else '≥'} {v:g}" for k, v in target.items())


def _verdict(met: bool | None) -> str:
    return "—" if met is None else "met" if met else "missed"


def _value(value: float | None) -> str:
    return "—" if value is None else f"{value:,.2f}"


def _by(by: dict[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in by.items()) or "all"


def _note(report: Report) -> str:
    lines = [f"{report.tickets:,} tickets measured"]
    lines += [f"left out: {text_line(bad.message)}" for bad in report.bad]
    return "\n".join(lines)


HEADER = ("KPI", "period", "by", "value", "unit", "target", "verdict", "tickets")


def _cells(r: Measured) -> list[str]:
    return [r.kpi, r.period, _by(r.by), _value(r.value), r.unit, _target(r.target), _verdict(r.met), f"{r.tickets:,}"]


SLA_HEADER = ("SLA policy", "priority", "target", "period", "applied", "met", "breached", "pending", "attainment")


def _sla_cells(r: Attainment) -> list[str]:
    counts = [f"{n:,}" for n in (r.applied, r.met, r.breached, r.pending)]
    share = "—" if r.attainment is None else f"{r.attainment:.2f} %"
    return [r.sla_policy, r.priority, r.target, r.period, *counts, share]


def _table(header: tuple[str, ...], rows: list[list[str]]) -> list[str]:
    rows = [[text_line(cell) for cell in row] for row in rows]
    widths = [max(len(x) for x in column) for column in zip(header, *rows, strict=True)]
    return ["  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in [header, *rows]]


def text(report: Report) -> Printed:
    lines = _table(HEADER, [_cells(r) for r in report.rows])
    if report.sla:
        lines += ["", *_table(SLA_HEADER, [_sla_cells(r) for r in report.sla])]
    return Printed("\n".join(lines), _note(report))


def as_json(report: Report) -> Printed:
    rows = [*(r.as_json() for r in report.rows), *(r.as_row(report.sla_kpi) for r in report.sla)]
    return Printed(json.dumps(rows, indent=2, ensure_ascii=False), _note(report))


def _md(header: tuple[str, ...], align: str, rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", align]
    return lines + ["| " + " | ".join(md_text(cell) for cell in row) + " |" for row in rows]


def markdown(report: Report) -> Printed:
    lines = _md(HEADER, "|---|---|---|---:|---|---|---|---:|", [_cells(r) for r in report.rows])
    if report.sla:
        sla = [_sla_cells(r) for r in report.sla]
        lines += ["", *_md(SLA_HEADER, "|---|---|---|---|---:|---:|---:|---:|---:|", sla)]
    return Printed("\n".join(lines), _note(report))


def as_csv(report: Report) -> Printed:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kpi", "period", "by", "value", "unit", "target", "met", "tickets"])
    for r in report.rows:
        writer.writerow([r.kpi, r.period, _by(r.by), r.value, r.unit, _target(r.target), r.met, r.tickets])
    if report.sla:
        writer.writerow([])
        writer.writerow(
            ["sla_policy", "priority", "target", "period", "applied", "met", "breached", "pending", "attainment"]
        )
        for a in report.sla:
            row = [a.sla_policy, a.priority, a.target, a.period, a.applied, a.met, a.breached, a.pending, a.attainment]
            writer.writerow(row)
    return Printed(out.getvalue().rstrip("\n"), _note(report))


FORMATS: dict[str, Callable[[Report], Printed]] = {"text": text, "json": as_json, "markdown": markdown, "csv": as_csv}
