"""Plan text is shown as written and never runs: escaping and sanitizing."""

from __future__ import annotations

from datetime import timedelta

import markdown
import pytest

from planops.handbook import markup
from planops.model.types import format_duration

PAGE_EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc", "pymdownx.superfences"]


def render(page: str) -> str:
    return markdown.markdown(page, extensions=PAGE_EXTENSIONS)


@pytest.mark.parametrize(
    "value",
    [
        "a *b* _c_",
        "[x](javascript:alert(1))",
        "<b>bold</b>",
        "a | b",
        "x {#id}",
        "`tick`",
        "1 & 2",
        "# not a heading",
        "\\escaped",
    ],
)
def test_text_shows_exactly_what_was_written(value: str) -> None:
    html = render(f"| x |\n|---|\n| {markup.text(value)} |")
    import html as html_lib

    cell = html.split("<td>")[1].split("</td>")[0]
    assert html_lib.unescape(cell) == value
    assert "<b>" not in cell and "<a" not in cell


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src='https://evil.example'></iframe>",
        '<div onclick="alert(1)">x</div>',
        "<svg onload=alert(1)>",
    ],
)
@pytest.mark.parametrize("shape", [markup.block, markup.inline])
def test_descriptions_never_carry_script(source: str, shape: object) -> None:
    assert callable(shape)
    html = render(markup.join(shape(f"Hello {source} world")))
    lowered = html.lower()
    assert "<script" not in lowered and "onerror" not in lowered and "javascript:" not in lowered
    assert "<iframe" not in lowered and "onclick" not in lowered and "onload" not in lowered


def test_description_markdown_is_rendered() -> None:
    html = render(markup.join(markup.block("Some **bold** and a [link](https://example.com).\n\n- one\n- two")))
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.com"' in html
    assert "<li>one</li>" in html


def test_inline_description_fits_a_table_cell() -> None:
    import html as html_lib

    html = render(markup.table(["a"], [[markup.inline("one *two*\n\nthree | four")]]))
    assert "<em>two</em>" in html and "three | four" in html_lib.unescape(html)
    assert html.count("<td") == 1


def test_heading_keeps_anchor_and_escapes_title() -> None:
    html = render(markup.heading(2, "Refunds <b>& co</b> {#x}", "state-triage"))
    assert 'id="state-triage"' in html
    assert "&lt;b&gt;" in html.replace("&#60;", "&lt;").replace("&#62;", "&gt;")


def test_code_block_fence_cannot_be_closed_by_content() -> None:
    block = markup.code_block("a\n```\nb", "yaml")
    assert block.startswith("````yaml\n") and block.endswith("\n````")


def test_hand_written_page_is_sanitized_but_keeps_theme_markup() -> None:
    page = (
        '<div class="admonition tip"><p class="admonition-title">Tip</p></div>'
        '<script>alert(1)</script><a href="javascript:x()">x</a><a class="headerlink" href="#a">¶</a>'
        '<input type="radio" id="__tabbed_1_1" name="__tabbed_1" checked><label for="__tabbed_1_1">A</label>'
    )
    clean = markup.sanitize_page(page)
    assert 'class="admonition tip"' in clean and 'class="headerlink" href="#a"' in clean
    assert 'type="radio"' in clean and 'for="__tabbed_1_1"' in clean
    assert "<script" not in clean and "javascript:" not in clean


@pytest.mark.parametrize("shape", [markup.text, markup.block, markup.inline])
def test_plan_text_cannot_forge_a_raw_block(shape: object) -> None:
    assert callable(shape)
    page = markup.join(shape("<planops-raw><script>alert(1)</script></planops-raw>"))
    rest, blocks = markup.extract_raw(page, "ab12")
    assert blocks == {}
    assert "<script" not in rest


def test_tables_travel_as_tokens_and_come_back() -> None:
    page = markup.join("# T", markup.table(["a", "b"], [["1", markup.code("x|y")]]), "after")
    rest, blocks = markup.extract_raw(page, "ab12")
    assert "<table>" not in rest and list(blocks) == ["planopsab12raw0"]
    html = markup.insert_raw(render(rest), blocks)
    assert "<table>\n<thead><tr>" in html and "<p>planops" not in html and "x&#124;y" in html


def test_durations_in_hours() -> None:
    from datetime import timedelta

    assert [format_duration(timedelta(hours=h)) for h in (0.25, 1.5, 30, 100)] == ["15m", "1h30m", "30h", "100h"]


@pytest.mark.parametrize(
    ("value", "business", "words"),
    [
        (timedelta(hours=4), True, "4 business hours"),
        (timedelta(hours=1), True, "1 business hour"),
        (timedelta(minutes=30), True, "30 business minutes"),
        (timedelta(hours=1, minutes=30), True, "1 business hour 30 minutes"),
        (timedelta(hours=2), False, "2 hours"),
        (timedelta(0), True, "no time"),
    ],
)
def test_durations_in_words(value: timedelta, business: bool, words: str) -> None:
    assert markup.duration_words(value, business) == words
    assert markup.duration(value, business) == f'<abbr title="{words}">{format_duration(value)}</abbr>'


def test_values_in_words() -> None:
    assert [markup.words(v) for v in (True, False, ["a", True], [], "x*y")] == [
        "yes",
        "no",
        "a; yes",
        "none",
        "x&#42;y",
    ]


def test_titles_become_a_list_in_a_cell() -> None:
    assert markup.item_list([]) == ""
    assert markup.item_list(["A, B"]) == "A, B"
    assert markup.item_list(["A, B", "C"]) == '<ul class="planops-list"><li>A, B</li><li>C</li></ul>'
    assert markup.bullets(["A, B", "C"]) == "- A, B\n- C"


def test_table_caption_and_heading_for_readers() -> None:
    raw = markup.table(["H"], [["x"]], caption="Hours", heading=(3, "High priority"))
    assert raw.startswith(
        '<planops-raw><h3 class="planops-sr-only">High priority</h3>\n<table>\n'
        '<caption class="planops-sr-only">Hours</caption>\n<thead>'
    )
