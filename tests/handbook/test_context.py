"""Links between pages: final URLs for both of MkDocs' URL styles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.handbook.conftest import SMALL

from planops.handbook.context import Context, page_url
from planops.pipeline import check_plan


@pytest.fixture(scope="module")
def ctx() -> Context:
    plan, _ = check_plan(Path(SMALL / "plan"), date(2026, 11, 1))
    return Context(plan, date(2026, 11, 1))


@pytest.mark.parametrize(
    ("uri", "directory", "flat"),
    [
        ("index.md", "./", "index.html"),
        ("team.md", "team/", "team.html"),
        ("workflows/index.md", "workflows/", "workflows/index.html"),
        ("workflows/refund.md", "workflows/refund/", "workflows/refund.html"),
    ],
)
def test_page_url(uri: str, directory: str, flat: str) -> None:
    assert page_url(uri, True) == directory
    assert page_url(uri, False) == flat


@pytest.mark.parametrize(
    ("here", "target", "anchor", "directory", "flat"),
    [
        ("workflows/refund.md", "team.md", "role-lead", "../../team/#role-lead", "../team.html#role-lead"),
        ("workflows/refund.md", "workflows/refund.md", "state-triage", "#state-triage", "#state-triage"),
        ("index.md", "team.md", None, "team/", "team.html"),
        ("team.md", "index.md", "goals", "../#goals", "index.html#goals"),
        ("scenarios/refund.md", "workflows/refund.md", None, "../../workflows/refund/", "../workflows/refund.html"),
        ("workflows/index.md", "workflows/refund.md", None, "refund/", "refund.html"),
    ],
)
def test_href(ctx: Context, here: str, target: str, anchor: str | None, directory: str, flat: str) -> None:
    from dataclasses import replace

    assert ctx.at(here).href(target, anchor) == directory
    assert replace(ctx, directory_urls=False).at(here).href(target, anchor) == flat


def test_object_links_carry_titles(ctx: Context) -> None:
    here = ctx.at("routing.md")
    assert here.role("lead") == '<a href="../team/#role-lead">Shift lead</a>'
    assert here.workflow("refund") == '<a href="../workflows/refund/">Refund request</a>'
    state = '<a href="../workflows/refund/#state-lead-approval">Lead approval</a>'
    assert here.state("refund", "lead-approval") == state
    assert here.role("nobody") == "<code>nobody</code>"
