"""Saved actuals: a period's aggregates as ``actuals/<period>.json`` — KPI values and SLA attainment per
policy, priority and target (``"sla"``) and, once ``planops backtest --save`` ran, the backtest's aggregates
(``"backtest"``) — no ticket ids, no customer data.

Only a file planops wrote (it says so in ``"planops"``) is replaced; any other file of that name is left
alone and reported.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planops.actuals.report import Report
from planops.errors import PlanopsError

if TYPE_CHECKING:
    from planops.actuals.backtest import Backtest

MARK = "planops actuals"


def save(report: Report, folder: Path) -> list[Path]:
    """Write one file per period of the report into ``folder``; the paths written. A saved backtest of the
    period (``"backtest"``) is kept."""
    written = []
    for period, data in sorted(_periods(report).items()):
        path = folder / f"{period}.json"
        kept = _own(path).get("backtest")
        _write(path, {**data, **({"backtest": kept} if kept is not None else {})})
        written.append(path)
    return written


def save_backtest(found: Backtest, folder: Path) -> list[Path]:
    """Add each period's backtest aggregates (planops.actuals.backtest.saved: no ticket ids) to its saved
    actuals in ``folder`` under ``"backtest"``; a period not saved yet is saved whole (its actual side as
    ``planops report --save`` writes it). The paths written."""
    from planops.actuals.backtestdata import saved

    actual = found.actual
    report = Report(actual.rows, found.bad, actual.tickets, found.grain, actual.sla, actual.sla_kpi, actual.charts)
    fresh = _periods(report)
    written = []
    for period in found.periods:
        path = folder / f"{period}.json"
        data = _own(path) or fresh.get(period)
        if data is None:
            continue
        _write(path, {**data, "backtest": saved(found, period)})
        written.append(path)
    return written


def _periods(report: Report) -> dict[str, dict[str, Any]]:
    """What ``save`` writes for each period of the report."""
    rows: dict[str, list[dict[str, object]]] = {}
    for row in report.rows:
        rows.setdefault(row.period, []).append(row.as_json())
    sla: dict[str, list[dict[str, object]]] = {}
    for target in report.sla:
        sla.setdefault(target.period, []).append(target.as_json())
    return {
        period: {
            "planops": MARK,
            "period": period,
            "grain": report.period,
            "kpis": found,
            "sla": sla.get(period, []),
            **report.charts.get(period, {}),  # volume, arrivals, durations (planops.actuals.profile)
        }
        for period, found in rows.items()
    }


def _own(path: Path) -> dict[str, Any]:
    """The saved actuals at ``path`` (empty when there is no file); refuses a file planops did not write."""
    if not path.exists() and not path.is_symlink():
        return {}
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > 16 * 1024 * 1024:
            raise ValueError
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        found = None
    if not isinstance(found, dict) or found.get("planops") != MARK:
        raise PlanopsError(f"{path} exists and is not planops's saved actuals: move it away first", exit_code=1)
    return found


def _write(path: Path, data: dict[str, Any]) -> None:
    """``data`` as the file ``path``, replaced at once (a reader sees the old file or the new one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=2, ensure_ascii=False)
        out.write("\n")
    os.chmod(temporary, 0o666 & ~_umask())  # a file to commit, as any other the user writes (not mkstemp's 0600)
    os.replace(temporary, path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
