"""Aggregates for the handbook's Performance charts, per period: counts only, no ticket ids, no customer data.

From the ``facts`` table (planops.actuals.facts), reading only ``created_at``, ``channel``,
``first_response_us`` and ``resolution_us``:

* ``volume``: tickets created per channel and step — per ISO week (its Monday, UTC) for a month or a
  quarter, per UTC day for a week; a step starts at most at the period's first day;
* ``arrivals``: tickets created per channel by hour of week, 7 rows (Monday first) of 24 hours, in the
  time zone of the channel's calendar in the plan (where its agents work), UTC for a channel the plan
  does not know or that has no calendar; each row says its zone;
* in both, a channel name is cut to 80 characters, and past the period's 20 busiest channels the rest are
  summed as ``(other channels)`` (in UTC): an export's channel column may hold anything;
* ``durations``: first response and resolution times in business minutes of the ticket's calendar, as
  counts in fixed bins (:data:`EDGES`: a bin holds ``edge ≤ t < next edge``, the last one all above), and how
  many tickets have no such time yet (no reply, not solved).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlglot import exp

from planops.actuals.measures import MINUTE_US, PERIODS

if TYPE_CHECKING:
    import duckdb

    from planops.plan import CompiledPlan

EDGES = (0, 5, 15, 30, 60, 120, 240, 480, 960, 1440, 2880, 5760)
"""Bin edges in business minutes: 5m, 15m, 30m, 1h, 2h, 4h, 8h, 16h, 24h, 48h, 96h; the last bin is open."""
DURATIONS = {"first_response": "first_response_us", "resolution": "resolution_us"}
UNIT = "business minutes"
_STEP = {"quarter": "week", "month": "week", "week": "day"}
MAX_CHANNELS = 20
OTHER = "(other channels)"
CHANNEL_CHARS = 80


def profile(con: duckdb.DuckDBPyConnection, plan: CompiledPlan, period: str) -> dict[str, dict[str, Any]]:
    """The chart aggregates of every period in ``facts`` (``period``: month, quarter or week), by period."""
    found: dict[str, dict[str, Any]] = {}
    for key, rows in (
        ("volume", _volume(con, period)),
        ("arrivals", _arrivals(con, plan, period)),
        ("durations", _durations(con, period)),
    ):
        for name, value in rows.items():
            found.setdefault(name, {})[key] = value
    return found


def zones(plan: CompiledPlan) -> dict[str, str]:
    """Each channel's time zone: its calendar's, else UTC."""
    found = {}
    for name, channel in plan.channels.items():
        calendar = plan.calendars.get(channel.calendar) if channel.calendar else None
        found[name] = calendar.timezone if calendar else "UTC"
    return found


def _periodic(period: str, columns: str) -> str:
    return f"(SELECT {PERIODS[period]} AS period, {columns} FROM facts)"


def _by_channel(period: str, columns: str) -> str:
    """Like _periodic, with ``channel`` at most :data:`CHANNEL_CHARS` long and the :data:`MAX_CHANNELS` busiest
    of the period kept apart, the others summed as :data:`OTHER` (an export's channel column may hold anything)."""
    shown = f"left(coalesce(channel, ''), {CHANNEL_CHARS})"
    source = _periodic(period, f"created_at, {shown} AS shown")
    counted = f"SELECT *, count(*) OVER (PARTITION BY period, shown) AS n FROM {source}"
    ranked = f"SELECT *, dense_rank() OVER (PARTITION BY period ORDER BY n DESC, shown) AS r FROM ({counted})"
    channel = f"CASE WHEN r <= {MAX_CHANNELS} THEN shown ELSE '{OTHER}' END AS channel"
    capped = f"SELECT period, created_at, {channel} FROM ({ranked})"
    return f"(SELECT period, {columns} FROM ({capped}))"


def _volume(con: duckdb.DuckDBPyConnection, period: str) -> dict[str, dict[str, Any]]:
    step = _STEP[period]
    start = f"greatest(date_trunc('week', d), date_trunc('{period}', d))" if step == "week" else "d"
    source = _by_channel(period, "CAST(created_at AT TIME ZONE 'UTC' AS DATE) AS d, channel")
    query = f"SELECT period, CAST({start} AS DATE) AS start, channel, count(*) FROM {source} GROUP BY ALL ORDER BY ALL"
    found: dict[str, dict[str, Any]] = {}
    for name, day, channel, count in con.execute(query).fetchall():
        found.setdefault(name, {"step": step, "rows": []})["rows"].append(
            {"start": day.isoformat(), "channel": channel, "tickets": int(count)}
        )
    return found


def _arrivals(con: duckdb.DuckDBPyConnection, plan: CompiledPlan, period: str) -> dict[str, list[dict[str, Any]]]:
    known = zones(plan)
    cases = " ".join(
        f"WHEN {_literal(name)} THEN timezone({_literal(zone)}, created_at)" for name, zone in known.items()
    )
    local = f"CASE channel {cases} ELSE timezone('UTC', created_at) END" if cases else "timezone('UTC', created_at)"
    source = _by_channel(period, f"channel, {local} AS local")
    query = (
        "SELECT period, channel, isodow(local) - 1 AS day, hour(local) AS hour, count(*) "
        f"FROM {source} GROUP BY ALL ORDER BY ALL"
    )
    grids: dict[tuple[str, str], list[list[int]]] = {}
    for name, channel, day, hour, count in con.execute(query).fetchall():
        grid = grids.setdefault((name, channel), [[0] * 24 for _ in range(7)])
        grid[int(day)][int(hour)] = int(count)
    found: dict[str, list[dict[str, Any]]] = {}
    for (name, channel), grid in sorted(grids.items()):
        found.setdefault(name, []).append({"channel": channel, "zone": known.get(channel, "UTC"), "counts": grid})
    return found


def _durations(con: duckdb.DuckDBPyConnection, period: str) -> dict[str, dict[str, Any]]:
    bins = " ".join(f"WHEN m >= {edge} THEN {index}" for index, edge in reversed(list(enumerate(EDGES))))
    found: dict[str, dict[str, Any]] = {}
    for target, column in DURATIONS.items():
        source = _periodic(period, f"{column} / {MINUTE_US}.0 AS m")
        query = f"SELECT period, CASE {bins} END AS bin, count(*) FROM {source} GROUP BY ALL ORDER BY ALL"
        for name, index, count in con.execute(query).fetchall():
            entry = found.setdefault(name, {"unit": UNIT, "edges": list(EDGES)})
            counts = entry.setdefault(target, {"counts": [0] * len(EDGES), "missing": 0})
            if index is None:  # no reply or no solve yet (or a negative time, which the clock never gives)
                counts["missing"] += int(count)
            else:
                counts["counts"][int(index)] = int(count)
    return found


def _literal(value: str) -> str:
    return str(exp.Literal.string(value).sql("duckdb"))
