"""Text findings with their source line and a caret under the column, as compilers show them."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.helpers.hostile import commands

from planops.diagnostics import Diagnostic, Severity
from planops.limits import MAX_SNIPPET_CELLS
from planops.output.findings import report, text
from planops.output.snippet import quoted

PATH = "plan/sla.yaml"
SLA = "kind: SLAPolicy\nname: vip\nwhen: ticket.categroy == 'billing'\n"


def finding(line: int, col: int, path: str = PATH) -> Diagnostic:
    return Diagnostic(path, line, col, "unknown-field", Severity.ERROR, "no field 'categroy'", "did you mean?")


def shown(source: str, line: int, col: int) -> list[str]:
    return text([finding(line, col)], {PATH: source}).splitlines()


def cells(value: str) -> int:
    """Terminal cells of text the snippet shows (wide characters two, combining marks none)."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in value)


def caret_under(lines: list[str]) -> str:
    """The text of the quoted line from the caret's cell on."""
    source, caret = lines[1].split(" |", 1)[1][1:], lines[2].split(" |", 1)[1][1:]  # an empty line has no space
    at = len(caret) - 1
    starts = [i for i in range(len(source) + 1) if cells(source[:i]) == at]
    assert starts, f"no character starts at cell {at} of {source!r}"
    return source[starts[-1] :]  # past any combining mark of the character before


def test_the_line_and_a_caret_under_the_column() -> None:
    assert shown(SLA, 3, 14) == [
        f"{PATH}:3:14: error[unknown-field]: no field 'categroy' (did you mean?)",
        "    3 | when: ticket.categroy == 'billing'",
        "      |              ^",
    ]


def test_without_sources_a_finding_is_one_line() -> None:
    assert text([finding(3, 14)]) == f"{PATH}:3:14: error[unknown-field]: no field 'categroy' (did you mean?)"
    assert report([finding(3, 14)], "text", None).count("\n") == 0


@pytest.mark.parametrize("fmt", ["json", "github"])
def test_other_formats_never_quote_the_line(fmt: str) -> None:
    assert "categroy ==" not in report([finding(3, 14)], fmt, {PATH: SLA})


def test_a_finding_without_its_file_or_line_has_no_snippet() -> None:
    assert text([finding(3, 1, "plan/pages/a.md")], {PATH: SLA}).count("\n") == 0  # a file not loaded
    assert len(shown(SLA, 9, 1)) == 1  # a line the file does not have
    assert len(shown(SLA, 3, 80)) == 1  # a column past the end of the line
    assert shown(SLA, 3, 35)[2].endswith(" " * 34 + "^")  # just past the last character: where text would go


def test_a_tab_is_four_spaces_and_the_caret_follows() -> None:
    lines = shown("a:\t\tb\n", 1, 5)
    assert lines[1:] == ["    1 | a:        b", "      |           ^"]
    assert caret_under(lines) == "b"


@pytest.mark.parametrize(
    ("line", "col", "under"),
    [
        ("name: 名前テスト: x", 14, "x"),  # wide characters take two cells
        ("title: ｆｕｌｌ x", 13, "x"),  # fullwidth forms too
        ("e\u0301e\u0301: x", 7, "x"),  # combining marks take none
        ("emoji: 🎫 x", 10, "x"),
    ],
)
def test_the_caret_is_aligned_by_display_width(line: str, col: int, under: str) -> None:
    lines = shown(line + "\n", 1, col)
    assert caret_under(lines) == under


@pytest.mark.parametrize(
    ("line", "source", "under"),
    [
        ("a: \x1b[31mred\x1b[0m x", "a: \\x1b[31mred\\x1b[0m x", "x"),  # a colour escape
        ("a: \x1b]8;;http://evil\x07l x", "a: \\x1b]8;;http://evil\\x07l x", "x"),  # a hyperlink (OSC 8)
        ("a: \u202egnp.exe\u2066 x", "a: \\u202egnp.exe\\u2066 x", "x"),  # bidi controls
        ("a: \x9b2J\u200b x", "a: \\x9b2J\\u200b x", "x"),  # a C1 CSI and a zero-width space
        ("a: ##[error]boom x", "a: ##\\x5berror]boom x", "x"),  # an Actions runner command
    ],
)
def test_hostile_lines_are_escaped_and_the_caret_still_aligned(line: str, source: str, under: str) -> None:
    lines = shown(line + "\n", 1, len(line))
    assert lines[1] == f"    1 | {source}"
    assert caret_under(lines) == under
    assert all(part.isprintable() for part in lines) and commands("\n".join(lines)) == []


