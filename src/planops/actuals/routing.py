"""Exported tickets routed in the database, as the engine routes one ticket (planops.engine.router).

The view ``routed`` holds, per ticket of the table ``tickets`` (planops.actuals.reader): its id and
``ticket_key`` (the integer key the later stages join on: the ticket's ``row``), the segment (given,
else the first segment that matches), priority, queue and workflow (given, else the first routing rule's),
the rule, whether the channel refuses the segment, the SLA policy and the calendar (the policy's, else the
channel's). Ticket fields are typed as the plan declares them first (text from a CSV file is read as the
number or true/false it stands for; what does not read as its type is NULL, as a missing field). Each stage
sees what the one before learnt, as in the engine, so a policy's ``ticket.priority`` is the routed one.

Where a condition is outside the SQL subset (planops.actuals.rulesql) there is no view: ``routed_view``
returns None and the caller routes those tickets with the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from planops.actuals.rulesql import first_of
from planops.parameters import values
from planops.ticketfields import TicketField, walk

if TYPE_CHECKING:
    import duckdb

    from planops.plan import CompiledPlan

_CASTS = {"number": "DOUBLE", "integer": "BIGINT"}
_TYPED = {**_CASTS, "bool": "BOOLEAN"}
"""The DuckDB type a column of each field type has when the reader typed it (read as it is)."""
KEY = '"row"'
"""A ticket's key in a table of planops.actuals.reader: its row (events carry it as ``ticket_key``)."""


def routed_view(con: duckdb.DuckDBPyConnection, plan: CompiledPlan, table: str = "tickets") -> bool:
    """Create the view ``routed`` over ``table``; False (and no view) when a condition is outside the subset."""
    query = routing_query(plan, _columns(con, table), table, KEY)
    if query is None:
        return False
    con.execute(f"CREATE OR REPLACE VIEW routed AS {query}")
    return True


def routing_query(plan: CompiledPlan, columns: Mapping[str, str], table: str = "tickets", key: str = KEY) -> str | None:
    """The SELECT behind ``routed`` (DuckDB SQL), or None when a condition is outside the SQL subset; ``key``
    is the SQL of a ticket's ``ticket_key`` (the column events name it by, ``ticket_key``, holds the same).
    ``columns`` are the table's, each with its DuckDB type ("" where unknown): a column already of its field's
    type is read as it is (a number, a whole number or true/false typed by planops.actuals.reader), not
    through text."""
    parameters = values(plan.manifest)
    fields = dict(walk(plan.ticket_schema.fields))
    stages = [
        _typed(fields, columns, table, key),
        _segments(plan, parameters),
        _rules(plan, parameters),
        _policies(plan, parameters),
    ]
    if any(stage is None for stage in stages):
        return None
    names = ["typed", "segmented", "ruled", "policied"]
    withs = ",\n".join(f"{name} AS ({stage})" for name, stage in zip(names, stages, strict=True))
    return f"WITH {withs}\nSELECT {_outcome(plan)} FROM policied"


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    return {str(row[0]): str(row[1]) for row in con.execute(f'DESCRIBE "{table}"').fetchall()}


def _typed(fields: Mapping[str, TicketField], types: Mapping[str, str], table: str, key: str) -> str:
    """Every field expressions may read, as a column of its type (NULL where the export has none)."""
    parts = ['"id"', f"{key} AS ticket_key", '"created_at"']
    for name, field in fields.items():
        if field.type in ("map", "list", "dyn") or name == "created":
            continue
        parts.append(f"{_cast(name, field.type, types[name]) if name in types else 'NULL'} AS {_q(name)}")
    return f"SELECT {', '.join(parts)} FROM {_q(table)}"


def _cast(name: str, kind: str, found: str) -> str:
    """Column ``name`` as a field of type ``kind``; ``found`` is its DuckDB type ("": unknown)."""
    if _TYPED.get(kind, "") == found != "":
        return _q(name)
    column = f"NULLIF(TRIM(CAST({_q(name)} AS VARCHAR)), '')"
    if kind in _CASTS:
        return f"TRY_CAST({column} AS {_CASTS[kind]})"
    if kind == "bool":
        return f"CASE lower({column}) WHEN 'true' THEN true WHEN 'false' THEN false END"
    return column


