"""Queueing maths for live channels: Erlang C (customers wait as long as it takes) and Erlang A (they give up).

Traffic ``a`` is in Erlangs: arrivals per second × handle time in seconds. Erlang B comes from its recursion
``B(k) = a·B(k-1) / (k + a·B(k-1))`` (no factorials, stable for any number of agents); Erlang C from B:
``C = n·B / (n - a·(1 - B))``. With patience (Erlang A, M/M/n+M) the queue is a birth-death chain whose
stationary distribution is summed directly, and the share answered within the target follows a waiting
customer's place in the queue until an agent takes it (uniformisation of that chain; PASTA: arrivals see
the time averages).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

MAX_TRAFFIC = 10_000.0
"""The most Erlangs one interval may carry (ten thousand agents busy at once): beyond it :func:`required`
raises TrafficError rather than spend minutes on a plan no team has."""
MAX_WORK = 2_000_000
"""Steps of the Erlang A answer of one agent count (queue places × uniformised steps); beyond it the answer
is Erlang C's, which never needs fewer agents (customers who give up only shorten the queue)."""
_TINY = 1e-13
"""Probabilities below this are left out of sums (the chain's tail)."""
_STEPS_TAIL = 1e-10
"""The Poisson weight of the uniformised steps left out of a share answered within the target (its error is at
most this: a service level is shown to 0.1 %, and no agent count changes on the bundled plan's year of
tickets)."""
MAX_STATES = 200_000
"""The longest queue the Erlang A chain follows (only reached with patience far longer than the handle time)."""


class TrafficError(ValueError):
    """Traffic beyond MAX_TRAFFIC."""


@dataclass(frozen=True, slots=True)
class Queue:
    """How a live channel does with ``agents`` on it: waiting, service level, speed of answer, occupancy."""

    agents: int
    wait_probability: float
    service_level: float
    asa: float
    """Average speed of answer in seconds (Erlang A: mean time in queue, answered or abandoned alike)."""
    occupancy: float
    abandoned: float = 0.0
    """The share of customers who give up before an agent answers (Erlang A; 0 under Erlang C)."""


def erlang_b(agents: int, traffic: float) -> float:
    """The blocking probability of ``agents`` servers offered ``traffic`` Erlangs."""
    b = 1.0
    for k in range(1, agents + 1):
        b = traffic * b / (k + traffic * b)
    return b


def erlang_c(agents: int, traffic: float) -> float:
    """The probability that a customer waits (1 when the agents cannot keep up with the traffic)."""
    if agents <= traffic:
        return 1.0
    b = erlang_b(agents, traffic)
    return agents * b / (agents - traffic * (1 - b))


def queue_c(agents: int, traffic: float, handle: float, within: float) -> Queue:
    """Erlang C for ``agents`` on ``traffic`` Erlangs with ``handle`` seconds a ticket, target ``within`` s."""
    c = erlang_c(agents, traffic)
    if agents <= traffic:
        return Queue(agents, 1.0, 0.0, math.inf, 1.0)
    sl = 1 - c * math.exp(-(agents - traffic) * within / handle)
    return Queue(agents, c, sl, c * handle / (agents - traffic), traffic / agents)


def queue_a(agents: int, traffic: float, handle: float, within: float, patience: float) -> Queue:
    """Erlang A: as :func:`queue_c`, customers giving up after ``patience`` seconds on average."""
    mu, theta = 1 / handle, 1 / patience
    lam = traffic * mu
    probs = _stationary(agents, lam, mu, theta)
    waiting = probs[agents:]
    places = len(waiting)
    while places > 1 and waiting[places - 1] < _TINY:  # so few arrive that far back: their answer is immaterial
        places -= 1
    rate = agents * mu + (places + 1) * theta
    if places * (rate * within + 10 * math.sqrt(rate * within) + 20) > MAX_WORK:
        return queue_c(agents, traffic, handle, within) if agents > traffic else Queue(agents, 1.0, 0.0, math.inf, 1.0)
    answered = _answered_within(agents, places, mu, theta, within)
    queued = sum(j * p for j, p in enumerate(waiting))  # customers waiting, on average
    sl = sum(probs[:agents]) + sum(p * f for p, f in zip(waiting, answered, strict=False))
    abandoned = theta * queued / lam if lam > 0 else 0.0
    busy = sum(min(n, agents) * p for n, p in enumerate(probs)) / agents if agents else 1.0
    return Queue(agents, sum(waiting), sl, queued / lam if lam > 0 else 0.0, busy, abandoned)


