"""DuckDB statements printed for PostgreSQL, BigQuery or Snowflake by SQLGlot (planops.actuals.warehouse).

Each statement is parsed in DuckDB's dialect and its stars expanded against the columns of the tables and
views before it (SQLGlot's ``qualify``), so ``* EXCLUDE``/``* RENAME``/``* REPLACE`` become plain column
lists every dialect reads. Then what SQLGlot does not carry over on its own is rewritten in the tree, per
dialect (:data:`REWRITES`: ASOF joins on calendar tables become range joins, epoch_us, TRY_CAST, ISO weeks,
BigQuery's percentiles), and SQLGlot prints the rest. Every view is created as a table, computed once.
:data:`DUCKDB_ONLY` lists what must not reach another dialect; the tests look for it in their output.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

import sqlglot
from sqlglot import exp
from sqlglot.optimizer.qualify import qualify

from planops.actuals.formats import DIALECTS

DUCKDB_ONLY = ("EPOCH_US", "QUANTILE_CONT", "STRFTIME", "ASOF", "EXCLUDE", "RENAME", "REPLACE (", "TRY_CAST", "::")

# What a DuckDB TRY_CAST of text reads as a number (DuckDB reads a few more: '1_000', '0x10', 'inf').
NUMBER = r"^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$"

__all__ = ["DIALECTS", "DUCKDB_ONLY", "portable", "render"]

Rewrite = Callable[[exp.Expr], exp.Expr]


def render(statements: Sequence[str], columns: Mapping[str, Sequence[str]], dialect: str) -> str:
    """The statements in ``dialect``, each ended by ``;``; ``columns`` names the columns of the tables read."""
    schema: dict[str, object] = {t: dict.fromkeys(cs, "VARCHAR") for t, cs in columns.items()}
    printed, created = [], []
    for text in statements:
        tree = sqlglot.parse_one(text, read="duckdb")
        if isinstance(tree, exp.Create):
            query = portable(_expanded(tree.expression, schema), dialect)
            assert isinstance(query, exp.Query)  # a CREATE … AS of the report's builders
            name = tree.this.name
            schema[name] = dict.fromkeys(query.named_selects, "VARCHAR")
            tree.set("expression", query)
            tree.set("kind", "TABLE")  # computed once: a view is computed again by every query reading it
            if dialect == "postgres":  # no CREATE OR REPLACE TABLE: drop them first
                tree.set("replace", False)
                created.append(name)
        else:
            tree = portable(_expanded(tree, schema), dialect)
        printed.append(tree.sql(dialect, pretty=True) + ";")
    drops = [f"DROP TABLE IF EXISTS {name};" for name in reversed(created)]
    return "\n\n".join(["\n".join(drops), *printed] if drops else printed)


def _expanded(query: exp.Expr, schema: dict[str, object]) -> exp.Expr:
    """``query`` with every star expanded into the columns it stands for."""
    return qualify(query, schema=schema, dialect="duckdb", quote_identifiers=False, identify=False)


def portable(tree: exp.Expr, dialect: str) -> exp.Expr:
    """``tree`` with the rewrites ``dialect`` needs (see :data:`REWRITES`)."""
    rewrites = REWRITES.get(dialect, ())
    for rewrite in rewrites:
        tree = tree.transform(rewrite)
    return tree


def _range_joins(node: exp.Expr) -> exp.Expr:
    """An ASOF join on a calendar table (planops.actuals.businesstime) as the range join it stands for: the
    intervals are disjoint, so the last one opening at or before t is the one with opens_us <= t < until_us,
    and the last one with cum_us < goal is the one with goal <= cum_us + its length, if any."""
    if not (isinstance(node, exp.Join) and str(node.args.get("method", "")).upper() == "ASOF"):
        return node
    on = node.args.get("on")
    if not isinstance(on, exp.GTE | exp.GT):
        return node
    bound = on.expression
    if not isinstance(bound, exp.Column) or bound.name not in ("opens_us", "cum_us"):
        return node
    probe, table = on.this, bound.table
    if bound.name == "opens_us":
        upper: exp.Expr = exp.LT(this=probe.copy(), expression=exp.column("until_us", table=table))
    else:
        length = exp.Sub(this=exp.column("closes_us", table=table), expression=exp.column("opens_us", table=table))
        end = exp.Add(this=exp.column("cum_us", table=table), expression=length)
        upper = exp.LTE(this=probe.copy(), expression=end)
    node.set("method", None)
    node.set("on", exp.and_(on.copy(), upper))
    return node


def _epoch_us(dialect: str) -> Rewrite:
    """DuckDB's ``epoch_us(t)``: microseconds since the epoch, exact."""

    def rewrite(node: exp.Expr) -> exp.Expr:
        if not (isinstance(node, exp.Anonymous) and node.name.lower() == "epoch_us"):
            return node
        (t,) = node.expressions
        if dialect == "postgres":  # EXTRACT(EPOCH …) is numeric: exact to the microsecond
            seconds = exp.Extract(this=exp.var("EPOCH"), expression=t)
            return exp.cast(exp.Mul(this=seconds, expression=exp.Literal.number(1_000_000)), "BIGINT")
        if dialect == "snowflake":
            return exp.Extract(this=exp.var("EPOCH_MICROSECOND"), expression=t)
        return exp.UnixMicros(this=t)

    return rewrite


