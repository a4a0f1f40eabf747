"""The Performance charts: bin labels, Vega-Lite rendered to SVG offline, and a clear error without the renderer."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from planops.actuals.archive import History, Saved, Volume, VolumeRow
from planops.actuals.profile import EDGES
from planops.handbook import build, charts

ROOT = Path(__file__).resolve().parents[2]


def test_bin_labels_name_each_range_and_the_open_last_one() -> None:
    labels = charts.bin_labels(EDGES)
    assert labels[:4] == ["0m–5m", "5m–15m", "15m–30m", "30m–1h"]
    assert labels[-2:] == ["48h–96h", "≥ 96h"] and len(labels) == len(EDGES)


def _history() -> History:
    volume = Volume(step="week", rows=[VolumeRow(start=date(2026, 7, 6), channel="chat", tickets=3)])
    saved = Saved(planops="planops actuals", period="2026-Q3", grain="quarter", kpis=[], volume=volume)
    return History((saved,), ())


def test_a_chart_is_an_svg_with_its_numbers_and_no_script() -> None:
    chart = charts.volume("2026-Q3", Volume(step="week", rows=[VolumeRow(start=date(2026, 7, 6), channel="chat",
                                                                         tickets=3)]))  # fmt: skip
    svg = chart.svg()
    assert svg.startswith("<svg") and "<script" not in svg and ">chat<" in svg
    assert chart.alt == "Line chart: Tickets created per week and channel, 2026-Q3. Totals: chat 3."
    assert chart.svg() is svg  # remembered while the process runs (planops serve)


def test_without_the_renderer_the_build_says_what_to_install(monkeypatch: pytest.MonkeyPatch, plan_dir: Path) -> None:
    charts._render.cache_clear()
    monkeypatch.setitem(sys.modules, "vl_convert", None)  # import vl_convert raises ImportError
    starter, _ = build.load(plan_dir, date(2026, 12, 1))  # no shifts: no Staffing charts
    bundled, _ = build.load(ROOT / "plan", date(2026, 12, 1))  # shifts and a forecast: Staffing charts
    expected = "planops: the handbook's charts need vl-convert-python: pip install 'vl-convert-python>=1.6'"
    for actuals, plan in ((_history(), starter), (History((), ()), bundled)):
        with pytest.raises(PluginError) as raised:
            build._charts(actuals, plan)
        assert str(raised.value) == expected
    assert build._charts(History((), ()), starter) == []
