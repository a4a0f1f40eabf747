"""The staffing checks: shifts against channel hours, workflow owners (against the calendars routing gives their
tickets), headcount and the budget, located."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import edit, findings, where

from planops.diagnostics import Severity

AGENT = "queues: [frontline, escalations]}"
LEAD = "escalation_contact: true}"
WEEKDAYS = "{name: day, calendar: office, headcount: 2}"
TRIAGE_RESOLVES = "      resolve: resolved\n"
EARLY_WEEK = '{name: early-week, calendar: office, hours: {mon-thu: "09:00-17:30"}, headcount: 2}'
WEDNESDAYS = '{name: wednesdays, calendar: office, hours: {wed: "09:00-17:30"}, headcount: 1}'


def _shifts(plan_dir: Path, agent: str, lead: str | None = None, more: str = "") -> None:
    edit(plan_dir / "team.yaml", AGENT, AGENT[:-1] + f", shifts: [{agent}]{more}}}")
    if lead is not None:
        edit(plan_dir / "team.yaml", LEAD, LEAD[:-1] + f", shifts: [{lead}]}}")


def test_a_plan_whose_shifts_cover_every_hour_has_no_staffing_findings(plan_dir: Path) -> None:
    _shifts(plan_dir, WEEKDAYS, "{name: day, calendar: office, headcount: 1}")
    assert findings(plan_dir) == []


def test_a_channel_open_when_no_shift_works_names_the_hours(plan_dir: Path) -> None:
    _shifts(plan_dir, EARLY_WEEK)
    [found] = [d for d in findings(plan_dir) if d.code == "uncovered-channel"]
    assert where([found], plan_dir) == [("service.yaml", 22, 11, "uncovered-channel")]
    assert found.severity is Severity.WARNING
    assert found.message == (
        "channel 'email' is open with no shift of agent on: Fri 2027-01-08 09:00–17:30, Fri 2027-01-15 09:00–17:30, "
        "Fri 2027-01-22 09:00–17:30 (25.5h in all)"
    )  # Friday 1 January is New Year's Day: closed


def test_each_channel_on_the_same_calendar_and_roles_is_named(plan_dir: Path) -> None:
    _shifts(plan_dir, EARLY_WEEK)
    edit(
        plan_dir / "service.yaml",
        "name: email\n",
        "name: web\ntype: web\ncalendar: office\n---\nkind: Channel\nname: email\n",
    )
    found = [d for d in findings(plan_dir) if d.code == "uncovered-channel"]
    assert [d.message.split(" is open")[0] for d in found] == ["channel 'web'", "channel 'email'"]
    assert found[0].message.split(" is open")[1] == found[1].message.split(" is open")[1]


def test_a_state_whose_owner_is_off_shift_while_its_tickets_calendar_is_open_names_the_hours(plan_dir: Path) -> None:
    _shifts(plan_dir, WEEKDAYS, WEDNESDAYS)
    [found] = [d for d in findings(plan_dir) if d.code == "owner-off-shift"]
    assert where([found], plan_dir) == [("workflows/support.yaml", 16, 12, "owner-off-shift")]
    assert found.severity is Severity.WARNING
    assert found.message == (
        "state 'lead-review' is owned by 'support-lead', on no shift at open hours of calendar 'office' (e.g. "
        "tickets of rule 'outage' on channel 'email' under SLA policy 'standard'): Tue 2026-12-29 09:00–17:30, "
        "Thu 2026-12-31 09:00–17:30, Mon 2027-01-04 09:00–17:30 (11 more; 119h in all)"
    )  # the window starts on Monday 28 December (a bank holiday, as is 1 January)
    assert found.hint == "add a shift of 'support-lead' for those hours, or give the state an owner who works then"


def test_a_weekday_owner_of_a_state_that_weekend_tickets_reach_is_warned_of_the_weekend(plan_dir: Path) -> None:
    edit(plan_dir / "service.yaml", 'mon-fri: "09:00-17:30"\n', 'mon-fri: "09:00-17:30"\n  sat: "10:00-14:00"\n')
    _shifts(plan_dir, WEEKDAYS, '{name: weekdays, calendar: office, hours: {mon-fri: "09:00-17:30"}, headcount: 1}')
    [found] = findings(plan_dir)
    assert where([found], plan_dir) == [("workflows/support.yaml", 16, 12, "owner-off-shift")]
    assert found.message.endswith(
        ": Sat 2027-01-02 10:00–14:00, Sat 2027-01-09 10:00–14:00, Sat 2027-01-16 10:00–14:00 (1 more; 16h in all)"
    )


def test_an_owner_on_shift_whenever_the_calendar_is_open_is_not_warned(plan_dir: Path) -> None:
    _shifts(plan_dir, WEEKDAYS, '{name: weekdays, calendar: office, hours: {mon-fri: "09:00-17:30"}, headcount: 1}')
    assert findings(plan_dir) == []  # the shift's own hours keep the calendar's holidays: nothing left open


def _review_by_agent(plan_dir: Path) -> Path:
    """The starter workflow with 'lead-review' owned by the agent: only a state a test adds is the lead's."""
    workflow = plan_dir / "workflows/support.yaml"
    edit(workflow, "    owner: support-lead\n", "    owner: agent\n")
    return workflow


