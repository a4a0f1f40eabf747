"""The Performance page from hand-written saved actuals: tiles, SLA rows, charts with text and tables, escaped."""

from __future__ import annotations

import copy
import html
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.handbook.conftest import SMALL, mkdocs
from tests.helpers.browser import Tab, chromium

HOSTILE = '<script>alert("x")</script>'


def saved(period: str, value: float, met: bool) -> dict[str, Any]:
    """A saved period as planops report --save writes it, with the SLA part's rows."""
    return {
        "planops": "planops actuals",
        "period": period,
        "grain": "quarter",
        "kpis": [
            {
                "kpi": "frt",
                "period": period,
                "by": {},
                "value": value,
                "unit": "minutes",
                "target": {"max": 240.0},
                "met": met,
                "tickets": 40,
            },
            {
                "kpi": "frt",
                "period": period,
                "by": {"channel": "email"},
                "value": 1.0,
                "unit": "minutes",
                "target": {"max": 240.0},
                "met": True,
                "tickets": 39,
            },
        ],
        "sla": [
            {
                "sla_policy": "standard",
                "priority": "urgent",
                "target": "first_response",
                "applied": 120,
                "met": 110,
                "breached": 8,
                "pending": 2,
                "attainment": 93.22,
            },
            {
                "sla_policy": HOSTILE,
                "priority": None,
                "target": "resolution",
                "applied": 0,
                "met": 0,
                "breached": 0,
                "pending": 0,
                "attainment": None,
            },
        ],
        "volume": {
            "step": "week",
            "rows": [
                {"start": "2026-07-01", "channel": "email", "tickets": 30},
                {"start": "2026-07-06", "channel": "email", "tickets": 9},
                {"start": "2026-07-06", "channel": HOSTILE, "tickets": 1},
            ],
        },
        "arrivals": [
            {"channel": "email", "zone": "Europe/Berlin", "counts": [[0] * 9 + [39] + [0] * 14, *[[0] * 24] * 6]},
            {"channel": HOSTILE, "zone": "UTC", "counts": [*[[0] * 24] * 6, [1] + [0] * 23]},
        ],
        "durations": {
            "unit": "business minutes",
            "edges": [0, 5, 15, 30, 60, 120, 240, 480, 960, 1440, 2880, 5760],
            "first_response": {"counts": [10, 20, 5, 0, 0, 0, 0, 0, 0, 0, 0, 3], "missing": 2},
            "resolution": {"counts": [0, 0, 0, 0, 0, 10, 10, 10, 5, 0, 0, 0], "missing": 5},
        },
    }


