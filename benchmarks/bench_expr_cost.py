"""How the steps planops counts for an expression compare with the time CEL takes to evaluate it.

    python benchmarks/bench_expr_cost.py

For expressions around planops.limits.MAX_EXPR_COST (comprehensions over
literal lists and over a ticket's 1,000-item list, nested or copying), prints
the steps counted on the text (without the bound), the evaluation time, and
nanoseconds per step. MAX_EXPR_COST is chosen so that the worst of these stays
near a second; rerun this after upgrading the CEL library.
"""

from __future__ import annotations

import time

import cel

from planops import expr_limits
from planops.limits import MAX_EXPR_COST, MAX_TICKET_ITEMS


def ones(n: int) -> str:
    return "[" + ",".join(["1"] * n) + "]"


def body(tokens: int) -> str:
    return "+".join(["a", "b"] * (tokens // 2)) + " >= 0"


CASES = [
    ("two literal lists, nested", f"{ones(1000)}.all(a, {ones(1000)}.all(b, a + b >= 0))"),
    ("two lists, long body", f"{ones(300)}.all(a, {ones(300)}.all(b, {body(100)}))"),
    ("two ticket lists, nested", "ticket.tags.all(a, ticket.tags.all(b, a + b >= 0))"),
    ("ticket list, long body", f"ticket.tags.all(a, {body(200).replace('b', 'a')})"),
    ("map building lists", f"{ones(200)}.map(a, {ones(200)}).size() > 0"),
    ("filter over a literal", f"{ones(2000)}.filter(a, a >= 0).size() > 0"),
    ("filter over a ticket list", "ticket.tags.filter(a, a >= 0).size() > 0"),
    ("in over a literal, per tag", f"ticket.tags.exists(t, t in {ones(1900)} && false)"),
]


def steps(source: str) -> int:
    """The steps counted on the text, past any bound."""
    bound, expr_limits.MAX_EXPR_COST = expr_limits.MAX_EXPR_COST, 10**18
    try:
        walk = expr_limits._Walk(source)
        walk.run()
        return walk.total
    finally:
        expr_limits.MAX_EXPR_COST = bound


def main() -> None:
    ctx = cel.Context({"ticket": {"tags": [1] * MAX_TICKET_ITEMS}})
    print(f"bound: {MAX_EXPR_COST:,} steps")
    for name, source in CASES:
        counted = steps(source)
        program = cel.compile(source)
        start = time.perf_counter()
        program.execute(ctx)
        took = time.perf_counter() - start
        verdict = "refused" if counted > MAX_EXPR_COST else "allowed"
        print(f"{name:28} {counted:>12,} steps {took:7.3f} s {took / counted * 1e9:6.0f} ns/step  {verdict}")


if __name__ == "__main__":
    main()
