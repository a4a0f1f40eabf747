"""Every SLA target of every exported ticket, judged as the engine judges a scenario (SPEC §2.1, §2.3, §5.2).

The clocks (planops.engine.sla, mirrored here in SQL):

* ``first_response`` starts at creation; the first ``respond`` stops it.
* ``next_response``: each ``customer_reply`` opens one unless one is running (the oldest unanswered message
  counts), the next ``respond`` stops it. A ticket's next-response verdict is all its clocks as one, as the
  engine's: breached if any was, else the last one's (met, or pending while it runs); its due time the last's.
* ``resolution`` starts at creation; the first ``solve`` or ``close`` (or a ``status`` naming a final state
  of the ticket's workflow) stops it. A reopen does not restart it: in the engine a clock, once stopped at a
  final state, stays stopped, so resolution is judged at the first solve.

Pauses: a ticket is in its workflow's initial state from creation; a ``status`` event whose value is a state
of its workflow puts it there, and that state's ``pause:`` targets stand still; a status that is no state of
the workflow but one of ``paused`` (a DataSource's ``statuses.paused``, else PAUSED: Zendesk's ``pending``
and ``hold``, Freshdesk's ``pending``) pauses every target; any other status pauses none. As in the engine a
clock already run out when its pause begins is not paused, a pause moves the due time later by the open time
spent paused, and a pause still open at the end counts to the end (at the clock's stop, if it stopped).

In SQL: pauses only ever move a due time later, so the pauses that count are a prefix of the clock's pauses
ordered by start: the first one starting at or after the due time so far ends it. In the calendar's
cumulative-open-µs coordinates (planops.actuals.businesstime) pause i counts when lookup(start_i) <
lookup(clock start) + target + the open time of the pauses before it, for it and every pause before it (a
running minimum over a window); the due time is the inverse lookup of lookup(clock start) + target + the
open time of the pauses that count.

Tables made: ``sla_targets``, ``workflow_states``, ``calendar_tables`` (which table holds which calendar's
open intervals), ``sla_replies`` (every ticket's next-response clocks, target or not: ticket_key, k,
start_us, stop_us), ``ticket_events`` (:data:`TICKET_EVENTS`), ``sla_clocks`` (one row per clock:
ticket_key, calendar, target, k, target_us, start_us, stop_us, paused_us, due_us, outcome) and ``sla`` (one
row per ticket and applied target: ticket_key, target, due_us, stop_us, outcome; its policy and priority
are in ``routed``). Tickets are named by ``ticket_key`` (planops.actuals.routing), not by id: an integer
joins and partitions faster. Outcomes are judged at ``until``, the export's end. A ticket the plan refuses
(its channel does not take its segment) has no clocks, as a refused scenario has none.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlglot import exp

from planops.actuals.businesstime import calendar_table, due_sql, lookup_sql, micros
from planops.actuals.sqlvalues import Cell, values_sql
from planops.actuals.stages import run_stage
from planops.engine import Engine

if TYPE_CHECKING:
    import duckdb

    from planops.engine import CompiledWorkflow
    from planops.plan import ValidPlan

PAUSED = ("pending", "hold")
"""The helpdesk statuses that pause every running target when no workflow state is known (canonical
exports, Zendesk's and Freshdesk's): waiting on the customer or on a third party."""
TARGETS = ("first_response", "next_response", "resolution")
STEPS = {
    "sla_points": ("sla_pausable",),
    "sla_flags": ("sla_points",),
    "sla_pauses": ("sla_flags",),
    "sla_replies": ("sla_talk",),
    "sla": ("sla_pauses", "sla_starts", "sla_clocks"),
}
"""The tables :func:`clock_sql` makes on the way to ``sla``, read by none of the later measures: each under
the table whose making is the last to read them (then dropped: memory back before the next statement)."""
TICKET_EVENTS = """
SELECT ticket_key,
  min(epoch_us("at")) FILTER (WHERE event = 'respond') AS responded_us,
  min(epoch_us("at")) FILTER (WHERE event IN ('solve', 'close')) AS first_done_us,
  min(epoch_us("at")) FILTER (WHERE event = 'solve') AS first_solved_us,
  max(epoch_us("at")) FILTER (WHERE event = 'solve') AS last_solved_us,
  max(epoch_us("at")) FILTER (WHERE event IN ('solve', 'close')) AS last_done_us,
  max(epoch_us("at")) FILTER (WHERE event = 'reopen') AS last_reopen_us,
  count(*) FILTER (WHERE event = 'respond') AS replies,
  count(*) FILTER (WHERE event = 'reopen') AS reopens,
  avg(TRY_CAST(value AS DOUBLE)) FILTER (WHERE event = 'csat' AND TRY_CAST(value AS DOUBLE) BETWEEN 1 AND 5) AS csat,
  avg(CASE lower(value) WHEN 'good' THEN 1.0 WHEN 'bad' THEN 0.0 END) FILTER (WHERE event = 'csat') AS csat_good,
  avg(TRY_CAST(value AS DOUBLE)) FILTER (WHERE event = 'nps' AND TRY_CAST(value AS DOUBLE) BETWEEN 0 AND 10) AS nps
