"""Small files that would expand into big ones, and numbers no plan holds: refused at their place."""

from __future__ import annotations

import pytest

from planops.limits import MAX_ALIAS_NODES, MAX_ALIAS_TEXT, MAX_INTEGER
from planops.loader.document import Document
from planops.loader.yaml12 import load_documents

TEXT = (
    "aliases of the value anchored here repeat more than 1,000,000 characters of text; "
    "write long text once, where it is used"
)


def load(text: str) -> tuple[list[Document], list[tuple[int, int, str, str]]]:
    docs, found = load_documents(text, "f.yaml")
    return docs, [(d.line, d.col, d.code, d.message) for d in found]


BIG = "x" * 500_000


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # reported where the repeated value is anchored (aliases share its node, and its place)
        # a scalar aliased: the third repeat passes a million characters
        (f"a: &s {BIG}\nb: *s\nc: *s\nd: *s\n", (1, 4)),
        # inside a flow list
        (f"a: &s {BIG}\nb: [*s, *s, *s]\n", (1, 4)),
        # a mapping holding the text, aliased
        (f"a: &m {{d: {BIG}}}\nb: *m\nc: *m\nd: *m\n", (1, 4)),
        # a list holding it
        (f"a: &l [{BIG}]\nb: *l\nc: *l\nd: *l\n", (1, 4)),
        # merged into mappings
        (f"a: &m {{d: {BIG}}}\nb: {{<<: *m}}\nc: {{<<: *m}}\nd: {{<<: *m}}\n", (1, 4)),
        # nested: an alias of something that holds aliases
        (f"a: &s {BIG[:100_000]}\nb: &l [*s, *s, *s]\nc: [*l, *l, *l]\n", (2, 4)),
        # used as a key: keys are text too
        (f"a: &s {BIG}\nb: {{? *s : 1}}\nc: {{? *s : 1}}\nd: {{? *s : 1}}\n", (1, 4)),
        # many small aliases add up
        ("a: &s " + "y" * 10_000 + "\nb: [" + ", ".join(["*s"] * 101) + "]\n", (1, 4)),
        # in a second document, counted afresh but refused the same way
        (f"a: 1\n---\na: &s {BIG}\nb: [*s, *s, *s]\n", (3, 4)),
    ],
)
def test_text_repeated_by_aliases_is_refused(text: str, where: tuple[int, int]) -> None:
    _docs, found = load(text)
    assert found[-1] == (*where, "yaml-aliases", TEXT)


@pytest.mark.parametrize(
    "text",
    [
        f"a: &s {BIG}\nb: *s\n",  # 1,000,000 repeated: the bound itself
        "a: &t {first_response: 1h, resolution: 8h}\n" + "".join(f"p{i}: *t\n" for i in range(1000)),
        f"a: {BIG}\nb: {BIG}\nc: {BIG}\n",  # written out, not repeated: the file size bounds it
        "a: 'x * 3'\nb: \"*x\"\n",  # a '*' that is no alias
    ],
)
def test_modest_repetition_and_written_text_load(text: str) -> None:
    _docs, found = load(text)
    assert found == []


def test_the_text_bound_is_counted_exactly() -> None:
    text = "a: &s " + "y" * (MAX_ALIAS_TEXT // 2) + "\nb: *s\nc: *s\n"
    assert load(text)[1] == []
    text = "a: &s " + "y" * (MAX_ALIAS_TEXT // 2 + 1) + "\nb: *s\nc: *s\n"
    assert load(text)[1] == [(1, 4, "yaml-aliases", TEXT)]


def test_values_repeated_by_aliases_keep_their_own_bound() -> None:
    text = "a: &a [" + ", ".join(["1"] * 1000) + "]\nb: [" + ", ".join(["*a"] * 101) + "]\n"
    assert load(text)[1] == [
        (
            1,
            4,
            "yaml-aliases",
            f"aliases here expand to more than {MAX_ALIAS_NODES:,} values; "
            "this looks like a 'billion laughs' file and is refused",
        ),
    ]


def test_a_deep_anchor_aliased_is_counted_to_the_depth_built() -> None:
    deep = "[" * 70 + "x" + "]" * 70
    _docs, found = load(f"a: &d {deep}\nb: *d\n")
    assert [code for *_, code, _m in found] == ["yaml-too-deep"]


NUMBER = "is too large: numbers are at most ±9,007,199,254,740,991 (write an identifier in quotes, as text)"
FLOAT = "is too large: it overflows to infinity (write an identifier in quotes, as text)"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1" + "0" * 5000, f"{'1' + '0' * 59}… (5,001 characters) {NUMBER}"),
        ("-" + "9" * 4301, f"{'-' + '9' * 59}… (4,302 characters) {NUMBER}"),
        (str(MAX_INTEGER + 1), f"{MAX_INTEGER + 1} {NUMBER}"),
        (str(-MAX_INTEGER - 1), f"{-MAX_INTEGER - 1} {NUMBER}"),
        ("99999999999999999999999", f"99999999999999999999999 {NUMBER}"),
        ("0x20000000000000", f"0x20000000000000 {NUMBER}"),
        ("0o400000000000000000", f"0o400000000000000000 {NUMBER}"),
        ("1e400", f"1e400 {FLOAT}"),
        ("-1e400", f"-1e400 {FLOAT}"),
        ("1" * 400 + ".0", f"{'1' * 60}… (402 characters) {FLOAT}"),
    ],
)
def test_numbers_beyond_range_are_refused_where_written(value: str, message: str) -> None:
    docs, found = load(f"kind: SLAPolicy\norder: {value}\n")
    assert found == [(2, 8, "number-too-large", message)]
    assert docs[0].data == {"kind": "SLAPolicy", "order": None}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (str(MAX_INTEGER), MAX_INTEGER),
        (str(-MAX_INTEGER), -MAX_INTEGER),
        ("0x1FFFFFFFFFFFFF", MAX_INTEGER),
        ("1e308", 1e308),
        ("'" + "1" * 5000 + "'", "1" * 5000),  # quoted: text, as the hint says
    ],
)
def test_numbers_at_the_bound_load(value: str, expected: object) -> None:
    docs, found = load(f"a: {value}\n")
    assert (docs[0].data, found) == ({"a": expected}, [])


def test_infinity_and_nan_load_for_the_models_to_refuse() -> None:
    docs, found = load("a: .inf\nb: -.inf\n")
    assert (docs[0].data, found) == ({"a": float("inf"), "b": float("-inf")}, [])


def test_a_key_index_finds_places_in_a_large_mapping() -> None:
    text = "states:\n" + "".join(f"  s{i}: {{to: t{i}}}\n" for i in range(5000))
    docs, _found = load(text)
    doc = docs[0]
    assert doc.loc(("states", "s4321", "to")) == (4323, 15)
    assert doc.loc(("states", "s4321"), key=True) == (4323, 3)
    assert doc.loc(("states", "missing")) == (2, 3)
