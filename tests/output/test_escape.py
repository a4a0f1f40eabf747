"""Every escaper against every hostile value: nothing raw reaches a terminal, the runner, Markdown or JSON."""

from __future__ import annotations

import json

import pytest
from tests.helpers.hostile import HOSTILE, commands, rendered

from planops.output.escape import (
    annotation_data,
    annotation_property,
    html_text,
    json_text,
    md_code,
    md_start,
    md_text,
    text_line,
    text_lines,
    visible,
)

VALUES = [pytest.param(value, id=name) for name, value in HOSTILE]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("a\nb", "a\\nb"),
        ("a\r\nb", "a\\r\\nb"),
        ("\t", "\\t"),
        ("\x00", "\\x00"),
        ("\x1b[31m", "\\x1b[31m"),
        ("\x7f", "\\x7f"),
        ("\x9b", "\\x9b"),
        ("\x85", "\\x85"),
        ("\xa0", "\\xa0"),
        ("\u2028\u2029", "\\u2028\\u2029"),
        ("\u202a\u202b\u202c\u202d\u202e", "\\u202a\\u202b\\u202c\\u202d\\u202e"),
        ("\u2066\u2067\u2068\u2069", "\\u2066\\u2067\\u2068\\u2069"),
        ("\u200b\u200d\ufeff\u00ad", "\\u200b\\u200d\\ufeff\\xad"),
        ("\U000e0041", "\\U000e0041"),
        ("\ud800", "\\ud800"),
        ("\U0010ffff", "\\U0010ffff"),
        ("Zürich → 日本 🎉", "Zürich → 日本 🎉"),
        ("C:\\plan", "C:\\plan"),
        ("", ""),
    ],
)
def test_visible_writes_what_a_terminal_would_not_show_as_python_escapes(value: str, shown: str) -> None:
    assert visible(value) == shown


@pytest.mark.parametrize("value", VALUES)
def test_every_escaper_gives_one_printable_line(value: str) -> None:
    assert visible(value).isprintable()
    for made in (
        text_line(value),
        annotation_data(value),
        annotation_property(value),
        md_text(value),
        md_text(value, start=False),
        md_code(value),
        md_code(value, in_table=True),
        html_text(value),
    ):
        assert made.isprintable(), made
        assert "##[" not in made


@pytest.mark.parametrize("value", VALUES)
def test_a_text_line_is_never_a_workflow_command(value: str) -> None:
    line = text_line(f"  {value}")
    assert commands(line) == []
    assert commands(text_lines(["first", value, f"owner: expected {value}, got agent"])) == []


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("::error file=x::boom", "\\x3a:error file=x::boom"),
        ("   ::warning::x", "   \\x3a:warning::x"),
        ("x ##[error]y", "x ##\\x5berror]y"),
        ("ghost\n::error file=README.md,line=1::forged", "ghost\\n::error file=README.md,line=1::forged"),
        ("a :: b", "a :: b"),
    ],
)
def test_text_line_breaks_commands_visibly(line: str, shown: str) -> None:
    assert text_line(line) == shown


@pytest.mark.parametrize("value", VALUES)
def test_an_annotation_carries_the_value_and_only_its_own_command(value: str) -> None:
    line = (
        f"::error file={annotation_property(value)},line=3,col=1,title={annotation_property(value)}"
        f"::{annotation_data(value)}"
    )
    [command] = commands(line)
    assert command.name == "error"
    assert command.properties == {
        "file": visible(value).replace("##[", "##\\x5b"),
        "line": "3",
        "col": "1",
        "title": visible(value).replace("##[", "##\\x5b"),
    }
    assert command.data == visible(value).replace("##[", "##\\x5b")


