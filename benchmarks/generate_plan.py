"""Write large, valid plans for benchmarks.

    python benchmarks/generate_plan.py OUT_DIR [--copies 300] [--rules 300] [--scenarios 3000]
    python benchmarks/generate_plan.py OUT_DIR --synthetic [--workflows 300] [--scenarios 4000]

The default is the large plan that ``planops validate`` is measured on: the
bundled plan (``plan/`` at the repository root), 300 copies of each of its
workflows, 300 extra routing rules (before its last rule) and 3,000 more scenarios,
copies of its own (each naming a copy of its workflow in its ticket, a field
the copy's Plan declares); the copies leave out prose (descriptions, titles,
subjects) and review metadata. Every workflow has a scenario. About 3.8 MB in
1,280 files.

``--synthetic`` writes the generated plan the engine and diff benchmarks use:
one made-up workflow shape, many copies, one rule per workflow, short scenarios.

The other benchmarks import ``write_large_plan`` and ``write_plan`` (their
folder is on ``sys.path`` when run as scripts). Deterministic: the same
arguments give the same files.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

import yaml

HEADER = "# yaml-language-server: $schema=../schema/planops.schema.json\n"
BUNDLED = Path(__file__).resolve().parent.parent / "plan"
# What the copies leave out: prose (a block `description: |` with its indented lines, titles, a ticket's
# subject) and the review metadata (owner, reviewed) of the copied object itself.
_PROSE = re.compile(
    r"^( *)(description|title): [|>]-?\n(?:\1  .*\n|\n)*|^ *(title|subject): .*\n"
    r"|^(owner|reviewed): .*\n",
    re.M,
)
_NAME = re.compile(r"^name: (.+)$", re.M)


def large_plan_files(copies: int = 300, rules: int = 300, scenarios: int = 3000) -> dict[str, str]:
    """The bundled plan, ``copies`` copies of each workflow, ``rules`` more rules, ``scenarios`` scenarios."""
    files = {
        str(p.relative_to(BUNDLED)): p.read_text(encoding="utf-8") for p in sorted(BUNDLED.rglob("*")) if p.is_file()
    }
    workflows = sorted(p.stem for p in (BUNDLED / "workflows").glob("*.yaml"))
    for name in workflows:
        text = _PROSE.sub("", files[f"workflows/{name}.yaml"])
        for k in range(copies):
            files[f"workflows/{name}-{k:03d}.yaml"] = _NAME.sub(f"name: {name}-{k:03d}", text, count=1)
    files["routing.yaml"] = _more_rules(files["routing.yaml"], workflows, copies, rules)
    files["plan.yaml"] = _more_categories(
        files["plan.yaml"].replace("\nticket_fields:\n", "\nticket_fields:\n  workflow: string\n", 1), rules
    )
    used: dict[str, int] = {}  # per workflow, how many copies of scenarios name one of its copies
    docs = []
    for i, (text, workflow) in enumerate(_cycle(_bundled_scenarios(), scenarios)):
        docs.append(_scenario_copy(text, i, f"{workflow}-{used.get(workflow, 0) % copies:03d}", workflow))
        used[workflow] = used.get(workflow, 0) + 1
    for start in range(0, len(docs), 50):
        files[f"scenarios/copies-{start // 50:03d}.yaml"] = HEADER.replace("../", "../../") + "---\n".join(
            docs[start : start + 50]
        )
    return files


def _more_categories(manifest: str, rules: int) -> str:
    """The bundled plan's categories and one more for each generated rule."""
    listed = "values: [account, "
    if listed not in manifest:
        raise SystemExit("the bundled plan's category values changed: update benchmarks/generate_plan.py")
    extra = ", ".join(f"extra-{r:03d}" for r in range(rules))
    return manifest.replace(listed, f"values: [{extra}, account, ", 1)


def _more_rules(text: str, workflows: list[str], copies: int, rules: int) -> str:
    """``rules`` rules, each for its own category, inserted before the last (default) rule."""
    last = text.rindex("\n  - name: ") + 1
    extra = "".join(
        f"  - name: extra-{r:03d}\n"
        f"    when: \"ticket.category == 'extra-{r:03d}' && ticket.amount > 100.0\"\n"
        f"    set: {{priority: normal, queue: frontline, workflow: {workflows[r % len(workflows)]}-"
        f"{r // len(workflows) % copies:03d}}}\n"
        f"    description: Generated rule {r} for the benchmark.\n"
        for r in range(rules)
    )
    return text[:last] + extra + text[last:]


