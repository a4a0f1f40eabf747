"""planops staff: the bundled plan on the bundled sample export and on its forecast, in every format."""

from __future__ import annotations

import contextlib
import json
import shutil
from pathlib import Path

import pytest

from planops.cli import main

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "acme-2026-Q3"
PLAN = ["--plan", str(REPO / "plan")]


def staff(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["staff", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_text_on_the_sample_summarises_channels_pool_gaps_and_cost(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = staff(capsys, str(SAMPLE), *PLAN)
    lines = out.splitlines()
    assert (code, err) == (0, "")
    assert lines[0] == (
        "staffing on tickets.csv: 13.1 weeks from 2026-07-01 to 2026-09-30, 30-minute intervals, Europe/Berlin time"
    )
    assert lines[2:6] == [
        "email              async       213.9 tickets a week  workload",
        "chat               live         28.9 tickets a week  Erlang A",
        "phone-emea         live          0.4 tickets a week  Erlang A",
        "phone-americas     live          1.4 tickets a week  Erlang A",
    ]
    assert lines[7] == (
        "pool email, chat, phone-emea, phone-americas (roles frontline-agent, billing-specialist, technical-specialist)"
    )
    assert lines[8] == (
        "  agent-hours a week: required 110.6, scheduled 156.3; short in 54 of 336 intervals (19.3 agent-hours), "
        "surplus 65.0 agent-hours"
    )
    assert lines[9] == "  short 1.1 agents Mon 12:00–14:00"
    assert len([line for line in lines if line.startswith("  short ")]) == 5
    assert lines[-1] == (
        "cost a month: as staffed USD 10,980, with the agents required USD 8,612; budget USD 12,000 (within it)"
    )


def test_strict_exits_1_when_any_interval_is_short(capsys: pytest.CaptureFixture[str]) -> None:
    assert staff(capsys, str(SAMPLE), *PLAN, "--strict")[0] == 1


def test_json_holds_every_interval_of_the_week(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = staff(capsys, str(SAMPLE / "tickets.csv"), *PLAN, "--format", "json", "--interval", "60")
    data = json.loads(out)
    assert code == 0 and data["interval"] == 60 and data["zone"] == "Europe/Berlin"
    assert [c["method"] for c in data["channels"]] == ["workload", "erlang-a", "erlang-a", "erlang-a"]
    [pool] = data["pools"]
    assert len(pool["intervals"]) == 168 and pool["intervals"][9]["start"] == "Mon 09:00"
    assert data["cost"] == {
        "currency": "USD",
        "monthly": 10980.0,
        "required": pytest.approx(data["cost"]["required"]),
        "limit": 12000.0,
    }
    assert data["short"] is True


def test_without_an_export_the_forecast_is_the_volume(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = staff(capsys, *PLAN, "--format", "markdown")
    assert code == 0
    assert out.startswith(
        "**staffing on forecast: 13.0 weeks from 2026-09-28 to 2026-12-28, 30-minute intervals, Europe/Berlin time**"
    )
    assert "| email | async | 219.2 | workload |" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["missing.csv"],
            "planops staff: error: missing.csv: no such file; give the path of the export's tickets file\n",
        ),
        (["--interval", "45"], "invalid choice: 45 (choose from 30, 60)"),
        (["a.csv", "b.csv", "c.csv"], "give a tickets file and an events file, or one helpdesk export with --source"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) if "--interval" in args else contextlib.nullcontext():
        code, out, err = staff(capsys, *args, *PLAN)
        assert code == 2 and out == "" and message in err and err.count("\n") == 1
    if "--interval" in args:
        assert message in capsys.readouterr().err


def test_a_plan_without_shifts_is_told_what_to_add(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    code, out, err = staff(capsys)
    assert (code, out) == (2, "")
    assert err == "planops staff: error: no role has shifts: add `shifts:` to the Team roles that answer tickets\n"


def test_a_forecast_beyond_what_planops_sizes_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(REPO / "plan", plan)
    channels = plan / "channels.yaml"
    text = channels.read_text(encoding="utf-8").replace("{tickets_per_month: 130}", "{tickets_per_month: 100000000}")
    channels.write_text(text, encoding="utf-8")
    code, out, err = staff(capsys, "--plan", str(plan))
    assert (code, out) == (2, "")
    assert err == (
        "planops staff: error: cannot size the channels: 44,050 Erlangs in one interval; planops sizes up to "
        "10,000; check their volume and handle_time\n"
    )


def test_an_export_without_tickets_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "tickets.csv"
    empty.write_text("id,created_at,channel\n", encoding="utf-8")
    code, out, err = staff(capsys, str(empty), *PLAN)
    assert (code, out) == (2, "") and err.startswith("planops staff: error: ") and err.count("\n") == 1


def test_a_plan_error_comes_before_an_unreadable_export(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(REPO / "plan", plan)
    channels = plan / "channels.yaml"
    channels.write_text(channels.read_text(encoding="utf-8").replace("handle_time: 6m", "handle_time: 6", 1), "utf-8")
    (tmp_path / "bad.parquet").write_bytes(b"not parquet")
    code, out, err = staff(capsys, str(tmp_path / "bad.parquet"), "--plan", str(plan))
    assert code == 1 and "channels.yaml:10:14: error[invalid-value]" in out and "cannot be read" not in out + err
    code, out, err = staff(capsys, str(tmp_path / "bad.parquet"), *PLAN)  # the plan is fine: the export's error
    assert (code, out) == (2, "") and err.startswith("planops staff: error: bad.parquet: cannot be read as parquet")
