"""Performance: the plan against its saved actuals — KPI tiles, SLA attainment, volume, arrivals, durations.

Made only when the repository has saved actuals (``actuals/*.json`` next to the plan folder, written by
``planops report --save``); without them the handbook has no Performance page. Every chart (see
planops.handbook.charts) is an SVG image with a title, a text alternative and its numbers in a table
beside it. Every string from a saved file is escaped (markup.text, markup.attr).
"""

from __future__ import annotations

from planops.actuals.archive import BacktestSla, History, KpiRow, Saved
from planops.handbook import charts, markup
from planops.handbook.charts import Chart
from planops.handbook.context import PERFORMANCE, Context, page_url

TITLE = "Performance"
SUMMARY = "The plan against the saved actuals: each KPI's value, target and trend, SLA attainment, volume, arrivals."
TILE_PERIODS = 4  # the trend on a tile: the latest periods
TREND_PERIODS = 12  # columns of the trend table: three years of quarters


def present(ctx: Context) -> bool:
    history = ctx.actuals
    return isinstance(history, History) and history.latest is not None


def chart_list(history: History) -> list[Chart]:
    """Every chart of the page, in page order (the build renders each into its file)."""
    latest = history.latest
    if latest is None:
        return []
    found = [c for c in [charts.sla(latest.period, latest.sla or ())] if c]
    found += [charts.volume(latest.period, latest.volume)] if latest.volume and latest.volume.rows else []
    found += [charts.arrivals(latest.period, i, a) for i, a in enumerate(latest.arrivals or ())]
    if latest.durations:
        for target in ("first_response", "resolution"):
            chart = charts.durations(latest.period, target, latest.durations)
            found += [chart] if chart else []
    return found


def render(ctx: Context) -> str:
    history = ctx.actuals
    assert isinstance(history, History) and history.latest is not None  # build_pages adds the page only then
    latest = history.latest
    figures = {c.uri: _figure(ctx, c) for c in chart_list(history)}
    return markup.join(
        "# Performance",
        f"Measured on exported tickets and saved with `planops report --save` into `actuals/`: "
        f"{len(history.periods)} saved {markup.text(latest.grain)}(s), the latest "
        f"**{markup.text(latest.period)}**. The files hold aggregates only: no ticket ids, no customer data.",
        markup.heading(2, f"KPIs in {latest.period}", "kpis"),
        _tiles(ctx, history) or "The saved file holds no KPI of the whole period.",
        _trend(ctx, history),
        markup.heading(2, "SLA attainment by policy and priority", "sla"),
        *_sla_chart(latest, figures),
        _sla(latest),
        *_backtest(latest),
        *_charts(latest, figures),
    )


def _tiles(ctx: Context, history: History) -> str:
    latest = history.latest
    assert latest is not None
    tiles = [_tile(ctx, row, history) for row in latest.overall]
    if not tiles:
        return ""
    return f'{markup.RAW_OPEN}<div class="planops-tiles">{"".join(tiles)}</div>{markup.RAW_CLOSE}'


def _tile(ctx: Context, row: KpiRow, history: History) -> str:
    state = {True: ("met", "✓ met"), False: ("missed", "✗ missed"), None: ("unknown", "not measured")}[row.met]
    trend = [f"{markup.text(s.period)}: {_value(_find(s, row.kpi))}" for s in history.periods[-TILE_PERIODS:]]
    return (
        f'<div class="planops-tile planops-{state[0]}"><div class="planops-tile-name">{ctx.kpi(row.kpi)}</div>'
        f'<div class="planops-tile-value">{_value(row)}</div>'
        f"<div>target {_target(row)} · <strong>{state[1]}</strong></div>"
        f'<div class="planops-tile-trend">{" → ".join(trend)}</div></div>'
    )


def _trend(ctx: Context, history: History) -> str:
    latest = history.latest
    assert latest is not None
    names = [r.kpi for r in latest.overall]
    shown = history.periods[-TREND_PERIODS:]
    header = ["KPI", "Target", *(markup.text(s.period) for s in shown)]
    rows = [[ctx.kpi(name), _target(_find(latest, name)), *(_value(_find(s, name)) for s in shown)] for name in names]
    return markup.table(header, rows, ["left", "left", *["right"] * len(shown)])


def _find(saved: Saved, kpi: str) -> KpiRow | None:
    return next((r for r in saved.overall if r.kpi == kpi), None)


def _value(row: KpiRow | None) -> str:
    if row is None or row.value is None:
        return "—"
    hours = f" ({_number(row.value / 60)} h)" if row.unit == "minutes" and row.value >= 120 else ""
    return markup.text(f"{_number(row.value)} {row.unit}".strip() + hours)


def _target(row: KpiRow | None) -> str:
    if row is None or not row.target:
        return "none"
    bound, value = ("at most", row.target["max"]) if "max" in row.target else ("at least", row.target["min"])
    return markup.text(f"{bound} {_number(value)} {row.unit}".strip())


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{round(value, 1):g}"


def _sla(latest: Saved) -> str:
    if not latest.sla:
        return f"The saved file of {markup.text(latest.period)} has no SLA attainment rows."
    rows = [
        [
            markup.text(r.sla_policy or "none"),
            markup.text(r.priority or "any"),
            markup.text(r.target),
            *(f"{n:,}" for n in (r.applied, r.met, r.breached, r.pending)),
            "—" if r.attainment is None else f"{r.attainment:.1f} %",
        ]
        for r in latest.sla
    ]
    header = ["Policy", "Priority", "Target", "Applied", "Met", "Breached", "Pending", "Attainment"]
    return markup.table(header, rows, ["left", "left", "left", *["right"] * 5])


