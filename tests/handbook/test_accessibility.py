"""WCAG 2.0/2.1 A and AA (axe-core) on every page, in both colour schemes, and keyboard-only use, in chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import axe
from tests.helpers.browser import Tab, chromium, serve

pytestmark = pytest.mark.browser

ACTIVE = """() => {
  const e = document.activeElement;
  return {tag: e.tagName, cls: e.className, href: e.getAttribute("href"), nav: !!e.closest("nav.md-nav--primary")};
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def _pages(site: Path) -> list[str]:
    """Every page by the URL the site links it with (``team/`` for ``team/index.html``)."""
    paths = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    directory_urls = "team/index.html" in paths
    return [p.removesuffix("index.html") if directory_urls else p for p in paths]


def _every_page(browser: Any, site: Path, shots: Path) -> dict[str, str]:
    """axe's violations per page and scheme, on one page object reused for the whole site."""
    found: dict[str, str] = {}
    with serve(site) as base:
        tab = Tab(browser, base, shots)
        for path in _pages(site):
            page = tab.open(path)
            for scheme in axe.schemes(page):
                axe.set_scheme(page, scheme)
                violations = axe.violations(page)
                if violations:
                    found[f"{path} ({scheme})"] = axe.summary(violations)
        tab.page.close()
        assert tab.errors == [], f"console errors: {tab.errors}"
    return found


def test_bundled_site_has_no_wcag_violations(browser: Any, bundled_site: Path, tmp_path: Path) -> None:
    """Every kind, saved actuals, light and dark palettes (the bundled mkdocs.yml offers both)."""
    assert len(_pages(bundled_site)) >= 20
    assert _every_page(browser, bundled_site, tmp_path) == {}


def test_small_site_has_no_wcag_violations(browser: Any, built_site: Path, tmp_path: Path) -> None:
    """Directory URLs, instant navigation, planted hostile text; no palette configured: the default scheme only."""
    assert _every_page(browser, built_site, tmp_path) == {}


def test_axe_finds_what_it_is_asked_to(browser: Any, bundled_site: Path, tmp_path: Path) -> None:
    """The check can fail: a link told apart by colour alone and an unlabeled field are found."""
    with serve(bundled_site) as base:
        tab = Tab(browser, base, tmp_path)
        page = tab.open("sla.html")
        page.add_style_tag(content=".md-typeset a { text-decoration: none !important; }")
        page.evaluate("document.querySelector('article').append(document.createElement('input'))")
        ids = {v["id"] for v in axe.violations(page)}
        tab.page.close()
    assert {"link-in-text-block", "label"} <= ids


@pytest.fixture(scope="module")
def tab(browser: Any, bundled_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tab]:
    with serve(bundled_site) as base:
        tab = Tab(browser, base, tmp_path_factory.mktemp("shots"))
        yield tab
        tab.page.close()
        assert tab.errors == [], f"console errors: {tab.errors}"
        assert tab.blocked == [], f"requests off localhost: {tab.blocked}"


def test_tab_key_reaches_the_navigation(tab: Tab) -> None:
    page = tab.open("index.html")
    seen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(ACTIVE))
    assert seen[0]["cls"].startswith("md-skip")  # "skip to content" first
    assert any(s["cls"].startswith("md-search__input") for s in seen)
    assert [s["href"] for s in seen if s["nav"]][:3] == [
        "index.html",
        "how-to-use-this-handbook.html",
        "tone-of-voice.html",
    ]


def test_search_by_keyboard_alone(tab: Tab) -> None:
    page = tab.open("sla.html")
    page.keyboard.press("/")  # material's shortcut to the search field
    assert page.evaluate(ACTIVE)["cls"].startswith("md-search__input")
    page.keyboard.type("Shift lead", delay=30)  # material reads keyup
    page.wait_for_selector(".md-search-result__item a", timeout=15_000)
    page.keyboard.press("ArrowDown")
    active = page.evaluate(ACTIVE)
    assert active["cls"].startswith("md-search-result__link"), active
    chosen = page.evaluate("document.activeElement.href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == chosen and "sla.html" not in chosen


def test_sla_tabs_switch_by_keyboard(tab: Tab) -> None:
    page = tab.open("sla.html")
    for _ in range(120):  # Tab through the page until the priority tabs have the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.tabbed-set') !== null"):
            break
    blocks = page.locator(".tabbed-set").first.locator(".tabbed-block")
    assert blocks.nth(0).is_visible() and not blocks.nth(1).is_visible()
    page.keyboard.press("ArrowRight")
    assert blocks.nth(1).is_visible() and not blocks.nth(0).is_visible()


def test_screen_readers_get_tab_headings_and_table_names(tab: Tab) -> None:
    page = tab.open("sla.html")
    headings = page.locator(".tabbed-set").first.locator(".tabbed-block > h3.planops-sr-only")
    assert headings.all_text_contents() == ["Urgent priority", "High priority", "Normal priority", "Low priority"]
    page.locator(".tabbed-labels label").first.click()  # material remembers the tab chosen before
    shown = page.get_by_role("heading", name="Urgent priority", exact=True)  # the open panel's: in the a11y tree
    box = shown.bounding_box()
    assert shown.count() == 1 and box is not None and box["width"] <= 1  # read, not shown: the tab label shows it
    for priority in ("urgent", "high", "normal", "low"):
        name = f"SLA targets of each policy for {priority}-priority tickets"
        assert page.get_by_role("table", name=name, exact=True, include_hidden=True).count() == 1
    assert page.locator("abbr[title='4 business hours']").first.inner_text() == "4h"


def test_a_diagram_is_followed_by_its_transitions(tab: Tab) -> None:
    page = tab.open("workflows/billing-dispute.html")
    page.wait_for_selector(".mermaid svg", timeout=15_000)
    after = page.locator("div.mermaid ~ ul").first
    assert after.is_visible()
    assert "Triage → Billing review on escalate" in after.inner_text()
