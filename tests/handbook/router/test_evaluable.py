"""Which expressions the router page evaluates itself, and the words it uses for the others."""

from __future__ import annotations

import pytest

from planops.handbook.router.evaluable import blocker
from planops.ticketfields import BUILTIN, TicketField

FIELDS = {
    **BUILTIN,
    "customer": TicketField("map", fields={**(BUILTIN["customer"].fields or {}), "churn_risk": TicketField("bool")}),
    "count": TicketField("integer"),
    "extra": TicketField("map"),  # an open map: its fields are of any type
    "due": TicketField("duration"),
}
PARAMETERS = {"limit": "number", "wait": "duration", "name": "string"}


@pytest.mark.parametrize(
    "source",
    [
        None,
        "ticket.category == 'billing' && ticket.amount > plan.limit",
        "ticket.customer.annual_value >= 50000",
        "ticket.customer.churn_risk == true || !has(ticket.segment)",
        "ticket.category in ['a', 'b'] ? ticket.count < 3 : ticket.amount >= -1.5",
        "ticket.subject.contains('refund') && 'x'.startsWith(plan.name)",
        "ticket.amount > 1 && ticket.amount < 2.5",
    ],
)
def test_the_page_evaluates_its_core(source: str | None) -> None:
    assert blocker(source, FIELDS, PARAMETERS) is None


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("ticket.amount + 1.0 > 2.0", "arithmetic (+)"),
        ("-ticket.amount < 0.0", "arithmetic (-)"),
        ("ticket.subject.matches('^re')", "regular expressions (matches)"),
        ("size(ticket.subject) > 3", "the function size()"),
        ("int(ticket.amount) > 3", "the function int()"),
        ("ticket.created > timestamp('2026-01-01T00:00:00Z')", "timestamps (ticket.created)"),
        ("ticket.due > duration('1h')", "durations (ticket.due)"),
        ("'vip' in ticket.tags", "ticket.tags, a list field the form does not offer"),
        ("ticket.extra.x == 1", "ticket.extra.x, a dyn field the form does not offer"),
        ("ticket.nope == 1", "ticket.nope, a field the plan does not declare"),
        ("ticket.region < 'm'", "ordering of text (<)"),
        ("plan.limit > ticket.amount && plan.wait > duration('1h')", "plan.wait, a parameter of type duration"),
        ("plan.nope == 1", "plan.nope, a parameter of type unknown"),
        ("ticket.tags[0] == 'a'", "indexing with [ ]"),
        ("ticket.amount.contains('a')", "contains() on something other than text"),
        ("{'a': 1}['a'] == 1", "indexing with [ ]"),
        ("ticket == {}", "ticket (the page reads single ticket fields and plan parameters)"),
        ("1 == 1.0", "a comparison of double and int literals (==)"),
        ("-1 < 2.0", "a comparison of double and int literals (<)"),
        ("'x' != -1", "a comparison of int and string literals (!=)"),
        ("1 in [1.0]", "a comparison of double and int literals (in)"),
        ("'x' in ['y', 0]", "a comparison of int and string literals (in)"),
        ("ticket.tags.exists(t, t == 'a')", "the function exists()"),
        ("b'x' == b'x'", "bytes literals"),
        ("ticket.category == ", "syntax the page's checker cannot read"),
    ],
)
def test_what_the_page_leaves_to_planops_route_is_named(source: str, reason: str) -> None:
    assert blocker(source, FIELDS, PARAMETERS) == reason
