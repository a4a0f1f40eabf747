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
    rows = [r for r in json.loads(out) if "kpi" in r]
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
    assert all("kpi" in r for r in kpis) and all("kpi" not in r for r in sla)
    assert set(sla[0]) == {"sla", "period", "applied", "met", "breached", "pending", "attainment"}
    assert sla[0]["sla"] == {"sla_policy": "live-chat", "priority": "urgent", "target": "first_response"}
    assert len({tuple(r["sla"].values()) for r in sla}) == len(sla) > 20
    for r in sla:
        assert r["applied"] == r["met"] + r["breached"] + r["pending"]
        judged = r["met"] + r["breached"]
        assert r["attainment"] == (round(100 * r["met"] / judged, 2) if judged else None)
    met, judged = sum(r["met"] for r in sla), sum(r["met"] + r["breached"] for r in sla)
    attainment = next(r for r in kpis if r["kpi"] == "sla-attainment")
    assert attainment["value"] == pytest.approx(100 * met / judged, abs=1e-4)
    assert {r["sla"]["target"] for r in sla} == {"first_response", "next_response", "resolution"}


def test_the_measures_are_what_the_events_say(capsys: pytest.CaptureFixture[str]) -> None:
    rows = {r["kpi"]: r for r in json.loads(report(capsys, "--format", "json")[1]) if "kpi" in r}
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
    monkeypatch.chdir(tmp_path)
    code, _, err = report(capsys, "--save")
    saved = tmp_path / "actuals" / "2026-Q3.json"
    assert code == 0 and f"saved {Path('actuals') / '2026-Q3.json'} (aggregates only)" in err
    text = saved.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["planops"] == "planops actuals" and len(data["kpis"]) == 8
    assert set(data) == {"planops", "period", "grain", "kpis", "sla"}
    assert data["sla"][0] == {
        "sla_policy": "live-chat",
        "priority": "urgent",
        "target": "first_response",
        **{k: data["sla"][0][k] for k in ("applied", "met", "breached", "pending", "attainment")},
    }
    shown = [r for r in json.loads(report(capsys, "--format", "json")[1]) if "sla" in r]
    assert [{**r["sla"], **{k: v for k, v in r.items() if k not in ("sla", "period")}} for r in shown] == data["sla"]
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
