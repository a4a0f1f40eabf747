"""Guards in plain words: simple comparisons are put into words, anything else is left to CEL."""

from __future__ import annotations

import pytest

from planops.handbook.plain import guard_in_words


@pytest.mark.parametrize(
    ("cel", "words"),
    [
        ("ticket.amount > 500.0", "amount is more than 500.0"),
        ("ticket.amount >= 500", "amount is at least 500"),
        ("ticket.amount < 10", "amount is less than 10"),
        ("ticket.amount <= 10", "amount is at most 10"),
        ("ticket.category == 'billing'", "category is “billing”"),
        ('ticket.category != "billing"', "category is not “billing”"),
        ("ticket.customer.annual_value >= 50000", "customer's annual value is at least 50000"),
        ("ticket.customer.churn_risk == true", "customer's churn risk is true"),
        ("ticket.customer.churn_risk != true", "customer's churn risk is false"),
        ("500.0 < ticket.amount", "amount is more than 500.0"),
        ("ticket.segment == 'vip' && ticket.amount > 500.0", "segment is “vip” and amount is more than 500.0"),
        ("ticket.channel == 'chat' || ticket.channel == 'phone'", "channel is “chat” or channel is “phone”"),
        ("ticket.region in ['emea', 'apac']", "region is one of “emea”, “apac”"),
        ("'vip' in ticket.tags", "tags include “vip”"),
        ("has(ticket.invoice_id)", "invoice id is given"),
        ("ticket.subject == 'a && b'", "subject is “a && b”"),
    ],
)
def test_simple_guards_in_words(cel: str, words: str) -> None:
    assert guard_in_words(cel) == words


@pytest.mark.parametrize(
    "cel",
    [
        "ticket.a == 1 && ticket.b == 2 || ticket.c == 3",  # precedence would have to be explained
        "!(ticket.amount > 5)",
        "ticket.amount * 2 > 5",
        "ticket.subject.startsWith('Re:')",
        "(ticket.amount > 5)",
        "size(ticket.tags) > 2",
        "ticket.amount > ticket.limit",
    ],
)
def test_anything_else_falls_back_to_cel(cel: str) -> None:
    assert guard_in_words(cel) is None


def test_no_guard_has_no_words() -> None:
    assert guard_in_words(None) is None


def test_a_comparison_with_a_parameter_is_said_with_its_value() -> None:
    params = {"refund_approval_limit": "500.0", "lang": "“de”"}
    assert guard_in_words("ticket.amount > plan.refund_approval_limit", params) == (
        "amount is more than refund approval limit (500.0)"
    )
    assert guard_in_words("plan.lang == ticket.language", params) == "language is lang (“de”)"
    assert guard_in_words("ticket.amount > plan.unknown", params) is None  # no value to say: CEL alone
    assert guard_in_words("ticket.amount > plan.refund_approval_limit") is None
