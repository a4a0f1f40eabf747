"""planops.actuals.backtest on a real git repository and a small hand-made export with exact expected counts.

The demo plan (tests/helpers/gitrepo.py): standard customers' normal tickets have an 8h first-response
target, high ones 4h, in an office open Mon–Fri 09:00–17:00 (Berlin). Every ticket is created on Monday
2026-03-02 at 10:00 local time and answered the same day.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from tests.helpers.gitrepo import BIG_BILLING_FIRST, Repo, repo_fixture  # noqa: F401  (the fixture)

from planops.actuals.backtest import Backtest, Reroute, backtest
from planops.actuals.backtestdata import as_json, saved
from planops.review.replay import revisions

TICKETS = """\
id,created_at,channel,category,amount,customer.annual_value,priority,queue
t1,2026-03-02T10:00:00+01:00,email,billing,900,1000,,
t2,2026-03-02T10:00:00+01:00,email,billing,700,1000,,
t3,2026-03-02T10:00:00+01:00,email,billing,100,1000,,
t4,2026-03-02T10:00:00+01:00,email,question,,90000,,
t5,2026-03-02T10:00:00+01:00,email,question,,1000,,
t6,2026-03-02T10:00:00+01:00,email,billing,600,1000,low,frontline
"""
EVENTS = """\
ticket_id,at,event,value
t1,2026-03-02T15:00:00+01:00,respond,
t2,2026-03-02T11:00:00+01:00,respond,
t3,2026-03-02T12:00:00+01:00,respond,
t4,2026-03-02T11:00:00+01:00,respond,
t5,2026-03-02T13:00:00+01:00,respond,
t6,2026-03-02T10:30:00+01:00,respond,
"""
EVERYTHING_ELSE = (
    "    set: {priority: normal, queue: frontline, workflow: dispute}\n",
    "    set: {priority: normal, queue: billing, workflow: dispute}\n",
)


@pytest.fixture(name="export")
def export_fixture(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (folder / "events.csv").write_text(EVENTS, encoding="utf-8")
    return folder / "tickets.csv", folder / "events.csv"


def run(repo: Repo, export: tuple[Path, Path], base: str | None = None, head: str | None = None) -> Backtest:
    first, second = revisions(repo.root, repo.plan, base, head)
    return backtest(first, second, *export)


def moves(found: Backtest, field: str) -> list[tuple[str | None, str | None, int, tuple[str, ...]]]:
    return [(r.before, r.after, r.tickets, r.examples) for r in found.reroutes if r.field == field]


def sla(found: Backtest, policy: str, priority: str, target: str = "first_response") -> tuple[float | None, ...]:
    row = next(s for s in found.sla if (s.sla_policy, s.priority, s.target) == (policy, priority, target))
    return (*(a.attainment if a else None for a in (row.actual, row.base, row.head)), row.delta)


def test_a_routing_change_moves_exactly_the_tickets_it_routes_differently(
    repo: Repo, export: tuple[Path, Path]
) -> None:
    repo.edit("routing.yaml", *BIG_BILLING_FIRST)  # billing over 500 is high now: t1, t2 and t6
    repo.edit("routing.yaml", *EVERYTHING_ELSE)  # and the rest goes to billing: t4, t5
    found = run(repo, export)
    assert found.base.startswith("merge base with main (") and found.head == "working tree"
    assert found.tickets == 6 and found.periods == ("2026-Q1",) and found.counts == {"2026-Q1": 6}
    assert moves(found, "priority") == [("normal", "high", 3, ("t1", "t2", "t6"))]
    assert moves(found, "queue") == [("frontline", "billing", 2, ("t4", "t5"))]
    assert moves(found, "workflow") == [] and moves(found, "segment") == [] and moves(found, "sla_policy") == []
    assert found.rerouted == 5
    # standard/high under head: t1 answered after 5 business hours (breached), t2 and t6 in time; as
    # recorded (measured by head) t6 keeps its given low priority, which has no target
    assert sla(found, "standard", "high") == (50.0, None, 66.6667, None)
    # standard/normal: all five met under base; t3 and t5 under head; t6 kept its recorded low priority
    assert sla(found, "standard", "normal") == (100.0, 100.0, 100.0, 0.0)
    queues = {(w.side, w.name): w.tickets for w in found.workload if w.kind == "queue"}
    assert queues == {("base", "billing"): 4, ("base", "frontline"): 2, ("head", "billing"): 6}


def test_a_tighter_sla_target_moves_attainment_by_the_tickets_it_breaches(
    repo: Repo, export: tuple[Path, Path]
) -> None:
    repo.edit(
        "service.yaml", "normal: {first_response: 8h, resolution: 40h}", "normal: {first_response: 2h, resolution: 40h}"
    )
    found = run(repo, export)
    # t1 (5h) and t5 (3h) now breach; t2 (1h), t3 (2h: due exactly then) and t6 (30m) are still met
    assert sla(found, "standard", "normal") == (50.0, 100.0, 60.0, -40.0)  # recorded: t6 low, no target
    assert found.reroutes == ()
    kpi = next(k for k in found.kpis if k.kpi == "first-response" and not k.by)
    assert kpi.base == kpi.head and kpi.delta == 0.0


def test_identical_revisions_give_zero_deltas(repo: Repo, export: tuple[Path, Path]) -> None:
    found = run(repo, export, base="HEAD", head="HEAD")
    assert found.reroutes == () and found.rerouted == 0
    assert all(k.delta in (0.0, None) for k in found.kpis)
    assert all(s.delta in (0.0, None) for s in found.sla)
    pairs: dict[tuple[str, str], list[float]] = {}
    for w in found.workload:
        pairs.setdefault((w.kind, w.name), []).append(w.tickets)
    assert all(len(set(v)) == 1 for v in pairs.values())


def test_the_saved_aggregates_hold_no_ticket_id(repo: Repo, export: tuple[Path, Path]) -> None:
    repo.edit("routing.yaml", *BIG_BILLING_FIRST)
    found = run(repo, export)
    data = saved(found, "2026-Q1")
    assert data["reroutes"] == [
        {"period": "2026-Q1", "field": "moved", "from": None, "to": None, "tickets": 3},
        {"period": "2026-Q1", "field": "priority", "from": "normal", "to": "high", "tickets": 3},
    ]
    assert data["tickets"] == 6 and data["rerouted"] == 3
    assert not any(f"t{i}" in repr(data) for i in range(1, 7))
    assert as_json(found)["reroutes"][1]["examples"] == ["t1", "t2", "t6"]
    assert isinstance(found.reroutes[0], Reroute)


def test_the_bundled_plan_on_its_sample_moves_exactly_the_how_to_tickets(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    sample = root / "samples" / "acme-2026-Q3"
    bundled = Repo(tmp_path / "bundled")
    shutil.copytree(root / "plan", bundled.plan)
    bundled.commit("The bundled plan")
    low, normal = (f"set: {{priority: {p}, queue: frontline, workflow: general-inquiry}}" for p in ("low", "normal"))
    bundled.edit("routing.yaml", f"    {low}\n    description: Questions", f"    {normal}\n    description: Questions")
    with (sample / "tickets.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    # how-to questions, except those the churn-risk rule above takes first
    how_to = sorted(r["id"] for r in rows if r["category"] == "how-to" and r["customer.churn_risk"] != "true")
    found = run(bundled, (sample / "tickets.csv", sample / "events.csv"))
    assert found.tickets == len(rows) == 3211 and len(how_to) == 988
    assert [(r.field, r.before, r.after, r.tickets) for r in found.reroutes] == [
        ("moved", None, None, 988),
        ("priority", "low", "normal", 988),
    ]
    assert found.reroutes[1].examples == tuple(how_to[:3])
    changed = {(s.sla_policy, s.priority) for s in found.sla if s.delta not in (None, 0.0)}
    assert changed and all(priority in ("low", "normal") for _, priority in changed)


def test_without_given_values_the_actual_side_is_head_s_replay(repo: Repo, tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "tickets.csv").write_text(TICKETS.replace(",low,frontline\n", ",,\n"), encoding="utf-8")
    (folder / "events.csv").write_text(EVENTS, encoding="utf-8")
    repo.edit("routing.yaml", *BIG_BILLING_FIRST)
    found = run(repo, (folder / "tickets.csv", folder / "events.csv"))
    assert moves(found, "priority") == [("normal", "high", 3, ("t1", "t2", "t6"))]
    assert all(k.actual == k.head for k in found.kpis)
    assert all(s.actual == s.head for s in found.sla)
    assert sla(found, "standard", "high") == (66.6667, None, 66.6667, None)
