"""First-match rule lists: the guard index and the memo give exactly what trying every rule in turn gives."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.helpers.strategies import cel

from planops.engine.rules import FirstMatch, Predicate, fields_read, filing, guard, paths_read
from planops.engine.tickets import TicketView
from planops.expr import ExprError, compile_expr, context, matches

RULES = [
    "ticket.category == 'billing' && ticket.amount > 500.0",
    "ticket.amount > 500.0 && ticket.priority == 'urgent'",
    "'billing' == ticket.category",
    "ticket.category == 'outage' || ticket.priority == 'urgent'",
    "ticket.customer.tier == 'gold' && ticket.category == 'outage'",
    "ticket.flag == true",
    "ticket.count == 1",
    "ticket.count == 1.0",
    "has(ticket.customer.tier)",
    "ticket.tags.exists(t, t == 'vip')",
    None,
]


def naive(sources: list[str | None], ticket: dict[str, Any]) -> int | None:
    ctx = context(ticket)
    for i, source in enumerate(sources):
        if source is None or matches(compile_expr(source), ctx):
            return i
    return None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("ticket.category == 'billing' && ticket.amount > 500.0", (("category",), "billing")),
        ('ticket.amount > 1.0 && "x" == ticket.customer.plan', (("customer", "plan"), "x")),
        ("ticket.a == 'x&&y'", (("a",), "x&&y")),
        ("ticket.a == 'x' || ticket.b == 'y'", None),
        ("ticket.a == 'x' ? true : false", None),
        ("(ticket.a == 'x')", None),
        ("ticket.a == 'x' + 'y'", None),
        ("ticket.a == 'it\\'s'", None),
        ("ticket.a != 'x'", None),
    ],
)
def test_guard_is_a_top_level_equality_with_a_string(source: str, expected: object) -> None:
    assert guard(source) == expected


@pytest.mark.parametrize(
    ("source", "rest"),
    [
        ("ticket.category == 'billing' && ticket.amount > 500.0", "ticket.amount > 500.0"),
        ('ticket.amount > 1.0 && "x" == ticket.customer.plan', "ticket.amount > 1.0"),
        ("ticket.a > 1 && ticket.b == 'x' && (ticket.c || ticket.d)", "ticket.a > 1\n&& (ticket.c || ticket.d)"),
        # a conjunct may end in a comment: the next one starts on a line of its own
        ("ticket.a > 1 // big\n&& ticket.b == 'x'\n&& ticket.c", "ticket.a > 1 // big\n&& ticket.c"),
        ("ticket.a == 'x'", None),
    ],
)
def test_a_filed_rule_keeps_the_rest_of_its_conjuncts(source: str, rest: str | None) -> None:
    found = filing(source)
    assert found is not None and found[2] == rest


def test_rules_with_the_same_rest_share_one_predicate() -> None:
    first = FirstMatch(
        [
            "ticket.category == 'a' && ticket.amount > 1.0",
            "ticket.amount > 1.0 && ticket.queue == 'b'",
            "ticket.amount > 1.0",
            "ticket.category == 'c'",
        ]
    )
    assert first.checks[0] is first.checks[1] is first.checks[2]
    assert first.checks[3] is None
    assert first.first(TicketView({"category": "c", "amount": 5.0})) == 2
    assert first.first(TicketView({"category": "c", "amount": 0.5})) == 3
    assert first.first(TicketView({"queue": "b", "amount": 5.0})) == 1


def test_fields_read_are_top_level_names_or_none_when_ticket_is_read_whole() -> None:
    assert fields_read(["ticket.customer.annual_value > 1 && ticket.tags.exists(t, t == 'ticket')"]) == {
        "customer",
        "tags",
    }
    assert paths_read(["has(ticket.customer.tier)"]) == (("customer", "tier"),)
    assert fields_read(["size(ticket) > 2"]) is None


TICKETS = [
    {"category": "billing", "amount": 900.0},
    {"category": "billing", "amount": 100.0},
    {"category": "billing"},
    {"category": "outage", "customer": {"tier": "gold"}},
    {"category": "outage", "customer": "gold"},
    {"priority": "urgent"},
    {"flag": True},
    {"flag": 1},
    {"count": 1},
    {"count": 1.0},
    {"count": True},
    {"tags": ["vip"]},
    {"tags": ["other"]},
    {"category": 7},
    {},
]


@pytest.mark.parametrize("ticket", TICKETS, ids=str)
def test_first_match_agrees_with_trying_every_rule(ticket: dict[str, Any]) -> None:
    first = FirstMatch(RULES)
    assert first.first(TicketView(dict(ticket))) == naive(RULES, ticket)
    # asked again (from the memo), and after other tickets, the answer is the same
    for other in TICKETS:
        first.first(TicketView(dict(other)))
    assert first.first(TicketView(dict(ticket))) == naive(RULES, ticket)


def test_the_memo_tells_apart_what_cel_tells_apart() -> None:
    predicate = Predicate("ticket.count == 1")
    values = (1, 1.0, True, "1", 1)
    answers = [predicate(TicketView({"count": v})) for v in values]
    assert answers == [matches(compile_expr("ticket.count == 1"), context({"count": v})) for v in values]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "category": st.sampled_from(["billing", "outage", "other", 3]),
                "amount": st.sampled_from([0.0, 501.0, 900, True]),
                "priority": st.sampled_from(["urgent", "low", None]),
                "customer": st.sampled_from([{"tier": "gold"}, {"tier": "tin"}, {}, "gold"]),
                "count": st.sampled_from([1, 1.0, 2, False]),
                "flag": st.booleans(),
                "tags": st.sampled_from([["vip"], [], ["x", "vip"]]),
            },
        ),
        min_size=1,
        max_size=8,
    )
)
def test_any_sequence_of_tickets_gets_the_sequential_answers(tickets: list[dict[str, Any]]) -> None:
    for rules in itertools.islice(itertools.permutations([*RULES[:6], None]), 3):
        first = FirstMatch(list(rules))
        for ticket in tickets:
            assert first.first(TicketView(dict(ticket))) == naive(list(rules), ticket)


def test_a_ticket_view_builds_one_context_per_set_of_fields() -> None:
    view = TicketView({"category": "billing", "amount": 1.0, "created": datetime(2026, 1, 1, tzinfo=UTC)})
    assert view.context(frozenset({"category"})) is view.context(frozenset({"category", "segment"}))
    before = view.context(None)
    view.set("segment", "vip")
    assert view.context(None) is not before
    assert matches(compile_expr("ticket.segment == 'vip'"), view.context(None))


# CEL's comments and raw strings hold quotes and operators that are text, not code: a scanner that
# read them as code filed these rules under the wrong field or dropped a field they read.
TEXT_IN_CODE = [
    r"r'\' == 'a' || ticket.category == 'billing'",
    "ticket.category == 'billing' // don't\n|| ticket.amount > 1.0 // '\n&& ticket.priority == \"urgent\"",
    "ticket.amount > 1.0 // big\n&& ticket.category == 'outage'\n&& ticket.priority == 'urgent'",
    "'''it's''' == 'x' || ticket.category == 'outage' // won't\n&& ticket.priority == 'urgent'",
]
MORE_TICKETS = [
    *TICKETS,
    {"category": "billing", "priority": "low"},
    {"category": "outage", "priority": "low", "amount": 5.0},
    {"category": "outage", "priority": "urgent", "amount": 5.0},
    {"amount": 5.0, "priority": "urgent"},
]


@pytest.mark.parametrize("source", TEXT_IN_CODE)
def test_comments_and_raw_strings_do_not_change_which_rule_matches(source: str) -> None:
    first = FirstMatch([source, None])
    for ticket in MORE_TICKETS:
        assert first.first(TicketView(dict(ticket))) == naive([source, None], ticket), ticket


def _compiles(source: str) -> bool:
    try:
        compile_expr(source)
    except ExprError:
        return False
    return True


cel_tickets = st.fixed_dictionaries(
    {},
    optional={
        "category": st.sampled_from(["billing", "outage", "", 3, None]),
        "channel": st.sampled_from(["email", "chat", "x"]),
        "priority": st.sampled_from(["urgent", "low"]),
        "amount": st.sampled_from([0.0, 1.5, 501.0, 7, True, "9"]),
        "customer": st.sampled_from([{"annual_value": 5}, {"plan": "x"}, {}, "gold", {"x": {"y": 1}}]),
        "tags": st.sampled_from([["vip"], [], ["a", "b"]]),
        "nope": st.sampled_from([1, "a", [1]]),
    },
)


@given(rules=st.lists(cel.filter(_compiles), min_size=1, max_size=4), tickets=st.lists(cel_tickets, max_size=6))
def test_random_rules_match_as_trying_every_rule_does(rules: list[str], tickets: list[dict[str, Any]]) -> None:
    sources: list[str | None] = [*rules, None]
    first = FirstMatch(sources)
    for ticket in tickets:
        assert first.first(TicketView(dict(ticket))) == naive(sources, ticket), (sources, ticket)


PARAMETERS: dict[str, Any] = {
    "limit": 500.0,
    "whole": 500,
    "lang": "de",
    "strict": True,
    "grace": timedelta(hours=2),
    "__proto__": 1,
    "has": 2,
}


@pytest.mark.parametrize(
    ("source", "ticket", "holds"),
    [
        ("ticket.amount > plan.limit", {"amount": 600.0}, True),
        ("ticket.amount > plan.limit", {"amount": 400.0}, False),
        ("ticket.amount > plan.whole", {"amount": 600.0}, True),  # a whole number compares with a double
        ("ticket.language == plan.lang", {"language": "de"}, True),
        ("plan.strict", {}, True),
        ("plan.grace > duration('1h')", {}, True),
        ("plan.__proto__ == 1 && plan.has == 2 && plan['lang'] == 'de'", {}, True),
        ("ticket.amount > plan.missing", {"amount": 600.0}, False),  # no such parameter: no match
        ("ticket.customer.plan == 'gold'", {"customer": {"plan": "gold"}}, True),  # not the plan's
    ],
)
def test_a_predicate_reads_the_plans_parameters(source: str, ticket: dict[str, Any], holds: bool) -> None:
    assert Predicate(source, PARAMETERS)(TicketView(dict(ticket))) is holds


def test_without_parameters_plan_is_unknown_and_nothing_matches() -> None:
    assert Predicate("plan.strict")(TicketView({})) is False
    assert Predicate("plan.strict", {})(TicketView({})) is False


def test_first_match_filed_rules_read_parameters_in_their_rest() -> None:
    rules = ["ticket.category == 'billing' && ticket.amount > plan.limit", "ticket.category == 'billing'", None]
    first = FirstMatch(rules, parameters=PARAMETERS)
    assert first.checks[0] is not None and first.checks[0].plan is PARAMETERS  # one map, not a copy per rule
    assert first.checks[1] is None
    found = [first.first(TicketView({"category": "billing", "amount": a})) for a in (600.0, 400.0, 600.0)]
    assert found == [0, 1, 0]


def test_only_expressions_that_read_plan_carry_it() -> None:
    assert Predicate("ticket.amount > 1.0", PARAMETERS).plan is None
    view = TicketView({"amount": 2.0})
    assert Predicate("ticket.amount > 1.0", PARAMETERS)(view) is True
    assert Predicate("ticket.amount > plan.whole", PARAMETERS)(view) is False  # the same view, another context
