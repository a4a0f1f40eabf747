"""Tickets from `planops route` and scenarios: values and times the engine can compute with, or a TicketError."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from tests.helpers.smallplan import load, write_plan

from planops.engine import Engine, TicketError
from planops.model.scenario import value_problems
from planops.plan import CompiledPlan

FRIDAY = "2026-03-27T16:30:00+01:00"
YEARS = "that planops computes in"


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> CompiledPlan:
    return load(write_plan(tmp_path_factory.mktemp("tickets")))


@pytest.mark.parametrize(
    ("ticket", "message"),
    [
        (
            {"created": "9999-12-31T20:00:00Z"},
            f"ticket.created 9999-12-31T20:00:00+00:00 is outside the years 1900 to 2200 {YEARS}",
        ),
        (
            {"created": "2201-01-01T00:00:00+00:00"},
            f"ticket.created 2201-01-01T00:00:00+00:00 is outside the years 1900 to 2200 {YEARS}",
        ),
        (
            {"created": "0001-01-01T00:00:00+00:00"},
            f"ticket.created 0001-01-01T00:00:00+00:00 is outside the years 1900 to 2200 {YEARS}",
        ),
        (
            {"created": datetime(9999, 12, 31, tzinfo=UTC)},
            f"ticket.created 9999-12-31T00:00:00+00:00 is outside the years 1900 to 2200 {YEARS}",
        ),
        ({"created": FRIDAY, "amount": float("inf")}, "ticket field 'amount' is inf; a number must be finite"),
        ({"created": FRIDAY, "amount": float("nan")}, "ticket field 'amount' is nan; a number must be finite"),
        (
            {"created": FRIDAY, "customer": {"annual_value": -float("inf")}},
            "ticket field 'customer.annual_value' is -inf; a number must be finite",
        ),
        (
            {"created": FRIDAY, "amount": 2**53},
            "ticket field 'amount' is beyond ±9,007,199,254,740,991 (write an identifier in quotes, as text)",
        ),
        (
            {"created": FRIDAY, "amount": 10**5000},
            "ticket field 'amount' is beyond ±9,007,199,254,740,991 (write an identifier in quotes, as text)",
        ),
        (
            {"created": FRIDAY, "tags": ["x"] * 1001},
            "ticket field 'tags' holds 1,001 items; a ticket's list or mapping holds at most 1,000",
        ),
        (
            {"created": FRIDAY, "customer": {f"k{i}": 1 for i in range(1001)}},
            "ticket field 'customer' holds 1,001 items; a ticket's list or mapping holds at most 1,000",
        ),
        (
            {"created": FRIDAY, "tags": [["x"] * 1001]},
            "ticket field 'tags[0]' holds 1,001 items; a ticket's list or mapping holds at most 1,000",
        ),
        (
            {"created": FRIDAY, "channel": "x" * 1_000_000},
            "unknown channel '" + "x" * 59 + "… (1,000,002 characters) (channels: chat, email)",
        ),
        (
            {"created": "x" * 1_000_000},
            "ticket.created should be a timestamp with an offset like "
            "2026-03-27T16:30:00+01:00, found '" + "x" * 59 + "… (1,000,002 characters)",
        ),
    ],
)
def test_values_beyond_the_limits_are_a_ticket_error(plan: CompiledPlan, ticket: dict[str, Any], message: str) -> None:
    with pytest.raises(TicketError) as error:
        Engine.for_plan(plan).route(ticket)
    assert str(error.value) == message


@pytest.mark.parametrize(
    "ticket",
    [
        {"created": "1900-01-01T00:00:00+00:00"},
        {"created": "2200-12-31T12:00:00+00:00"},
        {"created": FRIDAY, "amount": 2**53 - 1, "tags": ["x"] * 1000, "flag": True},
        {"created": FRIDAY, "customer": {f"k{i}": 1.5e308 for i in range(1000)}},
    ],
)
def test_values_at_the_limits_route(plan: CompiledPlan, ticket: dict[str, Any]) -> None:
    assert Engine.for_plan(plan).route(ticket).workflow


def test_value_problems_name_every_place_in_order() -> None:
    ticket = {"a": [1.0, float("nan")], "b": {"c": float("inf"), "d": ["x"] * 1001}, "e": 2**60}
    assert [path for path, _ in value_problems(ticket)] == [("a", 1), ("b", "c"), ("b", "d"), ("e",)]


def test_a_due_time_out_of_reach_is_a_ticket_error(tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.helpers import edit

    folder = write_plan(tmp_path_factory.mktemp("sparse"))
    edit(folder / "service.yaml", 'hours: {mon-fri: "09:00-17:00"}', 'hours: {mon: "09:00-09:01"}')
    routed = Engine.for_plan(load(folder)).route({"created": FRIDAY, "channel": "email"})
    with pytest.raises(TicketError) as error:
        routed.due  # noqa: B018 - due times are computed when read
    assert str(error.value) == (
        "the calendar in Europe/Berlin does not give the time asked for within 10 years "
        "from 2026-03-27; check its hours, or shorten the target or timer"
    )
