"""SLA targets of exported tickets in SQL equal the engine's clocks: random event sequences over random calendars,
the bundled plans' scenarios as exports, and the sample."""

from __future__ import annotations

import csv
import dataclasses
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planops.actuals.businesstime import calendar_table, micros
from planops.actuals.reader import read_export
from planops.actuals.report import paused_statuses
from planops.actuals.routing import routed_view, ticket_of
from planops.actuals.sla import PAUSED, TARGETS, clock_tables, sla_view, workflow_table
from planops.engine import BusinessCalendar, Engine, Run
from planops.engine.clock import ALWAYS_OPEN
from planops.engine.errors import ChannelRefused
from planops.engine.machine import CompiledWorkflow
from planops.engine.simulator import Record
from planops.engine.sla import clock_states
from planops.hours import FULL_DAY, Day
from planops.pipeline import check_plan
from planops.plan import ValidPlan

REPO = Path(__file__).resolve().parents[2]
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"]
START = date(2026, 3, 23)
LAST = START + timedelta(days=60)
HELPDESK = {"pending": frozenset(TARGETS), "open": frozenset()}
"""Statuses that are no state of the workflow: ``pending`` pauses every target, ``open`` none."""


def _plan(path: Path) -> ValidPlan:
    checked = check_plan(path)
    assert isinstance(checked.plan, ValidPlan)
    return checked.plan


@pytest.fixture(scope="module")
def workflow() -> CompiledWorkflow:
    return Engine.for_plan(_plan(REPO / "plan")).machine("general-inquiry")


