"""The CEL syntax tree: operators as calls at their offsets, chains flat, what the grammar cannot read said so."""

from __future__ import annotations

import pytest

from planops.celcheck.reads import Read, conjuncts, reads_of, ticket_reads
from planops.celcheck.syntax import Call, Ident, Literal, Select, Unreadable, parse
from planops.celcheck.unparse import text


def test_operators_are_calls_at_the_operator() -> None:
    tree = parse("ticket.amount > 500.0")
    assert tree == Call(14, "_>_", (Select(7, Ident(0, "ticket"), "amount"), Literal(16, "double", "500.0")))


def test_an_and_chain_is_one_call_with_every_operand() -> None:
    tree = parse("a && b && c && d")
    assert isinstance(tree, Call) and tree.function == "_&&_" and len(tree.args) == 4 and tree.offset == 2


@pytest.mark.parametrize(
    ("source", "written"),
    [
        ("a-1 > 2", "(a - 1) > 2"),
        ("-1 < x", "(-1) < x"),
        ("!a || b ? c : d", "((!a) || b) ? c : d"),
        ("r'\\' == 'a'", "r'\\' == 'a'"),
        ("x.exists(t, t in [1, 2])", "x.exists(t, t in [1, 2])"),
        ("{'a': 1}['a'] == 1", "{'a': 1}['a'] == 1"),
        ("true && false == null", "true && (false == null)"),
    ],
)
def test_the_tree_reads_back_as_the_expression(source: str, written: str) -> None:
    assert text(parse(source)) == written


@pytest.mark.parametrize("source", ["a ==", "1 +* 2", "'open"])
def test_what_the_grammar_cannot_read_is_unreadable(source: str) -> None:
    with pytest.raises(Unreadable):
        parse(source)


def test_reads_name_fields_at_any_depth_with_literal_keys_and_not_bound_names() -> None:
    source = "ticket.customer.tier == 'gold' && ticket['category'] == 'x' && ticket.tags.exists(ticket, ticket == 'a')"
    assert ticket_reads(source) == [Read("customer.tier", 16), Read("category", 41), Read("tags", 70)]
    assert reads_of("plan.limit < ticket.amount && ticket.customer.plan == 'x'", "plan") == [Read("limit", 5)]
    assert ticket_reads("a ==") is None


def test_conjuncts_are_the_top_level_and_operands() -> None:
    assert conjuncts("ticket.channel == 'chat' && (ticket.segment == 'vip' || x)") == [
        "ticket.channel == 'chat'",
        "(ticket.segment == 'vip') || x",
    ]
    assert conjuncts("a || b") == ["a || b"]
