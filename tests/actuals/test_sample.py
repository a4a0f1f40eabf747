"""The sample export generator: deterministic, every row fits the plan, shares like a real helpdesk's."""

from __future__ import annotations

import json
import shlex
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import REPO

from planops.actuals.sample import generate, main
from planops.actuals.writers import Row, write_table
from planops.engine import Engine
from planops.pipeline import Level, check_plan
from planops.plan import ValidPlan
from planops.ticketvalues import problems

SAMPLE = REPO / "samples" / "acme-2026-Q3"
EVENTS = {"respond", "customer_reply", "solve", "reopen", "close", "status", "csat", "nps"}


@pytest.fixture(scope="module")
def plan() -> ValidPlan:
    valid = check_plan(REPO / "plan", level=Level.MEANING).valid
    assert valid is not None
    return valid


@pytest.fixture(scope="module")
def quarter(plan: ValidPlan) -> tuple[list[Row], list[Row]]:
    return generate(plan, date(2026, 7, 1), date(2026, 9, 30), 40, 7)


def _files(plan: ValidPlan, seed: int, folder: Path) -> dict[str, bytes]:
    tickets, events = generate(plan, date(2026, 9, 1), date(2026, 9, 14), 20, seed)
    for fmt in ("csv", "jsonl"):
        write_table(tickets, folder / f"tickets.{fmt}", fmt)
        write_table(events, folder / f"events.{fmt}", fmt)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_ones(plan: ValidPlan, tmp_path: Path) -> None:
    first, again, other = (tmp_path / name for name in ("first", "again", "other"))
    for folder in (first, again, other):
        folder.mkdir()
    made = _files(plan, 7, first)
    assert list(made) == ["events.csv", "events.jsonl", "tickets.csv", "tickets.jsonl"]
    assert _files(plan, 7, again) == made
    different = _files(plan, 8, other)
    assert all(different[name] != made[name] for name in made)


def _ticket(row: Row) -> dict[str, Any]:
    """A canonical row as the nested ticket planops route reads: dotted names nested, nulls left out."""
    ticket: dict[str, Any] = {"created": row["created_at"]}
    for key, value in row.items():
        if value is None or key in ("id", "created_at"):
            continue
        head, _, rest = key.partition(".")
        if rest:
            ticket.setdefault(head, {})[rest] = value
        else:
            ticket[key] = value
    return ticket


def test_every_ticket_fits_the_plans_typed_fields_and_routes(
    plan: ValidPlan, quarter: tuple[list[Row], list[Row]]
) -> None:
    tickets, _ = quarter
    fields = plan.ticket_schema.fields
    assert [(row["id"], p.message) for row in tickets for p in problems(_ticket(row), fields)] == []
    assert list(tickets[0])[:4] == ["id", "created_at", "channel", "category"]
    assert "segment" not in tickets[0]  # the plan's Segmentation decides it from customer.annual_value
    engine = Engine.for_plan(plan)
    routed = Counter(engine.route(_ticket(row)).segment for row in tickets)
    assert set(routed) == {"enterprise", "business", "standard"}


def test_events_come_after_creation_in_order_with_values_in_range(quarter: tuple[list[Row], list[Row]]) -> None:
    tickets, events = quarter
    created = {row["id"]: datetime.fromisoformat(str(row["created_at"])) for row in tickets}
    last: dict[Any, datetime] = {}
    for event in events:
        at = datetime.fromisoformat(str(event["at"]))
        assert at > created[event["ticket_id"]] and at >= last.get(event["ticket_id"], at), event
        last[event["ticket_id"]] = at
    assert {e["event"] for e in events} == EVENTS
    values = defaultdict(set)
    for event in events:
        values[event["event"]].add(event["value"])
    assert values["csat"] == {str(n) for n in range(1, 6)}
    assert values["nps"] == {str(n) for n in range(11)}
    assert values["status"] == {"pending", "hold", "open", "solved", "closed"}
    assert values["respond"] == {None}


def _share(events: list[Row], event: str, of: str) -> float:
    having = {e["ticket_id"] for e in events if e["event"] == event}
    base = {e["ticket_id"] for e in events if e["event"] == of}
    return len(having & base) / len(base)


def test_shares_look_like_a_helpdesk(quarter: tuple[list[Row], list[Row]]) -> None:
    tickets, events = quarter
    days = Counter(datetime.fromisoformat(str(row["created_at"])).date() for row in tickets)
    weekend = [n for d, n in days.items() if d.weekday() >= 5]
    weekday = [n for d, n in days.items() if d.weekday() < 5]
    assert sum(weekend) / len(weekend) < 0.5 * sum(weekday) / len(weekday)
    assert 2500 <= len(tickets) <= 3500
    assert 0.05 <= _share(events, "reopen", "solve") <= 0.12
    assert 0.2 <= _share(events, "csat", "solve") <= 0.4
    assert 0.05 <= _share(events, "nps", "solve") <= 0.15
    assert 0.2 <= _share(events, "status", "customer_reply") <= 1
    channels = Counter(row["channel"] for row in tickets)
    assert channels["email"] > channels["chat"] > channels["phone-americas"] > 0
    assert 0.05 <= sum(1 for row in tickets if row["priority"] is not None) / len(tickets) <= 0.25


