"""Changes in meaning between two compiled plans, one kind of edit at a time."""

from __future__ import annotations

import pytest
from tests.helpers.gitrepo import BIG_BILLING_FIRST, PLAN

from planops.kinds import DIFF_SECTIONS
from planops.loader.compile import load_files
from planops.output.changes import describe
from planops.plan import CompiledPlan
from planops.review.changes import moved
from planops.review.semantic import compare, version_warning


def compiled(files: dict[str, str]) -> CompiledPlan:
    plan, findings = load_files("plan", [(f"plan/{name}", text.encode()) for name, text in sorted(files.items())])
    assert not findings, findings
    return plan


def edited(file: str, old: str, new: str) -> dict[str, str]:
    files = dict(PLAN)
    assert files[file].count(old) == 1, old
    files[file] = files[file].replace(old, new)
    return files


def lines(file: str, old: str, new: str) -> list[str]:
    changes = compare(compiled(PLAN), compiled(edited(file, old, new)))
    return [f"{DIFF_SECTIONS[c.kind]}: {describe(c)}" for c in changes]


CASES = {
    "sla tightened": (
        "service.yaml",
        "high: {first_response: 4h, resolution: 24h}",
        "high: {first_response: 2h, resolution: 24h}",
        ["SLA targets: `standard` high first_response: 4h → 2h (tightened)"],
    ),
    "sla loosened, written another way": (
        "service.yaml",
        "normal: {first_response: 2h, resolution: 16h}",
        "normal: {first_response: PT3H, resolution: 960m}",
        ["SLA targets: `vip` normal first_response: 2h → 3h (loosened)"],
    ),
    "sla target added": (
        "service.yaml",
        "high: {first_response: 1h, resolution: 8h}",
        "high: {first_response: 1h, next_response: 2h, resolution: 8h}",
        ["SLA targets: `vip` high next_response added: 2h"],
    ),
    "sla policy condition": (
        "service.yaml",
        "when: \"ticket.segment == 'vip'\"",
        "when: \"ticket.segment == 'vip' || ticket.amount > 1000.0\"",
        ["SLA targets: `vip` when: `ticket.segment == 'vip'` → `ticket.segment == 'vip' || ticket.amount > 1000.0`"],
    ),
    "routing rules reordered": (
        "routing.yaml",
        *BIG_BILLING_FIRST,
        ["Routing: `default` rule `big-billing` position: 2 → 1"],
    ),
    "routing rule changed": (
        "routing.yaml",
        "set: {priority: normal, queue: frontline, workflow: dispute}",
        "set: {priority: low, queue: frontline, workflow: dispute}",
        ["Routing: `default` rule `everything-else` set.priority: normal → low"],
    ),
    "routing rule added": (
        "routing.yaml",
        "  - name: everything-else\n",
        "  - name: outage\n    when: \"ticket.category == 'outage'\"\n    set: {priority: high}\n"
        "  - name: everything-else\n",
        ["Routing: `default` rule `outage` added: when `ticket.category == 'outage'` → priority: high (at position 3)"],
    ),
    "workflow state added": (
        "workflows/dispute.yaml",
        "    on: {resolve: resolved}\n",
        "    on: {resolve: resolved, ask: waiting}\n  waiting:\n    owner: agent\n    pause: [resolution]\n"
        "    on: {customer_reply: review}\n",
        [
            "Workflows: `dispute` state `waiting` added: owner agent",
            "Workflows: `dispute` state `review` on `ask` added: waiting",
        ],
    ),
    "workflow guard, owner and timer": (
        "workflows/dispute.yaml",
        '          when: "ticket.amount > 500.0"\n        - to: review\n    timeout: {after: 2h, event: escalate}',
        '          when: "ticket.amount > 1000.0"\n        - to: review\n    timeout: {after: 90m, event: escalate}',
        [
            "Workflows: `dispute` state `triage` timer: after 2h fire `escalate` → after 1h30m fire `escalate`",
            "Workflows: `dispute` state `triage` guard on `escalate` → `approval`: `ticket.amount > 500.0` → "
            "`ticket.amount > 1000.0`",
        ],
    ),
    "workflow transition retargeted": (
        "workflows/dispute.yaml",
        "reject: resolved}",
        "reject: review}",
        ["Workflows: `dispute` state `approval` on `reject`: resolved → review"],
    ),
    "workflow state owner": (
        "workflows/dispute.yaml",
        "  approval:\n    owner: lead",
        "  approval:\n    owner: billing-lead",
        ["Workflows: `dispute` state `approval` owner: lead → billing-lead"],
    ),
    "kpi target": (
        "plan.yaml",
        "target: {max: 4h}",
        "target: {max: 3h}",
        ["KPI targets: `first-response` target max: 4h → 3h (tightened)"],
    ),
    "kpi target per channel": (
        "plan.yaml",
        "target: {max: 4h}",
        "target: {max: 4h}\nby: {channel: {email: {max: 2h}}}",
        ["KPI targets: `first-response` target for channel `email` max: none → 2h"],
    ),
    "kpi target and a target per channel": (
        "plan.yaml",
        "target: {max: 4h}",
        "target: {max: 3h}\nby: {channel: {email: {max: 2h}}}",
        [
            "KPI targets: `first-response` target max: 4h → 3h (tightened)",
            "KPI targets: `first-response` target for channel `email` max: none → 2h",
        ],
    ),
    "headcount and cost": (
        "team.yaml",
        "headcount: 2, monthly_cost: 3000",
        "headcount: 3, monthly_cost: 3000",
        [
            "Team: `support` role `agent` headcount: 2 → 3",
            "Team: total headcount: 4.5 → 5.5",
            "Team: total monthly cost: 15,500 → 18,500",
            "Budget: monthly total (salaries and lines): 16,000 of 20,000 → 19,000 of 20,000",
        ],
    ),
    "over the budget": (
        "team.yaml",
        "monthly_cost: 5000",
        "monthly_cost: 9500",
        [
            "Team: `support` role `lead` monthly_cost: 5,000 → 9,500",
            "Team: total monthly cost: 15,500 → 20,000",
            "Budget: monthly total (salaries and lines): 16,000 of 20,000 → 20,500 of 20,000 (over the limit)",
        ],
    ),
    "budget line and limit": (
        "team.yaml",
        "monthly_limit: 20000",
        "monthly_limit: 18000",
        ["Budget: `monthly` monthly limit: 20,000 → 18,000 (tightened)"],
    ),
    "calendar hours and holidays": (
        "calendars.yaml",
        '  mon-fri: "09:00-17:00"\nholidays:\n  dates: [2026-12-24, 2026-12-31]',
        '  mon-thu: "09:00-17:00"\n  fri: "09:00-15:00"\nholidays:\n  dates: [2026-12-24, 2026-12-28]',
        [
            "Calendars: `office` hours fri: 09:00-17:00 → 09:00-15:00",
            "Calendars: `office` holiday dates removed (was 2026-12-31)",
            "Calendars: `office` holiday dates added: 2026-12-28",
        ],
    ),
    "special hours added": (
        "calendars.yaml",
        "  dates: [2026-12-24, 2026-12-31]\n",
        '  dates: [2026-12-24, 2026-12-31]\nspecial:\n  2026-11-27: "07:00-22:00"\n  2026-12-23: closed\n',
        [
            "Calendars: `office` special hours 2026-11-27 added: 07:00-22:00",
            "Calendars: `office` special hours 2026-12-23 added: closed",
        ],
    ),
    "special hours changed and removed": (
        "calendars.yaml",
        "  dates: [2026-12-24, 2026-12-31]\n",
        '  dates: [2026-12-24]\nspecial:\n  2026-12-31: ["09:00-12:00", "13:00-14:00"]\n',
        [
            "Calendars: `office` holiday dates removed (was 2026-12-31)",
            "Calendars: `office` special hours 2026-12-31 added: 09:00-12:00, 13:00-14:00",
        ],
    ),
    "holidays worked on": (
        "calendars.yaml",
        "  dates: [2026-12-24, 2026-12-31]\n",
        "  country: DE\n  dates: [2026-12-24, 2026-12-31]\n  except: [Good Friday, 2026-05-01]\n",
        [
            "Calendars: `office` holidays country: none → DE",
            "Calendars: `office` holidays worked on added: 2026-05-01, Good Friday",
        ],
    ),
    "plan effective date and cadence": (
        "plan.yaml",
        "effective: 2026-01-01",
        "effective: 2026-04-01",
        ["Plan: `demo-support` effective: 2026-01-01 → 2026-04-01"],
    ),
    "owner of an object": (
        "service.yaml",
        "owner: billing-lead\n",
        "owner: lead\n",
        ["SLA targets: `vip` owner: billing-lead → lead"],
    ),
    "segments": (
        "service.yaml",
        "annual_value >= 50000",
        "annual_value >= 40000",
        [
            "Segments: `customers` segment `vip` when: `ticket.customer.annual_value >= 50000` → "
            "`ticket.customer.annual_value >= 40000`"
        ],
    ),
    "wording only": (
        "workflows/dispute.yaml",
        "    title: Triage\n",
        "    title: First look\n",
        ["Titles and descriptions: Workflow `dispute` state `triage` title changed"],
    ),
    "scenario": (
        "scenarios/tickets.yaml",
        "amount: 900.0",
        "amount: 950.0",
        ["Scenarios: `big-billing` ticket changed"],
    ),
}


