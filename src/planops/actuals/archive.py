"""Saved actuals read back: every ``actuals/<period>.json`` of a plan repository, checked before use.

``planops report --save`` writes them (planops.actuals.saved) into ``actuals/`` next to the plan folder
(the folder that holds ``plan/``); the handbook's Performance page and ``planops review`` read them from
there. They arrive in pull requests, so each file is untrusted: at most :data:`MAX_SAVED_BYTES`, no links,
its shape checked by the models below (bounded strings and lists, finite numbers), its name equal to its
period. A file that fails is left out with one line naming it and what was wrong; nothing raises.
Imports no DuckDB.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from planops.limits import MAX_NAME_CHARS, MAX_SAVED_BYTES, MAX_SAVED_FILES, MAX_SAVED_ROWS
from planops.loader.source import display_path

MARK = "planops actuals"  # as planops.actuals.saved writes it
FOLDER = "actuals"
PERIOD = r"^[0-9]{4}-(Q[1-4]|0[1-9]|1[0-2]|W(0[1-9]|[1-4][0-9]|5[0-3]))$"
GRAINS = {"week": 0, "month": 1, "quarter": 2}

Text = Annotated[str, Field(max_length=MAX_NAME_CHARS)]  # names (channel names cut to 80 when saved)
Count = Annotated[int, Field(ge=0, le=10**12)]
Hours = Annotated[list[Count], Field(min_length=24, max_length=24)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, allow_inf_nan=False)


class KpiRow(_Strict):
    kpi: Text
    period: Text
    by: Annotated[dict[Text, str], Field(max_length=8)] = {}  # an export's values, never shown: any length
    value: float | None
    unit: Text = ""
    target: dict[Literal["max", "min"], float] = {}
    met: bool | None = None
    tickets: Count = 0


class SlaRow(_Strict):
    sla_policy: Text | None = None
    priority: Text | None = None
    target: Text
    applied: Count = 0
    met: Count = 0
    breached: Count = 0
    pending: Count = 0
    attainment: Annotated[float, Field(ge=0, le=100)] | None = None


class VolumeRow(_Strict):
    start: date
    channel: Text
    tickets: Count


class Volume(_Strict):
    step: Literal["week", "day"]
    rows: Annotated[list[VolumeRow], Field(max_length=MAX_SAVED_ROWS)]


class Arrivals(_Strict):
    channel: Text
    zone: Text
    counts: Annotated[list[Hours], Field(min_length=7, max_length=7)]  # Monday first


class Histogram(_Strict):
    counts: Annotated[list[Count], Field(max_length=100)]
    missing: Count = 0


class Durations(_Strict):
    unit: Literal["business minutes"]
    edges: Annotated[list[Annotated[float, Field(ge=0)]], Field(min_length=1, max_length=100)]
    first_response: Histogram | None = None
    resolution: Histogram | None = None

    @model_validator(mode="after")
    def _bins(self) -> Durations:
        if any(b >= a for a, b in zip(self.edges[1:], self.edges, strict=False)):
            raise ValueError("edges must increase")
        for histogram in (self.first_response, self.resolution):
            if histogram is not None and len(histogram.counts) != len(self.edges):
                raise ValueError(f"a histogram has {len(histogram.counts)} counts for {len(self.edges)} edges")
        return self


class BacktestKpi(_Strict):
    kpi: Text
    by: Annotated[dict[Text, str], Field(max_length=8)] = {}
    unit: Text = ""
    actual: float | None = None
    base: float | None = None
    head: float | None = None
    delta: float | None = None


class BacktestSide(_Strict):
    applied: Count = 0
    met: Count = 0
    breached: Count = 0
    pending: Count = 0
    attainment: Annotated[float, Field(ge=0, le=100)] | None = None


class BacktestSla(_Strict):
    sla_policy: Text
    priority: Text
    target: Text
    actual: BacktestSide | None = None
    base: BacktestSide | None = None
    head: BacktestSide | None = None
    delta: Annotated[float, Field(ge=-100, le=100)] | None = None


class BacktestMove(_Strict):
    model_config = ConfigDict(extra="ignore", frozen=True, allow_inf_nan=False, populate_by_name=True)

    field: Literal["moved", "segment", "priority", "queue", "workflow", "sla_policy"]
    before: Text | None = Field(None, alias="from")
    after: Text | None = Field(None, alias="to")
    tickets: Count = 0


class SavedBacktest(_Strict):
    """A period's backtest (``planops backtest --save``): its revisions, KPI and SLA deltas, re-route counts."""

    base: Text
    head: Text
    tickets: Count = 0
    rerouted: Count = 0
    kpis: Annotated[list[BacktestKpi], Field(max_length=MAX_SAVED_ROWS)] = []
    sla: Annotated[list[BacktestSla], Field(max_length=MAX_SAVED_ROWS)] = []
    reroutes: Annotated[list[BacktestMove], Field(max_length=MAX_SAVED_ROWS)] = []


