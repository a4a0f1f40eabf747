"""Small hostile files, run through the real command in a subprocess with a timeout and a memory limit.

Each case is an attack that once hung planops, ate all memory, or ended in an
internal error; each must now finish well inside the timeout with the exact
outcome: exit code, and the finding (file, line, column, code) or the one-line
error. The time bound is the subprocess timeout, never a timed assertion.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from planops import limits
from tests.helpers import edit

TIMEOUT = 20
MEMORY = 2 * 1024**3
SVC, WF, TEAM, PLAN, SCN = "service.yaml", "workflows/support.yaml", "team.yaml", "plan.yaml", "scenarios/examples.yaml"
TICKET = "channel: email\ncategory: question\ncreated: 2027-01-12T09:15:00+00:00\n"


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def planops(*args: str, stdin: int | None = subprocess.DEVNULL, cwd: Path | None = None) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "planops", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_bounded,
        stdin=stdin,
        cwd=cwd,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def validate(plan_dir: Path) -> tuple[int, list[tuple[str, int, int, str]], list[str], list[str | None]]:
    code, out, err = planops("validate", "--plan", str(plan_dir), "--format", "json")
    assert err == ""
    found = json.loads(out)
    places = [
        (Path(d["path"]).resolve().relative_to(plan_dir.resolve()).as_posix(), d["line"], d["col"], d["code"])
        for d in found
    ]
    return code, places, [d["message"] for d in found], [d["hint"] for d in found]


def ones(n: int) -> str:
    return "[" + ",".join(["1"] * n) + "]"


def nested_when(size: int, depth: int, body: str = "true") -> str:
    for name in reversed("abcdefgh"[:depth]):
        body = f"{ones(size)}.all({name}, {body})"
    return body


WHEN = "when: \"ticket.category == 'outage'\""


def _write(path: str, text: str) -> Callable[[Path], None]:
    def write(plan_dir: Path) -> None:
        (plan_dir / path).write_text(text, encoding="utf-8")

    return write


def _edit(file: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda plan_dir: edit(plan_dir / file, old, new)


BIG = "x" * (1024 * 1024)
HALF = "y" * (512 * 1024)
STATES = "".join(f"  s{i:05d}:\n    on: {{go: t{i:05d}}}\n" for i in range(5000))

VALIDATE = [
    # a 9 KB when: of nested comprehensions over literal lists (it ran for hours)
    ("when-9kb", _edit(SVC, WHEN, f'when: "{nested_when(1500, 3)}"'), [(SVC, 38, 12, "expr-too-costly")]),
    # the same within 4,096 characters: two levels over long lists
    (
        "when-4kb",
        _edit(SVC, WHEN, f'when: "{nested_when(1000, 2, "a + b >= 0")}"'),
        [(SVC, 38, 12 + nested_when(1000, 2).rindex(".all") + 1, "expr-too-costly")],
    ),
    (
        "when-3-levels",
        _edit(SVC, WHEN, f'when: "{nested_when(60, 3)}"'),
        [(SVC, 38, 12 + nested_when(60, 3).rindex(".all") + 1, "expr-too-costly")],
    ),
    (
        "when-regex",
        _edit(SVC, WHEN, "when: \"ticket.subject.matches('(a{100}){100}')\""),
        [(SVC, 38, 35, "expr-too-costly")],
    ),
    # a 1 MB anchor used 300 times as names (did-you-mean ran once per alias)
    (
        "anchor-as-names",
        _write(
            "extra.yaml",
            "kind: Routing\nname: r0\nrules:\n"
            f"  - name: a\n    set: {{queue: &big {BIG}}}\n"
            + "".join(f"  - name: r{i}\n    set: {{queue: *big, workflow: *big}}\n" for i in range(150)),
        ),
        [("extra.yaml", 5, 18, "yaml-aliases")],
    ),
    # a 0.5 MB description aliased 100 times (a 199 MB site)
    (
        "description-aliased",
        _write(
            "extra.yaml",
            f"kind: Team\nname: more\ndescription: &d {HALF}\nroles:\n"
            + "".join(f"  - {{name: r{i}, title: x, tier: 1, description: *d}}\n" for i in range(100)),
        ),
        [("extra.yaml", 3, 14, "yaml-aliases")],
    ),
    # long names, each compared with every other for did-you-mean
    (
        "long-names",
        _write(
            "extra.yaml",
            "kind: Routing\nname: r0\nrules:\n"
            + "".join(f"  - name: r{i}\n    set: {{queue: {'q' * 16_000}{i}}}\n" for i in range(150)),
        ),
        [("extra.yaml", 5 + 2 * i, 18, "invalid-value") for i in range(150)],
    ),
    # 5,000 misspelled states: one hint per finding, each over every state
    (
        "misspelled-states",
        _write(
            "workflows/big.yaml",
            "kind: Workflow\nname: big\ninitial: s00000\nstates:\n" + STATES + "  done: {final: true}\n",
        ),
        None,
    ),
    # numbers and dates beyond every range
    (
        "resolution-overflow",
        _edit(SVC, "resolution: 8h}", "resolution: 99999999999h}"),
        [(SVC, 31, 44, "invalid-value")],
    ),
    ("offset-overflow", _edit(SCN, "at: +45m", "at: +99999999d"), [(SCN, 11, 10, "invalid-value")]),
    (
        "created-9999",
        _edit(SCN, "created: 2027-01-12T09:15:00+00:00", "created: 9999-12-31T20:00:00Z"),
        [(SCN, 9, 12, "scenario-created")],
    ),
    (
        "reviewed-9999",
        _edit(TEAM, "title: Support team", "title: Support team\nreviewed: 9999-12-31"),
        [(TEAM, 5, 11, "invalid-value")],
    ),
    (
        "5000-digits",
        _edit(TEAM, "headcount: 2,", "headcount: 1" + "0" * 5000 + ","),
        [(TEAM, 7, 61, "number-too-large")],  # one finding per cause: the None it becomes is not reported,
    ),
    ("amount-inf", _edit(TEAM, "monthly: 300}", "monthly: .inf}"), [(TEAM, 17, 57, "invalid-value")]),
    ("cost-nan", _edit(TEAM, "monthly_cost: 3000", "monthly_cost: .nan"), [(TEAM, 7, 78, "invalid-value")]),
    (
        "order-huge",
        _edit(SVC, "order: 1", "order: 1e400"),
        [(SVC, 28, 8, "number-too-large")],
    ),
    (
        "ticket-tags",
        _edit(SCN, "customer: {annual_value: 1200}", "customer: {annual_value: 1200}\n  tags: " + ones(100_000)),
        [(SCN, 9, 9, "ticket-value")],
    ),
]


@pytest.mark.parametrize(("name", "attack", "expected"), VALIDATE, ids=[c[0] for c in VALIDATE])
def test_validate_finishes_with_the_finding(
    plan_dir: Path, name: str, attack: Callable[[Path], None], expected: list[tuple[str, int, int, str]] | None
) -> None:
    attack(plan_dir)
    code, places, messages, hints = validate(plan_dir)
    assert code == 1
    if expected is None:  # misspelled-states: every finding, and hints while the comparison budget lasts
        assert len(places) == 15_000 and all(p[0] == "workflows/big.yaml" for p in places)
        suggested = [h for h in hints if h and h.startswith("did you mean")]
        assert suggested == [f"did you mean 's{i:05d}'?" for i in range(limits.MAX_SUGGEST_COMPARISONS // 5001)]
        return
    assert places == expected
    assert all(len(m) < 400 for m in messages)


SCENARIO = """\
kind: Scenario
name: loop-{n}
ticket: {{channel: email, category: question, created: 2027-01-12T09:15:00+00:00}}
until: +366d
expect: {{state: triage}}
"""
LOOP = """\
kind: Workflow
name: support
initial: triage
states:
  triage:
    owner: agent
    pause: [resolution]
    on: {resolve: resolved, escalate: lead-review}
    timeout: {after: 1m, event: escalate}
  lead-review:
    owner: support-lead
    pause: [first_response]
    on: {resolve: resolved, escalate: triage}
    timeout: {after: 1m, event: escalate}
  resolved:
    final: true
