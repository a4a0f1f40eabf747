"""Hostile input, exact places: every finding at the line and column of its cause, one finding per cause.

Each case edits the starter plan (``old`` → ``new``) and asserts the complete
list of findings as (file, line, col, code).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers import edit, findings, where

from planops.loader.document import position
from planops.loader.yaml12 import load_documents

SVC, PLAN, TEAM, WF, SCN = "service.yaml", "plan.yaml", "team.yaml", "workflows/support.yaml", "scenarios/examples.yaml"
Check = Callable[[str, str, str], list[tuple[str, int, int, str]]]


def load(text: str) -> tuple[list[object], list[tuple[int, int, str]]]:
    docs, found = load_documents(text, "f.yaml")
    assert all("\n" not in d.message for d in found)
    return [d.data for d in docs], [(d.line, d.col, d.code) for d in found]


# --- characters YAML refuses ----------------------------------------------------------------------

REFUSED = [
    "\x00",
    "\x01",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x7f",
    "\x80",
    "\x84",
    "\x86",
    "\x9f",
    "\ufffe",
    "\uffff",
]
# (text with '@' where the character goes, line, col of '@')
PLACES = [
    ("kind: KPI\nname: csat\ntitle: a@b\n", 3, 9),
    ('kind: KPI\nname: csat\ntitle: "a@b"\n', 3, 10),
    ("kind: KPI\nname: csat\ntitle: 'a@b'\n", 3, 10),
    ("kind: KPI\nname: csat\n# a comment @\n", 3, 13),
    ("kind: KPI\nname: csat\nti@tle: x\n", 3, 3),
    ("@kind: KPI\n", 1, 1),
    ("kind: KPI\r\nname: csat\r\ntitle: a@b\r\n", 3, 9),
    ("kind: KPI\rname: csat\rtitle: a@b\r", 3, 9),
    ("kind: KPI\nname: é€😀\ntitle: 😀é@\n", 3, 10),
    ("kind: KPI\nname: csat\nnote: |\n  one\n  two @\n", 5, 7),
    ("kind: KPI\nname: csat\nnote: >\n  one\n\n  two@\n", 6, 6),
    ("kind: KPI\n---\nkind: KPI\nname: x\ntitle: @\n", 5, 8),
    ("kind: KPI\nname: csat\ntitle: a\u2028b@\n", 4, 2),
]


@pytest.mark.parametrize("char", REFUSED, ids=[f"U+{ord(c):04X}" for c in REFUSED])
@pytest.mark.parametrize(("text", "line", "col"), PLACES, ids=[f"place-{i}" for i in range(len(PLACES))])
def test_a_refused_character_is_found_where_it_is(char: str, text: str, line: int, col: int) -> None:
    _docs, found = load_documents(text.replace("@", char), "f.yaml")
    assert [(d.line, d.col, d.code) for d in found] == [(line, col, "yaml-syntax")]
    kind = "a control character" if unicodedata.category(char) == "Cc" else "a character YAML does not allow"
    assert found[0].message == (
        f"U+{ord(char):04X} is {kind}: remove it, or write it as \\u{ord(char):04X} inside a double-quoted string"
    )


def test_a_nul_byte_in_a_plan_file_is_one_finding(check_at: Check) -> None:
    # service.yaml also holds the segments the scenarios expect: no noise about them
    assert check_at(SVC, "title: Office hours", "title: Office\x00hours") == [(SVC, 4, 14, "yaml-syntax")]


def test_a_nul_byte_after_a_document_is_found_there(check_at: Check) -> None:
    found = check_at(PLAN, "unit: points out of 5", "unit: points out\x00of 5")
    assert found == [(PLAN, 31, 17, "yaml-syntax")]


def test_the_escaped_form_is_fine() -> None:
    data, found = load('kind: KPI\ntitle: "a\\0b\\x07\\u0000"\n')
    assert found == []
    assert data == [{"kind": "KPI", "title": "a\0b\x07\0"}]


@pytest.mark.parametrize(
    ("old", "new", "line", "col"),
    [
        ("name: standard\ntitle", "name: standard\n\ttitle", 27, 1),
        ("order: 1", "order: [1", 29, 9),  # where libyaml finds out: the next key inside the open list
        ("order: 1", 'order: "1', 33, 1),  # the '---' that ends the document inside the open quote
        ("order: 1", "order: 1: 2", 28, 9),
        ("order: 1", "order: *nowhere", 28, 8),
    ],
    ids=["tab", "open list", "open quote", "mapping in a plain value", "unknown alias"],
)
def test_syntax_errors_are_located_on_one_line(
    check_at: Check, plan_dir: Path, old: str, new: str, line: int, col: int
) -> None:
    assert check_at(SVC, old, new) == [(SVC, line, col, "yaml-syntax")]
    assert all("\n" not in d.text and "\r" not in d.text for d in findings(plan_dir))


# --- positions inside strings: every scalar style ----------------------------------------------

OLD_WHEN = "    when: \"ticket.category == 'outage'\""
WHEN = [
    ("plain", "    when: ticket.category == 'outage' || ticket.ammount > 3", 38, 49),
    ("plain, two lines", "    when: ticket.category == 'outage' ||\n      ticket.ammount > 3", 39, 14),
    ("plain, blank line", "    when: ticket.category == 'outage'\n\n      || ticket.ammount > 3", 40, 17),
    ("plain, deeper", "    when: ticket.category == 'outage' ||\n              ticket.ammount > 3", 39, 22),
    ("single-quoted, two lines", "    when: 'ticket.category == ''outage'' ||\n      ticket.ammount > 3'", 39, 14),
    ("single-quoted, blank lines", "    when: 'ticket.category == ''outage''\n\n\n   || ticket.ammount > 3'", 41, 14),
    (
        "double-quoted, escapes",
        '    when: "ticket.category == \\x27outage\\x27 \\t||\n      ticket.ammount > 3"',
        39,
        14,
    ),
    (
        "double-quoted, escaped break",
        "    when: \"ticket.category == 'outage' ||\\\n      \\ ticket.ammount > 3\"",
        39,
        16,
    ),
    (
        "double-quoted, unicode escapes",
        "    when: \"ticket.category == '\\u00e9\\U0001F600' ||\n      ticket.ammount > 3\"",
        39,
        14,
    ),
    ("double-quoted, escaped quote", '    when: "ticket.category == \\"outage\\" || ticket.ammount > 3"', 38, 52),
    ("folded", "    when: >\n      ticket.category == 'outage' ||\n      ticket.ammount > 3", 40, 14),
    ("folded, strip", "    when: >-\n      ticket.category == 'outage' ||\n      ticket.ammount > 3", 40, 14),
    ("folded, keep", "    when: >+\n      ticket.category == 'outage' ||\n      ticket.ammount > 3\n", 40, 14),
    (
        "folded, more indented",
        "    when: >\n      ticket.category == 'outage'\n        || ticket.category == 'x'\n"
        "      || ticket.ammount > 3",
        41,
        17,
    ),
    ("folded, blank lines", "    when: >\n      ticket.category == 'outage'\n\n\n      || ticket.ammount > 3", 42, 17),
    (
        "folded, indent indicator",
        "    when: >1\n       ticket.category == 'outage' ||\n      ticket.ammount > 3",
        40,
        14,
    ),
    ("literal", "    when: |\n      ticket.category == 'outage' ||\n      ticket.ammount > 3", 40, 14),
    ("literal, strip", "    when: |-\n      ticket.category == 'outage' ||\n      ticket.ammount > 3", 40, 14),
    ("literal, keep", "    when: |+\n      ticket.category == 'outage' ||\n      ticket.ammount > 3\n\n", 40, 14),
    (
        "literal, indent indicator",
        "    when: |1\n        ticket.category == 'outage' ||\n       ticket.ammount > 3",
        40,
        15,
    ),
    (
        "literal, indicator and chomping",
        "    when: |2-\n        ticket.category == 'outage' ||\n         ticket.ammount > 3",
        40,
        17,
    ),
    (
        "literal, chomping and indicator",
        "    when: |-2\n        ticket.category == 'outage' ||\n         ticket.ammount > 3",
        40,
        17,
    ),
    (
        "literal, comment after header",
        "    when: | # the outage rule\n      ticket.category == 'outage' ||\n      ticket.ammount > 3",
        40,
        14,
    ),
    (
        "literal, leading blank lines",
        "    when: |\n\n\n      ticket.category == 'outage' ||\n      ticket.ammount > 3",
        42,
        14,
    ),
    ("literal, tabs inside", "    when: |\n      ticket.category == 'outage'\t||\n      \tticket.ammount > 3", 40, 15),
    (
        "tagged and anchored",
        "    when: &w !!str >\n      ticket.category == 'outage' ||\n      ticket.ammount > 3",
        40,
        14,
    ),
    ("tag on its own line", "    when: !!str\n      ticket.category == 'outage' ||\n      ticket.ammount > 3", 40, 14),
    ("non-ASCII before", "    when: \"ticket.category == 'é😀' || ticket.ammount > 3\"", 38, 46),
    ("tabs inside", "    when: \"ticket.category == 'outage'\t||\tticket.ammount > 3\"", 38, 50),
    ("CRLF inside", "    when: \"ticket.category == 'outage' ||\r\n      ticket.ammount > 3\"", 39, 14),
]


@pytest.mark.parametrize(("new", "line", "col"), [c[1:] for c in WHEN], ids=[c[0] for c in WHEN])
def test_an_unknown_field_is_found_in_every_string_style(check_at: Check, new: str, line: int, col: int) -> None:
    assert check_at(SVC, OLD_WHEN, new) == [(SVC, line, col, "unknown-field")]


RULE = (
    "  - name: outage\n    when: \"ticket.category == 'outage'\"\n"
    "    set: {priority: urgent, queue: escalations, workflow: support}"
)


@pytest.mark.parametrize(
    ("new", "line", "col"),
    [
        (
            "  - {name: outage, when: \"ticket.category == 'outage' ||\n      ticket.ammount > 3\",\n"
            "     set: {priority: urgent, queue: escalations, workflow: support}}",
            38,
            14,
        ),
        (
            "  - {name: outage, when: ticket.category == 'outage' ||\n      ticket.ammount > 3,\n"
            "     set: {priority: urgent, queue: escalations, workflow: support}}",
            38,
            14,
        ),
        ("  - [name, outage]\n", 37, 5),
    ],
    ids=["flow, quoted", "flow, plain", "not a mapping"],
)
def test_flow_styles(check_at: Check, new: str, line: int, col: int) -> None:
    found = check_at(SVC, RULE, new)
    assert found == [(SVC, line, col, "wrong-type" if "[" in new else "unknown-field")]


@pytest.mark.parametrize(
    ("new", "line", "col", "code"),
    [
        ("    when: >\n      ticket.category ==\n      'outage' &&", 40, 18, "cel-syntax"),
        ("    when: |\n      ticket.category == 'outage'\n      && (", 40, 11, "cel-syntax"),
        ("    when: \"ticket.category ==\n      'outage' ) \"", 39, 16, "cel-syntax"),
        ("    when: >\n      ticket.category == 'outage' ||\n      ticket.segment == 'vpi'", 40, 25, "unknown-name"),
        ("    when: ticket.category == 'outage' ||\n\n      ticket.channel == 'emial'", 40, 25, "unknown-name"),
    ],
    ids=["folded, end", "literal, open paren", "double-quoted, stray paren", "folded name", "plain name"],
)
def test_expression_errors_inside_multi_line_strings(check_at: Check, new: str, line: int, col: int, code: str) -> None:
    assert check_at(SVC, OLD_WHEN, new) == [(SVC, line, col, code)]


# A marker written as is inside each string must map back onto itself.
MARKED = [
    "k: >\n  a b\n  MARK c\n",
    "k: >-\n  a b\n\n  MARK c\n",
    "k: >+\n  a b\n   more\n  MARK c\n\n\n",
    "k: |2\n    a b\n   MARK c\n",
    "k: |\n\n\n  a\n\n  MARK\n",
    "a:\n  - k: >\n      x\n      y MARK\n",
    "k: a b\r\n  c\r\n  MARK\r\n",
    "k: 'a ''b''\n  c\n\n  MARK'\n",
    'k: "a \\t\\x41\\u00e9\\U0001F600\n  b\\\n  c MARK"\n',
    'k: "a\\\n   \\ MARK"\n',
    "k: [a b\n  MARK]\n",
    'k: {x: y, z: "a\n  MARK"}\n',
    "k: &anchor !!str\n  a\n  MARK\n",
    "k: é😀 a\n  😀MARK\n",
    "k: |\n  é😀\u2028  MARK\n",
    "k: a\u2028  MARK\n",
    "k: |\n  a\n  MARK",
    "- >\n a\n MARK\n",
    "? k\n: a\n  MARK\n",
    "k: '\n  MARK'\n",
    'k: "\n\n  MARK"\n',
]


@pytest.mark.parametrize("text", MARKED)
def test_text_positions_map_back_onto_the_file(text: str) -> None:
    docs, found = load_documents(text, "f.yaml")
    assert found == []
    doc = docs[0]
    path: tuple[str | int, ...] = ("k",)
    if isinstance(doc.data, list):
        path = (0,)
    elif "a" in doc.data:
        path = ("a", 0, "k")
    elif isinstance(doc.data["k"], list):
        path = ("k", 0)
    elif isinstance(doc.data["k"], dict):
        path = ("k", "z")
    value = doc.data
    for part in path:
        value = value[part]
    before = value[: value.index("MARK")]
    at = doc.text_loc(path, before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)
    assert at == position(text, text.index("MARK"))


# --- opening hours: each day at its own key -------------------------------------------------------

DAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun", "sat,sun", "fri-mon", "tue-wed"]
BAD_TIMES = {  # times: (columns after the key's value starts, code)
    '"25:00-26:00"': (0, "invalid-value"),
    '"nine to five"': (0, "invalid-value"),
    '"17:00-09:00"': (0, "invalid-value"),
    '"09:00-12:00, 11:00-13:00"': (0, "invalid-value"),
    '"09:00-09:00"': (0, "invalid-value"),
    '["09:00-12:00", "13:00-99:00"]': (16, "invalid-value"),  # the second item
    '["09:00-12:00", closed]': (16, "invalid-value"),
    "[9]": (1, "wrong-type"),
    "": (-1, "wrong-type"),  # no times: the empty value, right after the colon
}
OLD_HOURS = '  mon-fri: "09:00-17:30"'


@pytest.mark.parametrize("times", list(BAD_TIMES), ids=[f"times-{i}" for i in range(len(BAD_TIMES))])
@pytest.mark.parametrize("day", DAY_KEYS)
def test_a_bad_time_is_found_at_its_day(check_at: Check, day: str, times: str) -> None:
    first = "thu" if day[:3] in ("mon", "tue", "fri", "sat") or day == "tue-wed" else "mon"
    shift, code = BAD_TIMES[times]
    found = check_at(SVC, OLD_HOURS, f'  {first}: "09:00-17:00"\n  {day}: {times}')
    assert found == [(SVC, 8, 2 + len(day) + 3 + shift, code)]  # line 7 is the first day


@pytest.mark.parametrize(
    ("new", "line", "col"),
    [
        ('  mon-fri: "09:00-17:00"\n  mnday: "10:00-12:00"', 8, 3),
        ('  mon-fri: "09:00-17:00"\n  Sat: "10:00-12:00"', 8, 3),
        ('  mon-fri: "09:00-17:00"\n  wed: "10:00-12:00"', 8, 3),
        ('  mon-fri: "09:00-17:00"\n  sat-sat: "10:00-12:00"', 8, 3),
        ('  mon-fri: "09:00-17:00"\n  sat,sun,sat: "10:00-12:00"', 8, 3),
        ('  mon: "09:00-17:00"\n  tue: closed\n  "": "10:00-12:00"', 9, 3),
        ('  mon: "09:00-17:00"\n  1: "10:00-12:00"', 8, 3),
        ('  mon: "09:00-17:00"\n  true: "10:00-12:00"', 8, 3),
        ("  mon: closed\n  tue: closed", 7, 3),
    ],
    ids=[
        "unknown day",
        "capital day",
        "given twice",
        "same day range",
        "twice in one key",
        "empty key",
        "number key",
        "boolean key",
        "all closed",
    ],
)
def test_a_bad_day_is_found_at_its_key(check_at: Check, new: str, line: int, col: int) -> None:
    assert check_at(SVC, OLD_HOURS, new) == [(SVC, line, col, "invalid-value")]


# --- keys that are equal in Python but not in YAML ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "keys", "found"),
    [
        ("1: a\ntrue: b\n1.0: c\n", ["1", "true", "1.0"], []),
        ("1: a\n01: b\n0x1: c\n0o1: d\n", ["1", "01", "0x1", "0o1"], []),
        ("true: a\nTrue: b\nTRUE: c\n", ["true", "True", "TRUE"], []),
        ("null: a\n~: b\nNull: c\n", ["null", "~", "Null"], []),
        ("0: a\nfalse: b\n0.0: c\n-0: d\n", ["0", "false", "0.0", "-0"], []),
        ("{1: a, true: b, 1.0: c}\n", ["1", "true", "1.0"], []),
        ('1: a\n"1": b\n', ["1"], [(2, 1, "duplicate-key")]),
        ("true: a\n'true': b\n", ["true"], [(2, 1, "duplicate-key")]),
        ("1: a\nx: y\n1: b\n", ["1", "x"], [(3, 1, "duplicate-key")]),
        ("!!int 1: a\n1: b\n", ["1"], [(2, 1, "duplicate-key")]),
        ("!thing 1: a\n1: b\n", ["1"], [(1, 1, "yaml-tag")]),
    ],
)
def test_keys_are_names_as_written(text: str, keys: list[str], found: list[tuple[int, int, str]]) -> None:
    data, problems = load(text)
    assert problems == found
    assert list(data[0]) == keys  # type: ignore[call-overload]


def test_a_duplicate_key_message_names_the_key_as_written() -> None:
    _docs, found = load_documents("true: a\n1: b\n1: c\n", "f.yaml")
    assert [d.message for d in found] == [
        "key '1' appears twice in this mapping (first at line 2); "
        "YAML keeps only one of them: remove or merge the other"
    ]


def test_number_and_boolean_keys_are_told_apart_in_a_plan(check_at: Check) -> None:
    found = check_at(
        SCN,
        "  category: question\n  customer: {annual_value: 1200}",
        "  category: question\n  1: x\n  true: y\n  customer: {annual_value: 1200}",
    )
    assert found == [(SCN, 8, 3, "unknown-ticket-field"), (SCN, 9, 3, "unknown-ticket-field")]


# --- no follow-on noise ---------------------------------------------------------------------------

NOISE = [
    ("refused tag on kind", PLAN, "kind: Plan", "kind: !thing Plan", [(PLAN, 2, 7, "yaml-tag")]),
    ("refused tag on name", PLAN, "name: our-support", "name: !thing our-support", [(PLAN, 3, 7, "yaml-tag")]),
    ("refused tag on a number", SVC, "order: 1", "order: !thing 1", [(SVC, 28, 8, "yaml-tag")]),
    ("refused tag on a choice", SVC, "type: email", "type: !thing email", [(SVC, 21, 7, "yaml-tag")]),
    (
        "refused tag on a mapping",
        SVC,
        "targets: {first_response: 8h}",
        "targets: !thing {first_response: 8h}",
        [(SVC, 23, 10, "yaml-tag")],
    ),
    (
        "refused tag on a list",
        PLAN,
        "kpis: [first-response-time, csat]",
        "kpis: !thing [first-response-time, csat]",
        [(PLAN, 15, 11, "yaml-tag")],
    ),
    (
        "refused tag on a document",
        PLAN,
        "---\nkind: KPI\nname: csat",
        "--- !thing\nkind: KPI\nname: csat",
        [(PLAN, 24, 5, "yaml-tag")],
    ),
    ("refused tag on a key", WF, "    title: Triage", "    !thing title: Triage", [(WF, 8, 5, "yaml-tag")]),
    (
        "python tag on a workflow name",
        WF,
        "name: support",
        "name: !!python/name:os.system support",
        [(WF, 3, 7, "yaml-tag")],
    ),
    ("a wrong field in the Plan", PLAN, 'version: "2027.1"', "version: [2027]", [(PLAN, 5, 10, "wrong-type")]),
    (
        "an unknown key in the Plan",
        PLAN,
        "owner: support-lead\nreview",
        "ownr: support-lead\nreview",
        [(PLAN, 7, 1, "unknown-key")],
    ),
    ("a misspelt kind of Plan", PLAN, "kind: Plan", "kind: Pln", [(PLAN, 2, 7, "unknown-kind")]),
    ("a kind that is a list", PLAN, "kind: Plan", "kind: [Plan]", [(PLAN, 2, 7, "unknown-kind")]),
    (
        "the default SLA policy broken",
        SVC,
        "order: 1\ncalendar: office",
        "order: first\ncalendar: office",
        [(SVC, 28, 8, "wrong-type")],
    ),
    (
        "a broken segmentation",
        SVC,
        "  - {name: standard, title: Everyone else}",
        "  - {name: standard, title: [Everyone else]}",
        [(SVC, 16, 29, "wrong-type")],
    ),
    ("a broken channel", SVC, "type: email", "type: mail", [(SVC, 21, 7, "invalid-value")]),
    ("a broken team", TEAM, "tier: 1, headcount: 2", "tier: one, headcount: 2", [(TEAM, 7, 47, "wrong-type")]),
    ("a syntax error in the team", TEAM, "title: Support team", "title: [Support team", [(TEAM, 5, 6, "yaml-syntax")]),
    (
        "a syntax error in the plan",
        PLAN,
        "title: Our Customer Service Plan",
        "title: 'Our Customer Service Plan",
        [(PLAN, 16, 1, "yaml-syntax")],
    ),
    ("a workflow that is not a mapping", WF, "kind: Workflow", "- kind: Workflow", [(WF, 3, 1, "yaml-syntax")]),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), [c[1:] for c in NOISE], ids=[c[0] for c in NOISE])
def test_one_finding_per_cause(
    check_at: Check, file: str, old: str, new: str, expected: list[tuple[str, int, int, str]]
) -> None:
    assert check_at(file, old, new) == expected


def test_no_default_sla_is_still_found_when_nothing_is_broken(plan_dir: Path) -> None:
    edit(plan_dir / SVC, "order: 1\n", "order: 1\nwhen: \"ticket.segment == 'priority'\"\n")
    assert [c for *_, c in where(findings(plan_dir), plan_dir)] == ["no-default-sla"]


def test_a_refused_tag_does_not_hide_an_unknown_key_beside_it(check_at: Check) -> None:
    assert check_at(WF, "    title: Triage", "    titel: !thing Triage") == [
        (WF, 8, 5, "unknown-key"),
        (WF, 8, 12, "yaml-tag"),
    ]


def test_a_long_value_is_shown_shortened(check_at: Check, plan_dir: Path) -> None:
    check_at(SVC, "order: 1", "order: " + "x" * 5000)
    message = next(d.message for d in findings(plan_dir) if d.code == "wrong-type")
    assert message == f"'order' should be a whole number, found '{'x' * 60}… (5,000 characters)' (text)"


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("type: true", "true (a boolean) is not allowed for 'type'"),
        ("type: 3", "3 (a number) is not allowed for 'type'"),
        ("type: [email]", "a list is not allowed for 'type'"),
        ("type: emial", "'emial' is not allowed for 'type'"),
        ("type: " + "e" * 200, f"'{'e' * 60}… (200 characters)' is not allowed for 'type'"),
    ],
)
def test_a_wrong_choice_is_named_as_written(check_at: Check, plan_dir: Path, new: str, message: str) -> None:
    assert check_at(SVC, "type: email", new) == [(SVC, 21, 7, "invalid-value")]
    assert [d.message for d in findings(plan_dir)] == [message]


def test_a_refused_number_is_one_finding(check_at: Check, plan_dir: Path) -> None:
    """The value a too-large number becomes is not reported again as a wrong type."""
    check_at("team.yaml", "headcount: 2,", "headcount: 99999999999999999999,")
    found = [(d.code, d.line) for d in findings(plan_dir)]
    assert [code for code, _line in found] == ["number-too-large"]


def test_a_broken_plan_manifest_adds_no_ticket_field_warnings(tmp_path: Path) -> None:
    """The bundled plan's scenarios use fields its Plan declares; with that Plan broken they are unknown, not wrong."""
    import shutil

    from tests.conftest import REPO

    plan = tmp_path / "plan"
    shutil.copytree(REPO / "plan", plan)
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    (plan / "plan.yaml").write_text(re.sub(r"(?m)^version: .*$", "version: [1, 2]", text), encoding="utf-8")
    assert [d.code for d in findings(plan)] == ["wrong-type"]
