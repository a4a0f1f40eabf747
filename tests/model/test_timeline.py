"""The scenario timeline rules (created, order, span): one wording for validate findings and engine errors."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from tests.helpers import edit, where

from planops.engine import Engine
from planops.model.scenario import Step
from planops.model.timeline import CreatedError, out_of_order, parse_created
from planops.pipeline import check_plan

STARTER = Path(__file__).resolve().parents[2] / "src" / "planops" / "starter" / "plan"
SCN = "scenarios/examples.yaml"
EXAMPLE = "2026-03-27T16:30:00+01:00"
CREATED = "created: 2027-01-12T09:15:00+00:00"
LAST = "  - {at: +1h, do: resolve}\nexpect:"
ORDER = "list events in time order"
SPAN = "is more than 366 days after the ticket was created; a scenario covers at most that (split it into several)"

# (old, new) in the starter's first scenario (created 09:15 UTC, events +45m respond, +1h resolve),
# and its findings: (line, col, code, message). The engine must raise the first message, word for word.
CASES = [
    (
        "{at: +1h, do: resolve}",
        "{at: +30m, do: resolve}",
        [
            (
                12,
                10,
                "event-order",
                f"event 'resolve' at 2027-01-12T09:45:00+00:00 comes before the event above it "
                f"(2027-01-12T10:00:00+00:00); "
                f"{ORDER}",
            )
        ],
    ),
    (
        "{at: +45m, do: respond}",
        "{at: 2027-01-12T08:00:00Z, do: respond}",
        [(11, 10, "event-order", "event 'respond' at 2027-01-12T08:00:00+00:00 comes before the ticket was created")],
    ),
    (
        "  - {at: +45m, do: respond}\n  - {at: +1h, do: resolve}",
        "  - {at: +2h, do: respond}\n  - {at: +30m, do: respond}\n  - {at: +1h, do: resolve}",
        [
            (
                12,
                10,
                "event-order",
                "event 'respond' at 2027-01-12T09:45:00+00:00 comes before the event above it "
                f"(2027-01-12T11:15:00+00:00); {ORDER}",
            ),
            (
                13,
                10,
                "event-order",
                "event 'resolve' at 2027-01-12T10:15:00+00:00 comes before the event above it "
                f"(2027-01-12T11:15:00+00:00); {ORDER}",
            ),
        ],
    ),
    (
        LAST,
        LAST.replace("expect:", "until: +30m\nexpect:"),
        [
            (
                13,
                8,
                "event-order",
                "until: 2027-01-12T09:45:00+00:00 comes before the last event (2027-01-12T10:15:00+00:00)",
            )
        ],
    ),
    (
        LAST,
        LAST.replace("expect:", "until: 2027-01-12T08:00:00Z\nexpect:"),
        [(13, 8, "event-order", "until: 2027-01-12T08:00:00+00:00 comes before the ticket was created")],
    ),
    (
        "{at: +1h, do: resolve}",
        "{at: 2028-02-01T00:00:00Z, do: resolve}",
        [(12, 10, "scenario-span", f"event 'resolve' at 2028-02-01T00:00:00+00:00 {SPAN}")],
    ),
    (
        LAST,
        LAST.replace("expect:", "until: 2028-02-01T00:00:00Z\nexpect:"),
        [(13, 8, "scenario-span", f"until: 2028-02-01T00:00:00+00:00 {SPAN}")],
    ),
    (f"  {CREATED}\n", "", [(5, 1, "scenario-created", f"the ticket has no 'created' (add created: {EXAMPLE})")]),
    (
        CREATED,
        "created: friday",
        [
            (
                9,
                12,
                "scenario-created",
                f"ticket.created should be a timestamp with an offset like {EXAMPLE}, found 'friday'",
            )
        ],
    ),
    (
        CREATED,
        "created: 12",
        [(9, 12, "scenario-created", f"ticket.created should be a timestamp with an offset like {EXAMPLE}, found 12")],
    ),
    (
        CREATED,
        "created: 2027-01-12T09:15:00",
        [
            (
                9,
                12,
                "scenario-created",
                f"ticket.created '2027-01-12T09:15:00' has no UTC offset (write it like {EXAMPLE})",
            )
        ],
    ),
    (
        CREATED,
        "created: 2201-01-01T00:00:00Z",
        [
            (
                9,
                12,
                "scenario-created",
                "ticket.created 2201-01-01T00:00:00+00:00 is outside the years 1900 to 2200 that planops computes in",
            )
        ],
    ),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("clean") / "plan"
    shutil.copytree(STARTER, folder)
    plan, found = check_plan(folder)
    assert [d for d in found if d.code in ("event-order", "scenario-created")] == []
    return Engine.for_plan(plan)


@pytest.mark.parametrize(("old", "new", "expected"), CASES)
def test_validate_and_the_engine_say_the_same_words(
    tmp_path: Path, engine: Engine, old: str, new: str, expected: list[tuple[int, int, str, str]]
) -> None:
    folder = tmp_path / "plan"
    shutil.copytree(STARTER, folder)
    edit(folder / SCN, old, new)
    plan, found = check_plan(folder)
    ours = [
        (d, w)
        for d, w in zip(found, where(found, folder), strict=True)
        if d.code in ("event-order", "scenario-created", "scenario-span")
    ]
    assert [(w[1], w[2], w[3], d.message) for d, w in ours] == expected
    assert all(w[0] == SCN for _d, w in ours)
    # the same scenario run by the engine of the clean plan (its calendar is in London: +00:00 in January)
    doc = plan.scenarios["quick-answer"]
    engine._places[id(doc)] = (SCN, 1)
    assert engine.check(doc).problems == (expected[0][3],)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, f"the ticket has no 'created' (add created: {EXAMPLE})"),
        ("", f"ticket.created should be a timestamp with an offset like {EXAMPLE}, found ''"),
        ([EXAMPLE], f"ticket.created should be a timestamp with an offset like {EXAMPLE}, found ['{EXAMPLE}']"),
        (
            "x" * 200,
            f"ticket.created should be a timestamp with an offset like {EXAMPLE}, found '"
            + "x" * 59
            + "… (202 characters)",
        ),
        (
            datetime(2026, 3, 27, 16, 30),
            f"ticket.created datetime.datetime(2026, 3, 27, 16, 30) has no UTC offset (write it like {EXAMPLE})",
        ),
        (
            "1899-12-31T23:59:59+00:00",
            "ticket.created 1899-12-31T23:59:59+00:00 is outside the years 1900 to 2200 that planops computes in",
        ),
        (
            datetime(9999, 12, 31, tzinfo=UTC),
            "ticket.created 9999-12-31T00:00:00+00:00 is outside the years 1900 to 2200 that planops computes in",
        ),
    ],
)
def test_created_that_cannot_run_says_why(value: object, message: str) -> None:
    with pytest.raises(CreatedError) as error:
        parse_created(value)
    assert str(error.value) == message
    assert isinstance(error.value, ValueError)


def test_created_keeps_its_offset() -> None:
    assert parse_created(EXAMPLE) == datetime(2026, 3, 27, 16, 30, tzinfo=timezone(timedelta(hours=1)))
    assert parse_created(EXAMPLE).utcoffset() == timedelta(hours=1)
    assert parse_created(datetime(2200, 12, 31, tzinfo=UTC)).year == 2200


def _steps(*at: timedelta | datetime) -> tuple[Step, ...]:
    return tuple(Step(at=a, do=f"e{i}") for i, a in enumerate(at))


CREATED_AT = datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=1)))
H = timedelta(hours=1)


def test_events_in_time_order_and_an_until_after_them_are_in_order() -> None:
    same_instant_elsewhere = CREATED_AT.astimezone(UTC) + 2 * H
    assert list(out_of_order(_steps(0 * H, H, same_instant_elsewhere, 2 * H), 3 * H, CREATED_AT)) == []
    assert list(out_of_order((), None, CREATED_AT)) == []
    assert list(out_of_order((), 0 * H, CREATED_AT)) == []


def test_every_event_before_the_latest_above_it_is_out_of_order() -> None:
    found = list(out_of_order(_steps(3 * H, H, 2 * H, 4 * H), None, CREATED_AT))
    assert [(p.path, p.message()) for p in found] == [
        (
            ("events", 1, "at"),
            "event 'e1' at 2026-03-02T10:00:00+01:00 comes before the event above it "
            f"(2026-03-02T12:00:00+01:00); {ORDER}",
        ),
        (
            ("events", 2, "at"),
            "event 'e2' at 2026-03-02T11:00:00+01:00 comes before the event above it "
            f"(2026-03-02T12:00:00+01:00); {ORDER}",
        ),
    ]


def test_times_are_shown_in_the_zone_asked_for() -> None:
    early = CREATED_AT - H
    [problem] = out_of_order(_steps(early), None, CREATED_AT)
    assert problem.message() == "event 'e0' at 2026-03-02T08:00:00+01:00 comes before the ticket was created"
    assert problem.message(UTC) == "event 'e0' at 2026-03-02T07:00:00+00:00 comes before the ticket was created"


def test_an_until_before_the_last_event_or_before_created_is_out_of_order() -> None:
    [before_last] = out_of_order(_steps(H, 2 * H), H, CREATED_AT)
    assert (before_last.path, before_last.message()) == (
        ("until",),
        "until: 2026-03-02T10:00:00+01:00 comes before the last event (2026-03-02T11:00:00+01:00)",
    )
    [before_created] = out_of_order((), CREATED_AT - H, CREATED_AT)
    assert before_created.message() == "until: 2026-03-02T08:00:00+01:00 comes before the ticket was created"
