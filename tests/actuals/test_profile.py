"""The Performance page's aggregates: exact counts from a hand-made facts table, and the bundled sample saved."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from tests.conftest import REPO

from planops.actuals.archive import Saved
from planops.actuals.profile import EDGES, profile, zones
from planops.actuals.report import report
from planops.actuals.saved import save
from planops.pipeline import Level, check_plan
from planops.plan import ValidPlan

SAMPLE = REPO / "samples" / "acme-2026-Q3"
MINUTE = 60_000_000


@pytest.fixture(scope="module")
def plan() -> ValidPlan:
    valid = check_plan(REPO / "plan", level=Level.MEANING).valid
    assert valid is not None
    return valid


def _facts(rows: list[tuple[str, str | None, float | None, float | None]]) -> duckdb.DuckDBPyConnection:
    """A ``facts`` table of only the columns the profile reads: created_at, channel and the two durations."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE facts (created_at TIMESTAMPTZ, channel VARCHAR, first_response_us BIGINT, resolution_us BIGINT)"
    )
    for at, channel, first, resolution in rows:
        values = [None if v is None else int(v * MINUTE) for v in (first, resolution)]
        con.execute("INSERT INTO facts VALUES (?, ?, ?, ?)", [datetime.fromisoformat(at), channel, *values])
    return con


def test_arrivals_count_each_hour_of_week_in_the_channels_zone(plan: ValidPlan) -> None:
    con = _facts(
        [
            ("2026-07-06T08:30:00+00:00", "chat", 1, 1),  # Monday 10:30 in Berlin (CEST)
            ("2026-07-06T08:59:59+00:00", "chat", 1, 1),
            ("2026-07-12T22:10:00+00:00", "chat", 1, 1),  # Monday 00:10 in Berlin, Sunday in UTC
            ("2026-07-12T22:10:00+00:00", "fax", 1, 1),  # not a channel of the plan: UTC, Sunday 22:00
        ]
    )
    found = profile(con, plan, "quarter")["2026-Q3"]["arrivals"]
    assert [(a["channel"], a["zone"]) for a in found] == [("chat", "Europe/Berlin"), ("fax", "UTC")]
    chat, fax = found[0]["counts"], found[1]["counts"]
    assert (chat[0][10], chat[0][0], sum(map(sum, chat))) == (2, 1, 3)
    assert (fax[6][22], sum(map(sum, fax))) == (1, 1)
    assert len(chat) == 7 and {len(day) for day in chat} == {24}


def test_durations_fall_in_fixed_bins_lower_edge_included(plan: ValidPlan) -> None:
    con = _facts(
        [
            ("2026-07-01T10:00:00+00:00", "email", 0, 4.99),
            ("2026-07-01T10:00:00+00:00", "email", 5, 5760),
            ("2026-07-01T10:00:00+00:00", "email", 10_000, None),
            ("2026-07-01T10:00:00+00:00", "email", None, None),
        ]
    )
    found = profile(con, plan, "quarter")["2026-Q3"]["durations"]
    assert found["unit"] == "business minutes" and found["edges"] == list(EDGES)
    first, resolution = found["first_response"], found["resolution"]
    assert first["counts"][:2] == [1, 1] and first["counts"][-1] == 1 and first["missing"] == 1
    assert resolution["counts"][0] == 1 and resolution["counts"][-1] == 1 and resolution["missing"] == 2
    assert sum(first["counts"]) == 3


def test_volume_steps_are_iso_weeks_clipped_to_the_period(plan: ValidPlan) -> None:
    con = _facts(
        [
            ("2026-07-01T10:00:00+00:00", "email", 1, 1),  # a Wednesday: the quarter's first step starts then
            ("2026-07-05T23:00:00+00:00", "email", 1, 1),
            ("2026-07-06T00:00:00+00:00", "email", 1, 1),  # Monday: the next week
            ("2026-07-06T00:00:00+00:00", None, 1, 1),
            ("2026-10-01T00:00:00+00:00", "chat", 1, 1),  # the next quarter
        ]
    )
    found = profile(con, plan, "quarter")
    assert found["2026-Q3"]["volume"] == {
        "step": "week",
        "rows": [
            {"start": "2026-07-01", "channel": "email", "tickets": 2},
            {"start": "2026-07-06", "channel": "", "tickets": 1},
            {"start": "2026-07-06", "channel": "email", "tickets": 1},
        ],
    }
    assert found["2026-Q4"]["volume"]["rows"] == [{"start": "2026-10-01", "channel": "chat", "tickets": 1}]
    weekly = profile(con, plan, "week")["2026-W27"]["volume"]
    assert weekly["step"] == "day" and [r["start"] for r in weekly["rows"]] == ["2026-07-01", "2026-07-05"]


