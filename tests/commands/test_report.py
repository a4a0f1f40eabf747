"""planops report: the bundled plan's KPIs on the bundled sample export, in every format."""

from __future__ import annotations

import csv
import json
import os
import shutil
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
    rows = [r for r in json.loads(out) if "verdicts" not in r]
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


def test_sla_rows_follow_the_kpis_one_per_policy_priority_and_target(capsys: pytest.CaptureFixture[str]) -> None:
    rows = json.loads(report(capsys, "--format", "json")[1])
    kpis, sla = rows[:8], rows[8:]
    shape = {"kpi", "period", "by", "value", "unit", "target", "met", "tickets"}
    assert all(set(r) == shape for r in kpis) and all(set(r) == {*shape, "verdicts"} for r in sla)
    assert sla[0]["by"] == {"sla_policy": "live-chat", "priority": "urgent", "target": "first_response"}
    assert {r["kpi"] for r in sla} == {"sla-attainment"} and {r["unit"] for r in sla} == {"%"}
    assert len({tuple(r["by"].values()) for r in sla}) == len(sla) > 20
    for r in sla:
        verdicts = r["verdicts"]
        assert r["tickets"] == verdicts["met"] + verdicts["breached"] + verdicts["pending"]
        judged = verdicts["met"] + verdicts["breached"]
        assert r["value"] == (round(100 * verdicts["met"] / judged, 4) if judged else None)
        assert r["target"] == {"min": 95.0} and r["met"] == (None if r["value"] is None else r["value"] >= 95)
    met = sum(r["verdicts"]["met"] for r in sla)
    judged = sum(r["verdicts"]["met"] + r["verdicts"]["breached"] for r in sla)
    attainment = next(r for r in kpis if r["kpi"] == "sla-attainment")
    assert attainment["value"] == pytest.approx(100 * met / judged, abs=1e-4)
    assert {r["by"]["target"] for r in sla} == {"first_response", "next_response", "resolution"}


def test_the_measures_are_what_the_events_say(capsys: pytest.CaptureFixture[str]) -> None:
    rows = {r["kpi"]: r for r in json.loads(report(capsys, "--format", "json")[1]) if "verdicts" not in r}
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
    volume = [r for r in rows if r.get("kpi") == "first-response-time"]
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
    lines = out.splitlines()
    assert lines[9] == "" and lines[10].split("  ")[0] == "SLA policy"
    assert lines[11].split() == ["live-chat", "urgent", "first_response", "2026-Q3", *lines[11].split()[4:]]
    sla = len(json.loads(report(capsys, "--format", "json")[1])) - 8
    markdown = report(capsys, "--format", "markdown")[1].splitlines()
    assert markdown[0] == "| KPI | period | by | value | unit | target | verdict | tickets |" and markdown[10] == ""
    assert (
        markdown[11] == "| SLA policy | priority | target | period | applied | met | breached | pending | attainment |"
    )
    assert len(markdown) == 10 + 1 + 2 + sla
    rows = list(csv.reader(report(capsys, "--format", "csv")[1].splitlines()))
    assert rows[0] == ["kpi", "period", "by", "value", "unit", "target", "met", "tickets"] and rows[9] == []
    assert rows[10] == [
        "sla_policy",
        "priority",
        "target",
        "period",
        "applied",
        "met",
        "breached",
        "pending",
        "attainment",
    ]
    assert len(rows) == 9 + 1 + 1 + sla


def test_strict_fails_when_a_target_is_missed(capsys: pytest.CaptureFixture[str]) -> None:
    assert report(capsys, "--strict")[0] == 1


def test_from_and_to_limit_the_tickets(capsys: pytest.CaptureFixture[str]) -> None:
    rows = [r for r in json.loads(report(capsys, "--format", "json", "--from", "2026-08-01", "--to", "2026-08-31")[1])]
    assert 0 < rows[0]["tickets"] < 1500


