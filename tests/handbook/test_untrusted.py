"""The "Untrusted plans" page lists every limit planops enforces, with its value, from the code itself."""

from __future__ import annotations

from datetime import date

from tests.conftest import REPO

from planops import limits
from planops.handbook import markup, site
from planops.handbook.context import UNTRUSTED, Context
from planops.handbook.pages import untrusted
from planops.pipeline import Level, check_plan

BOUNDS = {name: value for name, value in vars(limits).items() if name.isupper()}


def page() -> str:
    valid = check_plan(REPO / "plan", level=Level.MEANING).valid
    assert valid is not None
    pages = {p.uri: p.markdown for p in site.build_pages(Context(valid, date(2026, 11, 1)), lambda wf: "")}
    return pages[UNTRUSTED]


def test_every_limit_is_listed_with_its_value_and_what_it_bounds() -> None:
    rows = untrusted.limits()
    assert [name for name, _value, _what in rows] == list(BOUNDS)
    assert all(what for _name, _value, what in rows), [name for name, _v, what in rows if not what]
    text = page()
    for name, value in BOUNDS.items():
        shown = str(value) if name.endswith("YEAR") else f"{value:,}"
        assert f'{markup.code(name)}</td><td style="text-align: right;">{shown}</td>' in text, name


def test_the_page_names_each_guarantee_and_what_stays_trusted() -> None:
    text = page()
    for title, _body in untrusted.GUARANTEES:
        assert f"\n## {title}\n" in text
    assert "## What stays trusted" in text and "`hooks:`" in text
