"""Staffing: agents required by the channels' forecast against the agents the shifts schedule, and the cost.

Made only when the plan declares shifts and at least one channel a forecast (the handbook reads no export).
Each pool of channels that share agents (planops.staffing.pools) gets a heatmap of scheduled minus required
agents by hour of week, short hours in red, with its numbers in a table beside it; each sized channel a
heatmap of the agents it needs. Every chart has a title and a text alternative.
"""

from __future__ import annotations

from planops.handbook import charts, markup, staffcharts
from planops.handbook.charts import DAYS, Chart
from planops.handbook.context import STAFFING, Context, page_url
from planops.plan import ValidPlan
from planops.staffing.staff import PoolNeed, Staffing

TITLE = "Staffing"
SUMMARY = "Agents the channels' forecast needs by hour of week against the shifts, short hours, and the cost."
INTERVAL = 60


def staffing_of(plan: ValidPlan) -> Staffing | None:
    """The plan's staffing on its forecast in hourly intervals, worked out once per plan; None without shifts
    or forecast."""
    if Staffing not in plan.memo:
        plan.memo[Staffing] = _compute(plan)
    found = plan.memo[Staffing]
    return found if isinstance(found, Staffing) else None


def _compute(plan: ValidPlan) -> Staffing | None:
    from planops.staffing.arrivals import forecast_window, from_forecast, plan_zone
    from planops.staffing.staff import staff

    if not any(r.shifts for r in plan.roles.values()) or not any(c.forecast for c in plan.channels.values()):
        return None
    zone = plan_zone(plan)
    return staff(plan, from_forecast(plan, forecast_window(plan, zone), zone, INTERVAL), zone, INTERVAL, "forecast")


def present(ctx: Context) -> bool:
    return staffing_of(ctx.plan) is not None


def chart_list(plan: ValidPlan) -> list[Chart]:
    found = staffing_of(plan)
    if found is None:
        return []
    charts = [staffcharts.gap_chart(i, pool, found.zone) for i, pool in enumerate(found.pools)]
    return charts + [staffcharts.required_chart(c, found.zone) for c in found.channels if c.skipped is None]


def render(ctx: Context) -> str:
    found = staffing_of(ctx.plan)
    assert found is not None  # build_pages adds the page only then
    figures = {c.uri: _figure(ctx, c) for c in chart_list(ctx.plan)}
    parts = [
        "# Staffing",
        f"Sized with `planops staff` on each channel's forecast, spread evenly over its open hours, averaged over "
        f"the {found.window.weeks:g} weeks from {found.window.start.date()} ({markup.text(found.zone)} time). "
        "Live channels by Erlang C (Erlang A where customers give up), async ones by workload; agents required "
        "count shrinkage, like the agents the shifts schedule. Run `planops staff EXPORT` on a helpdesk export "
        "for the real arrivals.",
        markup.heading(2, "Cost against the budget", "cost"),
        _cost(found),
        markup.heading(2, "Channels", "channels"),
        _channels(found),
    ]
    for i, pool in enumerate(found.pools):
        parts += [
            markup.heading(2, f"Pool: {', '.join(pool.pool.channels)}", f"pool-{i + 1}"),
            "Answered by " + ", ".join(ctx.role(r.name) for r in pool.pool.roles) + ". " + _summary(pool),
            figures[staffcharts.gap_chart(i, pool, found.zone).uri],
            _grid(pool),
        ]
    parts.append(markup.heading(2, "Agents each channel needs on its own", "required"))
    parts += [figures[staffcharts.required_chart(c, found.zone).uri] for c in found.channels if c.skipped is None]
    return markup.join(*parts)


def _money(amount: float | None, currency: str | None) -> str:
    return "—" if amount is None else markup.text(f"{currency or ''} {amount:,.0f}".strip())


def _cost(found: Staffing) -> str:
    rows = [["As staffed (the Team's headcount and the cost lines)", _money(found.monthly_cost, found.currency)]]
    rows.append(["With the agents the forecast requires", _money(found.required_cost, found.currency)])
    rows.append(["Budget limit", _money(found.limit, found.currency)])
    return markup.table(["A month", "Cost"], rows, ["left", "right"])


def _channels(found: Staffing) -> str:
    rows = [
        [
            markup.text(c.name),
            "live" if c.live else "async",
            f"{sum(c.tickets):,.1f}",
            markup.text(c.skipped or {"erlang-c": "Erlang C", "erlang-a": "Erlang A"}.get(c.method, "workload")),
        ]
        for c in found.channels
    ]
    return markup.table(["Channel", "Kind", "Tickets a week", "Sized by"], rows, ["left", "left", "right", "left"])


def _summary(pool: PoolNeed) -> str:
    short = sum(1 for g in pool.gaps if g < -1e-9)
    return markup.text(
        f"Agent-hours a week: {sum(pool.required):,.1f} required, {sum(pool.scheduled):,.1f} scheduled; "
        f"short in {short} of {len(pool.gaps)} hours."
    )


def _grid(pool: PoolNeed) -> str:
    """Required / scheduled agents per day and hour; short hours marked ✗."""
    header = ["Day", *(f"{h:02d}" for h in range(staffcharts.HOURS))]
    rows = []
    for d, day in enumerate(DAYS):
        cells = []
        for h in range(staffcharts.HOURS):
            i = d * staffcharts.HOURS + h
            r, s = pool.required[i], pool.scheduled[i]
            cells.append("" if r == 0 and s == 0 else f"{r:.1f}/{s:.1f}" + (" ✗" if s < r - 1e-9 else ""))
        rows.append([day, *cells])
    return "Required / scheduled agents; ✗ marks a short hour.\n\n" + markup.table(
        header, rows, ["left", *["right"] * staffcharts.HOURS]
    )


def _figure(ctx: Context, chart: Chart) -> str:
    return charts.figure(chart, page_url(STAFFING, ctx.directory_urls))
