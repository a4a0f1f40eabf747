"""The handbook in a real browser: headless Debian chromium, nothing but localhost reachable."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.helpers.browser import Tab, chromium, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $PLANOPS_SCREENSHOTS, else a temp folder (look at them after a change)."""
    chosen = os.environ.get("PLANOPS_SCREENSHOTS")
    return Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")


@pytest.fixture
def tab(browser: Any, server: str, shots: Path) -> Iterator[Tab]:
    tab = Tab(browser, server, shots)
    yield tab
    tab.page.close()
    assert tab.errors == [], f"console errors: {tab.errors}"
    assert tab.blocked == [], f"requests off localhost: {tab.blocked}"


def test_workflow_diagram_renders_as_svg(tab: Tab) -> None:
    page = tab.open("workflows/refund/")
    page.wait_for_selector(".mermaid svg", timeout=15_000)
    svg = page.locator(".mermaid svg").first
    assert svg.is_visible()
    assert "Lead approval" in (svg.text_content() or "")
    tab.shot("workflow", full=True)


def test_search_finds_a_role_by_name(tab: Tab) -> None:
    page = tab.open("")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("Shift lead", delay=30)  # material reads keyup
    page.wait_for_selector(".md-search-result__item a", timeout=15_000)
    links = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    assert any("/team/" in link for link in links), links
    tab.shot("search")


def test_planted_script_did_not_run(tab: Tab) -> None:
    for path in ["", "workflows/refund/", "guide/", "scenarios/refund/"]:
        page = tab.open(path)
        assert page.evaluate("typeof window.__planopsPwned") == "undefined", path
        assert page.locator("a[href^='javascript']").count() == 0
    page = tab.open("")
    assert "The plan of a small shop." in page.inner_text("article")
    note = "Asks for order #A-17 | *now* <img src=x onerror='window.__planopsPwned = 6'>"
    assert note in tab.open("scenarios/refund/").inner_text("article")  # an event's note, shown as its text


def test_content_tabs_and_admonitions(tab: Tab) -> None:
    page = tab.open("sla/")
    labels = page.locator(".tabbed-labels label").all_inner_texts()
    assert labels[:2] == ["High", "Normal"]
    page.locator(".tabbed-labels label", has_text="Normal").click()
    assert page.locator(".tabbed-block").nth(1).is_visible()
    assert page.locator(".admonition.note").count() >= 1
    tab.shot("sla", full=True)


def test_pages_look_like_a_handbook(tab: Tab) -> None:
    page = tab.open("")
    assert page.locator("nav.md-nav--primary").is_visible()
    for path, name in [
        ("", "home"),
        ("team/", "team"),
        ("scenarios/refund/", "example"),
        ("routing/", "routing"),
        ("channels/", "channels"),
    ]:
        tab.open(path)
        tab.shot(name, full=True)


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small handbook built with material's offline plugin, to open from file://."""
    import shutil

    from tests.handbook.conftest import SMALL, mkdocs

    root = tmp_path_factory.mktemp("offline") / "project"
    shutil.copytree(SMALL, root)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - search\n", "  - search\n  - offline\n"), encoding="utf-8"
    )
    result = mkdocs(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture
def file_tab(browser: Any, offline_site: Path, shots: Path) -> Iterator[Tab]:
    tab = Tab(browser, offline_site.as_uri(), shots)
    yield tab
    tab.page.close()
    assert tab.errors == [], f"console errors: {tab.errors}"
    assert tab.blocked == [], f"requests off the site: {tab.blocked}"


def test_from_file_url_search_and_diagrams_work(file_tab: Tab) -> None:
    page = file_tab.open("index.html")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("Shift lead", delay=30)
    page.wait_for_selector(".md-search-result__item a", timeout=15_000)
    links = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    assert any("team.html" in link for link in links), links
    page = file_tab.open("workflows/refund.html")
    page.wait_for_selector(".mermaid svg", timeout=15_000)
    file_tab.shot("workflow-file-url")