@st.composite
def days(draw: st.DrawFn) -> Day:
    edges = sorted(draw(st.sets(st.integers(0, FULL_DAY // 15), max_size=4)))
    edges = edges[: len(edges) // 2 * 2]
    return tuple((edges[i] * 15, edges[i + 1] * 15) for i in range(0, len(edges), 2))


@st.composite
def calendars(draw: st.DrawFn) -> BusinessCalendar:
    week = None if draw(st.integers(0, 4)) == 0 else tuple(draw(days()) for _ in range(7))
    if week is not None and sum(b - a for day in week for a, b in day) < 600:
        week = tuple(((540, 1020),) if i < 5 else () for i in range(7))
    holidays = draw(st.sets(st.integers(0, 20).map(lambda n: START + timedelta(days=n)), max_size=2))
    special = draw(st.dictionaries(st.integers(0, 20).map(lambda n: START + timedelta(days=n)), days(), max_size=2))
    return BusinessCalendar.create(draw(st.sampled_from(ZONES)), week, None, None, holidays, special=special)


def steps(states: list[str]) -> st.SearchStrategy[list[tuple[int, str, str | None]]]:
    """(minutes after the step before, event, value): ties (0 minutes) included."""
    gap = st.sampled_from([0, 0, 1, 30, 90, 240, 600, 1440, 2880])
    action = st.sampled_from(["respond", "customer_reply", "solve", "reopen", "status"])
    value = st.sampled_from([*states, *HELPDESK])
    return st.lists(st.tuples(gap, action, value), max_size=12)


def _events(
    wf: CompiledWorkflow, created: datetime, drawn: list[tuple[int, str, str | None]]
) -> tuple[list[tuple[datetime, str, str | None]], list[Record]]:
    """The export's events and the engine's records of the same history (a solve is a status into a final
    state, as helpdesks record it; a reopen a status back to the initial state)."""
    final, now = sorted(wf.finals)[0], created
    events: list[tuple[datetime, str, str | None]] = []
    records = [Record(created, "created", None, wf.initial)]
    for minutes, action, value in drawn:
        now += timedelta(minutes=minutes)
        status = {"solve": final, "reopen": wf.initial, "status": value}.get(action)
        if action in ("respond", "customer_reply"):
            events.append((now, action, None))
            records.append(Record(now, action, None, None))
        if action in ("solve", "reopen"):
            events.append((now, action, None))
        if status is not None:
            events.append((now, "status", status))
            records.append(Record(now, "status", None, status))
    return events, records


def _export(
    con: duckdb.DuckDBPyConnection,
    calendar: BusinessCalendar | None,
    created: datetime,
    events: list[tuple[datetime, str, str | None]],
    targets: dict[str, timedelta],
) -> None:
    con.execute(
        "CREATE OR REPLACE TABLE routed AS SELECT 't1' AS id, 1 AS ticket_key, $1::TIMESTAMPTZ AS created_at, "
        "'general-inquiry' AS workflow, $2::VARCHAR AS calendar, 'p' AS sla_policy, 'normal' AS priority, "
        "false AS refused",
        [created, None if calendar is None else "cal"],
    )
    con.execute(
        'CREATE OR REPLACE TABLE events (ticket_id VARCHAR, ticket_key BIGINT, "at" TIMESTAMPTZ, event VARCHAR, '
        "value VARCHAR, row BIGINT)"
    )
    if events:
        con.executemany("INSERT INTO events VALUES ('t1', 1, ?, ?, ?, ?)", [(*e, i + 1) for i, e in enumerate(events)])
    con.execute(
        "CREATE OR REPLACE TABLE sla_targets (sla_policy VARCHAR, priority VARCHAR, target VARCHAR, target_us BIGINT)"
    )
    for name, duration in targets.items():
        con.execute(
            "INSERT INTO sla_targets VALUES ('p', 'normal', ?, ?)", [name, duration // timedelta(microseconds=1)]
        )
    con.execute("CREATE OR REPLACE TABLE calendar_tables (calendar VARCHAR, open_hours VARCHAR)")
    if calendar is not None:
        calendar_table(con, "open_hours_0", calendar, START - timedelta(days=2), LAST)
        con.execute("INSERT INTO calendar_tables VALUES ('cal', 'open_hours_0')")


con = duckdb.connect()


@settings(max_examples=300, deadline=None)
@given(data=st.data(), calendar=st.none() | calendars())
def test_due_times_and_verdicts_equal_the_engines_clocks(
    workflow: CompiledWorkflow, data: st.DataObject, calendar: BusinessCalendar | None
) -> None:
    """A ticket without a calendar (None) counts every hour."""
    states = sorted(workflow.pauses)
    pauses = {s: frozenset(data.draw(st.sets(st.sampled_from(TARGETS)))) for s in states}
    wf = dataclasses.replace(workflow, pauses=pauses)
    durations = st.sampled_from([0, 1, 30, 120, 240, 480, 1200]).map(lambda m: timedelta(minutes=m))
    targets = data.draw(st.dictionaries(st.sampled_from(TARGETS), durations))
    created = datetime.combine(START, datetime.min.time(), UTC) + timedelta(minutes=data.draw(st.integers(0, 7 * 1440)))
    events, records = _events(wf, created, data.draw(steps(states)))
    until = (events[-1][0] if events else created) + timedelta(minutes=data.draw(st.sampled_from([0, 1, 600, 5000])))
    _export(con, calendar, created, events, targets)
    workflow_table(con, [wf])
    clock_tables(con, until, paused=("pending",))
    sql = {t: (due, outcome) for t, due, outcome in con.execute("SELECT target, due_us, outcome FROM sla").fetchall()}
    engine_wf = dataclasses.replace(wf, pauses={**pauses, **HELPDESK})
    last_close = None
    if calendar is not None:
        (last_close,) = con.execute("SELECT max(closes_us) FROM open_hours_0").fetchone() or (None,)
    expected = {
        name: (None if last_close is not None and micros(clock.due) > last_close else micros(clock.due), clock.status)
        for name, clock in clock_states(engine_wf, calendar or ALWAYS_OPEN, targets, records, until).items()
    }
    assert sql == expected


def _flat(ticket: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in ticket.items():
        if isinstance(value, dict):
            found.update(_flat(value, f"{prefix}{key}."))
        else:
            found[f"{prefix}{key}"] = value
    return found


def _text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _scenario_export(run: Run, folder: Path) -> tuple[Path, Path]:
    """The scenario as a canonical export: its ticket as given (routing fills in the rest) and its run's events:
    replies, each state change a ``status`` (timers' included, at their fire times), a final state a ``solve``."""
    ticket = _flat({k: v for k, v in run.scenario.ticket.items() if k != "created"})
    ticket = {"id": "s1", "created_at": run.records[0].at.isoformat(), **ticket}
    with (folder / "tickets.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(ticket)
        writer.writerow([_text(v) for v in ticket.values()])
    with (folder / "events.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["ticket_id", "at", "event", "value"])
        for record in run.records[1:]:
            at = record.at.isoformat()
            if record.event in ("respond", "customer_reply"):
                writer.writerow(["s1", at, record.event, ""])
            if record.target is not None:
                writer.writerow(["s1", at, "status", record.target])
                if record.target in run.workflow.finals:
                    writer.writerow(["s1", at, "solve", ""])
    return folder / "tickets.csv", folder / "events.csv"


def _scenarios() -> list[tuple[Path, str]]:
    return [
        (folder, name)
        for folder in (REPO / "plan", REPO / "src" / "planops" / "starter" / "plan")
        for name in _plan(folder).scenarios
    ]


@pytest.fixture(scope="module")
def engines() -> dict[Path, Engine]:
    return {}


@pytest.mark.parametrize(("folder", "name"), _scenarios(), ids=lambda v: v if isinstance(v, str) else v.parent.name)
def test_a_scenario_as_an_export_gets_the_answers_of_planops_test(
    folder: Path, name: str, engines: dict[Path, Engine], tmp_path: Path
) -> None:
    engine = engines.get(folder) or engines.setdefault(folder, Engine.for_plan(_plan(folder)))
    plan = engine.plan
    assert isinstance(plan, ValidPlan)
    scenario = plan.scenarios[name]
    try:
        run = engine.run(scenario)
    except ChannelRefused:
        run = None
    if run is None:  # a refused ticket has no SLA clocks, in the engine and in SQL
        assert scenario.expect.refused
        return
    assert engine.check(scenario).passed
    export = read_export(*_scenario_export(run, tmp_path))
    con = export.connection
    assert routed_view(con, plan)
    sla_view(con, plan, run.end)
    sql = {t: (due, outcome) for t, due, outcome in con.execute("SELECT target, due_us, outcome FROM sla").fetchall()}
    assert sql == {t: (micros(c.due), c.status) for t, c in run.clocks.items()}


def _twins(wf: CompiledWorkflow, statuses: set[str]) -> CompiledWorkflow:
    """The workflow with the export's other statuses as states (``pending`` and ``hold`` pause every target)
    and, for each state, a final twin with its pauses: a ``solve`` or ``close`` stops resolution and leaves the
    pauses as they were, as in the export."""
    pauses = dict(wf.pauses)
    for status in statuses - set(pauses):
        pauses[status] = frozenset(TARGETS) if status in ("pending", "hold") else frozenset()
    twins = {f"{state}+done": paused for state, paused in pauses.items()}
    return dataclasses.replace(wf, pauses={**pauses, **twins}, finals=wf.finals | frozenset(twins))


def _records(wf: CompiledWorkflow, created: datetime, events: list[tuple[datetime, str, str | None]]) -> list[Record]:
    state, records = wf.initial, [Record(created, "created", None, wf.initial)]
    for at, event, value in events:
        target = None
        if event == "status" and value is not None:
            state = target = value
        elif event in ("solve", "close"):
            target = state if state.endswith("+done") else f"{state}+done"
        records.append(Record(at, event, None, target))
    return records


def test_the_sample_gets_the_engines_clocks_ticket_by_ticket() -> None:
    plan = _plan(REPO / "plan")
    sample = REPO / "samples" / "acme-2026-Q3"
    con = read_export(sample / "tickets.csv", sample / "events.csv").connection
    assert routed_view(con, plan)
    (until,) = con.execute('SELECT max("at") FROM events').fetchone() or (None,)
    sla_view(con, plan, until)
    sql: dict[str, dict[str, tuple[int, str]]] = {}
    for ticket, target, due, outcome in con.execute(
        "SELECT r.id, s.target, s.due_us, s.outcome FROM sla s JOIN routed r USING (ticket_key)"
    ).fetchall():
        sql.setdefault(ticket, {})[target] = (due, outcome)
    history: dict[str, list[tuple[datetime, str, str | None]]] = {}
    query = 'SELECT ticket_id, "at", event, value FROM events ORDER BY ticket_id, "at", row, event'
    for ticket, at, event, value in con.execute(query).fetchall():
        history.setdefault(ticket, []).append((at, event, value))
    statuses = {v for events in history.values() for _, e, v in events if e == "status" and v is not None}
    cursor = con.execute("SELECT * FROM tickets")
    names = [d[0] for d in cursor.description]
    engine, fields, seen = Engine.for_plan(plan), plan.ticket_schema.fields, Counter[tuple[str, str]]()
    for values in cursor.fetchall():
        row = dict(zip(names, values, strict=True))
        routed = engine.route(ticket_of(row, fields))
        wf = _twins(engine.machine(routed.workflow), statuses)
        records = _records(wf, routed.created.astimezone(UTC), history.get(row["id"], []))
        targets = {t: d for t in TARGETS if (d := routed.target(t)) is not None}
        clocks = clock_states(wf, routed.calendar, targets, records, until)
        assert sql.get(row["id"], {}) == {t: (micros(c.due), c.status) for t, c in clocks.items()}, row["id"]
        seen.update((t, c.status) for t, c in clocks.items())
    assert len(seen) == 9  # met, breached and pending of each target


def test_a_pending_status_moves_the_due_time_by_the_open_time_paused(plan_dir: Path, tmp_path: Path) -> None:
    # The starter's office: Europe/London, mon-fri 09:00-17:30 (08:00-16:30 UTC in summer); first response 8h.
    (tmp_path / "tickets.csv").write_text(
        "id,created_at,channel,category,customer.annual_value\nt1,2026-07-06T08:00:00Z,email,question,100\n",
        encoding="utf-8",
    )
    (tmp_path / "events.csv").write_text(
        "ticket_id,at,event,value\nt1,2026-07-06T09:00:00Z,status,pending\nt1,2026-07-06T10:00:00Z,status,\n"
        "t1,2026-07-06T11:00:00Z,status,open\n"
        "t1,2026-07-07T09:00:00Z,respond,\n",
        encoding="utf-8",
    )
    plan = _plan(plan_dir)
    con = read_export(tmp_path / "tickets.csv", tmp_path / "events.csv").connection
    assert routed_view(con, plan)
    sla_view(con, plan, datetime(2026, 7, 8, tzinfo=UTC))
    row = con.execute("SELECT due_us, outcome FROM sla WHERE target = 'first_response'").fetchone()
    # Due Monday 16:00 UTC without the pause; two paused hours (a status without a value changes nothing) move
    # it to Tuesday 09:30 UTC: met at 09:00.
    assert row == (micros(datetime(2026, 7, 7, 9, 30, tzinfo=UTC)), "met")
    sla_view(con, plan, datetime(2026, 7, 8, tzinfo=UTC), paused=())
    row = con.execute("SELECT due_us, outcome FROM sla WHERE target = 'first_response'").fetchone()
    assert row == (micros(datetime(2026, 7, 6, 16, tzinfo=UTC)), "breached")


def test_a_data_sources_paused_statuses_replace_the_helpdesks() -> None:
    plan = _plan(REPO / "plan")
    assert paused_statuses(plan, "servicedesk") == ("Awaiting User Info",)
    assert paused_statuses(plan, "canonical") == paused_statuses(plan, "zendesk-api") == PAUSED == ("pending", "hold")
