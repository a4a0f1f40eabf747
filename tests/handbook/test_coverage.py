"""The uncovered steps come out dashed in the real Mermaid (the handbook's pinned copy) in headless chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import covered

from planops.handbook import coverage
from planops.review.mermaid import state_diagram

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [pytest.mark.browser, pytest.mark.network]  # Mermaid comes from npm once, then from the cache

NODES = """async (src) => {
    await mermaid.parse(src);
    const {svg} = await mermaid.render('coverage', src);
    const box = document.createElement('div');
    box.innerHTML = svg;
    document.body.appendChild(box);
    return [...box.querySelectorAll('g.node.statediagram-state')].map(g => [
        g.textContent,
        g.classList.contains('uncovered'),
        getComputedStyle(g.querySelector('rect, path')).strokeDasharray,
    ]);
}"""


def test_uncovered_steps_are_drawn_dashed(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    from planops.handbook.assets import fetch_asset

    ctx = covered.context(tmp_path)
    wf = ctx.plan.workflows["billing-dispute"]
    source = coverage.marked(state_diagram(wf), wf, coverage.of(ctx, wf.name))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        tab = browser.new_page()
        tab.route("**/*", lambda route: route.abort())  # nothing leaves the machine
        tab.set_content("<html><body></body></html>")
        tab.add_script_tag(content=fetch_asset("mermaid").decode("utf-8"))
        tab.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
        nodes = tab.evaluate(NODES, source)
        browser.close()
    assert nodes == [
        ["triage (agent)", False, "none"],
        ["billing-review (billing-specialist)", True, "6px, 4px"],
        ["waiting (billing-specialist)", True, "6px, 4px"],
        ["manager-approval (billing-manager)", False, "none"],
        ["resolved", True, "6px, 4px"],
    ]
