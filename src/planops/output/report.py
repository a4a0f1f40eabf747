"""A report of KPIs on an export, as text, JSON, Markdown or CSV (``planops report``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

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


def text(report: Report) -> Printed:
    rows = [[text_line(cell) for cell in _cells(r)] for r in report.rows]
    widths = [max(len(x) for x in column) for column in zip(HEADER, *rows, strict=True)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in [HEADER, *rows]]
    return Printed("\n".join(lines), _note(report))


def as_json(report: Report) -> Printed:
    return Printed(json.dumps([r.as_json() for r in report.rows], indent=2, ensure_ascii=False), _note(report))


def markdown(report: Report) -> Printed:
    lines = ["| " + " | ".join(HEADER) + " |", "|---|---|---|---:|---|---|---|---:|"]
    for r in report.rows:
        lines.append("| " + " | ".join(md_text(cell) for cell in _cells(r)) + " |")
    return Printed("\n".join(lines), _note(report))


def as_csv(report: Report) -> Printed:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kpi", "period", "by", "value", "unit", "target", "met", "tickets"])
    for r in report.rows:
        writer.writerow([r.kpi, r.period, _by(r.by), r.value, r.unit, _target(r.target), r.met, r.tickets])
    return Printed(out.getvalue().rstrip("\n"), _note(report))


FORMATS: dict[str, Callable[[Report], Printed]] = {"text": text, "json": as_json, "markdown": markdown, "csv": as_csv}
