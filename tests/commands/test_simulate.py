"""planops simulate: one scenario step by step, then whether its expectations hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.helpers.smallplan import scenario, write_plan

from planops.cli import main

DISPUTE = scenario(
    "big-dispute-friday-evening",
    created="2026-03-27T16:30:00+01:00",
    category="billing",
    amount=1200.0,
    value=80000,
    events="[{at: +30m, do: respond}, {at: +1h, do: escalate}]",
    until="+5d",
    expect="{state: manager-approval, due: {first_response: '2026-03-30T10:30:00+02:00'}}",
)


def simulate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["simulate", *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_the_trace_as_a_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_plan(tmp_path, DISPUTE)
    code, out, _ = simulate(capsys, "big-dispute-friday-evening", "--plan", str(folder))
    assert code == 0
    assert out == [
        f"scenario big-dispute-friday-evening ({folder / 'scenarios' / 'main.yaml'}:2)",
        "routed: segment vip, priority high, queue billing, workflow billing-dispute, sla policy vip, "
        "calendar berlin (rule big-billing)",
        "times in Europe/Berlin",
        "",
        "at                           event     from → to                  owner            SLA clocks",
        "Fri 2026-03-27 16:30 +01:00  created   → triage                   agent            "
        "first_response due Mon 03-30 10:30, resolution due Tue 03-31 16:30",
        "Fri 2026-03-27 17:00 +01:00  respond   triage (stays)             agent            "
        "first_response met, resolution due Tue 03-31 16:30",
        "Fri 2026-03-27 17:30 +01:00  escalate  triage → manager-approval  billing-manager  "
        "first_response met, resolution due Tue 03-31 16:30",
        "",
        "end: Wed 2026-04-01 17:30 +02:00: state manager-approval, owner billing-manager",
        "path: [triage, manager-approval]",
        "sla: first_response met (due Mon 2026-03-30 10:30 +02:00); "
        "resolution breached (due Tue 2026-03-31 16:30 +02:00)",
        "",
        "passed: every expectation holds",
    ]


def test_a_failing_scenario_exits_1_and_says_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wrong = DISPUTE.replace("state: manager-approval", "state: resolved")
    code, out, _ = simulate(capsys, "big-dispute-friday-evening", "--plan", str(write_plan(tmp_path, wrong)))
    assert code == 1
    assert out[-2:] == ["FAILED: 1 expectation(s) do not hold:", "  state: expected resolved, got manager-approval"]


def test_a_problem_stops_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = scenario("s", created="2026-03-02T09:00:00+01:00", events="[{at: +1h, do: reassign}]")
    code, out, _ = simulate(capsys, "s", "--plan", str(write_plan(tmp_path, doc)))
    assert code == 1
    assert out[-2:] == [
        "problem: event 'reassign' at 2026-03-02T10:00:00+01:00 is not accepted in state 'answer' "
        "(it accepts: resolve, escalate, respond, customer_reply)",
        "expectations not checked: the scenario did not run to its end",
    ]


def test_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = simulate(
        capsys, "big-dispute-friday-evening", "--plan", str(write_plan(tmp_path, DISPUTE)), "--format", "json"
    )
    result = json.loads("\n".join(out))
    assert code == 0 and result["passed"] is True
    assert result["run"]["sla"]["first_response"] == {
        "status": "met",
        "due": "2026-03-30T10:30:00+02:00",
        "paused": False,
    }
    assert [row["event"] for row in result["run"]["trace"]] == ["created", "respond", "escalate"]


def test_an_unknown_scenario_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = simulate(capsys, "big-dispute", "--plan", str(write_plan(tmp_path, DISPUTE)))
    assert (code, out) == (2, [])
    assert err == (
        "planops simulate: error: no scenario named 'big-dispute' (did you mean 'big-dispute-friday-evening'?)\n"
    )


NOTED = scenario(
    "noted",
    created="2026-03-02T09:00:00+01:00",
    events='[{at: +30m, do: respond, note: "Asks for the  order\\n number"}, {at: +1h, do: escalate},'
    ' {at: +2h, do: resolve, note: "\\e[31m::error::done"}]',
    expect="{path: [answer, lead-review, resolved]}",
)


def test_an_events_note_is_shown_under_its_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = simulate(capsys, "noted", "--plan", str(write_plan(tmp_path, NOTED)))
    assert code == 0
    assert out[4:12] == [
        "at                           event     from → to               owner  SLA clocks",
        "Mon 2026-03-02 09:00 +01:00  created   → answer                agent  "
        "first_response due Mon 03-02 17:00, resolution due Fri 03-06 17:00",
        "Mon 2026-03-02 09:30 +01:00  respond   answer (stays)          agent  "
        "first_response met, resolution due Fri 03-06 17:00",
        "                             note: Asks for the order number",
        "Mon 2026-03-02 10:00 +01:00  escalate  answer → lead-review    lead   "
        "first_response met, resolution due Fri 03-06 17:00",
        "Mon 2026-03-02 11:00 +01:00  resolve   lead-review → resolved  lead   first_response met, resolution met",
        "                             note: \\x1b[31m::error::done",
        "",
    ]
    assert out[13] == "path: [answer, lead-review, resolved]"


def test_an_events_note_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = simulate(capsys, "noted", "--plan", str(write_plan(tmp_path, NOTED)), "--format", "json")
    result = json.loads("\n".join(out))
    assert code == 0
    assert [(row["event"], row["note"]) for row in result["run"]["trace"]] == [
        ("created", None),
        ("respond", "Asks for the  order\n number"),
        ("escalate", None),
        ("resolve", "\x1b[31m::error::done"),
    ]
    assert result["run"]["path"] == ["answer", "lead-review", "resolved"]
