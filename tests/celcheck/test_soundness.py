"""The checker is sound: an expression it finds nothing wrong with never fails on a type at run time.

Expressions are drawn from a small typed grammar over a fixed set of ticket
fields and parameters, mostly well typed, with a wrong-typed part now and then;
tickets fit the fields, some fields left out. When the checker reports nothing,
the real evaluator (``compile_expr`` with the context the engine builds from
``typed(ticket)`` and the ``plan`` map) may fail only for a value: a missing
field or key, an index past a list's end, a division by zero, an overflow, a
string that does not parse. It never fails on a type ("no such overload",
"unsupported operation", "cannot mix", "undefined function").

The limit of the guarantee: values the checker cannot type (``dyn``: open maps,
``dyn()``, a map read with a key that is not a literal, mixed list literals) are
assumed to fit, so the grammar does not draw them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import assume, given, note
from hypothesis import strategies as st

from planops.celcheck.checker import Env
from planops.expr import ExprError, compile_expr, context
from planops.model.fields import FieldSpec
from planops.model.parameters import check_value
from planops.parameters import cel_type
from planops.ticketfields import TicketField, build
from planops.ticketvalues import typed

FIELDS, _ = build(
    {
        "category": FieldSpec(type="string", values=("billing", "refund", "outage")),
        "count": "integer",
        "vip": "bool",
        "waited": "duration",
        "customer.tier": FieldSpec(type="string", values=("gold", "silver")),
        "customer.orders": "integer",
        "customer.since": "timestamp",
    },
    {},
)

TYPE_ERRORS = (
    "No such overload",
    "Unsupported operation",
    "Cannot mix",
    "Undefined variable or function",
    "Value of type",  # … cannot be used as a map key
)
"""The first words of every error the ``cel`` evaluator raises when an operation does not take its operands' types."""

# --- the typed grammar ------------------------------------------------------------------------------------

KINDS = ("string", "double", "int", "bool", "list", "timestamp", "duration", "map")

ATOMS: dict[str, list[str]] = {
    "string": [
        "ticket.category",
        "ticket['category']",
        "ticket.customer.tier",
        "ticket.customer['tier']",
        "plan.label",
        "'billing'",
        "'gold'",
        "'x'",
        "''",
    ],
    "double": ["ticket.amount", "plan.limit", "1.5", "0.0", "-2.5", "500.0"],
    "int": ["ticket.count", "ticket.customer.orders", "0", "1", "3", "-1", "9223372036854775807"],
    "bool": ["ticket.vip", "plan.strict", "true", "false"],
    "list": ["ticket.tags", "['a', 'vip']", "[]"],
    "timestamp": ["ticket.created", "ticket.customer.since", "timestamp('2026-01-01T00:00:00Z')"],
    "duration": ["ticket.waited", "plan.grace", "duration('1h')", "duration('90m')"],
    "map": ["ticket.customer"],
}
HAS = ["ticket.count", "ticket.customer.tier", "ticket.customer.since", "ticket.vip", "ticket.tags"]
ORDERED = ("string", "double", "int", "bool", "timestamp", "duration")
NUMERIC = ("double", "int")
BOUND = ("t", "u", "w")


@st.composite
def expr(draw: st.DrawFn, kind: str, depth: int = 3, scope: tuple[str, ...] = (), wrong: int = 12) -> str:
    """An expression of ``kind``; about one part in ``wrong`` is of another kind (0: never)."""
    # Hypothesis leans towards 0 when it draws a number: 0 is the common case, the top value the rare one.
    if wrong and draw(st.integers(0, wrong - 1)) == wrong - 1:
        kind = draw(st.sampled_from(KINDS))
    if depth <= 0 or draw(st.integers(0, 3)) == 3:
        return draw(_atom(kind, scope))
    return draw(_compound(kind, depth - 1, scope, wrong))


def _p(source: str) -> str:
    """An operand in brackets where it is more than one token, so that precedence cannot change its type."""
    return f"({source})" if " " in source or source[:1] in "-!" else source


def _atom(kind: str, scope: tuple[str, ...]) -> st.SearchStrategy[str]:
    atoms = ATOMS[kind] + (list(scope) if kind == "string" else [])
    return st.sampled_from(atoms)