@pytest.mark.parametrize(
    ("value", "data", "prop"),
    [
        ("100%0A", "100%250A", "100%250A"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("a\nb", "a\\nb", "a\\nb"),
        ("C:\\x,y", "C:\\x,y", "C%3A\\x%2Cy"),
    ],
)
def test_annotation_escapes_as_github_documents(value: str, data: str, prop: str) -> None:
    assert (annotation_data(value), annotation_property(value)) == (data, prop)


def _shown(value: str) -> str:
    return visible(value).rstrip()


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize(
    ("template", "allowed"),
    [
        ("{start}", {"p"}),
        ("- {start}", {"ul", "li", "p"}),
        ("> [!WARNING]\n> {start}", {"blockquote", "p"}),
        ("### Routing\n\n{start}", {"h3", "p"}),
        ("Version: {inline} → 2", {"p"}),
    ],
)
def test_markdown_text_shows_the_value_and_makes_no_element(value: str, template: str, allowed: set[str]) -> None:
    text = template.format(start=md_text(value), inline=md_text(value, start=False))
    for name, page in rendered(text).items():
        assert set(page.tags) <= allowed, (name, page.html)
        assert _shown(value) in page.text, (name, page.html)


@pytest.mark.parametrize("value", VALUES)
def test_markdown_text_stays_in_its_table_cell(value: str) -> None:
    text = f"| Scenario | Before |\n|---|---|\n| {md_code(value, in_table=True)} | {md_text(value, start=False)} |"
    for name, page in rendered(text).items():
        assert set(page.tags) <= {"table", "thead", "tbody", "tr", "th", "td", "code"}, (name, page.html)
        assert [t.strip() for t in page.by_tag["td"]] == [_shown(value).strip()] * 2, (name, page.html)
        assert [t.strip() for t in page.by_tag["code"]] == [_shown(value).strip()], (name, page.html)


@pytest.mark.parametrize("value", VALUES)
def test_markdown_code_is_one_code_element(value: str) -> None:
    for name, page in rendered(f"- {md_code(value)} state {md_code(value)}").items():
        assert set(page.tags) <= {"ul", "li", "p", "code"}, (name, page.html)
        assert [t.strip() for t in page.by_tag["code"]] == [_shown(value).strip()] * 2, (name, page.html)


@pytest.mark.parametrize(
    ("value", "made"),
    [
        ("billing-dispute", "billing-dispute"),
        ("2026-12-28", "2026-12-28"),
        ("first_response", "first_response"),
        ("error[yaml-syntax]: x", "error[yaml-syntax]: x"),
        ("2026.3", "2026.3"),
        ("4h → 2h", "4h → 2h"),
        ("_x_", "\\_x\\_"),
        ("[a](b)", "&#91;a\\](b)"),
        ("x [a](b)", "x [a\\](b)"),
        ("<b>", "&lt;b&gt;"),
        ("a|b", "a&#124;b"),
        ("@team", "@&#8203;team"),
        ("#12", "&#35;&#8203;12"),
        ("# x", "&#35; x"),
        ("1. x", "1&#46; x"),
        ("-5", "&#45;5"),
        ("x ##[e]", "x ##\\[e]"),
        ("a == b", "a &#61;= b"),
    ],
)
def test_markdown_text_leaves_plain_values_alone(value: str, made: str) -> None:
    assert md_text(value) == made


def test_markdown_mentions_and_references_do_not_link() -> None:
    # GitHub links @user and #123 in the text it renders: the zero-width space (an entity) breaks both
    assert md_text("@octocat #42 org/repo#7", start=False) == "@&#8203;octocat #&#8203;42 org/repo#&#8203;7"


@pytest.mark.parametrize(
    ("value", "made"),
    [
        ("ticket.a == 'x'", "`ticket.a == 'x'`"),
        ("a || b", "`a || b`"),
        ("a`b", "<code>a&#96;b</code>"),
        ("", "<code></code>"),
        ("x\ny", "`x\\ny`"),
        ("##[error]", "<code>&#35;&#35;&#91;error&#93;</code>"),
    ],
)
def test_markdown_code_is_a_backtick_span_when_it_can_be(value: str, made: str) -> None:
    assert md_code(value) == made


def test_markdown_code_in_a_table_avoids_pipes() -> None:
    assert md_code("a || b", in_table=True) == "<code>a &#124;&#124; b</code>"


@pytest.mark.parametrize("markdown", ["`name` added", "\\_x", "&lt;b&gt;", "<code>x</code>", "plain"])
def test_markdown_start_keeps_safe_starts(markdown: str) -> None:
    assert md_start(markdown) == markdown


@pytest.mark.parametrize("value", VALUES)
def test_html_text_in_a_summary(value: str) -> None:
    for name, page in rendered(
        f"<details>\n<summary>Workflow <code>{html_text(value)}</code></summary>\n\nx\n</details>"
    ).items():
        assert page.tags[:3] == ["details", "summary", "code"], (name, page.html)
        assert "img" not in page.tags and "script" not in page.tags and "h1" not in page.tags, (name, page.html)
        assert _shown(value) in page.text, (name, page.html)


@pytest.mark.parametrize("value", VALUES)
def test_json_is_ascii_and_reads_back(value: str) -> None:
    made = json_text({"name": value, "list": [value]})
    assert made.isascii()
    assert all(line.isprintable() for line in made.split("\n"))
    assert "##[" not in made and commands(made) == []
    assert json.loads(made) == {"name": value, "list": [value]}
