"""planops report: the bundled plan's KPIs on the bundled sample export, in every format."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from planops.cli import main

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "acme-2026-Q3"
EXPORT = [str(SAMPLE / "tickets.csv"), str(SAMPLE / "events.csv")]


def report(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["report", *EXPORT, "--plan", str(REPO / "plan"), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _events() -> list[dict[str, str]]:
    with (SAMPLE / "events.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_json_rows_are_the_specs_with_every_kpi_of_the_plan(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = report(capsys, "--format", "json")
    rows = json.loads(out)
    assert code == 0 and err == "3,211 tickets measured\n"
    assert [r["kpi"] for r in rows] == [
        "first-response-time",
        "resolution-time",
        "csat",
        "first-contact-resolution",
        "nps",
        "sla-attainment",
        "reopen-rate",
        "cost-per-ticket",
    ]
    first = rows[0]
    assert set(first) == {"kpi", "period", "by", "value", "unit", "target", "met", "tickets"}
    assert (first["period"], first["by"], first["unit"], first["target"], first["tickets"]) == (
        "2026-Q3",
        {},
        "minutes",
        {"max": 240.0},
        3211,
    )


def test_the_measures_are_what_the_events_say(capsys: pytest.CaptureFixture[str]) -> None:
    rows = {r["kpi"]: r for r in json.loads(report(capsys, "--format", "json")[1])}
    events = _events()
    by_ticket: dict[str, Counter[str]] = {}
    for e in events:
        by_ticket.setdefault(e["ticket_id"], Counter())[e["event"]] += 1
    solved = [t for t, c in by_ticket.items() if c["solve"]]
    reopened = [t for t in solved if by_ticket[t]["reopen"]]
    fcr = [t for t in solved if by_ticket[t]["respond"] == 1 and not by_ticket[t]["reopen"]]
    scores = [int(e["value"]) for e in events if e["event"] == "csat"]
    answers = [int(e["value"]) for e in events if e["event"] == "nps"]
    assert rows["reopen-rate"]["value"] == pytest.approx(100 * len(reopened) / len(solved), abs=1e-3)
    assert rows["first-contact-resolution"]["value"] == pytest.approx(100 * len(fcr) / len(solved), abs=1e-3)
    assert rows["csat"]["value"] == pytest.approx(sum(scores) / len(scores), abs=1e-3)
    nps = 100 * (sum(a >= 9 for a in answers) - sum(a <= 6 for a in answers)) / len(answers)
    assert rows["nps"]["value"] == pytest.approx(nps, abs=1e-3)
    assert rows["cost-per-ticket"]["unit"] == "USD"


def test_by_channel_and_month_split_the_tickets(capsys: pytest.CaptureFixture[str]) -> None:
    rows = json.loads(report(capsys, "--format", "json", "--by", "channel", "--period", "month")[1])
    volume = [r for r in rows if r["kpi"] == "first-response-time"]
    assert {r["period"] for r in volume} == {"2026-07", "2026-08", "2026-09"}
    assert {r["by"]["channel"] for r in volume} >= {"email", "chat"}
    assert sum(r["tickets"] for r in volume) == 3211


def test_text_markdown_and_csv_show_every_kpi_with_its_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = report(capsys)
    assert code == 0 and out.splitlines()[0].split() == [
        "KPI",
        "period",
        "by",
        "value",
        "unit",
        "target",
        "verdict",
        "tickets",
    ]
    assert "sla-attainment" in out and "missed" in out and "met" in out
    markdown = report(capsys, "--format", "markdown")[1].splitlines()
    assert markdown[0] == "| KPI | period | by | value | unit | target | verdict | tickets |" and len(markdown) == 10
    rows = list(csv.reader(report(capsys, "--format", "csv")[1].splitlines()))
    assert rows[0] == ["kpi", "period", "by", "value", "unit", "target", "met", "tickets"] and len(rows) == 9


def test_strict_fails_when_a_target_is_missed(capsys: pytest.CaptureFixture[str]) -> None:
    assert report(capsys, "--strict")[0] == 1


def test_from_and_to_limit_the_tickets(capsys: pytest.CaptureFixture[str]) -> None:
    rows = json.loads(report(capsys, "--format", "json", "--from", "2026-08-01", "--to", "2026-08-31")[1])
    assert 0 < rows[0]["tickets"] < 1500


def test_save_writes_aggregates_only_and_never_over_another_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = report(capsys, "--save")
    saved = tmp_path / "actuals" / "2026-Q3.json"
    assert code == 0 and f"saved {Path('actuals') / '2026-Q3.json'} (aggregates only)" in err
    text = saved.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["planops"] == "planops actuals" and len(data["kpis"]) == 8
    with (SAMPLE / "tickets.csv").open(encoding="utf-8") as f:
        ids = {row["id"] for row in csv.DictReader(f)}
    assert not any(ticket_id in text for ticket_id in ids)
    assert "C00" not in text  # no customer ids either
    saved.write_text("my notes", encoding="utf-8")
    code, _, err = report(capsys, "--save")
    assert code == 1 and "exists and is not planops's saved actuals: move it away first" in err
    assert saved.read_text(encoding="utf-8") == "my notes"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "colour"], "cannot group by colour: choose from channel, segment"),
        (["--source", "zendesk-csv"], "give a tickets file and an events file, or one helpdesk export with --source"),
    ],
)
def test_usage_errors_are_one_line(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = report(capsys, *args)
    assert (code, out) == (2, "") and message in err and err.count("\n") == 1


def test_a_helpdesk_export_is_reported_by_its_format(capsys: pytest.CaptureFixture[str]) -> None:
    fixture = REPO / "tests" / "actuals" / "fixtures" / "zendesk_tickets.csv"
    code = main(
        ["report", str(fixture), "--plan", str(REPO / "plan"), "--source", "zendesk-csv", "--timezone", "Europe/Berlin"]
    )
    out, err = capsys.readouterr()
    assert code == 0 and "first-response-time" in out and "tickets measured" in err


def test_an_unknown_source_says_what_it_could_be(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["report", *EXPORT, "--plan", str(REPO / "plan"), "--source", "zendesk-cvs"])
    _, err = capsys.readouterr()
    assert code == 2 and "--source zendesk-cvs is neither a format nor a DataSource of the plan" in err
    assert "did you mean 'zendesk-csv'?" in err


def sql(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["report", "--sql", "--plan", str(REPO / "plan"), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_sql_prints_the_script_for_the_range_in_duckdbs_dialect_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = sql(capsys, "--from", "2026-07-01", "--to", "2026-09-30", "--by", "channel")
    assert code == 0 and err == "the report as duckdb SQL for tickets created 2026-07-01 to 2026-09-30\n"
    assert out.startswith(
        "-- planops report --sql --dialect duckdb: the plan's KPIs for tickets created 2026-07-01 to 2026-09-30\n"
    )
    assert "BETWEEN CAST('2026-07-01' AS DATE) AND CAST('2026-09-30' AS DATE)" in out
    created = [line.split()[4] for line in out.splitlines() if line.startswith("CREATE OR REPLACE TABLE")]
    assert created == [
        "tickets_in_range",
        "routed",
        "sla_targets",
        "open_hours_0",
        "open_hours_1",
        "open_hours_2",
        "calendar_tables",
        "first_response",
        "facts",
    ]
    assert out.count("\nSELECT\n  '") == 8 and "SELECT\n  'cost-per-ticket' AS kpi" in out


def test_sql_in_postgres_drops_what_it_creates_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = sql(capsys, "--dialect", "postgres", "--from", "2026-07-01", "--to", "2026-09-30")
    assert code == 0 and "CREATE OR REPLACE" not in out
    drops = [line for line in out.splitlines() if line.startswith("DROP TABLE IF EXISTS")]
    assert drops[0] == "DROP TABLE IF EXISTS facts;" and drops[-1] == "DROP TABLE IF EXISTS tickets_in_range;"


def test_sql_without_a_range_covers_the_year_to_today(capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import UTC, datetime, timedelta

    today = datetime.now(UTC).date()
    code, _, err = sql(capsys, "--to", str(today))
    assert (
        code == 0 and err == f"the report as duckdb SQL for tickets created {today - timedelta(days=365)} to {today}\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [*EXPORT],
            "--sql prints SQL for tickets already in a warehouse, so it takes no EXPORT: drop it, or drop --sql",
        ),
        (
            ["--save", "--strict", "--format", "json"],
            "so it takes no --save, --strict, --format: drop them, or drop --sql to measure export files",
        ),
        (["--source", "zendesk-csv"], "so it takes no --source: drop it"),
        (
            ["--from", "2026-09-30", "--to", "2026-07-01"],
            "--from 2026-09-30 is after --to 2026-07-01: give the earlier",
        ),
        (["--by", "colour"], "cannot group by colour: choose from channel, segment"),
    ],
)
def test_sql_usage_errors_are_one_line(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = sql(capsys, *args)
    assert (code, out) == (2, "") and message in err and err.count("\n") == 1


def test_an_unknown_dialect_lists_the_dialects(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        sql(capsys, "--dialect", "oracle")
    err = capsys.readouterr().err
    assert exited.value.code == 2 and "argument --dialect: invalid choice: 'oracle'" in err
    assert all(name in err for name in ("duckdb", "postgres", "bigquery", "snowflake"))


def test_a_dialect_needs_sql_and_no_export_is_needed_only_with_sql(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["report", "--dialect", "postgres", "--plan", str(REPO / "plan")])
    assert (code, capsys.readouterr().err) == (
        2,
        "planops report: error: --dialect is the dialect of --sql: add --sql\n",
    )
    code = main(["report", "--plan", str(REPO / "plan")])
    assert code == 2 and "give a tickets file and an events file" in capsys.readouterr().err