@pytest.mark.parametrize(("state", "flagged"), [("    on: {resolve: resolved}", True), ("    final: true", False)])
def test_a_final_state_has_no_owner_to_be_on_shift(plan_dir: Path, state: str, flagged: bool) -> None:
    workflow = _review_by_agent(plan_dir)
    edit(workflow, TRIAGE_RESOLVES, TRIAGE_RESOLVES + "      close: closing\n")
    edit(workflow, "  resolved:\n", f"  closing:\n    owner: support-lead\n{state}\n  resolved:\n")
    _shifts(plan_dir, WEEKDAYS, WEDNESDAYS)
    found = [d for d in findings(plan_dir) if d.code == "owner-off-shift"]
    assert where(found, plan_dir) == ([("workflows/support.yaml", 20, 12, "owner-off-shift")] if flagged else [])


@pytest.mark.parametrize(("pause", "flagged"), [("", True), ("\n    pause: [resolution]", False)])
def test_a_state_that_pauses_a_clock_waits_on_the_customer(plan_dir: Path, pause: str, flagged: bool) -> None:
    edit(plan_dir / "workflows/support.yaml", "owner: support-lead", f"owner: support-lead{pause}")
    _shifts(plan_dir, WEEKDAYS, WEDNESDAYS)
    found = [d for d in findings(plan_dir) if d.code == "owner-off-shift"]
    assert where(found, plan_dir) == ([("workflows/support.yaml", 16, 12, "owner-off-shift")] if flagged else [])


@pytest.mark.parametrize(("leads_there", "flagged"), [(True, True), (False, False)])
def test_a_state_no_ticket_can_reach_is_not_checked(plan_dir: Path, leads_there: bool, flagged: bool) -> None:
    workflow = _review_by_agent(plan_dir)
    if leads_there:
        edit(workflow, TRIAGE_RESOLVES, TRIAGE_RESOLVES + "      hand_over: spare\n")
    edit(workflow, "  resolved:\n", "  spare:\n    owner: support-lead\n    on: {resolve: resolved}\n  resolved:\n")
    _shifts(plan_dir, WEEKDAYS, WEDNESDAYS)
    found = [d for d in findings(plan_dir) if d.code == "owner-off-shift"]
    line = 20 if leads_there else 19
    assert where(found, plan_dir) == ([("workflows/support.yaml", line, 12, "owner-off-shift")] if flagged else [])


def test_two_calendars_routed_to_one_workflow_are_both_named(plan_dir: Path) -> None:
    edit(
        plan_dir / "service.yaml",
        "kind: SLAPolicy\nname: standard\n",
        "kind: SLAPolicy\nname: outage\norder: 0\nwhen: \"ticket.category == 'outage'\"\ncalendar: weekends\n"
        "targets: {urgent: {first_response: 1h, resolution: 8h}}\n---\n"
        'kind: Calendar\nname: weekends\ntimezone: America/New_York\nhours: {sat-sun: "10:00-16:00"}\n---\n'
        "kind: SLAPolicy\nname: standard\n",
    )
    _shifts(plan_dir, "{name: day, calendar: office, headcount: 2}, {name: weekend, calendar: weekends, headcount: 1}")
    edit(plan_dir / "team.yaml", LEAD, LEAD[:-1] + f", shifts: [{WEDNESDAYS}]}}")
    [found] = [d for d in findings(plan_dir) if d.code == "owner-off-shift"]
    assert where([found], plan_dir) == [("workflows/support.yaml", 16, 12, "owner-off-shift")]
    assert found.message.startswith(
        "state 'lead-review' is owned by 'support-lead', on no shift at open hours of calendar 'office' (e.g. "
        "tickets of rule 'outage' on channel 'email' under SLA policy 'standard'): "
    )
    assert found.message.endswith(" (11 more; 119h in all); also of calendar 'weekends'")


def test_tickets_without_a_calendar_run_always_open_and_need_an_owner_around_the_clock(plan_dir: Path) -> None:
    edit(plan_dir / "service.yaml", "type: email\ncalendar: office\n", "type: email\n")
    edit(plan_dir / "service.yaml", "order: 1\ncalendar: office\n", "order: 1\n")
    _shifts(plan_dir, "{name: always, timezone: UTC, hours: 24x7, headcount: 2}", WEEKDAYS.replace("2}", "1}"))
    [found] = findings(plan_dir)
    assert where([found], plan_dir) == [("workflows/support.yaml", 16, 12, "owner-off-shift")]
    assert found.message == (
        "state 'lead-review' is owned by 'support-lead', on no shift at open hours of the always-open clock that "
        "tickets without a calendar run on (e.g. tickets of rule 'outage' on channel 'email' under SLA policy "
        "'standard'): Mon 2026-12-28 00:00–Tue 09:00, Tue 2026-12-29 17:30–Wed 09:00, Wed 2026-12-30 17:30–Thu 09:00 "
        "(16 more; 519h in all)"
    )  # shown in UTC; the lead's shift keeps the office calendar's bank holidays (28 December, 1 January)


