"""Markdown twins: every page as plain, text-first Markdown beside it, linked from its head; llms-full.txt."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planops.handbook import twin

ALTERNATE = re.compile(r'<link rel="alternate" type="text/markdown" href="([^"]+)">')


def _html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def _twins(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.md")}


def _prose(markdown: str) -> str:
    """The twin without its code spans and fences (what a Markdown reader would interpret)."""
    return re.sub(r"`+[^`]*`+", "", re.sub(r"(?ms)^(`{3,}).*?^\1", "", markdown))


@pytest.mark.parametrize("fixture", ["built_site", "bundled_site"])
def test_every_page_has_a_twin_named_in_its_head(fixture: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(fixture)
    pages = _html_pages(site)
    assert len(pages) >= 15
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = html.split("</head>", 1)[0]
        links = ALTERNATE.findall(head)
        assert len(links) == 1, page
        target = (page.parent / links[0]).resolve()
        assert target.is_file(), (page, links[0])
        assert target.read_text(encoding="utf-8").startswith("# "), target


def test_twins_sit_beside_their_pages(built_site: Path, bundled_site: Path) -> None:
    assert (built_site / "sla.md").is_file() and (built_site / "sla" / "index.html").is_file()
    assert (built_site / "workflows" / "refund.md").is_file()
    assert (bundled_site / "sla.md").is_file() and (bundled_site / "sla.html").is_file()
    assert ALTERNATE.search((built_site / "sla" / "index.html").read_text(encoding="utf-8"))[1] == "../sla.md"  # type: ignore[index]
    assert ALTERNATE.search((bundled_site / "sla.html").read_text(encoding="utf-8"))[1] == "sla.md"  # type: ignore[index]


@pytest.mark.parametrize("fixture", ["built_site", "bundled_site"])
def test_twins_are_plain_markdown(fixture: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(fixture)
    for uri, text in _twins(site).items():
        prose = _prose(text)
        assert not re.search(r"\b(True|False)\b", text), uri
        assert "stateDiagram" not in text and "-->" not in text, uri  # no Mermaid source
        assert not re.search(r"(?<!\\)<[A-Za-z/!]", prose), uri  # no HTML, plan text's included
        assert not re.search(r"^(===|!!!|\?\?\?) ", text, re.M), uri  # no tabs, admonitions, details
        assert "{#" not in prose and "¶" not in text, uri  # no attribute lists, no permalink signs
        tables = [i for i, line in enumerate(text.splitlines()) if line.startswith("| ") and " --- |" not in line]
        lines = text.splitlines()
        for i in tables:
            if i == 0 or not lines[i - 1].startswith("|"):  # a table's first row: its label two lines above
                assert lines[i - 2].startswith("Table: ") and len(lines[i - 2]) > len("Table: "), (uri, lines[i])


def test_sla_twin_each_priority_is_a_heading_over_its_labeled_table(bundled_site: Path) -> None:
    text = (bundled_site / "sla.md").read_text(encoding="utf-8")
    section = text.split("## By priority\n", 1)[1].split("\n## ", 1)[0]
    found = re.findall(
        r"^### (\w+) priority\n\nTable: SLA targets of each policy for (\w+)-priority tickets\n\n\| Policy \|",
        section,
        re.M,
    )
    assert found == [("Urgent", "urgent"), ("High", "high"), ("Normal", "normal"), ("Low", "low")]
    assert (
        "| [Standard](#policy-standard) | every other ticket | 2 business hours | 4 business hours | "
        "20 business hours | [Berlin office](channels.md#calendar-berlin-office) |" in section
    )


def test_workflow_twin_lists_the_transitions(built_site: Path) -> None:
    text = (built_site / "workflows" / "refund.md").read_text(encoding="utf-8")
    diagram = text.split("## Diagram\n", 1)[1].split("\n## ", 1)[0]
    assert "- [Triage](#state-triage) → [Resolved](#state-resolved) on `resolve`" in diagram
    assert "stateDiagram" not in diagram
    note = r"Asks for order #A-17 \| \*now\* \<img src=x onerror='window.\_\_planopsPwned = 6'\> |"
    assert note in (built_site / "scenarios" / "refund.md").read_text(encoding="utf-8")  # plan text stays text


def test_calendar_used_by_names_the_kind(bundled_site: Path) -> None:
    text = (bundled_site / "channels.md").read_text(encoding="utf-8")
    used = text.split("**Used by:**\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert used[0] == "- channel [Email and web form](#channel-email)"
    assert "- SLA policy [Live chat](sla.md#policy-live-chat)" in used


def test_booleans_print_as_yes_or_no(built_site: Path) -> None:
    text = (built_site / "team.md").read_text(encoding="utf-8")
    assert "| [Shift lead](#role-lead) | 2 | 1 | [`billing`](#queue-billing) | yes |" in text
    assert (
        "| [Frontline agent](#role-agent) | 1 | 2 | [`frontline`](#queue-frontline); [`billing`](#queue-billing) | no |"
        in text
    )
    assert "| `billing` | [Frontline agent](#role-agent); [Shift lead](#role-lead) |" in text  # titles as a list


def test_durations_read_in_words(built_site: Path, bundled_site: Path) -> None:
    kpis = (built_site / "kpis.md").read_text(encoding="utf-8")
    assert "**Target:** at most 4 business hours (p90 of `first_response_time`)" in kpis
    assert "4h" not in kpis
    timers = [p.read_text(encoding="utf-8") for p in (bundled_site / "workflows").glob("*.md")]
    assert any("protected, " in t and " to spare" in t for t in timers)
    assert not any(re.search(r"protected, \d+[hm] to spare", t) for t in timers)


def test_llms_txt_lists_the_twins(built_site: Path) -> None:
    text = (built_site / "llms.txt").read_text(encoding="utf-8")
    listed = re.findall(r"^- \[[^\]]+\]\(([^)]+)\)", text, re.M)
    assert set(listed) == set(_twins(built_site)) - {"llms-full.txt"}
    assert "[llms-full.txt](llms-full.txt)" in text


def test_llms_full_txt_holds_every_twin_in_navigation_order(built_site: Path) -> None:
    full = (built_site / "llms-full.txt").read_text(encoding="utf-8")
    twins = _twins(built_site)
    for uri, text in twins.items():
        assert f"Page: [{uri}]({uri})\n\n{text.strip()}\n" in full, uri
    order = re.findall(r"^Page: \[([^\]]+)\]", full, re.M)
    assert order[:3] == ["index.md", "guide.md", "kpis.md"]
    assert sorted(order) == sorted(twins)


def test_converter_labels_tables_and_keeps_text_inert() -> None:
    html = (
        '<h2 id="x">Queues<a class="headerlink" href="#x">¶</a></h2>\n'
        "<p>Plain <em>words</em> &lt;b&gt;not bold&lt;/b&gt; *star* and_snake_case _lead</p>\n"
        "<table><thead><tr><th>Queue</th><th>Served by</th></tr></thead><tbody>"
        '<tr><td><code id="q">front|line</code></td><td><ul class="planops-list"><li>A, B</li><li>C</li></ul></td></tr>'
        "</tbody></table>\n"
        '<table><caption class="planops-sr-only">Hours</caption>'
        '<tr><td><abbr title="4 business hours">4h</abbr></td></tr></table>'
        '<pre class="mermaid"><code>stateDiagram-v2</code></pre>'
        '<div class="tabbed-set"><input type="radio"><div class="tabbed-labels"><label>High</label></div></div>'
    )
    assert twin.markdown(html, lambda h: h) == (
        "## Queues\n\n"
        "Plain *words* \\<b\\>not bold\\</b\\> \\*star\\* and_snake_case \\_lead\n\n"
        "Table: Queues\n\n| Queue | Served by |\n| --- | --- |\n| `front\\|line` | A, B; C |\n\n"
        "Table: Hours\n\n| 4 business hours |\n| --- |\n"
    )


def test_converter_titles_a_page_without_a_heading() -> None:
    assert twin.markdown("<p>Hello <strong>there</strong><br>next</p>", lambda h: h, "Guide") == (
        "# Guide\n\nHello **there**  \nnext\n"
    )


@pytest.mark.parametrize(
    ("page_url", "href", "expected"),
    [
        ("sla/", "../channels/#calendar-x", "channels.md#calendar-x"),
        ("sla/", "#policy-vip", "#policy-vip"),
        ("workflows/refund/", "../../team/#role-lead", "../team.md#role-lead"),
        ("", "sla/", "sla.md"),
        ("workflows/refund/", "../../assets/x.svg", "../assets/x.svg"),
        ("sla.html", "channels.html#calendar-x", "channels.md#calendar-x"),
        ("workflows/refund.html", "../team.html#role-lead", "../team.md#role-lead"),
        ("workflows/refund.html", "index.html", "index.md"),
        ("index.html", "https://example.com/a.html", "https://example.com/a.html"),
    ],
)
def test_links_go_to_the_twins(page_url: str, href: str, expected: str) -> None:
    pages = {
        "": "index.md",
        "sla/": "sla.md",
        "channels/": "channels.md",
        "team/": "team.md",
        "workflows/refund/": "workflows/refund.md",
        "index.html": "index.md",
        "sla.html": "sla.md",
        "channels.html": "channels.md",
        "team.html": "team.md",
        "workflows/refund.html": "workflows/refund.md",
        "workflows/index.html": "workflows/index.md",
    }
    assert twin.linker(page_url, pages)(href) == expected
