"""SLA attainment rows: the share of judged targets met, and the shape saved actuals keep."""

from __future__ import annotations

from planops.actuals.attainment import Attainment


def test_attainment_is_met_over_judged_and_none_when_nothing_was_judged() -> None:
    assert Attainment("2026-Q3", "vip", "urgent", "first_response", 120, 110, 8, 2).attainment == 93.2203
    assert Attainment("2026-Q3", "vip", "urgent", "resolution", 3, 0, 0, 3).attainment is None


def test_the_saved_shape_is_the_agreed_one() -> None:
    row = Attainment("2026-Q3", "vip", "urgent", "first_response", 120, 110, 8, 2).as_json()
    assert row == {
        "sla_policy": "vip",
        "priority": "urgent",
        "target": "first_response",
        "applied": 120,
        "met": 110,
        "breached": 8,
        "pending": 2,
        "attainment": 93.2203,
    }