def _bundled_scenarios() -> list[tuple[str, str]]:
    """Each bundled scenario as (its text without prose, the workflow it expects or its file implies)."""
    by_file = {
        "billing": "billing-dispute",
        "complaints": "complaint-retention",
        "general": "general-inquiry",
        "technical": "technical-issue",
    }
    found = []
    for path in sorted((BUNDLED / "scenarios").glob("*.yaml")):
        for doc in path.read_text(encoding="utf-8").split("\n---\n"):
            data = yaml.load(doc, Loader=yaml.CSafeLoader)
            workflow = (data.get("expect") or {}).get("workflow") or by_file[path.stem]
            text = _PROSE.sub("", "\n".join(line for line in doc.splitlines() if not line.startswith("#")))
            found.append((text.rstrip("\n") + "\n", workflow))
    return found


def _cycle(items: list[tuple[str, str]], n: int) -> list[tuple[str, str]]:
    return [items[i % len(items)] for i in range(n)]


def _scenario_copy(text: str, i: int, copy: str, workflow: str) -> str:
    """Scenario ``i``: a bundled scenario, renamed, its ticket (and expectation) naming ``copy`` of its workflow."""
    text = _NAME.sub(lambda m: f"name: {m.group(1)}-{i:04d}", text, count=1)
    text = text.replace(f"\n  workflow: {workflow}\n", f"\n  workflow: {copy}\n")
    return text.replace("\nticket:\n", f"\nticket:\n  workflow: {copy}\n", 1)


def write_large_plan(out: Path, copies: int = 300, rules: int = 300, scenarios: int = 3000) -> Path:
    """Write the large plan into ``out / 'plan'`` and return that folder."""
    return _write(out, large_plan_files(copies, rules, scenarios))


def _write(out: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        target = out / "plan" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return out / "plan"


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
    return (
        HEADER
        + """kind: Plan
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
    )


def _team(workflows: int) -> str:
    queues = ", ".join(f"q{w:03d}" for w in range(workflows))
    return (
        HEADER
        + f"""kind: Team
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
    )


def _service() -> str:
    return (
        HEADER
        + """kind: Calendar
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
    )


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
    return (
        HEADER.replace("../", "../../")
        + f"""kind: Workflow
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
    )


def _scenario(i: int, w: int, rng: random.Random) -> str:
    day = 1 + rng.randrange(27)
    hour = 8 + rng.randrange(10)
    amount = rng.choice([50.0, 300.0, 900.0, 2500.0])
    value = rng.choice([1000, 8000, 90000])
    steps = rng.choice(
        [
            "  - {at: +30m, do: respond}\n  - {at: +90m, do: resolve}\n",
            # escalated before the 2h timer can fire; the guard picks manager or specialist
            "  - {at: +30m, do: respond}\n  - {at: +1h, do: escalate}\n"
            + ("  - {at: +2h, do: approve}\n" if amount > 500 else "  - {at: +2h, do: resolve}\n"),
            "  - {at: +20m, do: respond}\n  - {at: +1h, do: ask_customer}\n"
            "  - {at: +1d, do: customer_reply}\n  - {at: +26h, do: resolve}\n",
            "  - {at: +10m, do: respond}\n",
        ]
    )
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
    """Write the synthetic plan into ``out / 'plan'`` and return that folder."""
    return _write(out, plan_files(workflows, scenarios))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--synthetic", action="store_true", help="the synthetic plan of the engine benchmark")
    parser.add_argument("--copies", type=int, default=300, help="copies of each bundled workflow")
    parser.add_argument("--rules", type=int, default=300, help="extra routing rules")
    parser.add_argument("--workflows", type=int, default=300, help="workflows of the synthetic plan")
    parser.add_argument("--scenarios", type=int, help="scenarios (default: 3000, synthetic 4000)")
    args = parser.parse_args()
    if args.synthetic:
        plan = write_plan(args.out, args.workflows, args.scenarios or 4000)
    else:
        plan = write_large_plan(args.out, args.copies, args.rules, args.scenarios or 3000)
    files = [p for p in plan.rglob("*") if p.is_file()]
    print(f"wrote {plan}: {len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
