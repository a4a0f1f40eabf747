"""The Staffing page of the bundled plan, from a real `mkdocs build --strict`: cost, heatmaps, tables."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tests.handbook.conftest import mkdocs

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("staffing") / "project"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "plan", root / "plan")
    result = mkdocs(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def page(site: Path) -> str:
    text = (site / "staffing.html").read_text(encoding="utf-8")
    return text[text.index("<article") : text.index("</article>")]


def _cells(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]


def test_cost_against_the_budget(page: str) -> None:
    cells = _cells(page)
    start = cells.index("As staffed (the Team's headcount and the cost lines)")
    assert cells[start : start + 6] == [
        "As staffed (the Team's headcount and the cost lines)",
        "USD 10,980",
        "With the agents the forecast requires",
        "USD 10,437",
        "Budget limit",
        "USD 12,000",
    ]


def test_the_pool_heatmap_is_an_svg_with_its_text_alternative_and_a_table(site: Path, page: str) -> None:
    alt = (
        "Heatmap: Scheduled minus required agents by hour of week: email, chat, phone-emea, phone-americas "
        "(Europe/Berlin); short in 48 of 168 hours, the most at Wed 08:00, short by 1.0 agents."
    )
    assert f'<img src="assets/planops/staffing/gaps-0.svg" alt="{alt}">' in page
    svg = (site / "assets" / "planops" / "staffing" / "gaps-0.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "scheduled − required" in svg
    cells = _cells(page)
    monday = cells.index("Mon")
    assert cells[monday + 1 : monday + 9] == ["—"] * 8  # closed at night: nothing required, nothing scheduled
    assert cells[monday + 9].endswith("✗") and "/" in cells[monday + 9]  # Mon 08:00: one agent on, short
    assert sum(1 for c in cells if c.endswith("✗")) == 48


def test_a_heatmap_per_sized_channel_and_the_page_in_the_navigation(site: Path, page: str) -> None:
    for channel in ("email", "chat", "phone-emea", "phone-americas"):
        assert f'src="assets/planops/staffing/required-{channel}.svg"' in page
        assert (site / "assets" / "planops" / "staffing" / f"required-{channel}.svg").is_file()
    assert 'href="staffing.html"' in (site / "budget.html").read_text(encoding="utf-8")


def test_a_plan_without_shifts_has_no_staffing_page(built_site: Path) -> None:
    assert not (built_site / "staffing.html").exists() and not (built_site / "staffing" / "index.html").exists()
