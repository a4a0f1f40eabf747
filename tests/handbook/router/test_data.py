"""The plan data the router page carries, and how it is written into the page."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from planops.handbook.router.data import router_data, script_json
from planops.pipeline import check_plan
from planops.plan import ValidPlan

REPO = Path(__file__).resolve().parents[3]


def bundled() -> ValidPlan:
    checked = check_plan(REPO / "plan")
    assert checked.valid is not None
    return checked.valid


def test_script_json_cannot_end_its_script_element() -> None:
    hostile = {"when": "ticket.x == '</script><script>alert(1)</script><!--'", "t": "a & b > c"}

    written = script_json(hostile)

    assert "<" not in written and ">" not in written and "&" not in written
    assert json.loads(written) == hostile


def test_the_bundled_plan_as_the_page_reads_it() -> None:
    data = router_data(bundled(), date(2026, 10, 1))

    assert [f["name"] for f in data["fields"]] == [
        "channel",
        "category",
        "amount",
        "region",
        "customer.annual_value",
        "customer.churn_risk",
    ]
    assert [f["name"] for f in data["given"]] == ["segment", "priority", "queue", "workflow"]
    assert data["fields"][1]["values"] == [
        "account",
        "billing",
        "cancellation",
        "complaint",
        "how-to",
        "outage",
        "technical",
    ]
    assert [s["name"] for s in data["segments"]] == ["enterprise", "business", "standard"]
    assert [p["name"] for p in data["policies"]][:2] == ["live-chat", "enterprise-outage"]  # by order:
    assert all(item["blocker"] is None for key in ("segments", "rules", "policies") for item in data[key])
    assert data["parameters"] == {"refund_approval_limit": {"type": "number", "value": 500.0}}
    assert data["workflows"]["billing-dispute"]["initial"] == "triage"
    assert data["range"] == ["2025-01-01", "2027-12-31"]
    assert set(data["zones"]) == {"UTC", "Europe/Berlin", "America/New_York"}
    assert data["policies"][0]["targets"]["urgent"] == {
        "first_response": 120,
        "next_response": 300,
        "resolution": 14400,
    }


def test_calendars_are_the_engines_open_intervals_and_zones_their_offsets() -> None:
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    from planops.engine import Engine

    plan = bundled()
    data = router_data(plan, date(2026, 10, 1))
    berlin = data["calendars"]["berlin-office"]
    clock = Engine.for_plan(plan).calendars["berlin-office"]
    intervals = [
        [int(o.timestamp()), int(c.timestamp())] for o, c in clock.open_intervals(date(2025, 1, 1), date(2027, 12, 31))
    ]
    assert berlin["open"] == intervals
    assert berlin["from"] == int(datetime(2025, 1, 1, tzinfo=ZoneInfo("Europe/Berlin")).timestamp())
    periods = data["zones"]["Europe/Berlin"]
    assert len(periods) == 1 + 2 * 3  # three years of summer time, on and off
    assert periods[1] == [int(datetime(2025, 3, 30, 1, tzinfo=UTC).timestamp()), 7200]
    t = datetime(2025, 1, 1, tzinfo=UTC)
    while t.year < 2028:  # every 7 hours over the range: the offset the periods give is zoneinfo's
        seconds = int(t.timestamp())
        offset = [o for since, o in periods if since <= seconds][-1]
        assert offset == int(t.astimezone(ZoneInfo("Europe/Berlin")).utcoffset().total_seconds())  # type: ignore[union-attr]
        t += timedelta(hours=7)