def _stationary(agents: int, lam: float, mu: float, theta: float) -> list[float]:
    """P(n in the system) of the M/M/n+M chain, from 0 until the tail is negligible."""
    weights = [1.0]
    n, total = 0, 1.0
    while True:
        n += 1
        weights.append(weights[-1] * lam / (min(n, agents) * mu + max(n - agents, 0) * theta))
        total += weights[-1]
        if n > agents and (weights[-1] < _TINY * total or n >= MAX_STATES):
            break
    return [w / total for w in weights]


def _answered_within(agents: int, places: int, mu: float, theta: float, within: float) -> list[float]:
    """For a customer arriving with j others waiting ahead (j < places): P(an agent answers within
    ``within`` seconds before the customer gives up). The one ahead of it moves at rate n·μ + k·θ (k ahead)."""
    rate = agents * mu + places * theta + theta
    up = [(agents * mu + k * theta) / rate for k in range(places)]  # one place forward in a step
    stay = [(rate - agents * mu - (k + 1) * theta) / rate for k in range(places)]  # neither forward nor gone
    served = [0.0] * places
    reached = [0.0] * places  # P(answered within m uniformised steps), from each place
    for weight in _poisson(rate * within):
        served = [s + weight * r for s, r in zip(served, reached, strict=True)]
        reached = [u * ahead + s * r for u, ahead, s, r in zip(up, [1.0, *reached], stay, reached, strict=False)]
    return served


def _poisson(mean: float) -> list[float]:
    """P(m) of a Poisson variable for m = 0, 1, … until the rest is negligible (recursive, in log space)."""
    terms, m, log_p, total = [], 0, -mean, 0.0
    while True:
        p = math.exp(log_p)
        terms.append(p)
        total += p
        m += 1
        log_p += math.log(mean) - math.log(m) if mean > 0 else -math.inf
        if m > mean and (1 - total < _STEPS_TAIL or p < _STEPS_TAIL):
            return terms


@functools.lru_cache(maxsize=4096)  # a forecast spread evenly asks the same of many intervals
def required(
    traffic: float, handle: float, answered: float, within: float, occupancy: float, patience: float | None = None
) -> Queue:
    """The fewest agents that answer ``answered`` (a share) of customers within ``within`` seconds while kept
    busy at most ``occupancy`` of their time; Erlang A when ``patience`` (seconds) is given."""
    if traffic <= 0:
        return Queue(0, 0.0, 1.0, 0.0, 0.0)
    if traffic > MAX_TRAFFIC:
        raise TrafficError(f"{traffic:,.0f} Erlangs in one interval; planops sizes up to {MAX_TRAFFIC:,.0f}")
    agents = max(math.floor(traffic) + 1, math.ceil(traffic / occupancy - 1e-9))
    found = queue_c(agents, traffic, handle, within)
    while not found.service_level >= answered:
        agents += 1
        found = queue_c(agents, traffic, handle, within)
    if patience is None:
        return found
    return _fewest_patient(found.agents, traffic, handle, answered, within, occupancy, patience)


def _fewest_patient(
    agents: int, traffic: float, handle: float, answered: float, within: float, occupancy: float, patience: float
) -> Queue:
    """Erlang A needs no more agents than Erlang C (customers who give up make the queue shorter): step down
    from the Erlang C answer while the target and the occupancy cap still hold."""
    found = queue_a(agents, traffic, handle, within, patience)
    while agents > 1:
        fewer = queue_a(agents - 1, traffic, handle, within, patience)
        if fewer.service_level < answered or fewer.occupancy > occupancy:
            break
        agents, found = agents - 1, fewer
    return found


def scheduled(agents: float, shrinkage: float) -> int:
    """Agents to schedule so that ``agents`` are available after ``shrinkage`` (a share of paid time)."""
    return math.ceil(agents / (1 - shrinkage) - 1e-9)