@pytest.mark.parametrize(("file", "old", "new", "expected"), CASES.values(), ids=CASES.keys())
def test_change(file: str, old: str, new: str, expected: list[str]) -> None:
    assert lines(file, old, new) == expected


def test_shifts_are_compared_by_name_and_shrinkage_as_a_field() -> None:
    shifts = (
        'github: "@demo/agents", shrinkage: 30%, '
        'shifts: [{name: early, timezone: UTC, hours: {mon-fri: "08:00-12:00"}, headcount: 1}]}'
    )
    base = edited("team.yaml", 'github: "@demo/agents"}', shifts)
    changed = dict(base)
    changed["team.yaml"] = (
        base["team.yaml"]
        .replace(
            '08:00-12:00"}, headcount: 1}',
            '08:00-12:00"}, headcount: 2},\n'
            '     {name: late, timezone: UTC, hours: {mon-fri: "12:00-18:00"}, headcount: 1, on_call: true}',
        )
        .replace("30%", "25%")
    )
    changes = compare(compiled(base), compiled(changed))
    assert [f"{DIFF_SECTIONS[c.kind]}: {describe(c)}" for c in changes] == [
        "Team: `support` role `agent` shrinkage: 0.3 → 0.25",
        "Team: `support` role `agent` shift `late` added: mon-fri: 12:00-18:00 on UTC, 1 at once (on call)",
        "Team: `support` role `agent` shift `early` headcount: 1 → 2",
    ]


