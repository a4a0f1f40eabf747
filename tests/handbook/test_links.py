"""Every link in the built handbook leads to a page that exists and an anchor on it.

The generated pages write their links as HTML with final URLs, which MkDocs
does not validate, so this test does, for both URL styles.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from tests.handbook.conftest import mkdocs
from tests.helpers import edit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "a" and found.get("href"):
            self.hrefs.append(str(found["href"]))


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target(site: Path, page: Path, href: str) -> tuple[Path, str]:
    base = "http://x/" + page.relative_to(site).as_posix()
    url = urlparse(urljoin(base, href))
    path = site / unquote(url.path.lstrip("/"))
    if url.path.endswith("/"):
        path = path / "index.html"
    return path, url.fragment


def broken_links(site: Path) -> list[str]:
    pages = {p: _parse(p) for p in site.rglob("*.html") if p.name != "404.html"}
    broken = []
    for page, parsed in pages.items():
        for href in parsed.hrefs:
            if re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue
            path, anchor = _target(site, page, href)
            target = pages.get(path)
            if target is None and not path.is_file():
                broken.append(f"{page.relative_to(site)}: {href} (no such page)")
            elif anchor and target is not None and anchor not in target.ids:
                broken.append(f"{page.relative_to(site)}: {href} (no anchor #{anchor})")
    return broken


def test_every_link_resolves(built_site: Path) -> None:
    assert broken_links(built_site) == []


@pytest.mark.parametrize("directory_urls", ["false"])
def test_every_link_resolves_without_directory_urls(project: Path, directory_urls: str) -> None:
    edit(
        project / "mkdocs.yml",
        "docs_dir: plan/pages\n",
        f"docs_dir: plan/pages\nuse_directory_urls: {directory_urls}\n",
    )
    assert mkdocs(project).returncode == 0
    assert broken_links(project / "site") == []
