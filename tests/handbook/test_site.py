"""How big the site grows with long titles: whole on the object's own page, shortened where it is referred to."""

from __future__ import annotations

from pathlib import Path

from tests.handbook.conftest import mkdocs
from tests.helpers import edit

from planops.handbook import markup


def test_short_keeps_short_titles_and_cuts_long_ones() -> None:
    assert markup.short("  Shift   lead ") == "Shift lead"
    assert markup.short("x" * 100) == "x" * 100
    assert markup.short("word " * 30) == ("word " * 20).strip() + "…"
    assert len(markup.short("y" * 5000)) == 100
    assert markup.label("<b>" * 50).endswith("…") and "<" not in markup.label("<b>" * 50)


def _pages_with(site: Path, text: str) -> dict[str, int]:
    found = {}
    for page in sorted(site.rglob("*.html")):
        count = page.read_text(encoding="utf-8").count(text)
        if count:
            found[page.relative_to(site).as_posix()] = count
    return found


def test_a_long_title_is_not_repeated_at_every_reference(project: Path) -> None:
    role, workflow = "R" * 50_000, "W" * 50_000
    edit(project / "plan" / "team.yaml", "title: Shift lead", f"title: {role}")
    edit(project / "plan" / "workflows" / "refund.yaml", "title: Refund request", f"title: {workflow}")
    assert mkdocs(project).returncode == 0
    site = project / "site"
    assert _pages_with(site, role) == {"team/index.html": 3}  # its row, its heading, the table of contents
    assert _pages_with(site, workflow) == {
        "scenarios/index.html": 1,
        "scenarios/refund/index.html": 1,
        "workflows/refund/index.html": 1,
    }
    assert _pages_with(site, "R" * 99 + "…") != {} and _pages_with(site, "W" * 99 + "…") != {}
    html = sum(p.stat().st_size for p in site.rglob("*.html"))
    assert html < 1_500_000, html  # 4.8 MB when every reference and every navigation showed them whole
