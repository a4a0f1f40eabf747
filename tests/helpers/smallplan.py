"""A small plan written into a temp folder: the SPEC's billing dispute, one general workflow, scenarios per test.

``write_plan(tmp_path, scenarios=...)`` writes it (any file can be replaced or
added by name) and returns the plan folder; ``load(folder)`` compiles it and
fails the test on any error finding.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from planops.diagnostics import Severity
from planops.pipeline import check_plan
from planops.plan import CompiledPlan

FILES = {
    "plan.yaml": """
        kind: Plan
        name: small
        title: Small plan
        version: "1"
        effective: 2026-01-01
        owner: lead
        ticket_fields: {customer.annual_value: number, customer.churn_risk: bool}
        """,
    "team.yaml": """
        kind: Team
        name: team
        roles:
          - {name: agent, title: Agent, tier: 1, queues: [front, billing]}
          - {name: billing-specialist, title: Specialist, tier: 2}
          - {name: billing-manager, title: Manager, tier: 3}
          - {name: lead, title: Lead, tier: 3}
        """,
    "service.yaml": """
        kind: Calendar
        name: berlin
        timezone: Europe/Berlin
        hours: {mon-fri: "09:00-17:00"}
        holidays: {dates: [2026-12-24]}
        ---
        kind: Segmentation
        name: customers
        segments:
          - {name: vip, when: "ticket.customer.annual_value >= 50000"}
          - {name: standard}
        ---
        kind: Channel
        name: email
        calendar: berlin
        ---
        kind: Channel
        name: chat
        ---
        kind: SLAPolicy
        name: vip
        order: 1
        when: "ticket.segment == 'vip'"
        calendar: berlin
        targets:
          urgent: {first_response: 30m, resolution: 4h}
          high: {first_response: 2h, next_response: 4h, resolution: 16h}
          normal: {first_response: 4h, next_response: 8h, resolution: 24h}
        ---
        kind: SLAPolicy
        name: standard
        order: 2
        targets:
          high: {first_response: 4h, resolution: 24h}
          normal: {first_response: 8h, next_response: 8h, resolution: 40h}
          low: {first_response: 16h}
        ---
        kind: Routing
        name: default
        rules:
          - name: big-billing
            when: "ticket.category == 'billing' && ticket.amount > 500.0"
            set: {priority: high, queue: billing, workflow: billing-dispute}
          - name: billing
            when: "ticket.category == 'billing'"
            set: {priority: normal, queue: billing, workflow: billing-dispute}
          - name: everything-else
            set: {priority: normal, queue: front, workflow: general}
        """,
    "workflows/billing.yaml": """
        kind: Workflow
        name: billing-dispute
        initial: triage
        states:
          triage:
            owner: agent
            on:
              resolve: resolved
              escalate:
                - to: manager-approval
                  when: "ticket.amount > 500.0"
                - to: billing-review
            timeout: {after: 2h, event: escalate}
          billing-review:
            owner: billing-specialist
            on: {resolve: resolved, escalate: manager-approval, ask_customer: waiting}
          waiting:
            owner: billing-specialist
            pause: [resolution]
            on: {customer_reply: billing-review}
          manager-approval:
            owner: billing-manager
            on: {approve: resolved, reject: resolved}
          resolved:
            final: true
        """,
    "workflows/general.yaml": """
        kind: Workflow
        name: general
        initial: answer
        states:
          answer:
            owner: agent
            on: {resolve: resolved, escalate: lead-review}
            timeout: {after: 4h, event: escalate}
          lead-review:
            owner: lead
            on: {resolve: resolved, reassign: answer}
          resolved:
            final: true
        """,
}

SCENARIO = """
    kind: Scenario
    name: {name}
    ticket:
      channel: email
      category: {category}
      amount: {amount}
      customer: {{annual_value: {value}}}
      created: {created}
    events: {events}
    """


def write_plan(root: Path, *scenarios: str, files: dict[str, str] | None = None) -> Path:
    """Write the small plan and ``scenarios`` (YAML documents) below ``root / 'plan'``.

    ``files`` (path below the plan folder -> text) replace or add files.
    """
    folder = root / "plan"
    contents = {name: textwrap.dedent(text) for name, text in FILES.items()}
    contents.update(files or {})
    if scenarios:
        contents["scenarios/main.yaml"] = "---\n".join(textwrap.dedent(s).strip() + "\n" for s in scenarios)
    for name, text in contents.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip(), encoding="utf-8")
    return folder


def load(folder: Path) -> CompiledPlan:
    """The compiled plan; the test fails on any error finding."""
    plan, found = check_plan(folder)
    errors = [d for d in found if d.severity is Severity.ERROR]
    assert not errors, errors
    return plan


def scenario(
    name: str,
    *,
    created: str,
    events: str = "[]",
    category: str = "question",
    amount: float = 100.0,
    value: int = 1000,
    until: str | None = None,
    expect: str | None = None,
) -> str:
    """One Scenario document: an email ticket with these fields, events and expectations (flow YAML)."""
    text = textwrap.dedent(SCENARIO).format(
        name=name, category=category, amount=amount, value=value, created=created, events=events
    )
    if until:
        text += f"until: {until}\n"
    if expect:
        text += f"expect: {expect}\n"
    return text
