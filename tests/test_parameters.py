"""The plan's parameters as expressions see them: the ``plan`` map, their types, the ``plan.x`` read."""

from __future__ import annotations

from datetime import timedelta

import pytest

from planops.model import Plan
from planops.parameters import ParameterRef, cel_types, reads_plan, references, same, shown, values

MANIFEST = {"kind": "Plan", "name": "p", "title": "P", "version": "1", "effective": "2026-01-01"}


def manifest(parameters: dict[str, object]) -> Plan:
    return Plan.model_validate({**MANIFEST, "parameters": parameters})


def test_values_and_their_types() -> None:
    plan = manifest({"limit": {"value": 500.0, "description": "USD"}, "n": 3, "on": True, "lang": "de", "wait": "2h"})
    assert values(plan) == {"limit": 500.0, "n": 3, "on": True, "lang": "de", "wait": timedelta(hours=2)}
    assert cel_types(plan) == {"limit": "number", "n": "integer", "on": "bool", "lang": "string", "wait": "duration"}
    assert values(None) == {} and cel_types(manifest({})) == {}


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("ticket.amount > plan.limit", [ParameterRef("limit", 21)]),
        ("plan . limit > 1 && plan.other", [ParameterRef("limit", 7), ParameterRef("other", 25)]),
        ("plan['limit'] > 1 || plan[\"x y\"] == 2", [ParameterRef("limit", 5), ParameterRef("x y", 26)]),
        ("ticket.customer.plan == 'gold'", []),  # a ticket field named plan
        ("ticket.customer . plan == 'gold'", []),
        ("'plan.limit' == ticket.subject // plan.limit", []),  # text and comments are not read
        ("plan[ticket.key] > 1", []),  # not one literal
        ("plan['a' + 'b'] > 1", []),
        ("myplan.x == 1 && planned.x == 2", []),
        ("ticket.tags.exists(plan, plan == 'x')", []),
    ],
)
def test_references(source: str, found: list[ParameterRef]) -> None:
    assert references(source) == found


@pytest.mark.parametrize(
    ("source", "reads"),
    [("plan.x > 1", True), ("size(plan) > 0", True), ("ticket.customer.plan == 'x'", False), ("'plan'", False)],
)
def test_reads_plan(source: str, reads: bool) -> None:
    assert reads_plan(source) is reads


def test_values_as_shown_and_compared() -> None:
    assert [shown(v) for v in (500.0, 50000, True, False, timedelta(minutes=90), "de")] == [
        "500.0",
        "50000",
        "true",
        "false",
        "1h30m",
        "“de”",
    ]
    assert same(500.0, 500.0) and not same(500.0, 500) and not same(1, True) and not same("1", 1)