def test_formatting_comments_and_key_order_are_no_change() -> None:
    files = dict(PLAN)
    files["routing.yaml"] = (
        "# Routing, reformatted: block style, other quotes, keys reordered\n"
        "kind: Routing\nname: default\nrules:\n"
        "- name: billing\n  set:\n    workflow: dispute\n    queue: billing\n    priority: normal\n"
        "  when: ticket.category == 'billing'   # plain scalar now\n"
        "- name: big-billing\n  when: >-\n    ticket.category == 'billing' && ticket.amount > 500.0\n"
        "  set: {workflow: dispute, priority: high, queue: billing}\n"
        "- {name: everything-else, set: {priority: normal, queue: frontline, workflow: dispute}}\n"
    )
    assert compare(compiled(PLAN), compiled(files)) == []


def test_objects_added_and_removed() -> None:
    files = dict(PLAN)
    files["plan.yaml"] = files["plan.yaml"].replace("name: first-response", "name: first-reply")
    found = [(c.kind, c.object, c.action) for c in compare(compiled(PLAN), compiled(files))]
    assert ("kpi", "first-response", "removed") in found
    assert ("kpi", "first-reply", "added") in found


def test_version_warning_only_when_meaning_changed_and_version_kept() -> None:
    old = compiled(PLAN)
    same = compiled(edited("service.yaml", "first_response: 4h,", "first_response: 2h,"))
    changes = compare(old, same)
    assert version_warning(old, same, changes) == (
        'The plan\'s meaning changed but its version is still "2026.1": raise `version:` in plan/plan.yaml '
        "so readers can tell the versions apart."
    )
    bumped_files = edited("service.yaml", "first_response: 4h,", "first_response: 2h,")
    bumped_files["plan.yaml"] = bumped_files["plan.yaml"].replace('"2026.1"', '"2026.2"')
    bumped = compiled(bumped_files)
    assert version_warning(old, bumped, compare(old, bumped)) is None
    wording = compiled(edited("workflows/dispute.yaml", "title: Triage", "title: First look"))
    assert version_warning(old, wording, compare(old, wording)) is None


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("abc", "abc", []),
        ("abc", "bac", [("b", 2, 1)]),
        ("abcd", "dabc", [("d", 4, 1)]),
        ("abc", "cxa", [("c", 3, 1)]),
    ],
)
def test_moved(old: str, new: str, expected: list[tuple[str, int, int]]) -> None:
    assert moved(list(old), list(new)) == expected


RETAIL = (
    "  dates: [2026-12-24, 2026-12-31]\n",
    '  country: DE\n  except: [Good Friday, 2026-05-01]\nspecial:\n  2026-11-27: "07:00-22:00"\n  2026-12-31: closed\n',
)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'special:\n  2026-11-27: "07:00-22:00"',
            'special:\n  2026-11-27: "08:00-20:00"',
            ["Calendars: `office` special hours 2026-11-27: 07:00-22:00 → 08:00-20:00"],
        ),
        ("  2026-12-31: closed\n", "", ["Calendars: `office` special hours 2026-12-31 removed (was closed)"]),
        (
            "except: [Good Friday, 2026-05-01]",
            "except: [2026-05-01, Easter Monday]",
            [
                "Calendars: `office` holidays worked on removed (was Good Friday)",
                "Calendars: `office` holidays worked on added: Easter Monday",
            ],
        ),
        # the same meaning written another way: no change
        ('2026-11-27: "07:00-22:00"', '2026-11-27: ["07:00-12:00", "12:00-22:00"]', []),
        ("except: [Good Friday, 2026-05-01]", "except: [2026-05-01, good friday]", []),
    ],
)
def test_special_hours_and_holidays_worked_on_are_changes_in_meaning(old: str, new: str, expected: list[str]) -> None:
    base = edited("calendars.yaml", *RETAIL)
    changes = compare(compiled(base), compiled({**base, "calendars.yaml": base["calendars.yaml"].replace(old, new)}))
    assert [f"{DIFF_SECTIONS[c.kind]}: {describe(c)}" for c in changes] == expected
    assert all(c.material for c in changes)
