"""Required against scheduled agents end to end: the published Erlang C example as a plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import edit

from planops.pipeline import check_plan
from planops.plan import CompiledPlan
from planops.staffing.arrivals import WEEKS_PER_MONTH, forecast_window, from_forecast, plan_zone
from planops.staffing.staff import Staffing, staff

AGENT = "queues: [frontline, escalations]}"
# 100 calls every 30 minutes around the clock: 336 slots a week
PER_MONTH = 100 * 336 * WEEKS_PER_MONTH


def _plan(plan_dir: Path, headcount: int, channel: str = "") -> CompiledPlan:
    shift = f"{{name: all-day, hours: 24x7, timezone: UTC, headcount: {headcount}}}"
    edit(plan_dir / "team.yaml", AGENT, AGENT[:-1] + f", shrinkage: 30%, shifts: [{shift}]}}")
    edit(plan_dir / "team.yaml", "headcount: 2, monthly_cost: 3000", "headcount: 20, monthly_cost: 300")
    (plan_dir / "phone.yaml").write_text(
        "kind: Channel\nname: phone\ntype: phone\nhandle_time: 3m\n"
        f"service_level: {{answered: 80%, within: 20s}}\nforecast: {{tickets_per_month: {PER_MONTH}}}\n{channel}",
        encoding="utf-8",
    )
    plan, found = check_plan(plan_dir)
    assert [d.code for d in found] == []
    assert plan is not None
    return plan


def _staff(plan: CompiledPlan, interval: int = 30) -> Staffing:
    zone = plan_zone(plan)
    return staff(plan, from_forecast(plan, forecast_window(plan, zone), zone, interval), zone, interval, "forecast")


def test_14_agents_on_the_phone_are_20_to_schedule_at_30_percent_shrinkage(plan_dir: Path) -> None:
    found = _staff(_plan(plan_dir, 20))
    [phone] = [c for c in found.channels if c.name == "phone"]
    # London time; the quarter from 28 December 2026 has no Sunday 01:00-02:00 on 28 March (clocks go forward)
    dst_gap = {290, 291}
    assert phone.method == "erlang-c" and {r for i, r in enumerate(phone.required) if i not in dst_gap} == {14}
    assert phone.tickets[0] == pytest.approx(100, rel=1e-3)
    [pool] = found.pools
    assert pool.pool.channels == ("phone",)  # the starter's email has no forecast: no arrivals
    assert pool.required[0] == pytest.approx(20.0) and pool.scheduled[0] == pytest.approx(20.0)
    assert all(g == pytest.approx(0, abs=1e-9) for g in pool.gaps)
    assert not found.short


def test_one_agent_fewer_is_short_in_every_interval(plan_dir: Path) -> None:
    found = _staff(_plan(plan_dir, 19))
    assert found.short
    assert all(g < 0 for g in found.pools[0].gaps)
    assert found.pools[0].gaps[0] == pytest.approx(-1.0)


def test_60_minute_intervals_and_patience_size_by_erlang_a(plan_dir: Path) -> None:
    found = _staff(_plan(plan_dir, 20, "patience: 1m\n"), 60)
    [phone] = [c for c in found.channels if c.name == "phone"]
    assert phone.method == "erlang-a" and len(phone.required) == 168 and found.interval == 60
    assert phone.tickets[0] == pytest.approx(200, rel=1e-3)
    assert phone.required[0] < 25  # 200 calls an hour are 10 Erlangs still: Erlang A needs fewer than 14


def test_a_channel_without_handle_time_is_skipped_saying_what_to_add(plan_dir: Path) -> None:
    found = _staff(_plan(plan_dir, 20))
    assert [c.name for c in found.channels] == ["phone"]  # email has no forecast: no arrivals without an export
    plan = _plan_with_email(plan_dir)
    [email] = [c for c in _staff(plan).channels if c.name == "email"]
    assert email.skipped == "no handle_time: add the average work per ticket, e.g. handle_time: 6m"


def _plan_with_email(plan_dir: Path) -> CompiledPlan:
    edit(
        plan_dir / "service.yaml",
        "targets: {first_response: 8h}\n",
        "targets: {first_response: 8h}\nforecast: {tickets_per_month: 100}\n",
    )
    plan, found = check_plan(plan_dir)
    assert plan is not None and not found
    return plan