class Saved(_Strict):
    """One period's saved actuals; the chart keys are absent from files saved before they existed."""

    planops: Literal["planops actuals"]
    period: Annotated[str, Field(pattern=PERIOD)]
    grain: Literal["week", "month", "quarter"]
    kpis: Annotated[list[KpiRow], Field(max_length=MAX_SAVED_ROWS)]
    sla: Annotated[list[SlaRow], Field(max_length=MAX_SAVED_ROWS)] | None = None
    volume: Volume | None = None
    arrivals: Annotated[list[Arrivals], Field(max_length=100)] | None = None
    durations: Durations | None = None
    backtest: SavedBacktest | None = None

    @property
    def overall(self) -> list[KpiRow]:
        """The KPI rows of the whole period (not split by a dimension)."""
        return [r for r in self.kpis if not r.by]

    def summary(self) -> dict[str, Any]:
        """The period's KPIs (value, unit, target, met, tickets) for software agents (plan.json, review's JSON)."""
        kpis = [r.model_dump(mode="json", exclude={"period", "by"}) for r in self.overall]
        return {"period": self.period, "grain": self.grain, "kpis": kpis}


@dataclass(frozen=True, slots=True)
class History:
    """The saved periods that could be read (the latest's grain, oldest first) and a line per file left out."""

    periods: tuple[Saved, ...]
    problems: tuple[str, ...]

    @property
    def latest(self) -> Saved | None:
        return self.periods[-1] if self.periods else None


def actuals_dir(plan_dir: Path | str) -> Path:
    """``actuals/`` in the folder that holds the plan folder (``plan`` → ``actuals``, ``a/plan`` → ``a/actuals``)."""
    return Path(os.path.normpath(os.path.join(plan_dir, os.pardir)), FOLDER)


def read_history(folder: Path) -> History:
    """Every readable saved period in ``folder`` of the latest period's grain, oldest first."""
    if not folder.is_dir() or folder.is_symlink():
        return History((), ())
    names = sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))
    problems = []
    if len(names) > MAX_SAVED_FILES:
        shown = display_path(folder)
        problems.append(f"{shown}: {len(names)} saved periods; only the latest {MAX_SAVED_FILES} are read")
        names = names[-MAX_SAVED_FILES:]
    found = []
    for path in names:
        saved, problem = read_saved(path)
        if problem:
            problems.append(problem)
        elif saved is not None:
            found.append(saved)
    found.sort(key=lambda s: (period_end(s.period), GRAINS[s.grain]))
    grain = found[-1].grain if found else None
    return History(tuple(s for s in found if s.grain == grain), tuple(problems))


def read_saved(path: Path) -> tuple[Saved | None, str | None]:
    """The file's saved actuals, or the one line saying why it was left out (the path as users read it)."""
    shown = display_path(path)
    try:
        if path.is_symlink() or not path.is_file():
            return None, f"{shown}: not a regular file (links are not followed); left out"
        size = path.stat().st_size
        if size > MAX_SAVED_BYTES:
            return None, f"{shown}: {size} bytes, over the {MAX_SAVED_BYTES} a saved period may have; left out"
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        return None, f"{shown}: not readable JSON ({_short(exc)}); regenerate it with planops report --save"
    try:
        saved = Saved.model_validate(data)
    except ValidationError as exc:
        return None, f"{shown}: not saved actuals as planops writes them ({_first(exc)}); regenerate it"
    if path.stem != saved.period:
        return None, f"{shown}: holds period {saved.period}; name it {saved.period}.json"
    return saved, None


def period_end(period: str) -> date:
    """The last day of a saved period (``2026-Q3`` → 2026-09-30, ``2026-07`` → 07-31, ``2026-W27`` → its Sunday)."""
    year, rest = int(period[:4]), period[5:]
    if rest.startswith("W"):
        return date.fromisocalendar(year, int(rest[1:]), 7) if _weeks(year) >= int(rest[1:]) else date(year, 12, 31)
    month = int(rest[1:]) * 3 if rest.startswith("Q") else int(rest)
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


def _weeks(year: int) -> int:
    return date(year, 12, 28).isocalendar()[1]


def _first(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"]) or "the file"
    more = f"; {exc.error_count() - 1} more" if exc.error_count() > 1 else ""
    return f"{where[:80]}: {_short(error['msg'])}{more}"


def _short(value: object) -> str:
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in " ".join(str(value).split()))
    return text if len(text) <= 120 else text[:119] + "…"
