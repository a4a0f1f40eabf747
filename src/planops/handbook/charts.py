"""The Performance page's charts: Vega-Lite specifications of saved aggregates, rendered to static SVG.

Rendered at build time by vl-convert-python (Vega-Lite and its renderer in one wheel, no browser, no
network), so the site shows them offline and without scripts; each SVG is served as an image file. Every
value a chart shows comes from a saved actuals file (planops.actuals.archive has checked its shape); text
in the SVG is escaped by the renderer, and an image cannot run scripts in any case. vl_convert is imported
only when a chart is drawn.
"""

from __future__ import annotations

import functools
import json
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from planops.actuals.archive import Arrivals, Durations, SlaRow, Volume
from planops.handbook import markup

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WIDTH = 560
FOLDER = "assets/planops/performance"


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart: the file it is served as, its title, its text alternative and its Vega-Lite specification."""

    uri: str
    title: str
    alt: str
    spec: dict[str, Any]

    def svg(self) -> str:
        return _render(json.dumps(self.spec, sort_keys=True))


@functools.lru_cache(maxsize=64)
def _render(spec: str) -> str:
    """One chart's SVG, remembered: ``planops serve`` rebuilds on every edit, and the renderer's first chart
    costs about a second (it starts its JavaScript engine)."""
    import vl_convert

    return str(vl_convert.vegalite_to_svg(json.loads(spec)))


def bin_labels(edges: Sequence[float]) -> list[str]:
    """``0–5m``, ``5–15m``, …, ``≥ 96h``: each bin's business time range."""
    shown = [_minutes(e) for e in edges]
    return [f"{a}–{b}" for a, b in pairwise(shown)] + [f"≥ {shown[-1]}"]


def _minutes(value: float) -> str:
    return f"{value / 60:g}h" if value >= 60 else f"{value:g}m"


def _spec(title: str, data: list[dict[str, Any]], **rest: Any) -> dict[str, Any]:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "width": WIDTH,
        "data": {"values": data},
        "config": {"background": "white"},
        **rest,
    }


def figure(chart: Chart, here: str) -> str:
    """The chart as a figure of the page at site URL ``here``: its image (relative to the page), its text
    alternative and its title as caption."""
    base = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    src = posixpath.relpath(chart.uri, base or ".")
    return (
        f'{markup.RAW_OPEN}<figure class="planops-chart"><img src="{markup.attr(src)}" alt="{markup.attr(chart.alt)}">'
        f"<figcaption>{markup.text(chart.title)}</figcaption></figure>{markup.RAW_CLOSE}"
    )


def heatmap_spec(title: str, data: list[dict[str, Any]], zone: str, color: dict[str, Any]) -> dict[str, Any]:
    """A heatmap of hours (x, in ``zone``) by day of the week (y, Monday first), coloured by ``color``."""
    return _spec(
        title,
        data,
        height=180,
        mark="rect",
        encoding={
            "x": {"field": "hour", "type": "ordinal", "title": f"hour ({zone})"},
            "y": {"field": "day", "type": "ordinal", "sort": list(DAYS), "title": None},
            "color": color,
        },
    )


def volume(period: str, found: Volume) -> Chart:
    starts = sorted({r.start.isoformat() for r in found.rows})
    channels = sorted({r.channel for r in found.rows})
    counts = {(r.start.isoformat(), r.channel): r.tickets for r in found.rows}
    data = [{"start": s, "channel": c, "tickets": counts.get((s, c), 0)} for s in starts for c in channels]
    totals = {c: sum(counts.get((s, c), 0) for s in starts) for c in channels}
    title = f"Tickets created per {found.step} and channel, {period}"
    alt = f"Line chart: {title}. Totals: " + ", ".join(f"{c or 'no channel'} {n}" for c, n in totals.items())
    spec = _spec(
        title,
        data,
        height=240,
        mark={"type": "line", "point": True},
        encoding={
            "x": {
                "field": "start",
                "type": "ordinal",
                "title": f"{found.step} from (UTC)",
                "axis": {"labelAngle": -45},
            },
            "y": {"field": "tickets", "type": "quantitative", "title": "tickets created"},
            "color": {"field": "channel", "type": "nominal", "title": "channel"},
        },
    )
    return Chart(f"{FOLDER}/volume-{period}.svg", title, alt + ".", spec)


def arrivals(period: str, index: int, found: Arrivals) -> Chart:
    cells = [(n, d, h) for d, hours in enumerate(found.counts) for h, n in enumerate(hours)]
    data = [{"day": DAYS[d], "hour": h, "tickets": n} for n, d, h in cells]
    most, day, hour = max(cells, key=lambda c: (c[0], -c[1], -c[2]))  # the first of the busiest hours
    title = f"Arrivals by hour of week: {found.channel or 'no channel'}, {period} ({found.zone})"
    alt = (
        f"Heatmap: {title}; {sum(c[0] for c in cells)} tickets, the busiest hour {DAYS[day]} {hour:02d}:00 with {most}."
    )
    color = {"field": "tickets", "type": "quantitative", "scale": {"scheme": "blues"}}
    spec = heatmap_spec(title, data, found.zone, color)
    return Chart(f"{FOLDER}/arrivals-{period}-{index}.svg", title, alt, spec)


def durations(period: str, target: str, found: Durations) -> Chart | None:
    histogram = found.first_response if target == "first_response" else found.resolution
    if histogram is None:
        return None
    labels = bin_labels(found.edges)
    data = [{"bin": label, "tickets": n} for label, n in zip(labels, histogram.counts, strict=True)]
    what = "First response" if target == "first_response" else "Resolution"
    title = f"{what} time, {period} (business time)"
    shown = sum(histogram.counts)
    alt = f"Bar chart: {title}; {shown} tickets in {len(labels)} bins, {histogram.missing} without one yet."
    spec = _spec(
        title,
        data,
        height=220,
        mark="bar",
        encoding={
            "x": {
                "field": "bin",
                "type": "ordinal",
                "sort": labels,
                "title": "business time",
                "axis": {"labelAngle": 0},
            },
            "y": {"field": "tickets", "type": "quantitative", "title": "tickets"},
        },
    )
    return Chart(f"{FOLDER}/{target.replace('_', '-')}-{period}.svg", title, alt, spec)


def sla(period: str, rows: Sequence[SlaRow]) -> Chart | None:
    """Attainment per policy and priority (a bar per target); None when no target was met or breached."""
    measured = [r for r in rows if r.attainment is not None]
    if not measured:
        return None
    groups = [f"{r.sla_policy or 'none'} · {r.priority or 'any'}" for r in measured]
    data = [{"group": g, "target": r.target, "attainment": r.attainment} for g, r in zip(groups, measured, strict=True)]
    title = f"SLA attainment by policy and priority, {period}"
    low = min(range(len(measured)), key=lambda i: measured[i].attainment or 0.0)
    bars = f"{len(data)} bar" + ("s" if len(data) != 1 else "")
    lowest = f"{groups[low]} {measured[low].target} at {measured[low].attainment or 0.0:.1f} %"
    alt = f"Bar chart: {title}; {bars}, the lowest {lowest}."
    spec = _spec(
        title,
        data,
        mark="bar",
        encoding={
            "y": {"field": "group", "type": "nominal", "title": "policy · priority"},
            "yOffset": {"field": "target"},
            "x": {"field": "attainment", "type": "quantitative", "title": "% met", "scale": {"domain": [0, 100]}},
            "color": {"field": "target", "type": "nominal", "title": "target"},
        },
    )
    return Chart(f"{FOLDER}/sla-{period}.svg", title, alt, spec)