def _try_cast_postgres(node: exp.Expr) -> exp.Expr:
    """PostgreSQL has no TRY_CAST: a number is cast when its text reads as one, else NULL."""
    if not isinstance(node, exp.TryCast):
        return node
    text, kind = node.this, node.to
    reads = exp.RegexpLike(this=exp.cast(text.copy(), "TEXT"), expression=exp.Literal.string(NUMBER))
    value = exp.cast(exp.cast(text.copy(), "TEXT"), "DOUBLE")
    if kind.is_type(*exp.DataType.INTEGER_TYPES):  # DuckDB rounds '12.5' to 13, as NUMERIC does
        value = exp.cast(exp.cast(exp.cast(text.copy(), "TEXT"), "DECIMAL"), kind.copy())
    elif not kind.is_type(*exp.DataType.REAL_TYPES):
        return exp.cast(text, kind)
    return exp.Case(ifs=[exp.If(this=reads, true=value)])


def _try_cast_text(node: exp.Expr) -> exp.Expr:
    """Snowflake's TRY_CAST reads text only: say that the operand is text (SQLGlot prints CAST otherwise)."""
    if isinstance(node, exp.TryCast) and not isinstance(node.this, exp.Cast):
        node.set("this", exp.cast(node.this, "VARCHAR"))
    return node


def _iso_week_postgres(node: exp.Expr) -> exp.Expr:
    """DuckDB's weekofyear is the ISO week, PostgreSQL's EXTRACT(WEEK …)."""
    if isinstance(node, exp.WeekOfYear):
        return exp.Extract(this=exp.var("WEEK"), expression=node.this)
    return node


def _iso_year_snowflake(node: exp.Expr) -> exp.Expr:
    if isinstance(node, exp.Extract) and node.this.name.upper() == "ISOYEAR":
        node.set("this", exp.var("YEAROFWEEKISO"))
    return node


def _percentiles_bigquery(node: exp.Expr) -> exp.Expr:
    """BigQuery's PERCENTILE_CONT is a window function only: compute it over each group's rows in the FROM
    (one value a group: the group is the window's partition), then take it once per group."""
    group = node.args.get("group")
    if not isinstance(node, exp.Select) or group is None:
        return node
    found = [p for p in node.find_all(exp.PercentileCont) if p.parent_select is node]
    source = node.args["from_"].this
    if not found or not isinstance(source, exp.Subquery):
        return node
    alias = source.alias_or_name
    windows = []
    for i, percentile in enumerate(found):
        partition = [g.copy() for g in group.expressions]
        windows.append(exp.alias_(exp.Window(this=percentile.copy(), partition_by=partition), f"_p{i}"))
        percentile.replace(exp.AnyValue(this=exp.column(f"_p{i}", table=alias)))
    rows = exp.Column(this=exp.Star(), table=exp.to_identifier(alias))
    node.set("from_", exp.From(this=exp.select(rows, *windows).from_(source.copy()).subquery(alias)))
    return node


def _folded_snowflake(node: exp.Expr) -> exp.Expr:
    """Snowflake folds names written without quotes to upper case: ``"ID"`` is the column a load without
    quotes made of ``id`` (a name with a dot or capitals stays as written, quoted)."""
    if isinstance(node, exp.Identifier) and _SIMPLE.match(node.name):
        return exp.to_identifier(node.name.upper(), quoted=True)
    return node


_SIMPLE = re.compile(r"^[a-z_][a-z0-9_]*$")

REWRITES: dict[str, tuple[Rewrite, ...]] = {
    "duckdb": (),
    "postgres": (_range_joins, _epoch_us("postgres"), _try_cast_postgres, _iso_week_postgres),
    "bigquery": (_range_joins, _epoch_us("bigquery"), _percentiles_bigquery),
    "snowflake": (_range_joins, _epoch_us("snowflake"), _try_cast_text, _iso_year_snowflake, _folded_snowflake),
}
