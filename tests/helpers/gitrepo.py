"""Real git repositories in temp folders, holding a small valid plan that tests change and commit.

Test modules use the ``repo`` fixture by importing it: ``from tests.helpers.gitrepo import Repo, repo``.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import edit

PLAN = {
    "plan.yaml": """\
kind: Plan
name: demo-support
title: Demo support plan
version: "2026.1"
effective: 2026-01-01
owner: lead
reviewed: 2026-01-10
review: {every: quarter}
goals:
  - {name: fast, statement: Answer fast, kpis: [first-response]}
---
kind: KPI
name: first-response
measures: first_response_time
statistic: p90
target: {max: 4h}
owner: lead
""",
    "calendars.yaml": """\
kind: Calendar
name: office
timezone: Europe/Berlin
hours:
  mon-fri: "09:00-17:00"
holidays:
  dates: [2026-12-24, 2026-12-31]
""",
    "service.yaml": """\
kind: Segmentation
name: customers
segments:
  - {name: vip, when: "ticket.customer.annual_value >= 50000"}
  - {name: standard}
---
kind: Channel
name: email
type: email
calendar: office
---
kind: SLAPolicy
name: vip
order: 1
when: "ticket.segment == 'vip'"
calendar: office
owner: billing-lead
targets:
  high: {first_response: 1h, resolution: 8h}
  normal: {first_response: 2h, resolution: 16h}
---
kind: SLAPolicy
name: standard
order: 2
calendar: office
targets:
  high: {first_response: 4h, resolution: 24h}
  normal: {first_response: 8h, resolution: 40h}
""",
    "routing.yaml": """\
# How tickets are routed.
kind: Routing
name: default
rules:
  - name: billing
    when: "ticket.category == 'billing'"
    set: {priority: normal, queue: billing, workflow: dispute}
  - name: big-billing
    when: "ticket.category == 'billing' && ticket.amount > 500.0"
    set: {priority: high, queue: billing, workflow: dispute}
  - name: everything-else
    set: {priority: normal, queue: frontline, workflow: dispute}
""",
    "team.yaml": """\
kind: Team
name: support
owner: lead
roles:
  - {name: agent, title: Agent, tier: 1, headcount: 2, monthly_cost: 3000, queues: [frontline, billing],
     github: "@demo/agents"}
  - {name: billing-lead, title: Billing lead, tier: 2, headcount: 1, monthly_cost: 4000, github: "@demo/billing"}
  - {name: lead, title: Support lead, tier: 3, headcount: 1, monthly_cost: 5000, github: "@demo/leads"}
  - {name: scribe, title: Scribe, tier: 1, headcount: 0.5, monthly_cost: 1000}
---
kind: Budget
name: monthly
currency: EUR
monthly_limit: 20000
owner: lead
lines:
  - {name: Helpdesk, category: tools, monthly: 500}
""",
    "workflows/dispute.yaml": """\
kind: Workflow
name: dispute
owner: billing-lead
initial: triage
states:
  triage:
    title: Triage
    owner: agent
    on:
      resolve: resolved
      escalate:
        - to: approval
          when: "ticket.amount > 500.0"
        - to: review
    timeout: {after: 2h, event: escalate}
  review:
    owner: billing-lead
    on: {resolve: resolved}
  approval:
    owner: lead
    on: {approve: resolved, reject: resolved}
  resolved:
    final: true
""",
    "scenarios/tickets.yaml": """\
kind: Scenario
name: small-billing
ticket:
  channel: email
  category: billing
  amount: 100.0
  customer: {annual_value: 1000}
  created: 2026-03-02T10:00:00+01:00
expect: {segment: standard, priority: normal, queue: billing}
---
kind: Scenario
name: big-billing
ticket:
  channel: email
  category: billing
  amount: 900.0
  customer: {annual_value: 1000}
  created: 2026-03-02T10:00:00+01:00
---
kind: Scenario
name: vip-question
ticket:
  channel: email
  category: question
  customer: {annual_value: 90000}
  created: 2026-03-02T10:00:00+01:00
expect: {segment: vip, priority: normal, queue: frontline}
""",
}

_BILLING = (
    "  - name: billing\n"
    "    when: \"ticket.category == 'billing'\"\n"
    "    set: {priority: normal, queue: billing, workflow: dispute}\n"
)
_BIG_BILLING = (
    "  - name: big-billing\n"
    "    when: \"ticket.category == 'billing' && ticket.amount > 500.0\"\n"
    "    set: {priority: high, queue: billing, workflow: dispute}\n"
)
# (old, new) for Repo.edit: the big-billing rule moved above billing, which shadowed it
BIG_BILLING_FIRST = (_BILLING + _BIG_BILLING, _BIG_BILLING + _BILLING)


class Repo:
    """A git repository with a plan/ folder; every commit is real."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.plan = root / "plan"
        self._tick = 0
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Ada Planner")
        self.git("config", "user.email", "ada@example.com")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str, author: str | None = None, input_bytes: bytes | None = None) -> str:
        env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1"}
        self._tick += 1
        stamp = f"2026-{1 + self._tick // 28:02d}-{1 + self._tick % 28:02d}T12:00:00+01:00"
        env.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
        if author:
            name, _, email = author.partition(" <")
            env.update(GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email.rstrip(">"))
        done = subprocess.run(
            ["git", *args], cwd=self.root, env=env, input=input_bytes, capture_output=True, check=True
        )
        return done.stdout.decode().strip()

    def write(self, name: str, text: str) -> None:
        path = self.plan / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def edit(self, name: str, old: str, new: str) -> None:
        edit(self.plan / name, old, new)

    def commit(self, message: str, author: str | None = None) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, author=author)
        return self.git("rev-parse", "HEAD")


@pytest.fixture(name="repo")
def repo_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Repo]:
    """A repository whose first commit holds the demo plan; the test runs inside it."""
    made = Repo(tmp_path / "repo")
    for name, text in PLAN.items():
        made.write(name, text)
    made.commit("Plan 2026.1")
    monkeypatch.chdir(made.root)
    yield made