def _compound(kind: str, depth: int, scope: tuple[str, ...], wrong: int) -> st.SearchStrategy[str]:
    def sub(k: str, inner: tuple[str, ...] = scope) -> st.SearchStrategy[str]:
        return expr(k, depth, inner, wrong)

    same = sub(kind)
    choices = _productions(kind, sub, scope)  # first: Hypothesis draws the first choice most
    choices.append(same.map(lambda e: f"({e})"))
    choices.append(st.tuples(sub("bool"), same, same).map(lambda t: f"({t[0]} ? {t[1]} : {t[2]})"))
    return st.one_of(choices)


def _productions(kind: str, sub: Any, scope: tuple[str, ...]) -> list[st.SearchStrategy[str]]:
    free = [v for v in BOUND if v not in scope]
    var = free[0] if free else "t"
    inner = (*scope, var)

    def binary(left: str, ops: list[str], right: str) -> st.SearchStrategy[str]:
        return st.tuples(sub(left), st.sampled_from(ops), sub(right)).map(lambda t: f"{_p(t[0])} {t[1]} {_p(t[2])}")

    def macro(name: str, body: str) -> st.SearchStrategy[str]:
        over = st.sampled_from(["list", "map"]).flatmap(sub)
        return st.tuples(over, sub(body, inner)).map(lambda t: f"{_p(t[0])}.{name}({var}, {t[1]})")

    if kind == "string":
        return [
            binary("string", ["+"], "string"),
            sub("list").flatmap(lambda e: sub("int").map(lambda i: f"{_p(e)}[{i}]")),
            st.sampled_from(["string", "double", "int", "timestamp", "duration"])
            .flatmap(sub)
            .map(lambda e: f"string({e})"),
        ]
    if kind == "double":
        return [
            binary("double", ["+", "-", "*", "/"], "double"),
            sub("double").map(lambda e: f"-{_p(e)}"),
            st.sampled_from(["double", "int"]).flatmap(sub).map(lambda e: f"double({e})"),
            st.sampled_from(["double('2.5')", "double('x')"]),
        ]
    if kind == "int":
        return [
            binary("int", ["+", "-", "*", "/", "%"], "int"),
            sub("int").map(lambda e: f"-{_p(e)}"),
            st.sampled_from(["string", "list", "map"]).flatmap(sub).map(lambda e: f"size({e})"),
            st.sampled_from(["string", "list"]).flatmap(sub).map(lambda e: f"{_p(e)}.size()"),
            st.sampled_from(["double", "int", "string"]).flatmap(sub).map(lambda e: f"int({e})"),
            st.tuples(sub("timestamp"), st.sampled_from(["getHours", "getDayOfWeek", "getFullYear", "getMonth"])).map(
                lambda t: f"{_p(t[0])}.{t[1]}()"
            ),
            st.tuples(sub("duration"), st.sampled_from(["getHours", "getMinutes", "getSeconds"])).map(
                lambda t: f"{_p(t[0])}.{t[1]}()"
            ),
        ]
    if kind == "bool":
        return [
            st.sampled_from(KINDS).flatmap(lambda k: binary(k, ["==", "!="], k)),
            st.sampled_from(NUMERIC).flatmap(lambda k: binary(k, ["==", "<"], "double" if k == "int" else "int")),
            st.sampled_from(ORDERED).flatmap(lambda k: binary(k, ["<", "<=", ">", ">="], k)),
            binary("bool", ["&&", "||"], "bool"),
            sub("bool").map(lambda e: f"!{_p(e)}"),
            st.sampled_from(HAS).map(lambda f: f"has({f})"),
            binary("string", ["in"], "list"),
            binary("string", ["in"], "map"),
            st.tuples(sub("string"), st.sampled_from(["startsWith", "endsWith", "contains"]), sub("string")).map(
                lambda t: f"{_p(t[0])}.{t[1]}({t[2]})"
            ),
            st.sampled_from(["all", "exists", "exists_one"]).flatmap(lambda m: macro(m, "bool")),
        ]
    if kind == "list":
        return [
            binary("list", ["+"], "list"),
            macro("filter", "bool"),
            macro("map", "string"),
            st.lists(sub("string"), max_size=3).map(lambda items: f"[{', '.join(items)}]"),
        ]
    if kind == "timestamp":
        return [
            binary("timestamp", ["+", "-"], "duration"),
            sub("timestamp").map(lambda e: f"timestamp({e})"),
        ]
    if kind == "duration":
        return [
            binary("duration", ["+", "-"], "duration"),
            binary("timestamp", ["-"], "timestamp"),
            sub("duration").map(lambda e: f"duration({e})"),
        ]
    return []


