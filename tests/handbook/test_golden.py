"""The rendered Markdown of the small plan's pages, compared with golden files.

Regenerate after an intended change with ``PLANOPS_REGEN_GOLDEN=1 pytest tests/handbook/test_golden.py``
and review the diff like code.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from tests.handbook.conftest import SMALL, TODAY

from planops.handbook import examples, site
from planops.handbook.context import Context
from planops.pipeline import check_plan
from planops.review.mermaid import state_diagram

GOLDEN = Path(__file__).parent / "golden"
REGEN = bool(os.environ.get("PLANOPS_REGEN_GOLDEN"))


def _pages() -> dict[str, str]:
    cwd = os.getcwd()
    os.chdir(SMALL)  # finding paths and sources are relative to where the build runs
    try:
        plan, findings = check_plan(Path("plan"), TODAY)
        assert findings == []
        ctx = Context(plan, TODAY, runs=examples.run_all(plan))
        return {p.uri: p.markdown for p in site.build_pages(ctx, state_diagram)}
    finally:
        os.chdir(cwd)


ALL_PAGES = _pages()
# The reference lists every validation code planops has, and the untrusted-plans page every limit; they are
# checked against CODES (below) and planops.limits (test_untrusted.py), not frozen, so that adding a check or a
# limit does not mean regenerating the handbook's golden files.
PAGES = {uri: text for uri, text in ALL_PAGES.items() if uri not in ("reference.md", "untrusted.md")}
# The router page's data (calendars as open intervals, among others) is checked in tests/handbook/router, not frozen.
PAGES["router.md"] = re.sub(
    r'(<script type="application/json" id="planops-router-data">).*?(</script>)', r"\1…\2", PAGES["router.md"]
)


def _golden(uri: str) -> Path:
    return GOLDEN / uri.replace("/", "__")


@pytest.mark.parametrize("uri", sorted(PAGES))
def test_page_matches_golden(uri: str) -> None:
    path = _golden(uri)
    if REGEN:
        path.parent.mkdir(exist_ok=True)
        path.write_text(PAGES[uri], encoding="utf-8")
    assert path.is_file(), f"no golden file for {uri}: run with PLANOPS_REGEN_GOLDEN=1"
    assert PAGES[uri] == path.read_text(encoding="utf-8")


def test_no_stale_golden_files() -> None:
    expected = {_golden(uri).name for uri in PAGES}
    assert {p.name for p in GOLDEN.glob("*.md")} == expected


def test_reference_lists_every_code_with_its_example() -> None:
    from planops.checks import CODES
    from planops.handbook import markup

    page = ALL_PAGES["reference.md"]
    for code in CODES.values():
        assert f"## {markup.text(code.code)} {{#{code.code}}}" in page, code.code
        if code.example:
            assert markup.code_block(code.example, "yaml") in page, code.code