def test_save_writes_aggregates_only_and_never_over_another_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPO / "plan", tmp_path / "repo" / "plan")
    monkeypatch.chdir(tmp_path)
    code, _, err = report(capsys, "--save", "--plan", "repo/plan")  # the last --plan counts
    saved = tmp_path / "repo" / "actuals" / "2026-Q3.json"  # next to the plan folder, not in the current one
    assert code == 0 and f"saved {Path('repo', 'actuals', '2026-Q3.json')} (aggregates only)" in err
    text = saved.read_text(encoding="utf-8")
    assert saved.stat().st_mode & 0o777 == 0o666 & ~current_umask()  # readable like any file to commit
    data = json.loads(text)
    assert data["planops"] == "planops actuals" and len(data["kpis"]) == 8
    assert set(data) == {"planops", "period", "grain", "kpis", "sla", "volume", "arrivals", "durations"}
    assert data["sla"][0] == {
        "sla_policy": "live-chat",
        "priority": "urgent",
        "target": "first_response",
        **{k: data["sla"][0][k] for k in ("applied", "met", "breached", "pending", "attainment")},
    }
    shown = [r for r in json.loads(report(capsys, "--format", "json")[1]) if "verdicts" in r]
    as_saved = [{**r["by"], "applied": r["tickets"], **r["verdicts"], "attainment": r["value"]} for r in shown]
    assert as_saved == data["sla"]
    with (SAMPLE / "tickets.csv").open(encoding="utf-8") as f:
        ids = {row["id"] for row in csv.DictReader(f)}
    assert not any(ticket_id in text for ticket_id in ids)
    assert "C00" not in text  # no customer ids either
    saved.write_text("my notes", encoding="utf-8")
    code, _, err = report(capsys, "--save", "--plan", "repo/plan")
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


def test_a_folder_is_its_tickets_and_events_files(capsys: pytest.CaptureFixture[str]) -> None:
    files = report(capsys, "--format", "json")
    code = main(["report", str(SAMPLE), "--plan", str(REPO / "plan"), "--format", "json"])
    assert (code, *capsys.readouterr()) == (0, *files[1:])


def test_a_folder_without_events_reads_its_tickets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "tickets.csv").write_bytes((SAMPLE / "tickets.csv").read_bytes())
    (tmp_path / "notes.txt").write_text("not an export\n", encoding="utf-8")
    assert main(["report", str(tmp_path), "--plan", str(REPO / "plan"), "--format", "json"]) == 0
    assert capsys.readouterr().err == "3,211 tickets measured\n"


@pytest.mark.parametrize(
    ("files", "args", "message"),
    [
        (
            ("tickets.csv", "tickets.jsonl"),
            (),
            "{d}: holds tickets.csv and tickets.jsonl; give the files instead of the folder "
            "(planops report {d}/tickets.csv …)",
        ),
        (
            ("tickets.csv", "events.csv", "events.parquet"),
            (),
            "{d}: holds events.csv and events.parquet; give the files instead of the folder "
            "(planops report {d}/events.csv …)",
        ),
        (
            ("events.csv",),
            (),
            "{d}: expected a tickets file in the folder (tickets.csv, tickets.parquet, tickets.jsonl, "
            "tickets.ndjson), found none",
        ),
        (("tickets.csv",), ("--source", "zendesk-csv"), "{d} is a folder: give the zendesk-csv export file itself"),
    ],
)
def test_a_folder_that_is_ambiguous_or_empty_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: tuple[str, ...], args: tuple[str, ...], message: str
) -> None:
    for name in files:
        (tmp_path / name).write_text("id,created_at\n", encoding="utf-8")
    assert main(["report", str(tmp_path), "--plan", str(REPO / "plan"), *args]) == 2
    assert capsys.readouterr().err == f"planops report: error: {message.format(d=tmp_path)}\n"


def test_a_folder_beside_a_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(SAMPLE), str(SAMPLE / "events.csv"), "--plan", str(REPO / "plan")]) == 2
    err = capsys.readouterr().err
    assert err == "planops report: error: give a folder alone, or a tickets file and an events file\n"


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
        "ranked_events",
        "tickets_in_range",
        "routed",
        "open_hours_0",
        "open_hours_1",
        "open_hours_2",
        "sla_targets",
        "workflow_states",
        "sla_pausable",
        "sla_points",
        "sla_flags",
        "sla_pauses",
        "sla_talk",
        "sla_replies",
        "ticket_events",
        "sla_starts",
        "sla_clocks",
        "sla",
        "fact_base",
        "facts",
        "reply_times",
        "done_spans",
    ]
    assert out.startswith("-- ") and "CREATE OR REPLACE TABLE ranked_events AS" in out
    assert out.count("\nSELECT\n  '") == 9 and "SELECT\n  'cost-per-ticket' AS kpi" in out
    assert "'sla-attainment' AS kpi,\n  attained.period AS period,\n  attained.sla_policy AS sla_policy," in out


def test_sql_in_postgres_drops_what_it_creates_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = sql(capsys, "--dialect", "postgres", "--from", "2026-07-01", "--to", "2026-09-30")
    assert code == 0 and "CREATE OR REPLACE" not in out
    drops = [line for line in out.splitlines() if line.startswith("DROP TABLE IF EXISTS")]
    assert drops[0] == "DROP TABLE IF EXISTS done_spans;" and drops[-1] == "DROP TABLE IF EXISTS ranked_events;"


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
