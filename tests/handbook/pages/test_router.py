"""The Route a ticket page's HTML: every control labeled, the answer in a live region, scripts found."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from planops.handbook.context import ROUTER, Context
from planops.handbook.pages import router
from planops.pipeline import check_plan

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def ctx() -> Context:
    checked = check_plan(REPO / "plan")
    assert checked.valid is not None
    return Context(checked.valid, date(2026, 10, 1)).at(ROUTER)


def test_every_control_has_a_label_and_its_help_exists(ctx: Context) -> None:
    page = router.render(ctx)

    ids = re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', page)
    labels = set(re.findall(r'<label for="([^"]+)"', page))
    assert len(ids) == 12 and set(ids) == labels
    described = re.findall(r'aria-describedby="([^"]+)"', page)
    assert described and all(f'id="{d}"' in page for d in described)
    assert '<div id="planops-router-result" class="planops-router-result" role="status" aria-live="polite"' in page


@pytest.mark.parametrize(("directory_urls", "prefix"), [(False, "assets/"), (True, "../assets/")])
def test_scripts_are_found_from_the_page_in_either_url_style(ctx: Context, directory_urls: bool, prefix: str) -> None:
    from dataclasses import replace

    page = router.render(replace(ctx, directory_urls=directory_urls))

    assert re.findall(r'<script src="([^"]+)"', page) == [f"{prefix}planops/cel-js.js", f"{prefix}planops/router.js"]
