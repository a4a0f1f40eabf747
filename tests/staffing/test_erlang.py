"""Erlang C and Erlang A, proved on published figures, closed forms and a simulation."""

from __future__ import annotations

import heapq
import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planops.staffing.erlang import TrafficError, erlang_b, erlang_c, queue_a, queue_c, required, scheduled

# 100 calls in 30 minutes, 180 s handle time: 10 Erlangs; target 80% within 20 s
TRAFFIC, HANDLE, WITHIN = 100 * 180 / 1800, 180.0, 20.0


def test_the_published_example_needs_14_agents_and_20_scheduled_with_30_percent_shrinkage() -> None:
    found = required(TRAFFIC, HANDLE, 0.8, WITHIN, 1.0)
    assert found.agents == 14
    assert round(found.service_level * 100, 1) == 88.8
    assert round(found.asa, 1) == 7.8
    assert round(found.occupancy * 100, 1) == 71.4
    assert scheduled(found.agents, 0.3) == 20


@pytest.mark.parametrize(
    ("agents", "wait", "level", "asa"),
    # the rest of the same published table (callcentrehelper.com, "Erlang C formula, made simple")
    [(11, 68.2, 39.0, 122.8), (12, 44.9, 64.0, 40.4), (13, 28.5, 79.6, 17.1), (15, 10.2, 94.1, 3.7)],
)
def test_the_published_table_around_the_answer(agents: int, wait: float, level: float, asa: float) -> None:
    found = queue_c(agents, TRAFFIC, HANDLE, WITHIN)
    assert (round(found.wait_probability * 100, 1), round(found.service_level * 100, 1)) == (wait, level)
    assert round(found.asa, 1) == asa


def test_textbook_closed_forms() -> None:
    # M/M/1: P(wait) = ρ; M/M/2: P(wait) = 2ρ²/(1 + ρ); Erlang B for 2 Erlangs on 3 lines = 4/19
    assert erlang_c(1, 0.6) == pytest.approx(0.6)
    assert erlang_c(2, 1.0) == pytest.approx(2 * 0.5**2 / 1.5)
    assert erlang_b(3, 2.0) == pytest.approx(4 / 19)
    assert erlang_c(3, 2.0) == pytest.approx(4 / 9)


def test_an_occupancy_cap_adds_agents_beyond_the_service_level() -> None:
    found = required(TRAFFIC, HANDLE, 0.8, WITHIN, 0.65)
    assert found.agents == 16  # 10 / 16 = 62.5%: 15 agents would be 66.7% busy
    assert found.occupancy <= 0.65


def test_no_traffic_needs_no_agents_and_a_thousand_agents_stay_finite() -> None:
    assert required(0.0, HANDLE, 0.8, WITHIN, 0.85).agents == 0
    big = required(900.0, HANDLE, 0.8, WITHIN, 1.0)
    assert 900 < big.agents < 960
    assert math.isfinite(big.asa)


def test_erlang_a_with_endless_patience_is_erlang_c() -> None:
    patient = queue_a(14, TRAFFIC, HANDLE, WITHIN, patience=1e7)
    plain = queue_c(14, TRAFFIC, HANDLE, WITHIN)
    assert patient.wait_probability == pytest.approx(plain.wait_probability, abs=1e-4)
    assert patient.service_level == pytest.approx(plain.service_level, abs=1e-4)
    assert patient.asa == pytest.approx(plain.asa, rel=1e-3)


def _simulate(agents: int, lam: float, handle: float, patience: float, within: float, n: int) -> tuple[float, float]:
    """M/M/n+M, first come first served: (share answered within ``within``, share abandoned).

    In arrival order each customer takes the agent free soonest, unless it gives up before then (then it
    takes no agent): the order of service of FCFS, without an event queue."""
    rng = random.Random(20260701)
    free_at = [0.0] * agents  # when each agent is next free
    heapq.heapify(free_at)
    t, fast, gave_up = 0.0, 0, 0
    arrivals = []
    for _ in range(n):
        t += rng.expovariate(lam)
        arrivals.append((t, t + rng.expovariate(1 / patience), rng.expovariate(1 / handle)))
    for arrival, leaves, work in arrivals:
        start = max(arrival, free_at[0])
        if start > leaves:
            gave_up += 1
            continue
        heapq.heapreplace(free_at, start + work)
        fast += start - arrival <= within
    return fast / n, gave_up / n


def test_erlang_a_agrees_with_a_simulation() -> None:
    # 12 agents on 10 Erlangs, customers wait 60 s on average before hanging up
    found = queue_a(12, TRAFFIC, HANDLE, WITHIN, patience=60.0)
    level, abandoned = _simulate(12, TRAFFIC / HANDLE, HANDLE, 60.0, WITHIN, 400_000)
    assert found.service_level == pytest.approx(level, abs=0.005)
    assert found.abandoned == pytest.approx(abandoned, abs=0.003)
    assert found.service_level > queue_c(12, TRAFFIC, HANDLE, WITHIN).service_level


def test_erlang_a_needs_no_more_agents_than_erlang_c() -> None:
    with_patience = required(TRAFFIC, HANDLE, 0.8, WITHIN, 1.0, patience=60.0)
    assert with_patience.agents <= 14
    assert with_patience.service_level >= 0.8


@given(
    traffic=st.floats(0.1, 200.0),
    extra=st.integers(1, 30),
    within=st.floats(1.0, 600.0),
)
def test_more_agents_answer_more_and_sooner(traffic: float, extra: int, within: float) -> None:
    agents = math.floor(traffic) + extra
    one, more = queue_c(agents, traffic, HANDLE, within), queue_c(agents + 1, traffic, HANDLE, within)
    assert more.service_level >= one.service_level
    assert more.asa <= one.asa
    assert more.occupancy < one.occupancy


@given(traffic=st.floats(0.1, 50.0), agents=st.integers(1, 60), patience=st.floats(10.0, 3600.0))
def test_erlang_a_more_agents_answer_more(traffic: float, agents: int, patience: float) -> None:
    one, more = (queue_a(n, traffic, HANDLE, WITHIN, patience) for n in (agents, agents + 1))
    assert more.service_level >= one.service_level - 1e-9
    assert more.abandoned <= one.abandoned + 1e-9


def test_traffic_beyond_what_planops_sizes_is_an_error_not_a_hang() -> None:
    with pytest.raises(TrafficError, match="20,000 Erlangs in one interval; planops sizes up to 10,000"):
        required(20_000.0, HANDLE, 0.8, WITHIN, 1.0)


def test_erlang_a_too_long_to_follow_falls_back_to_erlang_c(monkeypatch: pytest.MonkeyPatch) -> None:
    from planops.staffing import erlang

    assert queue_a(11, TRAFFIC, HANDLE, WITHIN, patience=60.0) != queue_c(11, TRAFFIC, HANDLE, WITHIN)
    monkeypatch.setattr(erlang, "MAX_WORK", 10)
    assert queue_a(11, TRAFFIC, HANDLE, WITHIN, patience=60.0) == queue_c(11, TRAFFIC, HANDLE, WITHIN)