def _project(root: Path, files: dict[str, object]) -> Path:
    shutil.copytree(SMALL, root)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - search\n", "  - search\n  - offline\n"), encoding="utf-8"
    )
    (root / "actuals").mkdir()
    for name, content in files.items():
        text = content if isinstance(content, str) else json.dumps(content)
        (root / "actuals" / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small handbook (offline, so opened from file://) with two saved quarters."""
    root = _project(
        tmp_path_factory.mktemp("performance") / "project",
        {"2026-Q2.json": saved("2026-Q2", 300.0, False), "2026-Q3.json": saved("2026-Q3", 200.5, True)},
    )
    result = mkdocs(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def page(site: Path) -> str:
    return (site / "performance.html").read_text(encoding="utf-8")


def _article(page: str) -> str:
    return page[page.index("<article") : page.index("</article>")]


def test_a_tile_per_kpi_of_the_latest_period_with_target_met_and_trend(page: str) -> None:
    tiles = re.findall(r'<div class="planops-tile planops-(\w+)">(.*?)</div></div>', page)
    assert len(tiles) == 1
    state, tile = tiles[0]
    assert state == "met"
    assert ">First response time</a>" in tile and ">200.5 minutes (3.3 h)<" in tile
    assert "target at most 240 minutes · <strong>✓ met</strong>" in tile
    assert "2026-Q2: 300 minutes (5 h) → 2026-Q3: 200.5 minutes (3.3 h)" in tile


def test_the_kpis_page_links_the_measured_values(site: Path) -> None:
    assert 'How they did in 2026-Q3: <a href="performance.html#kpis">Performance</a>.' in (
        site / "kpis.html"
    ).read_text(encoding="utf-8")


def test_sla_attainment_by_policy_and_priority_from_the_sla_rows(page: str) -> None:
    rows = re.findall(r"<tr>(.*?)</tr>", _article(page))
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", r) for r in rows]
    assert ["standard", "urgent", "first&#95;response", "120", "110", "8", "2", "93.2 %"] in cells
    hostile = next(c for c in cells if len(c) == 8 and c[2] == "resolution")
    assert hostile[:2] == ['&#60;script&#62;alert("x")&#60;/script&#62;', "any"] and hostile[-1] == "—"


def test_every_chart_is_an_svg_image_with_title_text_and_a_table(site: Path, page: str) -> None:
    figures = re.findall(
        r'<figure class="planops-chart"><img src="([^"]+)" alt="([^"]+)"><figcaption>(.*?)</figcaption>', page
    )
    assert [Path(src).name for src, _, _ in figures] == [
        "sla-2026-Q3.svg",
        "volume-2026-Q3.svg",
        "arrivals-2026-Q3-0.svg",
        "arrivals-2026-Q3-1.svg",
        "first-response-2026-Q3.svg",
        "resolution-2026-Q3.svg",
    ]
    for src, alt, caption in figures:
        svg = (site / src).read_text(encoding="utf-8")
        assert svg.startswith("<svg") and "<script" not in svg and caption and alt
    assert figures[0][1] == (
        "Bar chart: SLA attainment by policy and priority, 2026-Q3; 1 bar, the lowest standard · urgent "
        "first_response at 93.2 %."
    )
    assert figures[2][1] == (
        "Heatmap: Arrivals by hour of week: email, 2026-Q3 (Europe/Berlin); 39 tickets, the busiest hour Mon "
        "09:00 with 39."
    )
    assert "&lt;script&gt;" in (site / figures[1][0]).read_text(encoding="utf-8")  # the legend: escaped
    assert page.count("<table>") == 6  # trend, SLA; volume, two arrival grids, durations (one for both)
    assert '<td style="text-align: left;">≥ 96h</td><td style="text-align: right;">3</td>' in page


def test_no_string_of_a_saved_file_is_markup(page: str) -> None:
    assert HOSTILE not in page and "<script>alert" not in page
    assert 'alt="Line chart: Tickets created per week and channel, 2026-Q3. Totals: &lt;script&gt;' in page


def test_plan_json_and_llms_txt_carry_the_latest_kpis(site: Path) -> None:
    data = json.loads((site / "plan.json").read_text(encoding="utf-8"))
    assert data["actuals"] == {
        "period": "2026-Q3",
        "grain": "quarter",
        "kpis": [
            {"kpi": "frt", "value": 200.5, "unit": "minutes", "target": {"max": 240.0}, "met": True, "tickets": 40}
        ],
    }
    assert data["pages"]["performance.md"] == "performance.html"
    llms = (site / "llms.txt").read_text(encoding="utf-8")
    assert "## Actuals 2026-Q3\n\nThe KPIs measured in 2026-Q3 ([Performance](performance.md)):\n\n" in llms
    assert "- First response time (`frt`): 200.5 minutes; target at most 240: met" in llms


def test_without_actuals_there_is_no_performance_page(built_site: Path) -> None:
    assert not (built_site / "performance").exists()
    assert "actuals" not in json.loads((built_site / "plan.json").read_text(encoding="utf-8"))
    assert "Actuals" not in (built_site / "llms.txt").read_text(encoding="utf-8")


def test_a_malformed_file_is_a_warning_naming_it_and_strict_fails(tmp_path: Path) -> None:
    broken = copy.deepcopy(saved("2026-Q4", 1.0, True))
    broken["arrivals"][0]["counts"] = [[1] * 23] * 7
    root = _project(
        tmp_path / "project",
        {"2026-Q3.json": saved("2026-Q3", 200.5, True), "2026-Q4.json": broken, "2027-Q1.json": "{not json"},
    )
    strict = mkdocs(root)
    assert strict.returncode == 1 and "Traceback" not in strict.stderr
    assert (
        "WARNING -  planops: actuals/2026-Q4.json: not saved actuals as planops writes them "
        "(arrivals.0.counts.0: List should have at least 24 items after validation, not 23; 6 more); regenerate it"
    ) in strict.stderr
    assert "planops: actuals/2027-Q1.json: not readable JSON (" in strict.stderr
    lenient = mkdocs(root, "build")
    assert lenient.returncode == 0, lenient.stderr
    assert "<strong>2026-Q3</strong>" in (root / "site" / "performance.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.mark.browser
def test_offline_from_file_url_the_charts_render_with_their_text(browser: Any, site: Path, tmp_path: Path) -> None:
    tab = Tab(browser, site.as_uri(), tmp_path)  # every request off the site's folder is blocked
    page = tab.open("performance.html")
    sizes = page.eval_on_selector_all(
        "figure.planops-chart img", "els => els.map(e => [e.complete, e.naturalWidth, e.naturalHeight, e.alt])"
    )
    assert len(sizes) == 6 and all(done and width > 100 and height > 100 and alt for done, width, height, alt in sizes)
    boxes = page.eval_on_selector_all(
        "figure.planops-chart img", "els => els.map(e => e.getBoundingClientRect().width)"
    )
    assert min(boxes) > 100
    assert page.locator("figure.planops-chart figcaption").count() == 6
    assert page.locator("article table").count() == 6 and page.locator(".planops-tile").count() == 1
    assert page.get_by_role("img", name=re.compile("^Heatmap: Arrivals by hour of week: email")).count() == 1
    tab.shot("performance", full=True)
    page.close()
    assert tab.errors == [] and tab.blocked == []


def test_the_last_saved_backtest_shows_kpi_and_sla_deltas_and_reroutes(tmp_path: Path) -> None:
    data = saved("2026-Q3", 200.5, True)
    data["backtest"] = {
        "base": "merge base with main (abc1234)",
        "head": HOSTILE,
        "replay": "…",
        "tickets": 40,
        "rerouted": 7,
        "kpis": [
            {
                "kpi": "frt",
                "period": "2026-Q3",
                "by": {},
                "unit": "minutes",
                "actual": 200.5,
                "base": 210.0,
                "head": 180.25,
                "delta": -29.75,
                "target": {"max": 240.0},
            },
            {
                "kpi": "frt",
                "period": "2026-Q3",
                "by": {"channel": "email"},
                "unit": "minutes",
                "actual": 1.0,
                "base": 1.0,
                "head": 1.0,
                "delta": 0.0,
            },
        ],
        "sla": [
            {
                "period": "2026-Q3",
                "sla_policy": "standard",
                "priority": "urgent",
                "target": "first_response",
                "base": {"applied": 10, "met": 8, "breached": 2, "pending": 0, "attainment": 80.0},
                "head": {"applied": 12, "met": 9, "breached": 3, "pending": 0, "attainment": 75.0},
                "delta": -5.0,
            },
            {
                "period": "2026-Q3",
                "sla_policy": "standard",
                "priority": "normal",
                "target": "resolution",
                "base": {"applied": 1, "met": 1, "attainment": 100.0},
                "head": {"applied": 1, "met": 1, "attainment": 100.0},
                "delta": 0.0,
            },
        ],
        "reroutes": [
            {"period": "2026-Q3", "field": "moved", "from": None, "to": None, "tickets": 7},
            {"period": "2026-Q3", "field": "queue", "from": "frontline", "to": HOSTILE, "tickets": 5},
            {"period": "2026-Q3", "field": "priority", "from": "normal", "to": "high", "tickets": 2},
        ],
        "workload": [],
    }
    root = _project(tmp_path / "project", {"2026-Q3.json": data})
    result = mkdocs(root)
    assert result.returncode == 0, result.stderr
    article = _article((root / "site" / "performance.html").read_text(encoding="utf-8"))
    section = article[article.index('id="backtest"') : article.index('id="volume"')]
    text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section)))
    assert "The 40 tickets of 2026-Q3 replayed through merge base with main (abc1234) and" in text
    assert " 7 tickets route differently." in text
    assert "frt 200.5 210 180.2 -29.75 minutes" in text  # the whole period only, not the email row
    assert "standard urgent first_response 80.0 % 75.0 % -5.00" in text
    assert "resolution" not in text  # an SLA target that does not move is left out
    assert "queue frontline" in text and "priority normal high 2" in text
    assert HOSTILE not in article and "&#60;script&#62;" in section


def test_without_a_saved_backtest_the_page_has_no_backtest_section(page: str) -> None:
    assert 'id="backtest"' not in page
