"""The handbook in a real browser: headless Debian chromium, nothing but localhost reachable.

These tests fail (never skip) when chromium is missing: CI installs it, and so
should a developer (``apt-get install chromium``).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
# Material draws Mermaid into a closed shadow root; opening it lets the test see the SVG.
OPEN_SHADOW = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: "open"}); };
"""

pytestmark = pytest.mark.browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built_site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $PLANOPS_SCREENSHOTS, else a temp folder (look at them after a change)."""
    chosen = os.environ.get("PLANOPS_SCREENSHOTS")
    return Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Tab:
    """A page that records console errors and blocks every request off localhost."""

    def __init__(self, browser: Any, base: str, shots: Path) -> None:
        self.base, self.shots = base, shots
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.page.add_init_script(OPEN_SHADOW)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.base) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, path: str) -> Any:
        self.page.goto(f"{self.base}/{path}", wait_until="networkidle")
        return self.page

    def shot(self, name: str, full: bool = False) -> None:
        self.shots.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(self.shots / f"{name}.png"), full_page=full)


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
    for path in ["", "workflows/refund/", "guide/"]:
        page = tab.open(path)
        assert page.evaluate("typeof window.__planopsPwned") == "undefined", path
        assert page.locator("a[href^='javascript']").count() == 0
    page = tab.open("")
    assert "The plan of a small shop." in page.inner_text("article")


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
    for path, name in [("", "home"), ("team/", "team"), ("scenarios/refund/", "example"), ("routing/", "routing"),
                       ("channels/", "channels")]:
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
    config.write_text(config.read_text(encoding="utf-8").replace("  - search\n", "  - search\n  - offline\n"),
                      encoding="utf-8")
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
