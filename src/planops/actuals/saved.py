"""Saved actuals: a period's aggregates as ``actuals/<period>.json`` — KPI values and SLA attainment per
policy, priority and target (``"sla"``), no ticket ids, no customer data.

Only a file planops wrote (it says so in ``"planops"``) is replaced; any other file of that name is left
alone and reported.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from planops.actuals.report import Report
from planops.errors import PlanopsError

MARK = "planops actuals"


def save(report: Report, folder: Path) -> list[Path]:
    """Write one file per period of the report into ``folder``; the paths written."""
    periods: dict[str, list[dict[str, object]]] = {}
    for row in report.rows:
        periods.setdefault(row.period, []).append(row.as_json())
    sla: dict[str, list[dict[str, object]]] = {}
    for target in report.sla:
        sla.setdefault(target.period, []).append(target.as_json())
    written = []
    for period, rows in sorted(periods.items()):
        path = folder / f"{period}.json"
        _refuse_foreign(path)
        folder.mkdir(parents=True, exist_ok=True)
        data = {"planops": MARK, "period": period, "grain": report.period, "kpis": rows, "sla": sla.get(period, [])}
        data.update(report.charts.get(period, {}))  # volume, arrivals, durations (planops.actuals.profile)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{period}.")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=2, ensure_ascii=False)
            out.write("\n")
        os.chmod(temporary, 0o666 & ~_umask())  # a file to commit, as any other the user writes (not mkstemp's 0600)
        os.replace(temporary, path)
        written.append(path)
    return written


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _refuse_foreign(path: Path) -> None:
    if not path.exists() and not path.is_symlink():
        return
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > 16 * 1024 * 1024:
            raise ValueError
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        found = None
    if not isinstance(found, dict) or found.get("planops") != MARK:
        raise PlanopsError(f"{path} exists and is not planops's saved actuals: move it away first", exit_code=1)
