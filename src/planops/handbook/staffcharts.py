"""The Staffing page's heatmaps: required and scheduled agents by hour of week, as static SVG.

Drawn like the Performance charts (planops.handbook.charts: Vega-Lite rendered by vl-convert at build
time, no scripts). Every value comes from the plan's own forecast and shifts (planops.staffing).
"""

from __future__ import annotations

from planops.handbook.charts import DAYS, Chart, heatmap_spec
from planops.staffing.staff import ChannelNeed, PoolNeed

FOLDER = "assets/planops/staffing"
HOURS = 24


def cells(values: tuple[float, ...]) -> list[tuple[int, int, float]]:
    """(day, hour, value) of hourly slots, Monday 00:00 first."""
    return [(i // HOURS, i % HOURS, v) for i, v in enumerate(values)]


def gap_chart(index: int, pool: PoolNeed, zone: str) -> Chart:
    """Scheduled minus required agents per hour of week: red where short, blue where over."""
    data = [
        {"day": DAYS[d], "hour": h, "gap": round(g, 2), "required": round(r, 2), "scheduled": round(s, 2)}
        for (d, h, g), r, s in zip(cells(pool.gaps), pool.required, pool.scheduled, strict=True)
    ]
    title = f"Scheduled minus required agents by hour of week: {', '.join(pool.pool.channels)} ({zone})"
    short = [c for c in cells(pool.gaps) if c[2] < -1e-9]
    worst = min(short, key=lambda c: (c[2], c[0], c[1])) if short else None
    alt = f"Heatmap: {title}; short in {len(short)} of {len(data)} hours" + (
        f", the most at {DAYS[worst[0]]} {worst[1]:02d}:00, short by {-worst[2]:.1f} agents." if worst else "."
    )
    bound = max([abs(g) for g in pool.gaps] + [1.0])
    color = {
        "field": "gap",
        "type": "quantitative",
        "title": "scheduled − required",
        "scale": {"scheme": "redblue", "domain": [-bound, bound], "domainMid": 0},
    }
    spec = heatmap_spec(title, data, zone, color)
    return Chart(f"{FOLDER}/gaps-{index}.svg", title, alt, spec)


def required_chart(need: ChannelNeed, zone: str) -> Chart:
    """Agents a channel needs on it alone, per hour of week."""
    data = [{"day": DAYS[d], "hour": h, "agents": round(v, 2)} for d, h, v in cells(need.required)]
    title = f"Agents required by hour of week: {need.name} ({zone})"
    peak = max(cells(need.required), key=lambda c: (c[2], -c[0], -c[1]))
    alt = f"Heatmap: {title}; the most, {peak[2]:.1f}, at {DAYS[peak[0]]} {peak[1]:02d}:00."
    color = {"field": "agents", "type": "quantitative", "scale": {"scheme": "blues"}}
    spec = heatmap_spec(title, data, zone, color)
    return Chart(f"{FOLDER}/required-{need.name}.svg", title, alt, spec)
