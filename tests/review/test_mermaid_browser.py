"""The diagrams parse and render in the real Mermaid (the handbook's pinned copy) in headless chromium.

What a diagram says is only proven by the parser GitHub and the handbook use:
ids with hyphens or reserved words, guards with ``>``, ``&&``, quotes and
colons must all come through as written.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.helpers.gitrepo import PLAN
from tests.review.test_semantic import compiled

from planops.model import Workflow
from planops.review.mermaid import state_diagram

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [pytest.mark.browser, pytest.mark.network]  # Mermaid comes from npm once, then from the cache

ODD = Workflow(
    name="odd",
    initial="end",
    states={
        "end": {
            "title": 'Start: "here"; #1',
            "owner": "a-b",
            "on": {
                "go": [
                    {"to": "class", "when": "ticket.tags.exists(t, t == 'x: y') && ticket.amount >= 10.0"},
                    {"to": "state-2"},
                ]
            },
            "timeout": {"after": "90m", "event": "go"},
        },
        "class": {"title": "{braces} [brackets] 100% <b>", "on": {"done": "state-2"}},
        "state-2": {"final": True},
    },
)


@pytest.fixture(scope="module")
def page() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    from planops.handbook.assets import fetch_asset

    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
    script = fetch_asset("mermaid").decode("utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        tab = browser.new_page()
        tab.route("**/*", lambda route: route.abort())  # nothing leaves the machine
        tab.set_content("<html><body></body></html>")
        tab.add_script_tag(content=script)
        tab.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
        yield tab
        browser.close()


def render(page: Any, source: str) -> str:
    text: str = page.evaluate(
        """async (src) => {
            await mermaid.parse(src);
            const {svg} = await mermaid.render('diagram' + Math.floor(Math.random() * 1e9), src);
            const box = document.createElement('div');
            box.innerHTML = svg;
            return box.textContent;
        }""",
        source,
    )
    return text


def test_workflow_diagram_renders_with_guards_and_timers(page: Any) -> None:
    text = render(page, state_diagram(compiled(PLAN).workflows["dispute"], highlight={"triage"}))
    for label in (
        "Triage (agent)",
        "review (billing-lead)",
        "escalate after 2h [ticket.amount > 500.0]",
        "approve",
        "resolve",
    ):
        assert label in text


def test_odd_names_and_labels_come_through(page: Any) -> None:
    text = render(page, state_diagram(ODD, highlight={"class", "end"}))
    assert 'Start: "here"; #1 (a-b)' in text
    assert "{braces} [brackets] 100% <b>" in text
    assert "go after 1h30m [ticket.tags.exists(t, t == 'x: y') && ticket.amount >= 10.0]" in text
