"""Data sources: the canonical columns they map, their timestamp format and their status lists (SPEC §5.2)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from planops.diagnostics import ERROR, Code, Diagnostic, did_you_mean
from planops.model.datasource import REQUIRED, DataSource
from planops.plan import CompiledPlan

UNKNOWN_COLUMN = Code(
    "unknown-column",
    ERROR,
    "A key of a DataSource's `columns` or `values` that is no canonical column: `id`, `created_at`, "
    "`updated_at`, `status` or a ticket field the plan knows (`channel`, `priority`, `customer.annual_value`…).",
    "kind: DataSource\nname: servicedesk\ncolumns: {id: number, created_at: opened_at, priorty: priority}\n",
)
MISSING_COLUMN = Code(
    "missing-column",
    ERROR,
    "A DataSource that maps a format without its own columns (csv, parquet, jsonl) but whose `columns` leave out "
    "`id` or `created_at` (and, for `rows: snapshots`, `updated_at` or `status`).",
    "kind: DataSource\nname: servicedesk\nrows: snapshots\ncolumns: {id: number, created_at: opened_at}\n",
)
BAD_TIMESTAMP_FORMAT = Code(
    "bad-timestamp-format",
    ERROR,
    "A `timestamps.format` with a directive strptime does not have, or without a year.",
    'kind: DataSource\nname: servicedesk\ntimestamps: {format: "%d-%m-%Y %H:%i"}\n',
)
UNKNOWN_MAPPED_VALUE = Code(
    "unknown-mapped-value",
    ERROR,
    "A DataSource's `values` mapping an export's value to one its canonical column cannot hold: a priority other "
    "than urgent, high, normal or low, or a channel or segment the plan does not have.",
    'kind: DataSource\nname: servicedesk\nvalues:\n  priority: {"1 - Critical": critical}\n',
)
DUPLICATE_STATUS = Code(
    "duplicate-status",
    ERROR,
    "A helpdesk status listed twice in a DataSource's `statuses` (under one key or two).",
    "kind: DataSource\nname: servicedesk\nstatuses: {solved: [Resolved], closed: [Closed, Resolved]}\n",
)

MAPPED_FORMATS = ("csv", "parquet", "jsonl")
"""The formats whose columns a DataSource names; the helpdesks' own formats need no mapping."""
DIRECTIVE = re.compile(r"%(-?[dmyHIMSj]|[aAwbBhYpfgnzZUWcxXGVuT%])|%(.?)")
"""A strptime directive as DuckDB reads it (group 1), or any other ``%`` (group 2: what follows it)."""
YEARS = ("%Y", "%y", "%-y", "%G", "%c", "%x")


def check(plan: CompiledPlan) -> Iterator[Diagnostic]:
    from planops.ticketfields import walk

    fields = {name: f.values for name, f in walk(plan.ticket_schema.fields) if name != "created"}
    known = [*REQUIRED["snapshots"], *fields]
    for source in plan.all(DataSource):
        yield from _columns(plan, source, known)
        yield from _values(plan, source, fields)
        yield from _required(plan, source)
        yield from _format(plan, source)
        yield from _statuses(plan, source)


def _columns(plan: CompiledPlan, source: DataSource, known: list[str]) -> Iterator[Diagnostic]:
    for key, given in (("columns", source.columns), ("values", source.values)):
        for name in given:
            if name in known:
                continue
            close = did_you_mean(name, known)
            yield UNKNOWN_COLUMN.at(
                plan,
                source,
                (key, name),
                f"'{name}' is no canonical column" + (f" ({close})" if close else ""),
                hint="use id, created_at, updated_at, status or a ticket field such as channel or priority",
                key=True,
            )


def _values(plan: CompiledPlan, source: DataSource, fields: dict[str, Any]) -> Iterator[Diagnostic]:
    for column, mapping in source.values.items():
        allowed = fields.get(column)
        if not allowed:
            continue
        for given, value in mapping.items():
            if value not in allowed:
                close = did_you_mean(value, [str(a) for a in allowed])
                yield UNKNOWN_MAPPED_VALUE.at(
                    plan,
                    source,
                    ("values", column, given),
                    f"'{value}' is no {column}" + (f" ({close})" if close else ""),
                    hint=f"map to one of {', '.join(map(str, allowed))}",
                )


def _required(plan: CompiledPlan, source: DataSource) -> Iterator[Diagnostic]:
    if source.format not in MAPPED_FORMATS or not source.columns:
        return
    missing = [c for c in REQUIRED[source.rows] if c not in source.columns]
    if missing:
        rows = " of a snapshot log" if source.rows == "snapshots" else ""
        yield MISSING_COLUMN.at(
            plan,
            source,
            ("columns",),
            f"expected the columns {', '.join(REQUIRED[source.rows])}{rows}; {', '.join(missing)} not mapped",
            hint=f"add {', '.join(f'{c}: <the export column>' for c in missing)} to columns",
            key=True,
        )


def _format(plan: CompiledPlan, source: DataSource) -> Iterator[Diagnostic]:
    written = source.timestamps.format
    if written is None:
        return
    wrong = [m.group(0) for m in DIRECTIVE.finditer(written) if m.group(1) is None]
    if wrong:
        message = f"'{written}' has {', '.join(repr(w) for w in wrong)}, which strptime does not know"
    elif not any(y in written for y in YEARS):
        message = f"'{written}' has no year, as %Y (2026) or %y (26)"
    else:
        return
    hint = "use directives such as %Y %m %d %H %M %S %z, e.g. '%d-%m-%Y %H:%M'"
    yield BAD_TIMESTAMP_FORMAT.at(plan, source, ("timestamps", "format"), message, hint=hint)


def _statuses(plan: CompiledPlan, source: DataSource) -> Iterator[Diagnostic]:
    seen: dict[str, str] = {}
    for key in ("solved", "closed", "paused"):
        for i, status in enumerate(getattr(source.statuses, key)):
            if status in seen:
                message = f"status '{status}' is listed under {seen[status]} already"
                hint = "list each status once: solved, closed and paused exclude each other"
                yield DUPLICATE_STATUS.at(plan, source, ("statuses", key, i), message, hint=hint)
            else:
                seen[status] = key


CODES = [UNKNOWN_COLUMN, MISSING_COLUMN, BAD_TIMESTAMP_FORMAT, UNKNOWN_MAPPED_VALUE, DUPLICATE_STATUS]