@pytest.mark.parametrize(("order", "codes"), [("order: 1", ["owner-off-shift"]), ("order: first", ["wrong-type"])])
def test_owners_are_not_checked_while_an_sla_policy_is_broken(plan_dir: Path, order: str, codes: list[str]) -> None:
    edit(plan_dir / "service.yaml", "order: 1", order)
    _shifts(plan_dir, WEEKDAYS, WEDNESDAYS)
    assert [d.code for d in findings(plan_dir)] == codes


def test_an_owner_without_shifts_is_not_checked(plan_dir: Path) -> None:
    _shifts(plan_dir, WEEKDAYS)
    assert [d.code for d in findings(plan_dir)] == []


def test_a_shift_with_more_agents_than_the_role_has_people(plan_dir: Path) -> None:
    _shifts(plan_dir, "{name: day, calendar: office, headcount: 3}")
    [found] = [d for d in findings(plan_dir) if d.code == "shift-over-headcount"]
    assert where([found], plan_dir) == [("team.yaml", 7, 168, "shift-over-headcount")]
    assert found.message == "shift 'day' puts 3 agents on at once; role 'agent' has 2"


def test_a_shift_on_an_unknown_calendar_suggests_the_name(plan_dir: Path) -> None:
    _shifts(plan_dir, "{name: day, calendar: ofice, headcount: 2}")
    found = [d for d in findings(plan_dir) if d.code == "unknown-calendar"]
    assert where(found, plan_dir) == [("team.yaml", 7, 149, "unknown-calendar")]
    assert found[0].text == "calendar 'ofice' is not defined (did you mean 'office'?)"


def test_staffing_the_forecast_beyond_the_budget(plan_dir: Path) -> None:
    _shifts(plan_dir, WEEKDAYS)
    edit(
        plan_dir / "service.yaml",
        "targets: {first_response: 8h}\n",
        "targets: {first_response: 8h}\nhandle_time: 20m\nservice_level: {answered: 90%, within: 4h}\n"
        "forecast: {tickets_per_month: 3000}\n",
    )
    [found] = [d for d in findings(plan_dir) if d.code == "staffing-over-budget"]
    assert where([found], plan_dir) == [("team.yaml", 15, 16, "staffing-over-budget")]
    assert found.message.startswith("staffing the forecast at the channels' service levels costs USD ")
    assert found.message.endswith(" over the limit of USD 11,000")


@pytest.mark.parametrize(
    ("shift", "message"),
    [
        (
            "{name: day, headcount: 1}",
            "a shift needs a calendar (its open hours) or hours: give `calendar:` or `hours:`",
        ),
        (
            '{name: day, hours: {mon: "09:00-12:00"}, headcount: 1}',
            "hours without a calendar need a time zone: add `timezone:` (e.g. Europe/Berlin)",
        ),
    ],
)
def test_a_shift_without_when_or_where_is_a_shape_error(plan_dir: Path, shift: str, message: str) -> None:
    _shifts(plan_dir, shift)
    [found] = findings(plan_dir)
    assert found.severity is Severity.ERROR and message in found.message
    assert where([found], plan_dir)[0][:2] == ("team.yaml", 7)


def test_a_shrinkage_that_is_not_a_percentage(plan_dir: Path) -> None:
    _shifts(plan_dir, WEEKDAYS, more=", shrinkage: thirty")
    [found] = findings(plan_dir)
    assert "'thirty' is not a percentage like '30%' (or a share like 0.3)" in found.message
    assert where([found], plan_dir)[0][:2] == ("team.yaml", 7)


def test_more_shifts_than_a_role_may_have(plan_dir: Path) -> None:
    from planops.limits import MAX_SHIFTS

    _shifts(plan_dir, ", ".join([WEEKDAYS] * (MAX_SHIFTS + 1)))
    [found] = findings(plan_dir)
    assert found.severity is Severity.ERROR and f"at most {MAX_SHIFTS} items" in found.message
    assert where([found], plan_dir)[0][:2] == ("team.yaml", 7)


def test_a_stretch_past_midnight_names_the_day_it_ends() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from planops.checks.staffing import describe

    zone = ZoneInfo("Europe/London")
    sat, sun, mon, later = (datetime(2027, 1, d, h, tzinfo=zone) for d, h in ((2, 10), (3, 0), (4, 8), (12, 9)))
    assert describe([(sat, sun), (sun, mon), (mon, later)], zone) == (
        "Sat 2027-01-02 10:00–24:00, Sun 2027-01-03 00:00–Mon 08:00, Mon 2027-01-04 08:00–Tue 2027-01-12 09:00 "
        "(239h in all)"
    )
