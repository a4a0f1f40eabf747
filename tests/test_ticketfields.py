"""The plan's ticket fields: built-ins, declarations merged into them, and tickets checked against them."""

from __future__ import annotations

import datetime

from planops.model.fields import FieldSpec
from planops.ticketfields import BUILTIN, Conflict, build, names
from planops.ticketvalues import problems, typed


def test_declarations_add_nested_fields_and_values_to_the_built_in_ones() -> None:
    fields, conflicts = build(
        {
            "customer.tier": FieldSpec(type="string", values=("gold", "silver")),
            "category": FieldSpec(type="string", values=("billing", "refund")),
            "invoice_id": "string",
        },
        {"segment": ("vip", "standard")},
    )
    assert conflicts == []
    assert fields["customer"].fields is not None
    assert fields["customer"].fields["tier"].values == ("gold", "silver")
    assert "annual_value" in fields["customer"].fields  # the built-in nested fields stay
    assert fields["category"].values == ("billing", "refund")
    assert fields["segment"].values == ("vip", "standard")
    assert fields["priority"].values == ("urgent", "high", "normal", "low")
    assert {"invoice_id", "customer.tier", "customer.annual_value", "tags"} <= set(names(fields))


def test_a_declaration_may_not_change_a_built_in_type() -> None:
    _, conflicts = build({"amount": "string", "customer.annual_value.x": "number"}, {})
    assert conflicts == [
        Conflict(("amount", "type"), "'amount' is a built-in number field, declared here as a string"),
        Conflict(("customer.annual_value.x",), "'annual_value' is a number, so it holds no field 'x'"),
    ]


def test_every_built_in_field_has_a_type_and_words() -> None:
    assert all(f.description and f.builtin for f in BUILTIN.values())


FIELDS, _ = build(
    {
        "category": FieldSpec(type="string", values=("billing", "refund")),
        "customer.tier": FieldSpec(type="string", values=("gold", "silver")),
        "due": "timestamp",
        "wait": "duration",
        "count": "integer",
        "scores": FieldSpec(type="list", items="number"),
    },
    {},
)


def test_a_ticket_that_fits_has_no_problems() -> None:
    ticket = {
        "category": "billing",
        "amount": 12,
        "customer": {"tier": "gold", "annual_value": 9000},
        "due": "2026-03-02T09:00:00+01:00",
        "wait": "2h",
        "count": 3,
        "tags": ["a", "b"],
        "scores": [1, 2.5],
    }
    assert problems(ticket, FIELDS) == []


def test_each_misfit_is_found_where_it_is() -> None:
    ticket = {
        "category": "refunds",
        "amount": "300",
        "customer": {"tier": "platinum", "order_count": 3},
        "due": "tomorrow",
        "count": 2.5,
        "tags": ["a", 3],
        "flag": True,
    }
    assert [(p.path, p.message, p.hint, p.unknown) for p in problems(ticket, FIELDS)] == [
        (
            ("category",),
            "ticket field 'category' is one of billing, refund; found 'refunds'",
            "did you mean 'refund'?",
            False,
        ),
        (("amount",), "ticket field 'amount' is a number, found '300' (text)", "write a number, e.g. 1200.0", False),
        (
            ("customer", "tier"),
            "ticket field 'customer.tier' is one of gold, silver; found 'platinum'",
            None,
            False,
        ),
        (
            ("customer", "order_count"),
            "ticket field 'customer.order_count' is not a known ticket field",
            "declare it in the Plan under ticket_fields:",
            True,
        ),
        (
            ("due",),
            "ticket field 'due' is a timestamp, found 'tomorrow' (text)",
            "write an ISO 8601 time with an offset, e.g. 2026-03-27T16:30:00+01:00",
            False,
        ),
        (
            ("count",),
            "ticket field 'count' is a whole number, found 2.5 (a number)",
            "write a whole number, e.g. 3",
            False,
        ),
        (
            ("tags", 1),
            "ticket field 'tags[1]' is text, found 3 (a number)",
            "write text, in quotes if it looks like a number",
            False,
        ),
        (
            ("flag",),
            "ticket field 'flag' is not a known ticket field",
            "declare it in the Plan under ticket_fields:",
            True,
        ),
    ]


def test_a_list_of_bad_items_says_so_ten_times_at_most() -> None:
    found = problems({"tags": list(range(500))}, FIELDS)
    assert len(found) == 10


def test_the_engine_reads_numbers_as_decimals_and_parses_times() -> None:
    ticket = typed(
        {"amount": 500, "count": 3, "due": "2026-03-02T09:00:00+01:00", "wait": "90m", "scores": [1]}, FIELDS
    )
    assert ticket["amount"] == 500.0 and isinstance(ticket["amount"], float)
    assert ticket["count"] == 3 and isinstance(ticket["count"], int)
    assert ticket["due"] == datetime.datetime(2026, 3, 2, 8, tzinfo=datetime.UTC)
    assert ticket["wait"] == datetime.timedelta(minutes=90)
    assert ticket["scores"] == [1.0]


def test_the_schema_names_every_built_in_field() -> None:
    from planops.model.plan import Plan

    description = Plan.model_fields["ticket_fields"].description or ""
    for name, f in BUILTIN.items():
        assert name in description, name
        for inner in f.fields or {}:
            assert inner in description, inner


def test_a_duration_of_nothing_is_a_duration_too() -> None:
    assert typed({"wait": "0s"}, FIELDS) == {"wait": datetime.timedelta(0)}
