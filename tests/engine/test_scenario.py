"""Checking scenarios: every expectation, compared as users mean it, and the failure text."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import edit
from tests.helpers.smallplan import load, scenario, write_plan

from planops.engine import Engine, Mismatch, Outcome
from planops.model import Scenario
from planops.output.scenarios import failure_text, outcome_dict
from planops.plan import CompiledPlan

MONDAY = "2026-03-02T09:00:00+01:00"


def check(tmp_path: Path, doc: str) -> Outcome:
    plan = load(write_plan(tmp_path, doc))
    return Engine.for_plan(plan).check(next(iter(plan.scenarios.values())))


def test_every_expectation_that_holds_passes(tmp_path: Path) -> None:
    outcome = check(
        tmp_path,
        scenario(
            "ok",
            created=MONDAY,
            category="billing",
            amount=900.0,
            value=80000,
            until="+1d",
            events="[{at: +30m, do: respond}, {at: +1h, do: escalate}, {at: +2h, do: approve}]",
            expect="{segment: vip, priority: high, queue: billing, workflow: billing-dispute, sla_policy: vip, "
            "path: [triage, manager-approval, resolved], state: resolved, owner: billing-manager, "
            "sla: {first_response: met, resolution: met}, "
            "due: {first_response: '2026-03-02T11:00:00+01:00', resolution: '2026-03-03T17:00:00+01:00'}}",
        ),
    )
    assert outcome.passed, (outcome.problems, outcome.mismatches)
    assert (outcome.path.endswith("scenarios/main.yaml"), outcome.line) == (True, 2)


def test_due_times_are_instants_whatever_the_offset_written(tmp_path: Path) -> None:
    outcome = check(
        tmp_path, scenario("utc", created=MONDAY, until="+1h", expect="{due: {first_response: '2026-03-02T16:00:00Z'}}")
    )
    assert outcome.passed, outcome.mismatches


def test_a_due_time_in_the_repeated_hour_of_the_autumn_change(tmp_path: Path) -> None:
    # a standard chat has no calendar: every hour counts. 19:00+02:00 + 8h = 01:00 UTC = 02:00+01:00,
    # the second 02:00 of that night (Python compares such times across zones as unequal)
    doc = """
        kind: Scenario
        name: fold
        ticket: {channel: chat, created: 2026-10-24T19:00:00+02:00, customer: {annual_value: 10}}
        expect: {due: {first_response: 2026-10-25T02:00:00+01:00}}
        """
    outcome = check(tmp_path, doc)
    assert outcome.passed, outcome.mismatches


def test_failure_text_shows_expected_and_actual_per_key_and_the_trace(tmp_path: Path) -> None:
    outcome = check(
        tmp_path,
        scenario(
            "wrong",
            created="2026-03-27T16:30:00+01:00",
            category="billing",
            amount=1200.0,
            value=80000,
            events="[{at: +30m, do: respond}, {at: +1h, do: escalate}]",
            until="+5d",
            expect="{priority: urgent, state: billing-review, path: [billing-review], sla: {first_response: breached},"
            " due: {first_response: '2026-03-30T11:30:00+02:00'}}",
        ),
    )
    assert not outcome.passed
    assert [m.key for m in outcome.mismatches] == [
        "priority",
        "path",
        "state",
        "sla.first_response",
        "due.first_response",
    ]
    text = failure_text(outcome).replace(outcome.path, "main.yaml")
    assert text.splitlines() == [
        "scenario 'wrong' failed (main.yaml:2)",
        "  priority: expected urgent, got high",
        "  path: expected [billing-review], got [triage, manager-approval]",
        "  state: expected billing-review, got manager-approval",
        "  sla.first_response: expected breached, got met",
        "  due.first_response: expected 2026-03-30T11:30:00+02:00, got 2026-03-30T10:30:00+02:00",
        "  trace (times in Europe/Berlin):",
        "    at                           event     from → to                  owner            SLA clocks",
        "    Fri 2026-03-27 16:30 +01:00  created   → triage                   agent            "
        "first_response due Mon 03-30 10:30, resolution due Tue 03-31 16:30",
        "    Fri 2026-03-27 17:00 +01:00  respond   triage (stays)             agent            "
        "first_response met, resolution due Tue 03-31 16:30",
        "    Fri 2026-03-27 17:30 +01:00  escalate  triage → manager-approval  billing-manager  "
        "first_response met, resolution due Tue 03-31 16:30",
    ]


def test_a_ticket_the_plan_cannot_route_fails_with_the_reason(tmp_path: Path) -> None:
    plan = load(write_plan(tmp_path, scenario("s", created=MONDAY)))
    broken = plan.scenarios["s"].model_copy(update={"ticket": {"channel": "email"}})
    outcome = _check(plan, broken)
    assert outcome.problems == ("the ticket has no 'created' (add created: 2026-03-27T16:30:00+01:00)",)
    assert outcome.run is None and not outcome.passed
    assert failure_text(outcome).splitlines()[1] == (
        "  the ticket has no 'created' (add created: 2026-03-27T16:30:00+01:00)"
    )


def test_events_out_of_order_are_a_problem(tmp_path: Path) -> None:
    plan = load(write_plan(tmp_path, scenario("s", created=MONDAY, events="[{at: +2h, do: respond}]")))
    doc = plan.scenarios["s"]
    earlier = doc.events[0].model_copy(update={"at": doc.events[0].at / 2})
    later = doc.model_copy(update={"events": (*doc.events, earlier)})
    assert _check(plan, later).problems == (
        "event 'respond' at 2026-03-02T10:00:00+01:00 comes before the event above it (2026-03-02T11:00:00+01:00); "
        "list events in time order",
    )


def test_an_unaccepted_event_fails_without_comparing_expectations(tmp_path: Path) -> None:
    outcome = check(
        tmp_path, scenario("s", created=MONDAY, events="[{at: +1h, do: reassign}]", expect="{state: resolved}")
    )
    assert outcome.mismatches == () and len(outcome.problems) == 1
    assert (
        "is not accepted in state 'answer' (it accepts: resolve, escalate, respond, customer_reply)"
        in (outcome.problems[0])
    )


def _check(plan: CompiledPlan, doc: Scenario) -> Outcome:
    # a scenario made in the test has no place in a file: borrow the one it was copied from
    engine = Engine.for_plan(plan)
    engine._places[id(doc)] = ("main.yaml", 1)
    return engine.check(doc)


def test_checking_many_at_once_gives_the_outcomes_of_checking_one_by_one(tmp_path: Path) -> None:
    plan = load(
        write_plan(
            tmp_path,
            scenario("passes", created=MONDAY, events="[{at: +30m, do: respond}]", expect="{state: answer}"),
            scenario(
                "mismatches",
                created=MONDAY,
                category="billing",
                amount=1200.0,
                value=80000,
                events="[{at: +1h, do: escalate}]",
                expect="{priority: urgent, state: resolved}",
            ),
            scenario("unaccepted", created=MONDAY, events="[{at: +1h, do: reassign}]"),
            scenario(
                "timers",
                created="2026-03-27T16:30:00+01:00",
                category="billing",
                amount=50.0,
                until="+5d",
                expect="{sla: {first_response: breached}}",
            ),
        )
    )
    docs = list(plan.scenarios.values())
    broken = docs[0].model_copy(update={"name": "unroutable", "ticket": {"channel": "email"}})
    disordered = docs[0].model_copy(update={"name": "disordered", "until": docs[0].events[0].at / 2})
    docs += [broken, disordered]
    engine = Engine.for_plan(plan)
    for doc in (broken, disordered):
        engine._places[id(doc)] = ("main.yaml", 1)

    def seen(o: Outcome) -> tuple[object, ...]:
        return (o.name, o.passed, o.mismatches, o.problems, o.run and (o.run.state, o.run.path, o.run.sla))

    together = [seen(o) for o in engine.check_many(docs)]
    assert together == [seen(engine.check(doc)) for doc in docs]
    assert [name for name, passed, *_ in together if passed] == ["passes", "timers"]
    assert together[4][3] == ("the ticket has no 'created' (add created: 2026-03-27T16:30:00+01:00)",)
    assert together[5][3] == (
        "until: 2026-03-02T09:15:00+01:00 comes before the last event (2026-03-02T09:30:00+01:00)",
    )


def test_an_event_before_created_is_a_problem(tmp_path: Path) -> None:
    plan = load(write_plan(tmp_path, scenario("s", created=MONDAY, events="[{at: +2h, do: respond}]")))
    doc = plan.scenarios["s"]
    early = doc.model_copy(update={"events": (doc.events[0].model_copy(update={"at": -doc.events[0].at / 2}),)})
    assert _check(plan, early).problems == (
        "event 'respond' at 2026-03-02T08:00:00+01:00 comes before the ticket was created",
    )


def test_a_scenario_is_read_once_and_a_changed_copy_is_read_anew(tmp_path: Path) -> None:
    plan = load(write_plan(tmp_path, scenario("s", created=MONDAY, events="[{at: +2h, do: respond}]")))
    engine = Engine.for_plan(plan)
    doc = plan.scenarios["s"]
    assert engine.prepared(doc) is engine.prepared(doc)
    later = doc.model_copy(update={"ticket": {**doc.ticket, "created": "2026-03-03T09:00:00+01:00"}})
    assert engine.prepared(later).created.isoformat() == "2026-03-03T08:00:00+00:00"
    assert engine.prepared(doc).created.isoformat() == "2026-03-02T08:00:00+00:00"


def test_a_path_written_without_its_initial_state_says_how_to_write_it(tmp_path: Path) -> None:
    events = "[{at: +1h, do: escalate}, {at: +2h, do: resolve}]"
    outcome = check(tmp_path, scenario("old", created=MONDAY, events=events, expect="{path: [lead-review, resolved]}"))
    assert outcome.mismatches == (
        Mismatch(
            "path",
            ("lead-review", "resolved"),
            ("answer", "lead-review", "resolved"),
            "path now starts with the initial state 'answer': write [answer, lead-review, resolved]",
        ),
    )
    assert failure_text(outcome).splitlines()[1] == (
        "  path: expected [lead-review, resolved], got [answer, lead-review, resolved] "
        "(path now starts with the initial state 'answer': write [answer, lead-review, resolved])"
    )
    assert outcome_dict(outcome)["mismatches"] == [
        {
            "key": "path",
            "expected": ["lead-review", "resolved"],
            "actual": ["answer", "lead-review", "resolved"],
            "hint": "path now starts with the initial state 'answer': write [answer, lead-review, resolved]",
        }
    ]


def test_an_empty_path_of_a_ticket_that_never_moved_gets_the_hint_too(tmp_path: Path) -> None:
    outcome = check(tmp_path, scenario("old", created=MONDAY, expect="{path: []}"))
    assert [m.hint for m in outcome.mismatches] == ["path now starts with the initial state 'answer': write [answer]"]


def test_a_path_that_is_simply_different_gets_no_hint(tmp_path: Path) -> None:
    events = "[{at: +1h, do: escalate}]"
    outcome = check(tmp_path, scenario("s", created=MONDAY, events=events, expect="{path: [answer, resolved]}"))
    assert [(m.actual, m.hint) for m in outcome.mismatches] == [(("answer", "lead-review"), None)]
    assert outcome_dict(outcome)["mismatches"] == [
        {"key": "path", "expected": ["answer", "resolved"], "actual": ["answer", "lead-review"]}
    ]


REFUSED = (
    "the ticket may not use channel 'email': its segment is 'standard', and email is for vip "
    "(route it to a channel its segment may use, or add the segment to the channel's segments:)"
)


def _vip_email(tmp_path: Path, *docs: str) -> CompiledPlan:
    folder = write_plan(tmp_path, *docs)
    edit(folder / "service.yaml", "name: email\n", "name: email\nsegments: [vip]\n")
    return load(folder)


def test_a_ticket_whose_segment_may_not_use_its_channel_fails_naming_the_channel(tmp_path: Path) -> None:
    plan = _vip_email(tmp_path, scenario("s", created=MONDAY, expect="{segment: standard}"))
    outcome = Engine.for_plan(plan).check(plan.scenarios["s"])
    assert (outcome.passed, outcome.problems, outcome.run) == (False, (REFUSED,), None)


def test_a_scenario_may_expect_the_refusal(tmp_path: Path) -> None:
    plan = _vip_email(
        tmp_path,
        scenario("refused", created=MONDAY, expect="{refused: true}"),
        scenario("taken", created=MONDAY, value=80000, expect="{refused: true}"),
    )
    refused, taken = Engine.for_plan(plan).check_many(plan.scenarios.values())
    assert (refused.passed, refused.problems, refused.mismatches) == (True, (), ())
    assert taken.problems == () and [(m.key, m.expected, m.actual) for m in taken.mismatches] == [
        ("refused", True, False)
    ]