# --- tickets and parameters that fit the fields ------------------------------------------------------------

_INT64 = st.integers(-(2**63), 2**63 - 1)
_SMALL = st.integers(-3, 3)
_TIMES = st.sampled_from(["2026-03-02T09:30:00+01:00", "2027-01-12T23:59:59Z", "2000-02-29T00:00:00-08:00"])
_SPANS = st.sampled_from(["30m", "2h", "1h30m", "0s", "3d"])


def _maybe(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=fields)


tickets = _maybe(
    category=st.sampled_from(["billing", "refund", "outage"]),
    amount=st.one_of(st.floats(-1e6, 1e6), st.integers(-1000, 1000)),
    count=st.one_of(_SMALL, _INT64),
    vip=st.booleans(),
    tags=st.lists(st.sampled_from(["a", "vip", "", "urgent"]), max_size=3),
    created=_TIMES,
    waited=_SPANS,
    customer=_maybe(
        tier=st.sampled_from(["gold", "silver"]),
        orders=st.one_of(_SMALL, _INT64),
        since=_TIMES,
        annual_value=st.floats(0, 1e6),
    ),
)

_PARAMETERS = st.fixed_dictionaries(
    {
        "limit": st.sampled_from([500.0, 0.0, 2.5, 500, 0]),
        "label": st.sampled_from(["gold", ""]),
        "grace": st.sampled_from(["2h", "30m"]),
        "strict": st.booleans(),
    }
)


def _plan(raw: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, TicketField]]:
    """The ``plan`` map and the parameters' types, made the way a Plan makes them from ``parameters:``."""
    values = {name: check_value(value) for name, value in raw.items()}
    return values, {name: TicketField(cel_type(value)) for name, value in values.items()}


# --- evaluation ----------------------------------------------------------------------------------------------


def evaluate(source: str, ticket: Mapping[str, Any], plan: Mapping[str, Any]) -> tuple[str, Any]:
    """("value", result), ("fails", message) for a failure of a value, ("type", message) for a failure of a type."""
    program = compile_expr(source)
    try:
        return "value", program.execute(context(typed(ticket, FIELDS), plan))
    except (LookupError, ArithmeticError) as exc:
        return "fails", f"{type(exc).__name__}: {exc}"
    except (TypeError, RuntimeError, ValueError) as exc:
        message = str(exc)
        if message.startswith("Function '") and not message.startswith(TYPE_ERRORS):
            return "fails", message  # int('x'), an invalid regex: the value does not parse
        return "type", f"{type(exc).__name__}: {message.splitlines()[0]}"


def _compiles(source: str) -> bool:
    try:
        compile_expr(source)
    except ExprError:
        return False
    return True


@given(
    st.sampled_from(KINDS).flatmap(lambda k: expr(k)),
    st.lists(tickets, min_size=1, max_size=4),
    _PARAMETERS,
)
def test_an_expression_without_findings_never_fails_on_a_type(
    source: str, ticket_list: list[dict[str, Any]], raw: dict[str, Any]
) -> None:
    plan, parameters = _plan(raw)
    assume(_compiles(source))
    findings = Env(FIELDS, parameters).check(source, condition=False)
    note(f"findings: {findings}")
    if findings:
        return
    for ticket in ticket_list:
        outcome, what = evaluate(source, ticket, plan)
        assert outcome != "type", (source, ticket, plan, what)


@given(st.sampled_from(KINDS).flatmap(lambda k: expr(k, wrong=0)), _PARAMETERS)
def test_the_grammar_draws_mostly_expressions_the_checker_accepts(source: str, raw: dict[str, Any]) -> None:
    """Guards the property above against a grammar whose every expression is flagged (it would prove nothing)."""
    _, parameters = _plan(raw)
    kinds = {f.kind for f in Env(FIELDS, parameters).check(source, condition=False)}
    assert kinds <= {"constant", "types", "value"}, (source, kinds)


