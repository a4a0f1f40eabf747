"""Write a large, valid plan for benchmarks: many workflows, rules and scenarios.

    python benchmarks/generate_plan.py OUT_DIR [--workflows 300] [--scenarios 4000]

The other benchmarks import ``write_plan`` (their folder is on ``sys.path`` when run as scripts).

Deterministic: the same arguments give the same files.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

HEADER = "# yaml-language-server: $schema=../schema/planops.schema.json\n"


def plan_files(workflows: int, scenarios: int, seed: int = 7) -> dict[str, str]:
    rng = random.Random(seed)
    files = {
        "plan.yaml": _manifest(),
        "team.yaml": _team(workflows),
        "service.yaml": _service(),
        "routing.yaml": _routing(workflows),
    }
    for w in range(workflows):
        files[f"workflows/wf-{w:03d}.yaml"] = _workflow(w)
    per_file = 50
    for start in range(0, scenarios, per_file):
        docs = [_scenario(i, i % workflows, rng) for i in range(start, min(start + per_file, scenarios))]
        files[f"scenarios/batch-{start // per_file:03d}.yaml"] = "---\n".join(docs)
    return files


def _manifest() -> str:
    return HEADER + """kind: Plan
name: big
title: A large generated plan
version: "1.0"
effective: 2026-01-01
owner: lead
goals:
  - {name: fast, statement: Answer fast, kpis: [frt]}
ticket_fields: {queue_hint: integer}
---
kind: KPI
name: frt
measures: first_response_time
statistic: p90
target: {max: 4h}
"""


def _team(workflows: int) -> str:
    queues = ", ".join(f"q{w:03d}" for w in range(workflows))
    return HEADER + f"""kind: Team
name: support
roles:
  - {{name: lead, title: Lead, tier: 3, headcount: 1, monthly_cost: 5000, escalation_contact: true}}
  - {{name: tier1, title: Agent, tier: 1, headcount: 10, monthly_cost: 3000, queues: [{queues}]}}
  - {{name: tier2, title: Specialist, tier: 2, headcount: 4, monthly_cost: 4000}}
---
kind: Budget
name: monthly
currency: USD
monthly_limit: 100000
lines:
  - {{name: Helpdesk, category: tools, monthly: 2000}}
"""


def _service() -> str:
    return HEADER + """kind: Calendar
name: berlin
timezone: Europe/Berlin
hours: {mon-fri: "08:00-18:00", sat: "10:00-14:00"}
holidays: {country: DE, subdivision: BE, dates: [2026-12-24]}
---
kind: Segmentation
name: customers
segments:
  - {name: vip, when: "ticket.customer.annual_value >= 50000"}
  - {name: business, when: "ticket.customer.annual_value >= 5000"}
  - {name: standard}
---
kind: Channel
name: email
calendar: berlin
---
kind: SLAPolicy
name: vip
order: 1
when: "ticket.segment == 'vip'"
calendar: berlin
targets:
  urgent: {first_response: 30m, next_response: 1h, resolution: 4h}
  high: {first_response: 1h, next_response: 2h, resolution: 8h}
  normal: {first_response: 4h, next_response: 4h, resolution: 24h}
  low: {first_response: 8h, next_response: 8h, resolution: 40h}
---
kind: SLAPolicy
name: standard
order: 2
calendar: berlin
targets:
  urgent: {first_response: 1h, next_response: 2h, resolution: 8h}
  high: {first_response: 2h, next_response: 4h, resolution: 16h}
  normal: {first_response: 8h, next_response: 8h, resolution: 40h}
  low: {first_response: 16h, next_response: 16h, resolution: 80h}
"""


def _routing(workflows: int) -> str:
    priorities = ["urgent", "high", "normal", "low"]
    rules = [
        f"  - name: rule-{w:03d}\n"
        f"    when: \"ticket.category == 'cat-{w:03d}' && ticket.amount >= 0.0\"\n"
        f"    set: {{priority: {priorities[w % 4]}, queue: q{w:03d}, workflow: wf-{w:03d}}}\n"
        for w in range(workflows)
    ]
    default = "  - name: default\n    set: {priority: normal, queue: q000, workflow: wf-000}\n"
    return HEADER + "kind: Routing\nname: default\nrules:\n" + "".join(rules) + default


def _workflow(w: int) -> str:
    return HEADER.replace("../", "../../") + f"""kind: Workflow
name: wf-{w:03d}
title: Generated workflow {w}
initial: triage
states:
  triage:
    owner: tier1
    on:
      resolve: resolved
      escalate:
        - to: manager
          when: "ticket.amount > 500.0"
        - to: specialist
      ask_customer: waiting
    timeout: {{after: 2h, event: escalate}}
  waiting:
    owner: tier1
    pause: [resolution]
    on: {{customer_reply: triage, close: resolved}}
  specialist:
    owner: tier2
    on: {{resolve: resolved, escalate: manager, reopen: triage}}
    timeout: {{after: 8h, event: escalate}}
  manager:
    owner: lead
    on: {{approve: resolved, reject: closed}}
  resolved:
    final: true
  closed:
    final: true
"""


def _scenario(i: int, w: int, rng: random.Random) -> str:
    day = 1 + rng.randrange(27)
    hour = 8 + rng.randrange(10)
    amount = rng.choice([50.0, 300.0, 900.0, 2500.0])
    value = rng.choice([1000, 8000, 90000])
    steps = rng.choice([
        "  - {at: +30m, do: respond}\n  - {at: +90m, do: resolve}\n",
        # escalated before the 2h timer can fire; the guard picks manager or specialist
        "  - {at: +30m, do: respond}\n  - {at: +1h, do: escalate}\n"
        + ("  - {at: +2h, do: approve}\n" if amount > 500 else "  - {at: +2h, do: resolve}\n"),
        "  - {at: +20m, do: respond}\n  - {at: +1h, do: ask_customer}\n"
        "  - {at: +1d, do: customer_reply}\n  - {at: +26h, do: resolve}\n",
        "  - {at: +10m, do: respond}\n",
    ])
    return f"""kind: Scenario
name: s-{i:05d}
ticket:
  channel: email
  category: cat-{w:03d}
  amount: {amount}
  customer: {{annual_value: {value}}}
  created: 2026-{1 + i % 12:02d}-{day:02d}T{hour:02d}:15:00+01:00
events:
{steps}until: +3d
expect:
  workflow: wf-{w:03d}
  queue: q{w:03d}
"""


def write_plan(out: Path, workflows: int = 300, scenarios: int = 4000) -> Path:
    """Write the plan into ``out / 'plan'`` and return that folder."""
    for rel, text in plan_files(workflows, scenarios).items():
        target = out / "plan" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return out / "plan"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--workflows", type=int, default=300)
    parser.add_argument("--scenarios", type=int, default=4000)
    args = parser.parse_args()
    plan = write_plan(args.out, args.workflows, args.scenarios)
    size = sum(p.stat().st_size for p in plan.rglob("*.yaml"))
    print(f"wrote {plan}: {size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