def test_each_channel_has_its_calendars_zone(plan: ValidPlan) -> None:
    assert zones(plan) == {
        "email": "Europe/Berlin",
        "chat": "Europe/Berlin",
        "phone-emea": "Europe/Berlin",
        "phone-americas": "America/New_York",
    }


def test_the_sample_saved_holds_aggregates_only_and_adds_up(plan: ValidPlan, tmp_path: Path) -> None:
    found = report(plan, SAMPLE / "tickets.csv", SAMPLE / "events.csv", charts=True)
    (path,) = save(found, tmp_path / "actuals")
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert set(data) == {"planops", "period", "grain", "kpis", "sla", "volume", "arrivals", "durations"}
    saved = Saved.model_validate(data)
    assert saved.volume and saved.arrivals and saved.durations
    assert sum(r.tickets for r in saved.volume.rows) == found.tickets == 3211
    assert sum(sum(map(sum, a.counts)) for a in saved.arrivals) == 3211
    for histogram in (saved.durations.first_response, saved.durations.resolution):
        assert histogram is not None and sum(histogram.counts) + histogram.missing == 3211
    with (SAMPLE / "tickets.csv").open(encoding="utf-8") as f:
        tickets = list(csv.DictReader(f))
    strings = _strings(data)
    assert not strings & {t["id"] for t in tickets}
    assert not strings & {t["customer.id"] for t in tickets}
    assert not any(t["id"] in text or t["customer.id"] in text for t in tickets)
    assert datetime.now(UTC).date().isoformat() not in text  # nothing of when it was made: saving again is the same


def _strings(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | set().union(*(_strings(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_strings(v) for v in value))
    return {value} if isinstance(value, str) else set()


def test_the_bundled_actuals_are_what_report_save_makes(plan: ValidPlan, tmp_path: Path) -> None:
    found = report(plan, SAMPLE / "tickets.csv", SAMPLE / "events.csv", charts=True)
    (path,) = save(found, tmp_path)
    assert path.read_bytes() == (REPO / "actuals" / "2026-Q3.json").read_bytes(), (
        "regenerate: planops report samples/acme-2026-Q3/tickets.csv samples/acme-2026-Q3/events.csv --save"
    )


def test_past_the_20_busiest_channels_the_rest_are_summed_and_names_are_cut(plan: ValidPlan) -> None:
    rows: list[tuple[str, str | None, float | None, float | None]] = []
    for number in range(25):  # channel c00 has 26 tickets, c24 has 2
        rows += [("2026-07-06T08:30:00+00:00", f"c{number:02d}", 1, 1)] * (26 - number)
    rows += [("2026-07-06T08:30:00+00:00", "x" * 200, 1, 1)]  # the quietest
    found = profile(_facts(rows), plan, "quarter")["2026-Q3"]
    channels = [a["channel"] for a in found["arrivals"]]
    assert channels == sorted([f"c{n:02d}" for n in range(20)] + ["(other channels)"])
    other = next(a for a in found["arrivals"] if a["channel"] == "(other channels)")
    assert other["zone"] == "UTC" and sum(map(sum, other["counts"])) == 6 + 5 + 4 + 3 + 2 + 1
    assert {r["channel"] for r in found["volume"]["rows"]} == set(channels)
    alone = profile(_facts([("2026-07-06T08:30:00+00:00", "x" * 200, 1, 1)]), plan, "quarter")["2026-Q3"]
    assert alone["arrivals"][0]["channel"] == "x" * 80
    Saved.model_validate({"planops": "planops actuals", "period": "2026-Q3", "grain": "quarter", "kpis": [], **alone})
