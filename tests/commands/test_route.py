"""planops route: one ticket from a YAML or JSON file (or stdin) through the plan."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers.smallplan import write_plan

from planops.cli import main

TICKET = """\
channel: email
category: billing
amount: 1200.0
customer: {annual_value: 80000}
created: 2026-03-27T16:30:00+01:00
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_plan(tmp_path)


def route(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["route", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_yaml_ticket(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "ticket.yaml").write_text(TICKET)
    code, out, err = route(capsys, str(tmp_path / "ticket.yaml"), "--plan", str(folder))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "segment:            vip",
        "priority:           high",
        "queue:              billing",
        "workflow:           billing-dispute",
        "rule:               big-billing",
        "sla policy:         vip",
        "targets:            first_response 2h, next_response 4h, resolution 16h",
        "calendar:           berlin (Europe/Berlin)",
        "created:            Fri 2026-03-27 16:30 +01:00",
        "due first_response: Mon 2026-03-30 10:30 +02:00",
        "due resolution:     Tue 2026-03-31 16:30 +02:00",
    ]


def test_a_json_ticket_from_stdin_as_json(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ticket = {"channel": "chat", "category": "question", "created": "2026-03-27T16:30:00+01:00"}
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(ticket)))
    code, out, _ = route(capsys, "-", "--plan", str(folder), "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "segment": "standard",
        "priority": "normal",
        "queue": "front",
        "workflow": "general",
        "rule": "everything-else",
        "sla_policy": "standard",
        "calendar": None,
        "timezone": "UTC+01:00",
        "created": "2026-03-27T16:30:00+01:00",
        "due": {"first_response": "2026-03-28T00:30:00+01:00", "resolution": "2026-03-29T08:30:00+01:00"},
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- a\n- b\n", "a ticket is a mapping of fields (channel, category, created…), found a list"),
        ("channel: email\n", "the ticket has no 'created' (add created: 2026-03-27T16:30:00+01:00)"),
        ("channel: emial\ncreated: 2026-03-27T16:30:00+01:00\n", "unknown channel 'emial' (did you mean 'email'?)"),
        ("channel: [email\n", "ticket.yaml:2:1: did not find expected ',' or ']' while parsing a flow sequence"),
        ("a: 1\n---\nb: 2\n", "ticket.yaml holds 2 YAML documents; give exactly one ticket"),
        (
            "channel: {a: 1}\ncreated: 2026-03-27T16:30:00+01:00\n",
            "ticket 'channel' should be a name like 'email', found a mapping",
        ),
        (
            "workflow: [a]\ncreated: 2026-03-27T16:30:00+01:00\n",
            "ticket 'workflow' should be a name like 'support', found a list",
        ),
    ],
)
def test_bad_tickets_are_one_line_errors(
    folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    content: str,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("ticket.yaml").write_text(content)
    code, out, err = route(capsys, "ticket.yaml", "--plan", str(folder))
    assert (code, out, err) == (1, "", f"planops route: error: {message}\n")


def test_a_missing_ticket_file_is_a_usage_error(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = route(capsys, "nowhere.yaml", "--plan", str(folder))
    assert (code, err) == (2, "planops route: error: ticket file 'nowhere.yaml' not found\n")


def test_the_real_command_from_stdin(folder: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "planops", "route", "-", "--plan", str(folder)],
        input=TICKET,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[3] == "workflow:           billing-dispute"


def test_a_ticket_whose_segment_may_not_use_its_channel_is_refused_in_one_line(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    service = folder / "service.yaml"
    service.write_text(service.read_text().replace("name: chat\n", "name: chat\nsegments: [vip]\n"))
    (tmp_path / "ticket.yaml").write_text(TICKET.replace("channel: email", "channel: chat").replace("80000", "100"))
    code, out, err = route(capsys, str(tmp_path / "ticket.yaml"), "--plan", str(folder))
    assert (code, out) == (1, "")
    assert err == (
        "planops route: error: the ticket may not use channel 'chat': its segment is 'standard', and chat is for "
        "vip (route it to a channel its segment may use, or add the segment to the channel's segments:)\n"
    )


def test_a_ticket_whose_values_do_not_fit_the_plan_is_refused_with_each_at_its_place(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ticket = tmp_path / "ticket.yaml"
    ticket.write_text(TICKET.replace("amount: 1200.0", 'amount: "1200"').replace("80000}", "80000, tier: gold}"))
    code, out, err = route(capsys, str(ticket), "--plan", str(folder), "--snippet")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{ticket}:3:9: error[ticket-value]: ticket field 'amount' is a number, found '1200' (text) "
        "(write a number, e.g. 1200.0)",
        '    3 | amount: "1200"',
        "      |         ^",
        f"{ticket}:4:33: warning[unknown-ticket-field]: ticket field 'customer.tier' is not a known ticket field "
        "(declare it in the Plan under ticket_fields:)",
        "    4 | customer: {annual_value: 80000, tier: gold}",
        "      |                                 ^",
    ]


def test_an_unknown_field_alone_is_a_warning_and_the_ticket_is_routed(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ticket = tmp_path / "ticket.yaml"
    ticket.write_text(TICKET + "ordr_id: A-1\n")
    code, out, err = route(capsys, str(ticket), "--plan", str(folder), "--snippet")
    assert code == 0 and out.startswith("segment:")
    assert err.splitlines() == [
        f"{ticket}:6:1: warning[unknown-ticket-field]: ticket field 'ordr_id' is not a known ticket field "
        "(declare it in the Plan under ticket_fields:)",
        "    6 | ordr_id: A-1",
        "      | ^",
    ]


def test_an_integer_amount_is_read_as_a_decimal_by_the_rules(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ticket = tmp_path / "ticket.yaml"
    ticket.write_text(TICKET.replace("amount: 1200.0", "amount: 1200"))
    code, out, _ = route(capsys, str(ticket), "--plan", str(folder), "--format", "json")
    same = tmp_path / "same.yaml"
    same.write_text(TICKET)
    assert code == 0 and json.loads(out) == json.loads(
        route(capsys, str(same), "--plan", str(folder), "--format", "json")[1]
    )


def test_no_snippet_gives_one_line_per_ticket_finding(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ticket = tmp_path / "ticket.yaml"
    ticket.write_text(TICKET + "ordr_id: A-1\n")
    code, out, err = route(capsys, str(ticket), "--plan", str(folder), "--no-snippet")
    assert code == 0 and out.startswith("segment:")
    assert err.splitlines() == [
        f"{ticket}:6:1: warning[unknown-ticket-field]: ticket field 'ordr_id' is not a known ticket field "
        "(declare it in the Plan under ticket_fields:)",
    ]
