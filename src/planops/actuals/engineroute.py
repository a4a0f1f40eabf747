"""Exported tickets routed by the engine, where a condition of the plan is beyond the SQL subset.

The view ``routed`` (the same columns as planops.actuals.routing's) then comes from
:meth:`planops.engine.Engine.route`: the tickets are grouped by the distinct values of the columns routing
can read (the fields the plan's ``when:`` read, by planops.celcheck.reads, and the given channel, segment,
priority, queue and workflow), each group is routed once, in Python, and the answers are joined back in the
database. A ticket whose channel refuses its segment is ``refused`` (its segment and its channel's calendar known,
the rest NULL); one
the plan cannot route otherwise (no rule sets a workflow) has NULL routing, as in SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from planops.actuals.progress import Progress
from planops.actuals.routing import KEY, ticket_of
from planops.celcheck.reads import ticket_reads

if TYPE_CHECKING:
    import duckdb

    from planops.plan import ValidPlan

GIVEN = ("channel", "segment", "priority", "queue", "workflow")
"""Ticket fields the router reads whatever the conditions say."""
OUTCOME = ("segment", "priority", "queue", "workflow", "rule", "sla_policy", "calendar")
BATCH = 10_000
TELL_EVERY = 1_000
"""Groups routed between two reports of progress."""


def engine_routed_view(
    con: duckdb.DuckDBPyConnection, plan: ValidPlan, table: str = "tickets", progress: Progress | None = None
) -> int:
    """Create the view ``routed`` over ``table`` with the engine's answers; how many groups were routed
    (``progress`` is told how far the routing is, every TELL_EVERY groups)."""
    columns = [str(row[0]) for row in con.execute(f"DESCRIBE {_q(table)}").fetchall()]
    keys = routing_columns(plan, columns)
    order = ", ".join(_q(k) for k in keys) or "1"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE ticket_groups AS SELECT id, dense_rank() OVER (ORDER BY {order}) AS grp "
        f"FROM {_q(table)}"
    )
    picked = "".join(f", any_value({_q(k)}) AS {_q(k)}" for k in keys)
    cursor = con.execute(
        f"SELECT grp, min(created_at) AS created_at{picked} FROM {_q(table)} JOIN ticket_groups USING (id) "
        "GROUP BY grp ORDER BY grp"
    )
    names = [d[0] for d in cursor.description]
    groups = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    _store(con, _routes(plan, groups, progress))
    channel = "NULLIF(TRIM(CAST(t.\"channel\" AS VARCHAR)), '')" if "channel" in columns else "NULL::VARCHAR"
    outcome = ", ".join(f"r.{_q(c)}" for c in OUTCOME)
    con.execute(
        f'CREATE OR REPLACE VIEW routed AS SELECT t."id", t.{KEY} AS ticket_key, t."created_at", '
        f'{channel} AS "channel", {outcome}, r.refused FROM {_q(table)} t JOIN ticket_groups g USING (id) '
        "JOIN engine_routes r USING (grp)"
    )
    return len(groups)


def routing_columns(plan: ValidPlan, columns: Sequence[str]) -> list[str]:
    """The columns of ``columns`` that routing may read: what the plan's conditions read, and GIVEN."""
    reads: set[str] | None = set(GIVEN)
    for when in _conditions(plan):
        found = ticket_reads(when)
        if found is None or reads is None:
            reads = None  # unreadable here: every column may matter
            continue
        reads.update(r.field for r in found)
    if reads is None:
        return [c for c in columns if c not in ("id", "row")]
    if "created" in reads:
        reads.add("created_at")
    return [c for c in columns if c != "id" and any(_reaches(read, c) for read in reads)]


def _reaches(read: str, column: str) -> bool:
    """Whether a read of ``read`` sees ``column``: the same field, one inside it, or one it is inside."""
    return column == read or column.startswith(read + ".") or read.startswith(column + ".")


def _conditions(plan: ValidPlan) -> Iterable[str]:
    segments = [s.when for s in plan.segmentation.segments] if plan.segmentation else []
    rules = [r.when for r in plan.routing.rules] if plan.routing else []
    yield from (w for w in (*segments, *rules, *(p.when for p in plan.sla_policies)) if w is not None)


def _routes(plan: ValidPlan, groups: list[dict[str, Any]], progress: Progress | None) -> list[tuple[Any, ...]]:
    """(group, segment, priority, queue, workflow, rule, policy, calendar, refused) per group."""
    from planops.engine import ChannelRefused, Engine, TicketError

    engine, fields = Engine.for_plan(plan), plan.ticket_schema.fields
    found: list[tuple[Any, ...]] = []
    for done, group in enumerate(groups):
        if progress is not None and done % TELL_EVERY == 0:
            progress(f"routing {len(groups):,} kinds of ticket with the engine… {done:,}")
        ticket = ticket_of({k: v for k, v in group.items() if k != "grp"}, fields)
        try:
            r = engine.route(ticket)
        except ChannelRefused as refused:
            calendar = plan.channels[refused.channel].calendar
            found.append((group["grp"], refused.segment, None, None, None, None, None, calendar, True))
            continue
        except TicketError:
            found.append((group["grp"], *([None] * len(OUTCOME)), False))
            continue
        outcome = (r.segment, r.priority, r.queue, r.workflow, r.rule, r.sla_policy, r.calendar_name)
        found.append((group["grp"], *outcome, False))
    return found


def _store(con: duckdb.DuckDBPyConnection, routes: list[tuple[Any, ...]]) -> None:
    columns = ", ".join(f"{_q(c)} VARCHAR" for c in OUTCOME)
    con.execute(f"CREATE OR REPLACE TEMP TABLE engine_routes (grp BIGINT, {columns}, refused BOOLEAN)")
    unnests = ", ".join(f"unnest(${i + 2}::VARCHAR[])" for i in range(len(OUTCOME)))
    for start in range(0, len(routes), BATCH):
        batch = list(zip(*routes[start : start + BATCH], strict=True))
        values = [list(batch[0]), *(list(column) for column in batch[1:-1]), list(batch[-1])]
        con.execute(
            f"INSERT INTO engine_routes SELECT unnest($1::BIGINT[]), {unnests}, unnest(${len(OUTCOME) + 2}::BOOLEAN[])",
            values,
        )


def _q(name: str) -> str:
    return exp.to_identifier(name, quoted=True).sql("duckdb")