"""


def test_timers_looping_for_a_year_in_many_scenarios(plan_dir: Path) -> None:
    (plan_dir / WF).write_text(LOOP, encoding="utf-8")
    (plan_dir / SCN).write_text("---\n".join(SCENARIO.format(n=n) for n in range(20)), encoding="utf-8")
    code, out, _err = planops("test", "--plan", str(plan_dir))
    assert code == 1
    assert out.count(f"stopped after {limits.MAX_TIMER_EVENTS}") == 20
    code, out, _err = planops("simulate", "loop-3", "--plan", str(plan_dir))
    assert code == 1
    assert out.count("escalate (timer)") == limits.MAX_TIMER_EVENTS


def test_a_target_out_of_the_calendars_reach(plan_dir: Path, tmp_path: Path) -> None:
    edit(plan_dir / SVC, 'mon-fri: "09:00-17:30"', 'mon: "09:00-09:01"')
    (tmp_path / "ticket.yaml").write_text(TICKET, encoding="utf-8")
    message = (
        "the calendar in Europe/London does not give the time asked for within 10 years from {}; "
        "check its hours, or shorten the target or timer"
    )
    code, out, _err = planops("test", "--plan", str(plan_dir))
    assert code == 1
    assert message.format("2027-01-12") in out
    code, out, err = planops("route", str(tmp_path / "ticket.yaml"), "--plan", str(plan_dir))
    assert (code, out, err) == (1, "", f"planops route: error: {message.format('2027-01-12')}\n")


def test_a_calendar_closed_for_years(plan_dir: Path, tmp_path: Path) -> None:
    from datetime import date, timedelta

    closed = ", ".join((date(2027, 1, 1) + timedelta(days=i)).isoformat() for i in range(1200))
    edit(plan_dir / SVC, "  subdivision: ENG\n", f"  subdivision: ENG\n  dates: [{closed}]\n")
    (tmp_path / "ticket.yaml").write_text(TICKET, encoding="utf-8")
    code, out, err = planops("route", str(tmp_path / "ticket.yaml"), "--plan", str(plan_dir))
    assert (code, out) == (1, "")
    assert err == (
        "planops route: error: the calendar in Europe/London does not open in the 1098 days from "
        "2027-01-12; check its hours and holiday dates\n"
    )
    code, out, err = planops("simulate", "quick-answer", "--plan", str(plan_dir))
    assert code == 1 and "problem: the calendar in Europe/London does not open in the 1098 days" in out


ROUTE_TOO_LARGE = "is larger than 5 MB, the most planops reads for a ticket\n"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_route_reads_at_most_the_bound_of_an_endless_device(plan_dir: Path, device: str) -> None:
    code, out, err = planops("route", device, "--plan", str(plan_dir))
    assert (code, out, err) == (1, "", f"planops route: error: {device} {ROUTE_TOO_LARGE}")


def _endless(stream: object) -> None:
    try:
        while True:
            stream.write(b"a" * 65536)  # type: ignore[attr-defined]
    except (BrokenPipeError, ValueError, OSError):
        pass


def test_route_reads_at_most_the_bound_of_an_endless_pipe(plan_dir: Path) -> None:
    endless = "import sys\nwhile True:\n    sys.stdout.buffer.write(b'a' * 65536)\n"
    with subprocess.Popen([sys.executable, "-c", endless], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as feed:
        assert feed.stdout is not None
        code, out, err = planops("route", "-", "--plan", str(plan_dir), stdin=feed.stdout.fileno())
        feed.kill()
    assert (code, out, err) == (1, "", f"planops route: error: <stdin> {ROUTE_TOO_LARGE}")


def test_route_reads_at_most_the_bound_of_a_fifo(plan_dir: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "ticket.fifo"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "wb") as stream:
            _endless(stream)

    threading.Thread(target=feed, daemon=True).start()
    code, out, err = planops("route", str(fifo), "--plan", str(plan_dir))
    assert (code, out, err) == (1, "", f"planops route: error: {fifo} {ROUTE_TOO_LARGE}")


@pytest.mark.parametrize(("size", "outcome"), [(limits.MAX_FILE_BYTES, 0), (limits.MAX_FILE_BYTES + 1, 1)])
def test_route_takes_a_ticket_file_up_to_the_bound(plan_dir: Path, tmp_path: Path, size: int, outcome: int) -> None:
    ticket = tmp_path / "ticket.yaml"
    text = TICKET + "#"
    ticket.write_text(text + "x" * (size - len(text) - 1) + "\n", encoding="utf-8")
    assert ticket.stat().st_size == size
    code, _out, err = planops("route", str(ticket), "--plan", str(plan_dir))
    assert code == outcome
    assert err == ("" if outcome == 0 else f"planops route: error: {ticket} {ROUTE_TOO_LARGE}")


@pytest.mark.parametrize(
    ("ticket", "message"),
    [
        (
            "channel: email\ncreated: 9999-12-31T20:00:00Z\n",
            "ticket.created 9999-12-31T20:00:00+00:00 is outside the years 1900 to 2200 that planops computes in",
        ),
        (
            "channel: email\namount: .inf\ncreated: 2027-01-12T09:15:00+00:00\n",
            "ticket field 'amount' is inf; a number must be finite",
        ),
        (
            "channel: email\namount: 1" + "0" * 5000 + "\ncreated: 2027-01-12T09:15:00+00:00\n",
            "ticket.yaml:2:9: " + "1" + "0" * 59 + "… (5,001 characters) is too large: numbers are at most "
            "±9,007,199,254,740,991 (write an identifier in quotes, as text)",
        ),
        (
            "channel: email\ntags: " + ones(5000) + "\ncreated: 2027-01-12T09:15:00+00:00\n",
            "ticket field 'tags' holds 5,000 items; a ticket's list or mapping holds at most 1,000",
        ),
        (
            f"channel: &c {BIG}\ncategory: *c\nsubject: *c\ncustomer: {{a: *c}}\ncreated: 2027-01-12T09:15:00+00:00\n",
            "ticket.yaml:1:10: aliases of the value anchored here repeat more than 1,000,000 characters of text; "
            "write long text once, where it is used",
        ),
    ],
)
def test_route_refuses_values_out_of_range_in_one_line(
    plan_dir: Path, tmp_path: Path, ticket: str, message: str
) -> None:
    (tmp_path / "ticket.yaml").write_text(ticket, encoding="utf-8")
    code, out, err = planops("route", "ticket.yaml", "--plan", str(plan_dir), cwd=tmp_path)
    assert (code, out, err) == (1, "", f"planops route: error: {message}\n")