def test_a_line_that_is_a_workflow_command_stays_quoted() -> None:
    source = "notes: |\n  ::error file=README.md,line=1::forged\n"
    lines = text([finding(2, 3)], {PATH: source}).splitlines()
    assert lines[1] == "    2 |   ::error file=README.md,line=1::forged"
    assert commands("\n".join(lines)) == []


@pytest.mark.parametrize("breaks", ["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029"])
def test_lines_are_split_where_yaml_splits_them(breaks: str) -> None:
    source = breaks.join(["kind: SLAPolicy", "name: vip", "when: x"]) + breaks
    assert shown(source, 3, 7)[1:] == ["    3 | when: x", "      |       ^"]


def test_a_long_line_is_cut_around_the_column_with_marks() -> None:
    line = "when: " + "a" * 5000 + "X" + "b" * 5000
    lines = shown(line + "\n", 1, 5007)
    source = lines[1].split(" | ", 1)[1]
    assert source.startswith("…a") and source.endswith("b…")
    assert cells(source) <= MAX_SNIPPET_CELLS
    assert caret_under(lines).startswith("Xb")


@pytest.mark.parametrize(("col", "head", "tail"), [(1, "", "…"), (300, "…", "")])
def test_a_long_line_cut_at_one_end_only(col: int, head: str, tail: str) -> None:
    line = "x" * 298 + "yz"
    lines = shown(line + "\n", 1, col)
    source = lines[1].split(" | ", 1)[1]
    assert source.startswith(head or "x") and source.endswith(tail or "z")
    assert cells(source) <= MAX_SNIPPET_CELLS
    assert caret_under(lines)[0] == line[col - 1]


def test_a_long_line_of_wide_characters_fits_the_width() -> None:
    line = "名" * 300
    lines = shown(line + "\n", 1, 150)
    assert cells(lines[1].split(" | ", 1)[1]) <= MAX_SNIPPET_CELLS
    assert caret_under(lines).startswith("名")


def test_a_megabyte_line_is_read_only_around_the_column() -> None:
    source, caret = quoted("a" * 1_000_000 + "!", 1_000_001) or ("", 0)
    assert source.endswith("a!") and len(source) <= MAX_SNIPPET_CELLS and source[caret] == "!"


def test_each_file_is_split_once_for_all_its_findings() -> None:
    many = [finding(n, 1) for n in (1, 2, 3)]
    out = text(many, {PATH: SLA}).splitlines()
    assert [line.split(" | ")[1] for line in out if line.startswith("    ") and " | " in line and "^" not in line] == [
        "kind: SLAPolicy",
        "name: vip",
        "when: ticket.categroy == 'billing'",
    ]


ANY_CHARACTERS = st.sampled_from("ab :#[\t\x1b名\u0301")  # plain, a runner command, tab, escape, wide, combining


@given(line=st.text(ANY_CHARACTERS, max_size=400) | st.text(st.sampled_from("ab :"), max_size=400), data=st.data())
def test_any_line_fits_the_width_and_the_caret_stands_under_its_character(line: str, data: st.DataObject) -> None:
    col = data.draw(st.integers(1, len(line) + 1))
    lines = shown(line + "\n", 1, col)
    source = lines[1].split(" |", 1)[1][1:]
    assert cells(source) <= MAX_SNIPPET_CELLS and all(part.isprintable() for part in lines)
    under = caret_under(lines)
    if col <= len(line) and line[col - 1] in "ab:名":
        assert under.startswith(line[col - 1])