def test_arrivals_follow_the_channels_calendars(plan: ValidPlan, quarter: tuple[list[Row], list[Row]]) -> None:
    tickets, events = quarter
    engine = Engine.for_plan(plan)
    chat = engine.calendars[plan.channels["chat"].calendar]
    chats = [datetime.fromisoformat(str(r["created_at"])) for r in tickets if r["channel"] == "chat"]
    assert chats and all(chat.is_open(t) for t in chats)  # the widget is off while Berlin is closed
    first: dict[Any, datetime] = {}
    for event in events:
        if event["event"] == "respond":
            first.setdefault(event["ticket_id"], datetime.fromisoformat(str(event["at"])))
    calendar = {row["id"]: engine.route(_ticket(row)).calendar for row in tickets}
    inside = sum(1 for number, at in first.items() if calendar[number].is_open(at))
    assert 0.85 <= inside / len(first) < 1  # mostly in business hours, a few after hours


def test_a_holiday_is_quieter_than_the_same_weekday(plan: ValidPlan) -> None:
    tickets, _ = generate(plan, date(2026, 11, 27), date(2026, 12, 31), 40, 3)
    days = Counter(datetime.fromisoformat(str(row["created_at"])).date() for row in tickets)
    fridays = [days[d] for d in days if d.weekday() == 4 and d != date(2026, 12, 25)]
    assert days[date(2026, 12, 25)] < 0.5 * min(fridays)


def test_the_bundled_sample_is_what_its_command_makes(tmp_path: Path) -> None:
    command = next(line for line in (SAMPLE / "README.md").read_text().splitlines() if "planops.actuals.sample" in line)
    argv = shlex.split(command)
    assert argv[:3] == ["python", "-m", "planops.actuals.sample"]
    argv = [str(tmp_path) if arg == "samples/acme-2026-Q3" else arg for arg in argv[3:]]
    argv[argv.index("--plan") + 1] = str(REPO / "plan")
    said: list[str] = []
    assert main(argv, said.append) == 0
    assert said == [f"wrote 3211 tickets and 23189 events to {tmp_path}"]
    for name in ("tickets.csv", "events.csv"):
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), name


def test_jsonl_and_parquet_hold_the_same_rows(plan: ValidPlan, tmp_path: Path) -> None:
    import duckdb

    tickets, _ = generate(plan, date(2026, 9, 1), date(2026, 9, 3), 10, 1)
    write_table(tickets, tmp_path / "t.jsonl", "jsonl")
    write_table(tickets, tmp_path / "t.parquet", "parquet")
    lines = [json.loads(line) for line in (tmp_path / "t.jsonl").read_text().splitlines()]
    assert lines == [{k: v for k, v in row.items() if v is not None} for row in tickets]
    ids = duckdb.sql(f"select id from '{tmp_path / 't.parquet'}' order by id").fetchall()
    assert [i for (i,) in ids] == [row["id"] for row in tickets]


def test_the_command_refuses_bad_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--out", str(tmp_path), "--from", "2026-07-02", "--to", "2026-07-01"])
    assert stop.value.code == 2
    assert "--to 2026-07-01 is before --from 2026-07-02: give an end on or after the start" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["--out", str(tmp_path), "--from", "2026-07-01", "--to", "2026-07-01", "--per-day", "-1"])
    assert stop.value.code == 2
    assert "'-1' is not a number of tickets from 0 to 100000" in capsys.readouterr().err


def test_the_command_refuses_a_missing_or_broken_plan(tmp_path: Path, plan_dir: Path) -> None:
    said: list[str] = []
    days = ["--out", str(tmp_path / "out"), "--from", "2026-07-01", "--to", "2026-07-01"]
    assert main(["--plan", str(tmp_path / "nothing"), *days], said.append) == 1
    assert said == [f"plan folder '{tmp_path / 'nothing'}' not found (use --plan DIR to point at it)"]
    (plan_dir / "broken.yaml").write_text("kind: Channel\nname: fax\ntype: fax\n", encoding="utf-8")
    said.clear()
    assert main(["--plan", str(plan_dir), *days], said.append) == 1
    assert len(said) == 1 and said[0].startswith(f"the plan in {plan_dir} has ")
    assert said[0].endswith(" error(s): fix what 'planops validate' reports")
    assert not (tmp_path / "out").exists()


def test_the_starters_sample_is_what_its_command_makes(tmp_path: Path) -> None:
    starter = REPO / "src" / "planops" / "starter"
    folder = starter / "samples" / "our-support-2026-Q4"
    command = next(line for line in (folder / "README.md").read_text().splitlines() if "planops.actuals.sample" in line)
    argv = shlex.split(command)[3:]
    argv[argv.index("--out") + 1] = str(tmp_path)
    argv[argv.index("--plan") + 1] = str(starter / "plan")
    said: list[str] = []
    assert main(argv, said.append) == 0
    assert said == [f"wrote 369 tickets and 2628 events to {tmp_path}"]
    for name in ("tickets.csv", "events.csv"):
        assert (tmp_path / name).read_bytes() == (folder / name).read_bytes(), name