# Each expression the property above found the checker silent about, though it failed on a type at run time;
# since the fix, a `types` finding at the offset of the part that fails.
COUNTEREXAMPLES = {
    "(true ? plan.label : ticket.customer)[0]": (
        6,
        "`true ? plan.label : ticket.customer` gives text or a mapping: both branches of `?:` need one type",
    ),
    "(!ticket.vip ? 1 : 2.0) + 1": (
        13,
        "`(!ticket.vip) ? 1 : 2.0` gives a whole number (int) or a decimal number (double): "
        "both branches of `?:` need one type",
    ),
    "1.5 + -plan.whole": (
        4,
        "`1.5 + (-plan.whole)`: CEL does not define a decimal number (double) + a whole number (int)",
    ),
    "int(ticket.vip) > 0": (0, "`int(ticket.vip)`: int() does not take true or false"),
    "string(ticket.tags) == ''": (0, "`string(ticket.tags)`: string() does not take a list of text"),
    "string(ticket.waited + ticket.created) == ''": (
        21,
        "`ticket.waited + ticket.created`: CEL does not define a duration + a timestamp",
    ),
    "-ticket.waited < duration('1h')": (0, "'-' negates a number, found a duration"),
    "ticket.amount in ticket.customer": (
        7,
        "`ticket.amount` is a decimal number (double): a mapping's key is text, a whole number or true/false",
    ),
    "ticket.customer[ticket.created] == ''": (
        23,
        "`ticket.created` is a timestamp: a mapping's key is text, a whole number or true/false",
    ),
    "{1.5: 'a'}.size() == 1": (
        1,
        "`1.5` is a decimal number (double): a mapping's key is text, a whole number or true/false",
    ),
    # the grammar read `0.` as a decimal and so could not read the rest: nothing was checked
    "0.all(t, ticket.vip)": (2, "all() runs over a list or mapping, found a whole number (int)"),
    "(ticket.tags + [1]).exists(t, t.startsWith('a'))": None,  # the items are of either kind: dyn, not text
}


@pytest.mark.parametrize("source", sorted(COUNTEREXAMPLES))
def test_each_counterexample_found_is_a_type_finding_or_fails_only_on_values(source: str) -> None:
    values, parameters = _plan({"label": "gold", "whole": 500})
    expected = COUNTEREXAMPLES[source]
    findings = [(f.offset, f.message) for f in Env(FIELDS, parameters).check(source, condition=False)]
    ticket = {
        "vip": True,
        "amount": 1.0,
        "tags": ["a"],
        "waited": "1h",
        "created": "2026-03-02T09:30:00+01:00",
        "customer": {},
    }
    if expected is None:
        assert findings == []  # dyn is assumed to fit: a limit of the guarantee, not a finding
    else:
        assert findings == [expected]
        assert evaluate(source, ticket, values)[0] == "type"


# --- the converse, for a field and a literal: a `types` finding is never a false alarm --------------------------

FIELD_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "category": st.sampled_from(["billing", "refund", "outage"]),
    "amount": st.one_of(st.floats(-1e6, 1e6), st.integers(-1000, 1000)),
    "count": st.one_of(_SMALL, _INT64),
    "vip": st.booleans(),
    "tags": st.lists(st.sampled_from(["a", "vip", ""]), max_size=3),
    "created": _TIMES,
    "waited": _SPANS,
    "customer": st.fixed_dictionaries({}, optional={"tier": st.sampled_from(["gold", "silver"])}),
    "customer.tier": st.sampled_from(["gold", "silver"]),
    "customer.orders": _SMALL,
    "customer.since": _TIMES,
}
LITERALS = [
    "'billing'",
    "'1'",
    "1",
    "1.5",
    "1u",
    "true",
    "null",
    "[]",
    "['a']",
    "{}",
    "b'x'",
    "timestamp('2026-01-01T00:00:00Z')",
    "duration('1h')",
]


def _holding(path: str, value: Any) -> dict[str, Any]:
    head, _, rest = path.partition(".")
    return {head: {rest: value}} if rest else {head: value}


@given(
    st.sampled_from(sorted(FIELD_VALUES)).flatmap(lambda f: st.tuples(st.just(f), FIELD_VALUES[f])),
    st.sampled_from(["==", "!=", "<", "<=", ">", ">="]),
    st.sampled_from(LITERALS),
    st.booleans(),
)
def test_a_comparison_flagged_for_its_types_fails_or_never_depends_on_the_value(
    field: tuple[str, Any], op: str, literal: str, field_first: bool
) -> None:
    path, value = field
    read = f"ticket.{path}"
    source = f"{read} {op} {literal}" if field_first else f"{literal} {op} {read}"
    kinds = {f.kind for f in Env(FIELDS, {}).check(source)}
    assume("types" in kinds)
    outcome, result = evaluate(source, _holding(path, value), {})
    if outcome == "value":
        assert op in ("==", "!=") and result is (op == "!="), (source, value, result)
