"""Every finding code, triggered by a real mistake in the starter plan, at its exact place.

Each case edits one file of a valid plan (``old`` → ``new``) and names the
finding it must produce: (file, line, column, code).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import edit, findings, where

from planops.checks import CODES
from planops.checks import pages as checks_pages

SVC, WF, TEAM, PLAN, SCN = (
    "service.yaml",
    "workflows/support.yaml",
    "team.yaml",
    "plan.yaml",
    "scenarios/examples.yaml",
)

SOURCE_END = "monthly: 200}\n"
AGENT_END = "queues: [frontline, escalations]}"
LEAD_END = "escalation_contact: true}"
MON_THU = '{name: early-week, calendar: office, hours: {mon-thu: "09:00-17:30"}, headcount: 2}'
WEDNESDAYS = '{name: wednesdays, calendar: office, hours: {wed: "09:00-17:30"}, headcount: 1}'
SOURCE = SOURCE_END + "---\nkind: DataSource\nname: desk\n"

CASES = [
    # shape
    (SVC, "type: email\ncalendar: office", "type: email\ncalender: office", (SVC, 22, 1, "unknown-key")),
    (PLAN, "target: {max: 8h}\n", "", (PLAN, 17, 1, "missing-key")),
    (TEAM, "tier: 1, headcount: 2", "tier: one, headcount: 2", (TEAM, 7, 47, "wrong-type")),
    (SVC, "urgent: {first_response: 1h", "urgent: {first_response: 1 hour", (SVC, 31, 28, "invalid-value")),
    (SVC, "order: 1", "order: first", (SVC, 28, 8, "wrong-type")),
    (WF, "kind: Workflow", "kind: Workflw", (WF, 2, 7, "unknown-kind")),
    (WF, "kind: Workflow\n", "", (WF, 2, 1, "missing-kind")),
    (WF, "title: Support request", "title: [Support request", (WF, 5, 8, "yaml-syntax")),
    (WF, "title: Support request", "title: Support request\ntitle: Again", (WF, 5, 1, "duplicate-key")),
    (WF, "title: Support request", "title: !!python/name:os.system ''", (WF, 4, 8, "yaml-tag")),
    (PLAN, "review: {every: quarter}", "review: {every: quartr}", (PLAN, 8, 17, "invalid-value")),
    (SVC, "order: 1", "order: 99999999999999999999", (SVC, 28, 8, "number-too-large")),
    # objects
    (
        WF,
        "    final: true",
        "    final: true\n---\nkind: Workflow\nname: support\ninitial: a\nstates: {a: {final: true}}",
        (WF, 22, 7, "duplicate-name"),
    ),
    (WF, "owner: agent", "owner: agnet", (WF, 9, 12, "unknown-role")),
    (TEAM, "owner: support-lead\ncurrency", "owner: head-of-suport\ncurrency", (TEAM, 13, 8, "unknown-role")),
    (
        PLAN,
        "owner: support-lead\nreview",
        "owner: support-lead\nreviewed: 2099-01-01\nreview",
        (PLAN, 8, 11, "review-in-future"),
    ),
    (
        SVC,
        "queue: frontline, workflow: support}",
        "queue: frontline, workflow: support}\n---\nkind: Routing\nname: other\nrules: [{name: x, set: {}}]",
        (SVC, 43, 7, "several-objects"),
    ),
    (
        TEAM,
        "queues: [frontline, escalations]}",
        "queues: [frontline, escalations], reports_to: agent}",
        (TEAM, 7, 130, "reports-to-cycle"),
    ),
    # references
    (SVC, "type: email\ncalendar: office", "type: email\ncalendar: ofice", (SVC, 22, 11, "unknown-calendar")),
    (PLAN, "kpis: [first-response-time, csat]", "kpis: [first-response-tme, csat]", (PLAN, 15, 12, "unknown-kpi")),
    (PLAN, "{max: 8h}\n", "{max: 8h}\nby: {chanel: {email: {max: 4h}}}\n", (PLAN, 23, 6, "unknown-kpi-dimension")),
    (PLAN, "{max: 8h}\n", "{max: 8h}\nby: {channel: {emial: {max: 4h}}}\n", (PLAN, 23, 16, "unknown-kpi-value")),
    (PLAN, "{max: 8h}\n", "{max: 8h}\nby: {channel: {email: {min: 3}}}\n", (PLAN, 23, 24, "kpi-target-kind")),
    (SVC, "type: email\n", "type: email\nsegments: [vipp]\n", (SVC, 22, 12, "unknown-segment")),
    (SVC, "queue: frontline", "queue: frontlin", (SVC, 41, 36, "unknown-queue")),
    (
        SVC,
        "queue: escalations, workflow: support",
        "queue: escalations, workflow: suport",
        (SVC, 39, 59, "unknown-workflow"),
    ),
    # expressions
    (SVC, "when: \"ticket.category == 'outage'\"", 'when: "ticket.category == "', (SVC, 38, 31, "cel-syntax")),
    (
        SVC,
        "when: \"ticket.category == 'outage'\"",
        "when: \"ticket.categroy == 'outage'\"",
        (SVC, 38, 19, "unknown-field"),
    ),
    (
        SVC,
        "when: \"ticket.category == 'outage'\"",
        'when: "ticket.amount > plan.limit"',
        (SVC, 38, 33, "unknown-parameter"),
    ),
    (
        SVC,
        "when: \"ticket.category == 'outage'\"",
        "when: \"ticket.segment == 'priorty'\"",
        (SVC, 38, 30, "unknown-name"),
    ),
    (
        SVC,
        "when: \"ticket.category == 'outage'\"",
        "when: \"tikcet.category == 'outage'\"",
        (SVC, 38, 12, "unknown-variable"),
    ),
    (
        SVC,
        "when: \"ticket.category == 'outage'\"",
        'when: "launch(ticket.category)"',
        (SVC, 38, 12, "unknown-function"),
    ),
    (SVC, "when: \"ticket.category == 'outage'\"", "when: \"ticket.amount > '300'\"", (SVC, 38, 26, "type-mismatch")),
    (SVC, "when: \"ticket.category == 'outage'\"", 'when: "ticket.category"', (SVC, 38, 19, "not-a-condition")),
    (SVC, "when: \"ticket.category == 'outage'\"", 'when: "1 / 0 == 1"', (SVC, 38, 14, "constant-error")),
    (
        PLAN,
        "review: {every: quarter}",
        "review: {every: quarter}\nticket_fields: {category: {type: string, values: [question, billing]}}",
        (SVC, 38, 31, "unknown-value"),
    ),
    (
        PLAN,
        "review: {every: quarter}",
        "review: {every: quarter}\nticket_fields: {amount: string}",
        (PLAN, 9, 25, "ticket-field-conflict"),
    ),
    (
        SVC,
        "when: \"ticket.category == 'outage'\"",
        'when: "[1, 2].all(a, [1, 2].all(b, [1, 2].all(c, a + b + c > 0)))"',
        (SVC, 38, 47, "expr-too-costly"),
    ),
    # ordered rules
    (
        SVC,
        "  - name: everything-else\n    set",
        '  - name: everything-else\n    when: "ticket.amount > 1.0"\n    set',
        (SVC, 41, 5, "no-default"),
    ),
    (SVC, "    when: \"ticket.category == 'outage'\"\n", "", (SVC, 39, 5, "shadowed-rule")),
    (
        SVC,
        "  - name: everything-else\n",
        "  - name: big\n    when: \"ticket.category == 'outage' && ticket.amount > 9.0\"\n    set: {}\n"
        "  - name: everything-else\n",
        (SVC, 41, 11, "swallowed-rule"),
    ),
    (SVC, "ticket.category == 'outage'", "ticket.amount > 9.0 && ticket.amount < 1.0", (SVC, 38, 11, "never-true")),
    (SVC, "ticket.category == 'outage'", "ticket.amount > 9.0 || ticket.amount <= 9.0", (SVC, 38, 11, "always-true")),
    (
        SVC,
        "ticket.category == 'outage'",
        "has(ticket.amount) || !has(ticket.amount) ? ticket.category == 'outage' : false",
        (SVC, 38, 54, "dead-choice"),
    ),
    (SVC, "  urgent: {first_response: 1h, resolution: 8h}\n", "", (SVC, 30, 1, "sla-gap")),
    (SVC, "order: 1\n", "order: 1\nwhen: \"ticket.segment == 'priority'\"\n", (SVC, 29, 1, "no-default-sla")),
    (
        SVC,
        "kind: Routing",
        "kind: SLAPolicy\nname: second\norder: 1\ntargets: {}\n---\nkind: Routing",
        (SVC, 36, 8, "sla-order"),
    ),
    (SVC, "targets: {first_response: 8h}", "targets: {first_response: 4h}", (SVC, 23, 27, "slower-than-channel")),
    # the way in
    (
        SVC,
        "set: {priority: urgent, queue: escalations, workflow: support}",
        "set: {}",
        (SVC, 39, 10, "rule-without-workflow"),
    ),
    (
        SVC,
        'when: "ticket.customer.annual_value >= 20000"',
        "when: \"ticket.segment == 'priority'\"",
        (SVC, 15, 63, "segment-reads-segment"),
    ),
    (SVC, "type: email\n", "type: email\nsegments: [priority]\n", (SVC, 16, 12, "segment-without-channel")),
    (TEAM, "queues: [frontline, escalations]}", "queues: [frontline]}", (SVC, 39, 59, "queue-owner-mismatch")),
    # workflows
    (WF, "escalate: lead-review", "escalate: lead-reveiw", (WF, 12, 17, "unknown-state")),
    (WF, "initial: triage", "initial: triag", (WF, 5, 10, "unknown-state")),
    (WF, "      escalate: lead-review\n", "", (WF, 13, 3, "unreachable-state")),
    (WF, "on: {resolve: resolved}", "on: {resolve: lead-review}", (WF, 14, 3, "no-final-path")),
    (WF, "    on: {resolve: resolved}\n", "", (WF, 14, 3, "dead-end")),
    (WF, "    final: true", "    final: false\n    on: {close: triage}", (WF, 6, 1, "no-final-state")),
    (WF, "    final: true", "    final: true\n    on: {reopen: triage}", (WF, 18, 3, "final-has-events")),
    (WF, "event: escalate}", "event: escalat}", (WF, 13, 33, "timer-event-unhandled")),
    (WF, "event: escalate}", "event: respond}", (WF, 13, 33, "reserved-event")),
    (
        WF,
        "escalate: lead-review",
        'escalate: [{to: lead-review, when: "ticket.amount > 500.0"}]',
        (WF, 12, 7, "possibly-unmatched"),
    ),
    (
        WF,
        "escalate: lead-review",
        'escalate: [{to: lead-review}, {to: resolved, when: "ticket.amount > 1.0"}]',
        (WF, 12, 37, "shadowed-branch"),
    ),
    (
        WF,
        "    final: true",
        "    final: true\n---\nkind: Workflow\nname: spare\ninitial: a\nstates: {a: {final: true}}",
        (WF, 22, 7, "untested-workflow"),
    ),
    # budget
    (TEAM, "monthly_limit: 11000", "monthly_limit: 10000", (TEAM, 15, 16, "over-budget")),
    # staffing (tests/checks/test_staffing.py has the messages)
    (TEAM, AGENT_END, AGENT_END[:-1] + f", shifts: [{MON_THU}]}}", (SVC, 22, 11, "uncovered-channel")),
    (
        TEAM,
        AGENT_END,
        AGENT_END[:-1] + ", shifts: [{name: day, calendar: office, headcount: 3}]}",
        (TEAM, 7, 168, "shift-over-headcount"),
    ),
    (TEAM, LEAD_END, LEAD_END[:-1] + f", shifts: [{WEDNESDAYS}]}}", (WF, 16, 12, "owner-off-shift")),
    (
        SVC,
        "targets: {first_response: 8h}\n",
        "targets: {first_response: 8h}\nhandle_time: 20m\nservice_level: {answered: 90%, within: 4h}\n"
        "forecast: {tickets_per_month: 3000}\n---\nkind: Team\nname: rota\nroles:\n"
        "  - {name: rota-agent, title: Agent, tier: 1, monthly_cost: 3000,\n"
        "     shifts: [{name: day, calendar: office, headcount: 1}]}\n",
        (TEAM, 15, 16, "staffing-over-budget"),
    ),
    # data sources: a DataSource document appended to team.yaml (its line 22 is the first after kind and name)
    (
        TEAM,
        SOURCE_END,
        SOURCE + "columns: {id: number, created_at: opened_at, priorty: p}\n",
        (TEAM, 22, 46, "unknown-column"),
    ),
    (TEAM, SOURCE_END, SOURCE + "values: {prio: {'1': urgent}}\n", (TEAM, 22, 10, "unknown-column")),
    (
        TEAM,
        SOURCE_END,
        SOURCE + "rows: snapshots\ncolumns: {id: number, created_at: opened_at}\n",
        (TEAM, 23, 1, "missing-column"),
    ),
    (TEAM, SOURCE_END, SOURCE + 'timestamps: {format: "%d-%m-%Y %H:%i"}\n', (TEAM, 22, 22, "bad-timestamp-format")),
    (TEAM, SOURCE_END, SOURCE + "values: {priority: {'1': critical}}\n", (TEAM, 22, 26, "unknown-mapped-value")),
    (
        TEAM,
        SOURCE_END,
        SOURCE + "statuses: {solved: [Resolved], closed: [Closed, Resolved]}\n",
        (TEAM, 22, 49, "duplicate-status"),
    ),
    (TEAM, SOURCE_END, SOURCE + "timestamps: {timezone: Europe/Berln}\n", (TEAM, 22, 24, "invalid-value")),
    # scenarios
    (SCN, "created: 2027-01-12T09:15:00+00:00", "created: 2027-01-12T09:15:00", (SCN, 9, 12, "scenario-created")),
    (SCN, "{at: +1h, do: resolve}", "{at: +30m, do: resolve}", (SCN, 12, 10, "event-order")),
    (
        SCN,
        "  category: question\n  customer: {annual_value: 1200}",
        "  category: question\n  amout: 3\n  customer: {annual_value: 1200}",
        (SCN, 8, 3, "unknown-ticket-field"),
    ),
    (SCN, "path: [triage, resolved]", "path: [triage, resolvd]", (SCN, 17, 18, "unknown-expectation")),
    (SCN, "path: [triage, resolved]", "path: [resolved]", (SCN, 17, 10, "path-start")),
    (SCN, "{at: +1h, do: resolve}", "{at: +1h, do: reslove}", (SCN, 12, 19, "event-not-accepted")),
    (SCN, "customer: {annual_value: 1200}", "customer: {annual_value: .inf}", (SCN, 8, 28, "ticket-value")),
    (SCN, "{at: +1h, do: resolve}", "{at: 2028-02-01T00:00:00Z, do: resolve}", (SCN, 12, 10, "scenario-span")),
    (
        SCN,
        "  channel: email\n  category: question\n  customer: {annual_value: 1200}",
        "  channel: emial\n  category: question\n  customer: {annual_value: 1200}",
        (SCN, 6, 12, "unknown-channel"),
    ),
    (
        SCN,
        "  channel: email\n  category: question\n  customer: {annual_value: 1200}",
        "  channel: [email]\n  category: question\n  customer: {annual_value: 1200}",
        (SCN, 6, 12, "ticket-value"),
    ),
    # escalate before breach (messages: tests/checks/test_escalation.py)
    (WF, "after: 1h", "after: 2h", (WF, 13, 22, "escalation-after-breach")),
    (
        WF,
        "after: 1h, event: escalate}",
        "after: 2h, event: escalate}\n    escalate_before: first_response",
        (WF, 13, 22, "escalate-before-missed"),
    ),
    (
        WF,
        "owner: support-lead",
        "owner: support-lead\n    escalate_before: []",
        (WF, 17, 5, "escalate-before-without-timer"),
    ),
    # calendars (messages: tests/checks/test_calendars.py)
    (SVC, "timezone: Europe/London", "timezone: EST", (SVC, 5, 11, "timezone-abbreviation")),
    (SVC, "country: GB", "country: Ireland", (SVC, 9, 12, "unknown-holiday-country")),
    (SVC, "subdivision: ENG", "subdivision: ZZ", (SVC, 10, 16, "unknown-holiday-subdivision")),
    (SVC, "subdivision: ENG", "subdivision: ENG\n  except: [Whit Monday]", (SVC, 11, 12, "unknown-holiday-name")),
    (SVC, "subdivision: ENG", "subdivision: ENG\n  except: [2027-06-18]", (SVC, 11, 12, "not-a-holiday")),
    (SVC, "subdivision: ENG", "subdivision: ENG\n  dates: [2027-12-24, 2027-12-24]", (SVC, 11, 23, "duplicate-date")),
    (
        SVC,
        "subdivision: ENG",
        "subdivision: ENG\n  dates: [2027-12-24]\nspecial: {2027-12-24: closed}",
        (SVC, 12, 11, "conflicting-date"),
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"), CASES, ids=[c[3][3] + f"-{i}" for i, c in enumerate(CASES)]
)
def test_finding_at_its_place(
    plan_dir: Path, file: str, old: str, new: str, expected: tuple[str, int, int, str]
) -> None:
    edit(plan_dir / file, old, new)
    found = where(findings(plan_dir), plan_dir)
    assert [f for f in found if f[3] == expected[3]] == [expected], found


def test_the_starter_plan_is_clean(plan_dir: Path) -> None:
    assert findings(plan_dir) == []


def test_every_code_has_a_case_and_a_summary() -> None:
    tested = {case[3][3] for case in CASES}
    untestable_here = {
        "yaml-aliases",
        "yaml-too-deep",
        "yaml-key",
        "yaml-merge",
        "file-too-large",
        "not-utf8",
        "not-a-mapping",
        "missing-plan",
        # the plan folder itself: tests/loader/test_hostile_source.py
        "empty-plan",
        "link-outside-plan",
        "link-in-plan",
        "unreadable",
        "not-a-file",
        # a whole file removed: tests/checks/test_objects.py
        "missing-team",
        # not validate's: tests/review/test_cadence.py and tests/handbook/test_plugin.py
        "review-overdue",
        "scenario-fails",
    }
    pages = {c.code for c in checks_pages.CODES}  # the handbook's: tests/handbook/test_hostile_pages.py
    assert set(CODES) - tested - untestable_here - pages == set()
    assert all(code.summary for code in CODES.values())


def test_did_you_mean_and_expected_messages(plan_dir: Path) -> None:
    edit(plan_dir / WF, "escalate: lead-review", "escalate: lead-reveiw")
    edit(plan_dir / SVC, "type: email\ncalendar: office", "type: email\ncalender: office")
    messages = [f"{d.code}: {d.text}" for d in findings(plan_dir) if d.code in ("unknown-state", "unknown-key")]
    assert messages == [
        "unknown-key: unknown key 'calender' (did you mean 'calendar'?)",
        "unknown-state: 'lead-reveiw' is not a state of workflow 'support' (did you mean 'lead-review'?)",
    ]


def test_missing_plan_manifest(plan_dir: Path) -> None:
    (plan_dir / PLAN).unlink()
    codes = [d.code for d in findings(plan_dir)]
    assert "missing-plan" in codes


def test_references_to_a_broken_document_are_not_reported_twice(plan_dir: Path) -> None:
    edit(plan_dir / SVC, "timezone: Europe/London", "timezone: Europe/Londn")
    assert where(findings(plan_dir), plan_dir) == [(SVC, 5, 11, "invalid-value")]


def test_expectations_naming_a_broken_document_are_not_reported_twice(plan_dir: Path) -> None:
    edit(plan_dir / "workflows" / "support.yaml", "initial: triage\n", "initial: triage\nowner_typo: x\n")
    assert [code for *_, code in where(findings(plan_dir), plan_dir)] == ["unknown-key"]
