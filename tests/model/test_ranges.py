"""Every number and date a plan holds has a documented range, enforced with a finding at its place.

Each case edits the starter plan (``old`` → ``new``) and names the one finding
it must give: (file, line, column, code) and its message, which says the range.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import edit, findings, where

SVC, WF, TEAM, PLAN, SCN = "service.yaml", "workflows/support.yaml", "team.yaml", "plan.yaml", "scenarios/examples.yaml"

LONGER = "is longer than durations may be: at most 8784h (366 days)"
YEARS = "is outside the years 1900 to 2200 that planops computes in"
LE, GE = "input should be less than or equal to", "input should be greater than or equal to"
FINITE = "input should be a finite number"
TARGET = (
    "is out of range for a target: give a number from -1,000,000,000,000 to 1,000,000,000,000, or a duration like 8h"
)
INTEGER = "is too large: numbers are at most ±9,007,199,254,740,991 (write an identifier in quotes, as text)"
SPAN = "is more than 366 days after the ticket was created; a scenario covers at most that (split it into several)"
ITEMS = "items; a ticket's list or mapping holds at most 1,000"
A101 = "a" * 60 + "… (101 characters)"

CASES = [
    # durations: SLA targets, channel promises, timers, KPI targets, scenario offsets
    (SVC, "resolution: 8h}", "resolution: 99999999999h}", (SVC, 31, 44, "invalid-value"), f"'99999999999h' {LONGER}"),
    (SVC, "resolution: 8h}", "resolution: 8785h}", (SVC, 31, 44, "invalid-value"), f"'8785h' {LONGER}"),
    (SVC, "resolution: 8h}", "resolution: 367d}", (SVC, 31, 44, "invalid-value"), f"'367d' {LONGER}"),
    (
        SVC,
        "resolution: 8h}",
        "resolution: 1" + "0" * 40 + "s}",
        (SVC, 31, 44, "invalid-value"),
        "'1" + "0" * 40 + f"s' {LONGER}",
    ),
    (SVC, "resolution: 8h}", "resolution: P99999999D}", (SVC, 31, 44, "invalid-value"), f"'P99999999D' {LONGER}"),
    (SVC, "resolution: 8h}", "resolution: PT8785H}", (SVC, 31, 44, "invalid-value"), f"'PT8785H' {LONGER}"),
    (
        SVC,
        "resolution: 8h}",
        "resolution: P-1D}",
        (SVC, 31, 44, "invalid-value"),
        "'P-1D' is not a duration like '30m', '4h', '1h30m' or 'PT4H'",
    ),
    (
        SVC,
        "targets: {first_response: 8h}",
        "targets: {first_response: 400d}",
        (SVC, 23, 27, "invalid-value"),
        f"'400d' {LONGER}",
    ),
    (WF, "after: 1h", "after: 99999999999h", (WF, 13, 22, "invalid-value"), f"'99999999999h' {LONGER}"),
    (PLAN, "target: {max: 8h}", "target: {max: 10000h}", (PLAN, 22, 15, "invalid-value"), f"'10000h' {LONGER}"),
    (SCN, "at: +45m", "at: +99999999d", (SCN, 11, 10, "invalid-value"), f"'99999999d' {LONGER}"),
    (SCN, "until: +4d", "until: +367d", (SCN, 28, 8, "invalid-value"), f"'367d' {LONGER}"),
    # dates and timestamps
    (PLAN, "effective: 2027-01-01", "effective: 9999-12-31", (PLAN, 6, 12, "invalid-value"), f"9999-12-31 {YEARS}"),
    (PLAN, "effective: 2027-01-01", "effective: 1899-12-31", (PLAN, 6, 12, "invalid-value"), f"1899-12-31 {YEARS}"),
    (PLAN, "effective: 2027-01-01", "effective: 0001-01-01", (PLAN, 6, 12, "invalid-value"), f"0001-01-01 {YEARS}"),
    (
        PLAN,
        "owner: support-lead\nreview",
        "owner: support-lead\nreviewed: 9999-12-31\nreview",
        (PLAN, 8, 11, "invalid-value"),
        f"9999-12-31 {YEARS}",
    ),
    (
        TEAM,
        "title: Support team",
        "title: Support team\nreviewed: 2201-01-01",
        (TEAM, 5, 11, "invalid-value"),
        f"2201-01-01 {YEARS}",
    ),
    (
        SVC,
        "  subdivision: ENG",
        "  subdivision: ENG\n  dates: [2027-12-24, 9999-12-31]",
        (SVC, 11, 23, "invalid-value"),
        f"9999-12-31 {YEARS}",
    ),
    (
        SCN,
        "due: {first_response: 2027-01-18T14:30:00+00:00}",
        "due: {first_response: 9999-12-31T14:30:00+00:00}",
        (SCN, 35, 25, "invalid-value"),
        f"9999-12-31T14:30:00+00:00 {YEARS}",
    ),
    (
        SCN,
        "{at: +1h, do: resolve}",
        "{at: 9999-12-31T23:00:00Z, do: resolve}",
        (SCN, 12, 10, "invalid-value"),
        f"9999-12-31T23:00:00+00:00 {YEARS}",
    ),
    (
        SCN,
        "created: 2027-01-12T09:15:00+00:00",
        "created: 9999-12-31T20:00:00Z",
        (SCN, 9, 12, "scenario-created"),
        f"ticket.created 9999-12-31T20:00:00+00:00 {YEARS}",
    ),
    (
        SCN,
        "created: 2027-01-12T09:15:00+00:00",
        "created: 1800-01-01T00:00:00+00:00",
        (SCN, 9, 12, "scenario-created"),
        f"ticket.created 1800-01-01T00:00:00+00:00 {YEARS}",
    ),
    (
        SCN,
        "{at: +1h, do: resolve}",
        "{at: 2028-01-14T09:15:00+00:00, do: resolve}",
        (SCN, 12, 10, "scenario-span"),
        f"event 'resolve' at 2028-01-14T09:15:00+00:00 {SPAN}",
    ),
    (
        SCN,
        "until: +4d",
        "until: 2028-02-01T00:00:00Z",
        (SCN, 28, 8, "scenario-span"),
        f"until: 2028-02-01T00:00:00+00:00 {SPAN}",
    ),
    # money, headcount and KPI amounts
    (
        TEAM,
        "headcount: 2,",
        "headcount: 1e7,",
        (TEAM, 7, 61, "invalid-value"),
        f"'headcount': {LE} 1000000, found 10000000.0 (a number)",
    ),
    (
        TEAM,
        "headcount: 2,",
        "headcount: .inf,",
        (TEAM, 7, 61, "invalid-value"),
        f"'headcount': {FINITE}, found inf (a number)",
    ),
    (
        TEAM,
        "headcount: 2,",
        "headcount: .nan,",
        (TEAM, 7, 61, "invalid-value"),
        f"'headcount': {FINITE}, found nan (a number)",
    ),
    (
        TEAM,
        "monthly_cost: 3000",
        "monthly_cost: 1e13",
        (TEAM, 7, 78, "invalid-value"),
        f"'monthly_cost': {LE} 1000000000000, found 10000000000000.0 (a number)",
    ),
    (
        TEAM,
        "monthly_cost: 3000",
        "monthly_cost: .inf",
        (TEAM, 7, 78, "invalid-value"),
        f"'monthly_cost': {FINITE}, found inf (a number)",
    ),
    (
        TEAM,
        "monthly: 300}",
        "monthly: 1e308}",
        (TEAM, 17, 57, "invalid-value"),
        f"'monthly': {LE} 1000000000000, found 1e+308 (a number)",
    ),
    (
        TEAM,
        "monthly: 300}",
        "monthly: -.inf}",
        (TEAM, 17, 57, "invalid-value"),
        f"'monthly': {FINITE}, found -inf (a number)",
    ),
    (
        TEAM,
        "monthly_limit: 11000",
        "monthly_limit: .nan",
        (TEAM, 15, 16, "invalid-value"),
        f"'monthly_limit': {FINITE}, found nan (a number)",
    ),
    (
        TEAM,
        "monthly_limit: 11000",
        "monthly_limit: 1000000000001",
        (TEAM, 15, 16, "invalid-value"),
        f"'monthly_limit': {LE} 1000000000000, found 1000000000001 (a number)",
    ),
    (
        PLAN,
        "target: {min: 4.5}",
        "target: {min: .nan}",
        (PLAN, 30, 15, "invalid-value"),
        f"'min': {FINITE}, found nan (a number)",
    ),
    (
        PLAN,
        "target: {min: 4.5}",
        "target: {min: -1e13}",
        (PLAN, 30, 15, "invalid-value"),
        f"'min': {GE} -1000000000000, found -10000000000000.0 (a number)",
    ),
    (PLAN, "target: {max: 8h}", "target: {max: 1e13}", (PLAN, 22, 15, "invalid-value"), f"10000000000000.0 {TARGET}"),
    (PLAN, "target: {max: 8h}", "target: {max: .inf}", (PLAN, 22, 15, "invalid-value"), f"inf {TARGET}"),
    # order, version, names
    (
        SVC,
        "order: 1",
        "order: 1000001",
        (SVC, 28, 8, "invalid-value"),
        f"'order': {LE} 1000000, found 1000001 (a number)",
    ),
    (
        SVC,
        "order: 1",
        "order: -1000001",
        (SVC, 28, 8, "invalid-value"),
        f"'order': {GE} -1000000, found -1000001 (a number)",
    ),
    (
        SVC,
        "order: 1",
        "order: 99999999999999999999",
        (SVC, 28, 8, "number-too-large"),
        f"99999999999999999999 {INTEGER}",
    ),
    (
        PLAN,
        'version: "2027.1"',
        'version: "' + "9" * 33 + '"',
        (PLAN, 5, 10, "invalid-value"),
        "'version': string should have at most 32 characters, found '" + "9" * 33 + "' (text)",
    ),
    (
        PLAN,
        'version: "2027.1"',
        'version: ""',
        (PLAN, 5, 10, "invalid-value"),
        "'version': string should have at least 1 character, found '' (text)",
    ),
    (
        TEAM,
        "{name: agent,",
        "{name: " + "a" * 101 + ",",
        (TEAM, 7, 12, "invalid-value"),
        f"'name': string should have at most 100 characters, found '{A101}' (text)",
    ),
    (
        WF,
        "owner: agent",
        "owner: " + "a" * 101,
        (WF, 9, 12, "invalid-value"),
        f"'owner': string should have at most 100 characters, found '{A101}' (text)",
    ),
    (
        WF,
        "  lead-review:",
        "  " + "l" * 101 + ":",
        (WF, 14, 3, "invalid-value"),
        "'" + "l" * 60 + "… (101 characters)' is not allowed as a key in 'states'",
    ),
    (
        SCN,
        "  - {at: +1h, do: resolve}\n",
        "  - {at: +1h, do: respond}\n" * 1000 + "  - {at: +1h, do: resolve}\n",
        (SCN, 11, 3, "invalid-value"),
        "'events': tuple should have at most 1000 items after validation, not 1002, found a list",
    ),
    # scenario ticket values
    (
        SCN,
        "customer: {annual_value: 1200}",
        "customer: {annual_value: .inf}",
        (SCN, 8, 28, "ticket-value"),
        "ticket field 'customer.annual_value' is inf; a number must be finite",
    ),
    (
        SCN,
        "customer: {annual_value: 1200}",
        "customer: {annual_value: .nan}",
        (SCN, 8, 28, "ticket-value"),
        "ticket field 'customer.annual_value' is nan; a number must be finite",
    ),
    (
        SCN,
        "customer: {annual_value: 1200}",
        "customer: {annual_value: 1" + "0" * 5000 + "}",
        (SCN, 8, 28, "number-too-large"),
        "1" + "0" * 59 + f"… (5,001 characters) {INTEGER}",
    ),
    (
        SCN,
        "customer: {annual_value: 1200}",
        "customer: {annual_value: 1200}\n  tags: [" + ", ".join("a" * 1001) + "]",
        (SCN, 9, 9, "ticket-value"),
        f"ticket field 'tags' holds 1,001 {ITEMS}",
    ),
    (
        SCN,
        "customer: {annual_value: 1200}",
        "customer: {annual_value: 1200, notes: {" + ", ".join(f"k{i}: 1" for i in range(1001)) + "}}",
        (SCN, 8, 41, "ticket-value"),
        f"ticket field 'customer.notes' holds 1,001 {ITEMS}",
    ),
    (
        SCN,
        "customer: {annual_value: 1200}",
        "customer: {annual_value: 1200}\n  tags: [[1, 2], [3, .inf]]",
        (SCN, 9, 22, "ticket-value"),
        "ticket field 'tags[1][1]' is inf; a number must be finite",
    ),
]
FOLLOW_ON = {"missing-plan", "wrong-type"}
"""Findings that follow from another one (a broken Plan document; a refused number read as null)."""


@pytest.mark.parametrize(
    ("file", "old", "new", "expected", "message"), CASES, ids=[f"{c[3][3]}-{i}" for i, c in enumerate(CASES)]
)
def test_out_of_range_at_its_place(
    plan_dir: Path, file: str, old: str, new: str, expected: tuple[str, int, int, str], message: str
) -> None:
    edit(plan_dir / file, old, new)
    found = [
        (w, d.message)
        for w, d in zip(where(findings(plan_dir), plan_dir), findings(plan_dir), strict=True)
        if w[3] not in FOLLOW_ON
    ]
    assert found == [(expected, message)]


AT_THE_BOUND = [
    (SVC, "resolution: 8h}", "resolution: 8784h}"),
    (SVC, "resolution: 8h}", "resolution: 366d}"),
    (PLAN, "effective: 2027-01-01", "effective: 2200-12-31"),
    (PLAN, "owner: support-lead\nreview", "owner: support-lead\nreviewed: 1900-01-01\nreview"),
    (TEAM, "headcount: 2,", "headcount: 1000000,"),
    (TEAM, "monthly_limit: 11000", "monthly_limit: 1000000000000"),
    (SVC, "order: 1", "order: -1000000"),
    (PLAN, 'version: "2027.1"', 'version: "' + "9" * 32 + '"'),
    (PLAN, "target: {min: 4.5}", "target: {min: -1000000000000}"),
    (SCN, "{at: +1h, do: resolve}", "{at: +366d, do: resolve}"),
    (SCN, "customer: {annual_value: 1200}", "customer: {annual_value: 9007199254740991}"),
    (SCN, "customer: {annual_value: 1200}", "customer: {annual_value: 1200}\n  tags: [" + ", ".join("a" * 1000) + "]"),
]


@pytest.mark.parametrize(("file", "old", "new"), AT_THE_BOUND)
def test_values_at_the_bound_are_accepted(plan_dir: Path, file: str, old: str, new: str) -> None:
    edit(plan_dir / file, old, new)
    codes = {d.code for d in findings(plan_dir)}
    assert not codes & {"invalid-value", "number-too-large", "ticket-value", "scenario-span", "scenario-created"}
