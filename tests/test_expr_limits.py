"""CEL expressions are bounded on their text, before the CEL library compiles or runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from planops.expr import ExprTooCostly, compile_expr, matches
from planops.expr_limits import regex_size, too_costly
from planops.limits import MAX_EXPR_CHARS, MAX_EXPR_COST, MAX_REGEX_SIZE
from tests.helpers import edit, findings, where


def numbers(n: int) -> str:
    return "[" + ", ".join(str(i) for i in range(n)) + "]"


def ones(n: int) -> str:
    return "[" + ",".join(["1"] * n) + "]"


COST = "too costly: evaluating this takes about"
NESTED = "too costly: '{}' here is a comprehension inside 2 others; at most 2 may nest"
LITERAL = "too costly: the pattern of matches() must be written here as one string literal ('...')"

REFUSED = [
    # (expression, offset of the finding, start of the message)
    (
        "x" * (MAX_EXPR_CHARS + 1),
        0,
        f"too costly: the expression is {MAX_EXPR_CHARS + 1:,} characters long; "
        f"the limit is {MAX_EXPR_CHARS:,} (split it into several rules)",
    ),
    ("(" * 33 + "1" + ")" * 33, 32, "too costly: brackets nest more than 32 deep here"),
    ("[" * 33 + "1" + "]" * 33, 32, "too costly: brackets nest more than 32 deep here"),
    ("{'a': " * 33 + "1" + "}" * 33, 6 * 32, "too costly: brackets nest more than 32 deep here"),
    ("size(" * 33 + "'a'" + ")" * 33, 5 * 32 + 4, "too costly: brackets nest more than 32 deep here"),
    # three comprehensions nested, whatever their lists
    ("[1].all(a, [1].all(b, [1].all(c, true)))", 26, NESTED.format("all")),
    ("[1].exists(a, [1].map(b, [1].filter(c, true)))", 29, NESTED.format("filter")),
    ("ticket.tags.exists_one(a, [1].exists(b, ticket.tags.map(c, c)))", 52, NESTED.format("map")),
    ("[1].existsOne(a, [1].existsOne(b, [1].existsOne(c, true)))", 38, NESTED.format("existsOne")),
    # a stray closing bracket does not end the count
    (") || [1].all(a, [1].all(b, [1].all(c, true)))", 31, NESTED.format("all")),
    # two nested over long literal lists
    (f"{ones(1000)}.all(a, {ones(1000)}.all(b, a + b >= 0))", 4011, COST),
    # two nested over a ticket's lists with a long body
    ("ticket.tags.all(a, ticket.tags.all(b, " + " + ".join(["a"] * 20) + " > 0))", 31, COST),
    # map and filter copy their result at every step
    (f"{ones(300)}.map(a, {ones(300)}).size() > 0", 602, COST),
    ("ticket.tags.map(a, ticket.tags.map(b, b)).size() > 0", 31, COST),
    (f"ticket.tags.map(a, {ones(500)}).size() > 0", 12, COST),
    # a receiver built from literals counts at least a ticket's list
    (f"({ones(500)} + {ones(500)}).all(a, ({ones(500)} + {ones(500)}).exists(b, a == b))", 4023, COST),
    # strings and comments cannot hide a comprehension from the count
    ("'[(' + " + "[1].all(a, [1].all(b, [1].all(c, true)))", 33, NESTED.format("all")),
    ("// it's\n[1].all(a, [1].all(b, [1].all(c, true)))", 34, NESTED.format("all")),
    ("r'\\' + [1].all(a, [1].all(b, [1].all(c, true))) + '\\''", 33, NESTED.format("all")),
    ("'''a\\'''' + [1].all(a, [1].all(b, [1].all(c, true)))", 38, NESTED.format("all")),
    # regular expressions: one literal, at most MAX_REGEX_SIZE expanded
    ("ticket.subject.matches('a{10000}')", 23, "too costly: this matches() pattern is 1,001 characters long"),
    ("matches(ticket.subject, '(a{100}){100}')", 24, "too costly: this matches() pattern is 10,000 characters long"),
    ("ticket.subject.matches('(\\\\w{10}){200}')", 23, "too costly: this matches() pattern is 2,000 characters long"),
    ("ticket.subject.matches('[a-z]{1001}')", 23, "too costly: this matches() pattern is 1,001 characters long"),
    ("ticket.subject.matches('x{99999999999999999999}')", 23, "too costly: this matches() pattern is 1,001"),
    ("ticket.subject.matches(ticket.pattern)", 15, LITERAL),
    ("ticket.subject.matches('a' + 'b')", 15, LITERAL),
    ("['a{999}'].exists(p, ticket.subject.matches(p))", 36, LITERAL),
    ("matches(ticket.subject, ticket.pattern)", 0, LITERAL),
]


@pytest.mark.parametrize(("source", "offset", "message"), REFUSED, ids=[f"refused-{i}" for i in range(len(REFUSED))])
def test_refused_before_compiling(source: str, offset: int, message: str) -> None:
    found = too_costly(source)
    assert found is not None
    assert (found.offset, found.message[: len(message)]) == (offset, message)
    with pytest.raises(ExprTooCostly, match=r"^too costly: "):
        compile_expr(source)


ALLOWED = [
    "ticket.amount > 500.0",
    "ticket.category == 'billing' && ticket.amount > 500.0",
    "ticket.customer.annual_value >= 50000",
    "ticket.tags.exists(t, t == 'vip')",
    "ticket.tags.filter(t, t.startsWith('v')).size() > 0",
    "ticket.tags.map(t, t + '!').exists(t, t == 'vip!')",
    "ticket.tags.exists(t, t in ['a', 'b', 'c'])",
    "ticket.tags.exists(t, ticket.customer.flags.exists(f, f == t))",
    f"ticket.tags.exists(t, t in {ones(1900)})",
    f"{numbers(300)}.all(a, {numbers(300)}.all(b, a + b >= 0))",
    f"{ones(1500)}.map(a, a).size() > 0",
    "ticket.subject.matches('(?i)refund|chargeback')",
    "matches(ticket.subject, '^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$')",
    "ticket.subject.matches('\\\\d{1,3}\\\\.\\\\d{1,3}\\\\.\\\\d{1,3}\\\\.\\\\d{1,3}')",
    "ticket.subject.matches('a{1000}')",
    "'(((((' + ticket.category + ']]]]]' == 'x'",
    "(" * 32 + "1" + ")" * 32 + " > 0",
    "x" * MAX_EXPR_CHARS,
    "ticket.matches == 'x'",
    "ticket.amount >",  # not CEL: the syntax check reports it, not this one
    "[1, 2",
    ")",
]


@pytest.mark.parametrize("source", ALLOWED, ids=[f"allowed-{i}" for i in range(len(ALLOWED))])
def test_ordinary_and_bounded_expressions_pass(source: str) -> None:
    assert too_costly(source) is None


def test_the_step_bound_is_the_one_in_limits() -> None:
    found = too_costly(f"{ones(1000)}.all(a, {ones(1000)}.all(b, a + b >= 0))")
    assert found is not None
    assert f"beyond the {MAX_EXPR_COST:,} an expression may take" in found.message


@pytest.mark.parametrize(
    ("pattern", "size"),
    [
        ("abc", 3),
        ("a{3}", 3),
        ("(ab){3}c", 7),
        ("\\d{3}-\\d{4}", 8),
        ("[a-z]{10}", 10),
        ("[]a]{5}", 5),
        ("[^]a]{5}", 5),
        ("[a-z&&[^aeiou]]{4}", 4),
        ("\\p{L}{5}", 5),
        ("\\x{10FFFF}{2}", 2),
        ("a{2,5}", 5),
        ("a{5,}", 5),
        ("(a{10}){10}", 100),
        ("((a{10}){10}){10}", 1000),
        ("a*b+c?", 3),
        ("a|b|c", 3),
        ("{", 1),
        ("a{x}", 4),
        ("(((", 0),
        (")", 1),
        ("x{99999999999999999999}", MAX_REGEX_SIZE + 1),
    ],
)
def test_regex_size(pattern: str, size: int) -> None:
    assert regex_size(pattern) == size


@pytest.mark.parametrize(
    "source",
    [
        "ticket.tags[5] == 'x'",
        "ticket.customer.annual_value * 9223372036854775807 > 0",
        "9223372036854775807 + ticket.customer.annual_value > 0",
        "ticket.amount / 0 > 1",
        "int(ticket.amount) > 0",
        "ticket.customer['nope'] > 1",
        "ticket.subject.matches('(')",
    ],
)
def test_errors_while_evaluating_mean_no_match(source: str) -> None:
    import cel

    ctx = cel.Context({"ticket": {"tags": ["a"], "customer": {"annual_value": 2}, "amount": 1e300, "subject": "x"}})
    assert matches(compile_expr(source), ctx) is False


CASES = [
    # (the `when:` written in the starter plan's routing rule, line, column of the finding)
    ('"[1].all(a, [1].all(b, [1].all(c, true)))"', 38, 38),
    ('"' + "x" * (MAX_EXPR_CHARS + 1) + '"', 38, 12),
    ("'ticket.subject.matches(\"a{5000}\")'", 38, 35),
    ('"ticket.tags.all(a, ticket.tags.all(b, ticket.tags.exists(c, true)))"', 38, 62),
    ("|-\n      ticket.tags.all(a,\n      ticket.tags.all(b, ticket.tags.exists(c, true)))", 40, 38),
]


@pytest.mark.parametrize(("when", "line", "col"), CASES)
def test_validate_reports_the_place(plan_dir: Path, when: str, line: int, col: int) -> None:
    edit(plan_dir / "service.yaml", "when: \"ticket.category == 'outage'\"", f"when: {when}")
    found = findings(plan_dir)
    assert where(found, plan_dir) == [("service.yaml", line, col, "expr-too-costly")]
    assert found[0].message.startswith("too costly: ")