def _backtest(latest: Saved) -> list[str]:
    """The saved backtest of the period (``planops backtest --save``): KPI and SLA deltas, re-route counts."""
    found = latest.backtest
    if found is None:
        return []
    kpis = [
        [markup.text(k.kpi), *(_plain(v) for v in (k.actual, k.base, k.head)), _signed(k.delta), markup.text(k.unit)]
        for k in found.kpis
        if not k.by
    ]
    moved = [s for s in found.sla if s.delta]
    sla = [
        [*(markup.text(v) for v in (s.sla_policy, s.priority, s.target)), *_shares(s), _signed(s.delta)] for s in moved
    ]
    moves = [
        [markup.text(m.field), markup.text(m.before or "none"), markup.text(m.after or "none"), f"{m.tickets:,}"]
        for m in found.reroutes
        if m.field != "moved"
    ]
    return [
        markup.heading(2, "Backtest of the last plan change", "backtest"),
        f"The {found.tickets:,} tickets of {markup.text(latest.period)} replayed through "
        f"{markup.text(found.base)} and {markup.text(found.head)} (saved with `planops backtest --save`): "
        "each revision's rules decide segment, priority, queue, workflow and SLA policy; the tickets' own fields "
        f"and events stay as recorded. **{found.rerouted:,}** tickets route differently.",
        markup.table(["KPI", "Actual", "Base", "Head", "Head − base", "Unit"], kpis, ["left", *["right"] * 4, "left"]),
        markup.table(["Policy", "Priority", "Target", "Base", "Head", "Head − base"], sla, ["left"] * 3 + ["right"] * 3)
        if sla
        else "No SLA target's attainment changes.",
        markup.table(["What", "From", "To", "Tickets"], moves, ["left", "left", "left", "right"])
        if moves
        else "No ticket routes differently.",
    ]


def _plain(value: float | None) -> str:
    return "—" if value is None else _number(value)


def _signed(value: float | None) -> str:
    return "—" if value is None else f"{value:+,.2f}"


def _shares(row: BacktestSla) -> list[str]:
    return ["—" if s is None or s.attainment is None else f"{s.attainment:.1f} %" for s in (row.base, row.head)]


def _sla_chart(latest: Saved, figures: dict[str, str]) -> list[str]:
    chart = charts.sla(latest.period, latest.sla or ())
    return [figures[chart.uri]] if chart else []


def _charts(latest: Saved, figures: dict[str, str]) -> list[str]:
    period = latest.period
    parts = [markup.heading(2, "Volume by channel", "volume")]
    if latest.volume and latest.volume.rows:
        parts += [figures[charts.volume(period, latest.volume).uri], _volume_table(latest)]
    else:
        parts.append("Not in the saved file.")
    parts.append(markup.heading(2, "Arrivals by hour of week", "arrivals"))
    parts.append("Tickets created in each hour of the week, Monday first, in the time zone of the channel's calendar.")
    for index, found in enumerate(latest.arrivals or ()):
        parts += [figures[charts.arrivals(period, index, found).uri], _grid_table(found.counts)]
    parts.append(markup.heading(2, "First response and resolution times", "durations"))
    if latest.durations:
        labels = charts.bin_labels(latest.durations.edges)
        parts.append(
            "Business time of each ticket's calendar, in fixed bins (a bin holds its lower bound, not its upper)."
        )
        parts += [
            figures[c.uri]
            for t in ("first_response", "resolution")
            if (c := charts.durations(period, t, latest.durations))
        ]
        parts.append(_durations_table(latest, labels))
    else:
        parts.append("Not in the saved file.")
    return parts


def _volume_table(latest: Saved) -> str:
    assert latest.volume is not None
    channels = sorted({r.channel for r in latest.volume.rows})
    steps: dict[str, dict[str, int]] = {}
    for r in latest.volume.rows:
        steps.setdefault(r.start.isoformat(), {})[r.channel] = r.tickets
    header = [f"{latest.volume.step.capitalize()} from", *(markup.text(c or "no channel") for c in channels)]
    rows = [[start, *(f"{found.get(c, 0):,}" for c in channels)] for start, found in sorted(steps.items())]
    return markup.table(header, rows, ["left", *["right"] * len(channels)])


def _grid_table(counts: list[list[int]]) -> str:
    header = ["Day", *(f"{h:02d}" for h in range(24))]
    rows = [[day, *(str(n) for n in hours)] for day, hours in zip(charts.DAYS, counts, strict=True)]
    return markup.table(header, rows, ["left", *["right"] * 24])


def _durations_table(latest: Saved, labels: list[str]) -> str:
    found = latest.durations
    assert found is not None
    columns = [(t, h) for t, h in (("First response", found.first_response), ("Resolution", found.resolution)) if h]
    rows = [[markup.text(label), *(f"{h.counts[i]:,}" for _, h in columns)] for i, label in enumerate(labels)]
    rows.append(["no time yet", *(f"{h.missing:,}" for _, h in columns)])
    return markup.table(["Business time", *(t for t, _ in columns)], rows, ["left", *["right"] * len(columns)])


def _figure(ctx: Context, chart: Chart) -> str:
    return charts.figure(chart, page_url(PERFORMANCE, ctx.directory_urls))