FROM events WHERE event IN ('respond', 'solve', 'close', 'reopen', 'csat', 'nps') GROUP BY ticket_key
"""
"""``ticket_events``: what the clocks' stops (the first respond, the first solve or close) and the facts
(planops.actuals.facts) read of each ticket's events, in one pass over them (not its statuses and customer
replies: a third of them). A ticket with none of these has no row: its counts are NULL, as for a ticket
without events; every measure reading them asks for a solved ticket, which has one."""
MARGIN = timedelta(days=62)
"""How far past the last instant of the export the calendar tables reach (a due time beyond is NULL)."""
_ORDER = 'ORDER BY epoch_us(e."at"), e.row, e.event'


def sla_view(con: duckdb.DuckDBPyConnection, plan: ValidPlan, until: datetime, paused: Sequence[str] = PAUSED) -> None:
    """Create the tables of the module for the tickets of ``routed``, judged at ``until``."""
    engine = Engine.for_plan(plan)
    names = [r[0] for r in con.execute("SELECT DISTINCT workflow FROM routed").fetchall()]
    workflows = [engine.machine(n) for n in sorted(n for n in names if n in plan.workflows)]
    tables = _calendars(con, engine, until)
    run_stage(con, sla_sql(plan, workflows, tables, str(micros(until)), paused), STEPS)


def sla_sql(
    plan: ValidPlan,
    workflows: Sequence[CompiledWorkflow],
    tables: Sequence[tuple[str, str]],
    until: str,
    paused: Sequence[str] = PAUSED,
) -> list[str]:
    """The statements behind the module's tables, in order: the plan's targets and ``workflows``' states as
    literal rows, then the clocks; ``tables`` names each calendar's table of open intervals (made before),
    ``until`` is SQL for the instant of judgement in epoch microseconds (planops.actuals.warehouse runs
    the same statements in a warehouse)."""
    return [_targets(plan), workflow_sql(workflows), *clock_sql(tables, until, paused)]


def clock_tables(con: duckdb.DuckDBPyConnection, until: datetime, paused: Sequence[str] = PAUSED) -> None:
    """``sla_clocks`` and ``sla`` from ``routed``, ``events``, ``sla_targets``, ``workflow_states`` and
    ``calendar_tables`` (the first step is the plan's; a test may make those tables itself)."""
    tables = con.execute("SELECT calendar, open_hours FROM calendar_tables ORDER BY calendar").fetchall()
    for statement in clock_sql(tables, str(micros(until)), paused):
        con.execute(statement)


def clock_sql(tables: Sequence[tuple[str, str]], until: str, paused: Sequence[str] = PAUSED) -> list[str]:
    """The statements behind ``sla_clocks`` and ``sla`` (see :func:`clock_tables`)."""
    parts = [_due_in(table, name, until, target) for name, table in tables for target in TARGETS]
    parts.append(_due_always_open(until))
    columns = "ticket_key, calendar, target, k, target_us, start_us, stop_us, paused_us, due_us"
    clocks = [f"SELECT {columns}, {_outcome(until)} AS outcome FROM ({part}) u" for part in parts]
    return [
        f"CREATE OR REPLACE TABLE sla_pausable AS {_pausable_sql(paused)}",
        f"CREATE OR REPLACE TABLE sla_points AS {points_sql()}",
        f"CREATE OR REPLACE TABLE sla_flags AS {_flags_sql(paused)}",
        f"CREATE OR REPLACE TABLE sla_pauses AS {_pauses_sql()}",
        f"CREATE OR REPLACE TABLE sla_talk AS {_talk_sql()}",  # its windows once, read twice
        f"CREATE OR REPLACE TABLE sla_replies AS {_replies_sql()}",
        f"CREATE OR REPLACE TABLE ticket_events AS {TICKET_EVENTS}",  # the facts read it too, then drop it
        f"CREATE OR REPLACE TABLE sla_starts AS {_clocks_sql()}",
        # one calendar and target a statement: each holds its lookups' memory alone (1M tickets: 3.4 GB at once)
        f"CREATE OR REPLACE TABLE sla_clocks AS {clocks[-1]}",
        *(f"INSERT INTO sla_clocks {part}" for part in clocks[:-1]),
        f"CREATE OR REPLACE TABLE sla AS {_per_ticket_sql()}",  # read by the facts and the attainment
    ]


def _targets(plan: ValidPlan) -> str:
    rows: list[list[Cell]] = [
        [policy.name, priority, name, duration // timedelta(microseconds=1)]
        for policy in plan.sla_policies
        for priority, target in policy.targets.items()
        for name in TARGETS
        if (duration := getattr(target, name, None)) is not None
    ]
    columns = (("sla_policy", "VARCHAR"), ("priority", "VARCHAR"), ("target", "VARCHAR"), ("target_us", "BIGINT"))
    return f"CREATE OR REPLACE TABLE sla_targets AS {values_sql(columns, rows)}"


def workflow_table(con: duckdb.DuckDBPyConnection, workflows: Sequence[CompiledWorkflow]) -> None:
    """``workflow_states``: each state of the workflows, whether it is the initial or a final one, and per
    target whether it pauses it."""
    con.execute(workflow_sql(workflows))


def workflow_sql(workflows: Sequence[CompiledWorkflow]) -> str:
    """The statement behind ``workflow_states`` (see :func:`workflow_table`)."""
    rows: list[list[Cell]] = [
        [wf.name, state, state == wf.initial, state in wf.finals, *(t in targets for t in TARGETS)]
        for wf in workflows
        for state, targets in wf.pauses.items()
    ]
    columns = [("workflow", "VARCHAR"), ("state", "VARCHAR"), ("initial", "BOOLEAN"), ("final", "BOOLEAN")]
    columns += [(f"pauses_{t}", "BOOLEAN") for t in TARGETS]
    return f"CREATE OR REPLACE TABLE workflow_states AS {values_sql(columns, rows)}"


def _calendars(con: duckdb.DuckDBPyConnection, engine: Engine, until: datetime) -> list[tuple[str, str]]:
    """One table of open intervals per calendar the tickets use, over their dates and MARGIN past the end;
    each calendar and its table, also as the table ``calendar_tables``."""
    con.execute("CREATE OR REPLACE TABLE calendar_tables (calendar VARCHAR, open_hours VARCHAR)")
    span = con.execute('SELECT min(created_at), max(created_at), (SELECT max("at") FROM events) FROM routed').fetchone()
    if span is None or span[0] is None:
        return []
    last_seen = max(v for v in (span[1], span[2], until) if v is not None)
    first, last = span[0].date() - timedelta(days=1), last_seen.date() + MARGIN
    names = sorted(
        r[0] for r in con.execute("SELECT DISTINCT calendar FROM routed WHERE calendar IS NOT NULL").fetchall()
    )
    tables = [(name, f"open_hours_{i}") for i, name in enumerate(names)]
    for name, table in tables:
        calendar_table(con, table, engine.calendars[name], first, last)
    if tables:
        con.executemany("INSERT INTO calendar_tables VALUES (?, ?)", [list(t) for t in tables])
    return tables


def _pausable_sql(paused: Sequence[str]) -> str:
    """The tickets a target may stand still for (``sla_pausable``): those whose workflow starts in a state that
    pauses one, and those with a status event naming such a state of any workflow or one of ``paused``. More
    than are paused (a state that pauses in another workflow only), never fewer: :func:`_flags_sql` decides."""
    pausing = " OR ".join(f"pauses_{t}" for t in TARGETS)
    listed = ", ".join(_text(s) for s in paused) or "NULL"
    return (
        "SELECT ticket_key FROM routed WHERE workflow IN "
        f"(SELECT workflow FROM workflow_states WHERE initial AND ({pausing})) "
        "UNION SELECT ticket_key FROM events WHERE event = 'status' AND "
        f"(value IN ({listed}) OR value IN (SELECT state FROM workflow_states WHERE {pausing}))"
    )


def points_sql() -> str:
    """Where each ticket of ``sla_pausable`` had its status set: its workflow's initial state at creation
    (n 0), then each ``status`` event that names one (n 1, 2, … in event order). Most tickets are never
    paused: the other tickets' points would be read only to be left out."""
    return (
        "SELECT r.ticket_key, r.workflow, epoch_us(r.created_at) AS at_us, 0 AS n, w.state AS status FROM routed r "
        "LEFT JOIN workflow_states w ON w.workflow = r.workflow AND w.initial "
        "WHERE r.ticket_key IN (SELECT ticket_key FROM sla_pausable) "
        'UNION ALL SELECT e.ticket_key, r.workflow, epoch_us(e."at"), '
        f"row_number() OVER (PARTITION BY e.ticket_key {_ORDER}), e.value "
        "FROM events e JOIN routed r ON r.ticket_key = e.ticket_key WHERE e.event = 'status' AND e.value IS NOT NULL "
        "AND e.ticket_key IN (SELECT ticket_key FROM sla_pausable)"
    )


def _flags_sql(paused: Sequence[str]) -> str:
    """Whether each of ``sla_points`` pauses each target (``paused_<target>``), for the tickets paused at some
    point (most never are: the windows of :func:`_pauses_sql` then sort only the few that are)."""
    listed = "(" + ", ".join(_text(s) for s in paused) + ")" if paused else "(NULL)"
    flags = ", ".join(
        f"CASE WHEN w.state IS NOT NULL THEN w.pauses_{t} ELSE coalesce(p.status IN {listed}, false) END AS paused_{t}"
        for t in TARGETS
    )
    wide = (
        f"SELECT p.ticket_key, p.at_us, p.n, {flags} FROM sla_points p "
        "LEFT JOIN workflow_states w ON w.workflow = p.workflow AND w.state = p.status"
    )
    some = " OR ".join(f"paused_{t}" for t in TARGETS)
    return f"SELECT * FROM ({wide}) f WHERE ticket_key IN (SELECT ticket_key FROM ({wide}) a WHERE {some})"


def _pauses_sql() -> str:
    """Each pause of each ticket and target from ``sla_flags``: ``a_us`` to ``b_us`` (NULL: still paused at
    the export's end). A pause starts where a target's flag turns true (or is true at a ticket's first point)
    and ends at the next point where it is false: every target's in one window of each ticket's points."""
    window = "PARTITION BY ticket_key ORDER BY at_us, n"
    columns = "".join(
        f", paused_{t}, lag(paused_{t}) OVER ({window}) AS before_{t}, min(CASE WHEN NOT paused_{t} THEN at_us END) "
        f"OVER ({window} ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS ends_{t}"
        for t in TARGETS
    )
    starts = " ".join(f"WHEN {_text(t)} THEN paused_{t} AND (before_{t} IS NULL OR NOT before_{t})" for t in TARGETS)
    ends = " ".join(f"WHEN {_text(t)} THEN ends_{t}" for t in TARGETS)
    targets = values_sql([("target", "VARCHAR")], [[t] for t in TARGETS])
    return (
        f"SELECT ticket_key, target, a_us, b_us FROM (SELECT p.ticket_key, t.target, p.at_us AS a_us, "
        f"CASE t.target {ends} END AS b_us, CASE t.target {starts} END AS starts "
        f"FROM (SELECT ticket_key, at_us{columns} FROM sla_flags) p CROSS JOIN ({targets}) t) d WHERE starts"
    )


def _talk_sql() -> str:
    """Every ``respond`` and ``customer_reply`` with the event before it and the responds up to it."""
    return (
        'SELECT e.ticket_key, e.event, epoch_us(e."at") AS at_us, '
        f"lag(e.event) OVER (PARTITION BY e.ticket_key {_ORDER}) AS before, "
        "CAST(sum(CASE WHEN e.event = 'respond' THEN 1 ELSE 0 END) OVER (PARTITION BY e.ticket_key "
        f"{_ORDER} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS BIGINT) AS answered "  # not HUGEINT
        "FROM events e WHERE e.event IN ('respond', 'customer_reply')"
    )


def _replies_sql() -> str:
    """Each next-response clock of every ticket (with a target or not): ticket_key, k (the responds before it),
    start_us (the customer_reply that opened it) and stop_us (the respond that answered it, NULL: none yet)."""
    return (
        "SELECT o.ticket_key AS ticket_key, o.answered AS k, o.at_us AS start_us, a.at_us AS stop_us "
        "FROM sla_talk o LEFT JOIN sla_talk a ON a.ticket_key = o.ticket_key AND a.event = 'respond' "
        "AND a.answered = o.answered + 1 "
        "WHERE o.event = 'customer_reply' AND (o.before IS NULL OR o.before = 'respond')"
    )


def _clocks_sql() -> str:
    """Each clock of each ticket with a target: ticket_key, calendar, target, k, target_us, start_us, stop_us."""
    stops = "SELECT ticket_key, responded_us, first_done_us AS done_us FROM ticket_events"
    finals = (
        'SELECT e.ticket_key, min(epoch_us(e."at")) AS at_us FROM events e '
        "JOIN routed r ON r.ticket_key = e.ticket_key "
        "JOIN workflow_states w ON w.workflow = r.workflow AND w.state = e.value AND w.final "
        "WHERE e.event = 'status' GROUP BY e.ticket_key"
    )
    starts = (
        "SELECT r.ticket_key, 'first_response' AS target, 0 AS k, epoch_us(r.created_at) AS start_us, "
        "f.responded_us AS stop_us FROM routed r LEFT JOIN f ON f.ticket_key = r.ticket_key "
        "UNION ALL SELECT r.ticket_key, 'resolution', 0, epoch_us(r.created_at), "
        "CASE WHEN s.at_us IS NULL OR s.at_us > f.done_us THEN f.done_us ELSE s.at_us END "
        "FROM routed r LEFT JOIN f ON f.ticket_key = r.ticket_key LEFT JOIN s ON s.ticket_key = r.ticket_key "
        "UNION ALL SELECT x.ticket_key, 'next_response', x.k, x.start_us, x.stop_us FROM sla_replies x"
    )
    return (
        f"WITH f AS ({stops}), s AS ({finals}) "
        "SELECT c.ticket_key, r.calendar, c.target, c.k, t.target_us, c.start_us, c.stop_us "
        f"FROM ({starts}) c JOIN routed r ON r.ticket_key = c.ticket_key "
        "JOIN sla_targets t ON t.sla_policy = r.sla_policy AND t.priority = r.priority AND t.target = c.target "
        "WHERE NOT r.refused"
    )


def _due_in(table: str, name: str, until: str, target: str) -> str:
    """The clocks of one calendar and target with their paused open time and due time, in its table's
    coordinates."""
    clocks = f"(SELECT c.* FROM sla_starts c WHERE c.calendar = {_text(name)} AND c.target = {_text(target)})"
    # the start's open time for the pauses: only for clocks that have some (most have none)
    pausing = f"(SELECT ticket_key FROM sla_pauses WHERE target = {_text(target)})"
    paused = f"(SELECT c.* FROM {clocks} c WHERE c.ticket_key IN {pausing})"
    started = f"(SELECT ticket_key, target, k, open_us AS o_start FROM ({lookup_sql(table, paused, 'start_us')}) s)"
    clipped = (
        "(SELECT c.ticket_key, c.target, c.k, c.target_us, g.o_start, greatest(p.a_us, c.start_us) AS a_us, "
        f"{_pause_end(until)} AS b_us FROM {clocks} c "
        f"JOIN {started} g ON g.ticket_key = c.ticket_key AND g.target = c.target AND g.k = c.k {_pauses_of(until)})"
    )
    at_a = (
        "(SELECT ticket_key, target, k, target_us, o_start, a_us, b_us, open_us AS o_a "
        f"FROM ({lookup_sql(table, clipped, 'a_us')}) s)"
    )
    at_b = (
        "(SELECT ticket_key, target, k, target_us, o_start, a_us, o_a, open_us - o_a AS inc "
        f"FROM ({lookup_sql(table, at_a, 'b_us')}) s)"
    )
    return due_sql(table, _with_pauses(at_b, clocks), "start_us", "d")


def _due_always_open(until: str) -> str:
    """Clocks without a calendar: every hour counts, so open time is elapsed time."""
    clocks = "(SELECT c.* FROM sla_starts c WHERE c.calendar IS NULL)"
    a = "greatest(p.a_us, c.start_us)"
    clipped = (
        f"(SELECT c.ticket_key, c.target, c.k, c.target_us, c.start_us AS o_start, {a} AS a_us, {a} AS o_a, "
        f"{_pause_end(until)} - {a} AS inc FROM {clocks} c {_pauses_of(until)})"
    )
    return f"SELECT w.*, w.start_us + w.d AS due_us FROM {_with_pauses(clipped, clocks)} w"


def _pause_end(until: str) -> str:
    return f"least(coalesce(p.b_us, {until}), coalesce(c.stop_us, {until}), {until})"


def _pauses_of(until: str) -> str:
    """The pauses of clock ``c`` that overlap its run (from its start to its stop, or ``until``)."""
    return (
        "JOIN sla_pauses p ON p.ticket_key = c.ticket_key AND p.target = c.target "
        f"AND (p.b_us IS NULL OR p.b_us > c.start_us) AND p.a_us < least(coalesce(c.stop_us, {until}), {until})"
    )


def _with_pauses(pauses: str, clocks: str) -> str:
    """The clocks with ``paused_us`` (the open time of the prefix of pauses that counts) and ``d`` (target plus
    it), from ``pauses``: ticket_key, target, k, target_us, o_start, a_us, o_a (open time before a_us) and inc."""
    clock = "PARTITION BY ticket_key, target, k ORDER BY a_us"
    ok = (
        "(SELECT ticket_key, target, k, a_us, inc, "
        f"CASE WHEN o_a < o_start + target_us + coalesce(sum(inc) OVER ({clock} "
        "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) THEN 1 ELSE 0 END AS ok FROM " + pauses + " x)"
    )
    prefix = (
        f"(SELECT ticket_key, target, k, inc, min(ok) OVER ({clock} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) "
        f"AS counts FROM {ok} y)"
    )
    total = (  # BIGINT: a sum is HUGEINT in DuckDB, and the due lookup would compare HUGEINTs (slower, bigger)
        f"(SELECT ticket_key, target, k, CAST(sum(inc) AS BIGINT) AS paused_us FROM {prefix} z WHERE counts = 1 "
        "GROUP BY ticket_key, target, k)"
    )
    return (
        "(SELECT c.ticket_key, c.calendar, c.target, c.k, c.target_us, c.start_us, c.stop_us, coalesce(t.paused_us, 0) "
        "AS paused_us, c.target_us + coalesce(t.paused_us, 0) AS d "
        f"FROM {clocks} c LEFT JOIN {total} t ON t.ticket_key = c.ticket_key AND t.target = c.target AND t.k = c.k)"
    )


def _outcome(until: str) -> str:
    return (
        "CASE WHEN stop_us IS NOT NULL THEN CASE WHEN due_us IS NULL OR stop_us <= due_us THEN 'met' "
        f"ELSE 'breached' END WHEN due_us IS NOT NULL AND {until} > due_us THEN 'breached' ELSE 'pending' END"
    )


def _per_ticket_sql() -> str:
    """One row per ticket and target: a ticket's next-response clocks as one, as the engine's verdict (the
    other targets have one clock a ticket: no window needed). Its policy and priority are ``routed``'s (the
    attainment joins it once for the period: not copied here, 2.5M rows)."""
    single = "SELECT ticket_key, target, due_us, stop_us, outcome FROM sla_clocks WHERE target <> 'next_response'"
    several = (
        "SELECT ticket_key, target, due_us, stop_us, CASE WHEN any_breached = 1 THEN 'breached' ELSE outcome END "
        "FROM (SELECT ticket_key, target, due_us, stop_us, outcome, "
        "row_number() OVER (PARTITION BY ticket_key ORDER BY k DESC) AS latest, "
        "max(CASE WHEN outcome = 'breached' THEN 1 ELSE 0 END) OVER (PARTITION BY ticket_key) AS any_breached "
        "FROM sla_clocks WHERE target = 'next_response') n WHERE latest = 1"
    )
    return f"{single} UNION ALL {several}"


def _text(value: str) -> str:
    return exp.Literal.string(value).sql("duckdb")
