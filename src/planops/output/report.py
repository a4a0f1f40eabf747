"""A report of KPIs on an export, as text, JSON, Markdown or CSV (``planops report``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

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


def text(report: Report) -> Printed:
    header = ("KPI", "period", "by", "value", "unit", "target", "verdict", "tickets")
    rows = [
        (text_line(r.kpi), r.period, text_line(_by(r.by)), _value(r.value), r.unit, _target(r.target), _verdict(r.met), f"{r.tickets:,}")
        for r in report.rows
    ]
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=True)]
    lines = ["  ".join(str(cell).ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip() for line in [header, *rows]]
    return Printed("\n".join(lines), _note(report))


def as_json(report: Report) -> Printed:
    return Printed(json.dumps([r.as_json() for r in report.rows], indent=2, ensure_ascii=False), _note(report))


def markdown(report: Report) -> Printed:
    lines = ["| KPI | period | by | value | unit | target | verdict | tickets |", "|---|---|---|---:|---|---|---|---:|"]
    for r in report.rows:
        cells = [r.kpi, r.period, _by(r.by), _value(r.value), r.unit, _target(r.target), _verdict(r.met), f"{r.tickets:,}"]
        lines.append("| " + " | ".join(md_text(str(c)) for c in cells) + " |")
    return Printed("\n".join(lines), _note(report))


def as_csv(report: Report) -> Printed:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kpi", "period", "by", "value", "unit", "target", "met", "tickets"])
    for r in report.rows:
        writer.writerow([r.kpi, r.period, _by(r.by), r.value, r.unit, _target(r.target), r.met, r.tickets])
    return Printed(out.getvalue().rstrip("\n"), _note(report))


FORMATS: dict[str, Callable[[Report], Printed]] = {"text": text, "json": as_json, "markdown": markdown, "csv": as_csv}
