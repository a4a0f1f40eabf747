"""``planops staff`` as a library call: arrivals from an export or the forecast, then required against scheduled."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from planops.errors import PlanopsError

if TYPE_CHECKING:
    from concurrent.futures import Future

    from planops.actuals.reader import Export
    from planops.plan import ValidPlan
    from planops.staffing.staff import Staffing


def staffing(
    plan: ValidPlan,
    tickets: Path | None,
    events: Path | None = None,
    *,
    interval: int = 30,
    source: str = "canonical",
    timezone: str | None = None,
    ahead: Future[Export] | None = None,
) -> Staffing:
    """Staffing of the plan on the tickets of an export (its events are not needed), or on each channel's
    ``forecast:`` without one; ``ahead``: the export's reading begun by :func:`read_ahead`. Raises
    PlanopsError (one line) for an export that cannot be read, or a plan with nothing to size."""
    from planops.staffing.arrivals import forecast_window, from_export, from_forecast, plan_zone
    from planops.staffing.staff import staff

    if not any(role.shifts for role in plan.roles.values()):
        raise PlanopsError("no role has shifts: add `shifts:` to the Team roles that answer tickets")
    zone = plan_zone(plan)
    if tickets is None:
        if not any(c.forecast for c in plan.channels.values()):
            raise PlanopsError(
                "give an export, or a forecast on a channel: forecast: {tickets_per_month: 1200}", exit_code=2
            )
        return staff(plan, from_forecast(plan, forecast_window(plan, zone), zone, interval), zone, interval, "forecast")
    export = ahead.result() if ahead is not None else _export(plan, tickets, events, timezone, source)
    try:
        arrivals = from_export(plan, export.connection, zone, interval)
    except ValueError as error:
        raise PlanopsError(f"{tickets.name}: {error}") from None
    return staff(plan, arrivals, zone, interval, tickets.name)


def read_ahead(tickets: Path, events: Path | None, timezone: str | None, source: str) -> Future[Export] | None:
    """Begin reading a canonical export on a thread, while the plan is loaded and checked: its reading needs
    nothing of the plan, and DuckDB reads without the interpreter's lock. None for another source (its
    reading needs the plan). Its errors come from the Future's result, where :func:`staffing` reads it: after
    the plan's own."""
    if source != "canonical":
        return None
    from concurrent.futures import ThreadPoolExecutor

    import duckdb  # noqa: F401  imported here, not on the thread: two threads importing at once can deadlock

    import planops.actuals.reader  # noqa: F401

    pool = ThreadPoolExecutor(1, thread_name_prefix="planops-read")
    try:
        return pool.submit(_canonical, tickets, events, timezone)
    finally:
        pool.shutdown(wait=False)  # the thread ends with its one task


def _export(plan: ValidPlan, tickets: Path, events: Path | None, timezone: str | None, source: str) -> Export:
    """The export's tickets, as ``source`` says."""
    if source != "canonical":
        from planops.actuals.report import read

        return read(plan, tickets, events, timezone=timezone, source=source)
    return _canonical(tickets, events, timezone)


def _canonical(tickets: Path, events: Path | None, timezone: str | None) -> Export:
    """A canonical export's tickets, read without its events (staffing counts arrivals only) and untyped: a
    channel the plan does not define is counted as such, not left out as a bad row."""
    from planops.actuals.reader import ExportError, read_export

    if events is not None and not events.is_file():
        raise ExportError(f"{events}: no such file; give the path of the export's events file, or leave it out")
    return read_export(tickets, None, timezone=timezone)