def _segments(plan: CompiledPlan, parameters: Mapping[str, Any]) -> str | None:
    seg = plan.segmentation
    if seg is None:
        return "SELECT * FROM typed"
    chosen = first_of([s.when for s in seg.segments], [exp.Literal.string(s.name) for s in seg.segments], parameters)
    if chosen is None:
        return None
    return f'SELECT * REPLACE (coalesce("segment", {chosen.sql("duckdb")}) AS "segment") FROM typed'


def _rules(plan: CompiledPlan, parameters: Mapping[str, Any]) -> str | None:
    rules = plan.routing.rules if plan.routing else ()
    index = first_of([r.when for r in rules], [exp.Literal.number(i) for i in range(len(rules))], parameters)
    if index is None:
        return None
    given = '"priority" IS NOT NULL AND "queue" IS NOT NULL AND "workflow" IS NOT NULL'
    sets = []
    for key in ("priority", "queue", "workflow"):
        whens = " ".join(
            f"WHEN {i} THEN {exp.Literal.string(value).sql('duckdb')}"
            for i, rule in enumerate(rules)
            if (value := getattr(rule.set, key)) is not None
        )
        filled = f"CASE rule_index {whens} END" if whens else "NULL"
        sets.append(f"coalesce({_q(key)}, {filled}) AS {_q(key)}")
    picked = f"SELECT *, CASE WHEN {given} THEN NULL ELSE {index.sql('duckdb')} END AS rule_index FROM segmented"
    names = " ".join(f"WHEN {i} THEN {exp.Literal.string(r.name).sql('duckdb')}" for i, r in enumerate(rules))
    rule_name = f"CASE rule_index {names} END" if names else "NULL"
    return f"SELECT * REPLACE ({', '.join(sets)}), {rule_name} AS rule FROM ({picked})"


def _policies(plan: CompiledPlan, parameters: Mapping[str, Any]) -> str | None:
    policies = plan.sla_policies
    chosen = first_of([p.when for p in policies], [exp.Literal.string(p.name) for p in policies], parameters)
    if chosen is None:
        return None
    return f"SELECT *, {chosen.sql('duckdb')} AS sla_policy FROM ruled"


def _outcome(plan: CompiledPlan) -> str:
    policy_calendars = " ".join(
        f"WHEN {_s(p.name)} THEN {_s(p.calendar)}" for p in plan.sla_policies if p.calendar is not None
    )
    channel_calendars = " ".join(
        f"WHEN {_s(c.name)} THEN {_s(c.calendar)}" for c in plan.channels.values() if c.calendar is not None
    )
    by_policy = f"CASE sla_policy {policy_calendars} END" if policy_calendars else "NULL"
    by_channel = f'CASE "channel" {channel_calendars} END' if channel_calendars else "NULL"
    refusals = [
        f'("channel" = {_s(c.name)} AND "segment" NOT IN ({", ".join(_s(s) for s in c.segments)}))'
        for c in plan.channels.values()
        if c.segments
    ]
    refused = " OR ".join(refusals) if refusals else "false"
    return (
        '"id", ticket_key, "created_at", "channel", "segment", "priority", "queue", "workflow", rule, sla_policy, '
        f"coalesce({by_policy}, {by_channel}) AS calendar, coalesce({refused}, false) AS refused"
    )


def _q(name: str) -> str:
    return exp.to_identifier(name, quoted=True).sql("duckdb")


def _s(text: str) -> str:
    return exp.Literal.string(text).sql("duckdb")


def ticket_of(row: Mapping[str, Any], fields: Mapping[str, TicketField]) -> dict[str, Any]:
    """One exported row (dotted text columns) as the engine's ticket: nested, typed as the plan declares."""
    ticket: dict[str, Any] = {}
    flat = dict(walk(fields))
    for column, value in row.items():
        if value is None or value == "" or column in ("row", "id", "created_at"):
            continue
        parts = column.split(".")
        into = ticket
        for part in parts[:-1]:
            into = into.setdefault(part, {})
        into[parts[-1]] = _value(value, flat.get(column))
    ticket["created"] = row["created_at"]
    return ticket


def _value(value: Any, field: TicketField | None) -> Any:
    if field is None or not isinstance(value, str):
        return value
    text = value.strip()
    try:
        if field.type == "number":
            return float(text)
        if field.type == "integer":
            return int(text)
    except ValueError:
        return None
    if field.type == "bool":
        return {"true": True, "false": False}.get(text.lower())
    return text
