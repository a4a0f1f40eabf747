"""A ticket condition as a formula of the z3 SMT solver, over the typed subset of CEL it decides.

Decided (anything else makes the whole expression undecided, and it is skipped — never a false alarm):

- literals: ``true``/``false``, whole and decimal numbers, text, ``null``; the Plan's parameters
  (``plan.limit``) of those types, as their values;
- ticket fields, at any depth of declared mappings (``ticket.customer.annual_value``, also
  ``ticket['x']``), of type text, number (a real), integer (within 64 bits) and bool; a field with
  ``values:`` takes one of them;
- ``&&``, ``||``, ``!`` and ``?:`` over conditions;
- ``==`` and ``!=`` between two numbers, two texts, two bools, or anything and ``null``;
  ``<``, ``<=``, ``>``, ``>=`` between numbers;
- ``x in [literal, …]``; ``has(ticket.a.b)``; ``startsWith``, ``endsWith`` and ``contains`` of a
  text field with a text literal.

Not decided: other functions and macros, arithmetic, lists and maps other than a literal list after
``in``, timestamps and durations, text order, open mappings (fields of any type).

The formula follows what the evaluator does (planops.expr.matches), with three outcomes: true, false
and failed. A field the ticket lacks fails what reads it; a field may be present and null (``==``
then compares with null, an order fails), a number may be NaN (equal to nothing, an order fails);
``a && b`` is false when either is false, ``a || b`` true when either is true, else they fail if an
operand failed or is not true or false. Tickets are taken as the ticket checks of scenarios and
``planops route`` accept them: each value of its field's type and, where the field lists
``values:``, one of them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import z3

from planops.celcheck.rules import literal_value
from planops.celcheck.syntax import Call, Ident, Index, ListOf, Literal, Node, Select
from planops.ticketfields import TicketField

INT64 = 2**63
_SORTS = {"string": "text", "number": "real", "integer": "int", "bool": "bool"}
_ORDER = {"_<_": "<", "_<=_": "<=", "_>_": ">", "_>=_": ">="}
_TEXT_CALLS = {"startsWith", "endsWith", "contains"}


class Undecided(Exception):
    """The expression uses a construct outside the decided subset."""


@dataclass(frozen=True)
class Cond:
    """A condition: when it is true, when false (neither: it fails)."""

    true: Any
    false: Any


@dataclass(frozen=True)
class Term:
    """A value: ``kind`` (text, real, int, bool, null), whether it is read without failing, null, NaN."""

    kind: str
    value: Any
    defined: Any
    null: Any
    nan: Any
    literal: bool = False
    enum: tuple[str, ...] | None = None
    text: str | None = None
    """A text literal's own characters (``value`` is None where z3 would read escapes in them)."""
    """For text with ``values:``: them; ``value`` is then the index of one (integers decide faster than text)."""


@dataclass
class Field:
    """A field read: whether it is there, null, readable; its value (None: a mapping, or a type not decided)."""

    present: Any
    null: Any
    readable: Any
    """Present, not null, inside a readable mapping: its value (or fields) can be read."""
    term: Term | None = None
    fields: bool = False
    """Whether it is a mapping of declared fields."""


class Translator:
    """Formulas of expressions over one plan's ticket fields and parameter values; ``facts`` hold the fields' domains.

    Field variables are shared by every expression translated here, so formulas of several rules speak of one ticket.
    """

    def __init__(self, fields: Mapping[str, TicketField], parameters: Mapping[str, Any]) -> None:
        self.fields, self.parameters = fields, parameters
        self.facts: list[Any] = []
        self.read: dict[str, Field] = {}
        self.values_read: set[str] = set()
        """The fields whose values (not only whether they are there) the expressions translated so far read."""
        self._done: dict[Node, tuple[Cond | Term, frozenset[str]]] = {}
        """Translations by node: rules of one list often share parts (``ticket.amount > 100.0``)."""

    def condition(self, node: Node) -> Cond:
        """The condition ``node`` stands for; Undecided outside the subset."""
        value = self._node(node)
        if isinstance(value, Cond):
            return value
        if value.kind == "bool":
            ok = z3.And(value.defined, z3.Not(value.null))
            return Cond(z3.And(ok, value.value), z3.And(ok, z3.Not(value.value)))
        raise Undecided("not a condition")

    def _node(self, node: Node) -> Cond | Term:
        done = self._done.get(node)
        if done is None:
            before = self.values_read
            self.values_read = set()
            try:
                done = self._done[node] = (self._translate(node), frozenset(self.values_read))
            finally:
                self.values_read = before | self.values_read
        else:
            self.values_read |= done[1]
        return done[0]

    def _translate(self, node: Node) -> Cond | Term:
        if isinstance(node, Literal):
            return _literal(node)
        if isinstance(node, Select | Index | Ident):
            return self._read(node)
        if isinstance(node, Call):
            return self._call(node)
        raise Undecided(type(node).__name__)

    def _call(self, node: Call) -> Cond | Term:
        f, args = node.function, node.args
        if f == "_&&_" or f == "_||_":
            parts = [self.condition(a) for a in args]
            trues, falses = [p.true for p in parts], [p.false for p in parts]
            if f == "_&&_":
                return Cond(z3.And(trues), z3.Or(falses))
            return Cond(z3.Or(trues), z3.And(falses))
        if f == "!_":
            inner = self.condition(args[0])
            return Cond(inner.false, inner.true)
        if f == "_?_:_":
            c, yes, no = (self.condition(a) for a in args)
            return Cond(
                z3.Or(z3.And(c.true, yes.true), z3.And(c.false, no.true)),
                z3.Or(z3.And(c.true, yes.false), z3.And(c.false, no.false)),
            )
        if f in ("_==_", "_!=_"):
            eq = self._equal(self._term(args[0]), self._term(args[1]))
            return eq if f == "_==_" else Cond(eq.false, eq.true)
        if f in _ORDER:
            return self._order(_ORDER[f], self._term(args[0]), self._term(args[1]))
        if f == "@in":
            return self._member(self._term(args[0]), args[1])
        if f == "has" and node.target is None and len(args) == 1:
            return self._has(args[0])
        if f == "-_" and isinstance(args[0], Literal) and args[0].kind in ("int", "double"):
            return _constant(-literal_value(args[0]))
        if f in _TEXT_CALLS and node.target is not None and len(args) == 1:
            return self._text_call(f, self._term(node.target), self._term(args[0]))
        raise Undecided(f)

    def _term(self, node: Node) -> Term:
        if isinstance(node, Literal) and node.kind == "bool":
            return _constant(node.text == "true")
        value = self._node(node)
        if isinstance(value, Cond):
            raise Undecided("a condition as a value")
        return value

    def _equal(self, a: Term, b: Term) -> Cond:
        defined = z3.And(a.defined, b.defined)
        if a.kind == "null" or b.kind == "null":
            same = z3.And(a.null, b.null) if a.kind == b.kind else (b.null if a.kind == "null" else a.null)
            return Cond(z3.And(defined, same), z3.And(defined, z3.Not(same)))
        if _numeric(a) != _numeric(b) or (not _numeric(a) and a.kind != b.kind):
            raise Undecided("operands of other types")
        if a.enum is not None or b.enum is not None:
            return self._equal_enum(a, b) if a.enum is not None else self._equal_enum(b, a)
        va, vb = _values(a, b)
        if va is None or vb is None:
            raise Undecided("text z3 cannot take as it is")
        plain = z3.And(z3.Not(a.null), z3.Not(b.null), z3.Not(a.nan), z3.Not(b.nan), va == vb)
        same = z3.Or(z3.And(a.null, b.null), plain)
        return Cond(z3.And(defined, same), z3.And(defined, z3.Not(same)))

    def _equal_enum(self, a: Term, b: Term) -> Cond:
        """``a`` one of its values, ``b`` a text literal (another field: undecided)."""
        if not b.literal or a.enum is None:
            raise Undecided("two fields of listed values compared")
        text = b.text
        same = a.value == a.enum.index(text) if text in a.enum else z3.BoolVal(False)
        plain = z3.And(z3.Not(a.null), same)
        return Cond(z3.And(a.defined, plain), z3.And(a.defined, z3.Not(plain)))

    def _order(self, op: str, a: Term, b: Term) -> Cond:
        if not (_numeric(a) and _numeric(b)):
            raise Undecided("an order of non-numbers")
        ok = z3.And(a.defined, b.defined, *(z3.Not(x) for x in (a.null, b.null, a.nan, b.nan)))
        va, vb = _values(a, b)
        holds = {"<": va < vb, "<=": va <= vb, ">": va > vb, ">=": va >= vb}[op]
        return Cond(z3.And(ok, holds), z3.And(ok, z3.Not(holds)))

    def _member(self, item: Term, among: Node) -> Cond:
        if not isinstance(among, ListOf):
            raise Undecided("in a list that is not written out")
        hits = [self._equal(item, self._term(each)).true for each in among.items]
        found = z3.Or(hits) if hits else z3.BoolVal(False)
        return Cond(z3.And(item.defined, found), z3.And(item.defined, z3.Not(found)))

    def _has(self, node: Node) -> Cond:
        path = path_of(node)
        if path is None or not path:
            raise Undecided("has() of something else than a ticket field")
        parent = self._field(path[:-1]).readable if len(path) > 1 else z3.BoolVal(True)
        here = self._field(path).present
        return Cond(z3.And(parent, here), z3.And(parent, z3.Not(here)))

    def _text_call(self, name: str, target: Term, arg: Term) -> Cond:
        if target.kind != "text" or arg.kind != "text" or not arg.literal:
            raise Undecided(f"{name} of other than text and a literal")
        if target.enum is not None:
            lit = arg.text or ""
            tests = {"startsWith": str.startswith, "endsWith": str.endswith, "contains": str.__contains__}
            hits = [target.value == k for k, v in enumerate(target.enum) if tests[name](v, lit)]
            holds = z3.Or(hits) if hits else z3.BoolVal(False)
        elif arg.value is None or target.value is None:
            raise Undecided("text z3 cannot take as it is")
        else:
            test = {"startsWith": z3.PrefixOf, "endsWith": z3.SuffixOf}.get(name)
            holds = test(arg.value, target.value) if test else z3.Contains(target.value, arg.value)
        ok = z3.And(target.defined, z3.Not(target.null))
        return Cond(z3.And(ok, holds), z3.And(ok, z3.Not(holds)))

    def _read(self, node: Node) -> Term:
        if isinstance(node, Select) and isinstance(node.operand, Ident) and node.operand.name == "plan":
            return _constant(self.parameters.get(node.field, _NONE))
        path = path_of(node)
        if not path:
            raise Undecided("a name other than a ticket field")
        term = self._field(path).term
        if term is None:
            raise Undecided("a field of a type not decided")
        self.values_read.add(".".join(path))
        return term

    def has_values(self, names: set[str]) -> Any:
        """That each of these fields holds a value of its type (not null, not NaN)."""
        return z3.And([z3.And(self.read[n].readable, z3.Not(_term(self.read[n]).nan)) for n in sorted(names)])

    def _field(self, path: tuple[str, ...]) -> Field:
        name = ".".join(path)
        found = self.read.get(name)
        if found is None:
            found = self.read[name] = self._declare(path, name)
        return found

    def _declare(self, path: tuple[str, ...], name: str) -> Field:
        spec = _spec(self.fields, path)
        parent = self._field(path[:-1]).readable if len(path) > 1 else z3.BoolVal(True)
        present, null = z3.Bool(f"{name}?"), z3.Bool(f"{name}=null")
        self.facts += [z3.Implies(present, parent), z3.Implies(null, present)]
        readable = z3.And(present, z3.Not(null))
        kind = _SORTS.get(spec.type)
        if spec.type == "map" and spec.fields is not None:
            return Field(present, null, readable, fields=True)
        if kind is None:
            return Field(present, null, readable)  # has() decides; a read is undecided
        if kind == "text" and spec.values and all(isinstance(v, str) for v in spec.values):
            index = z3.Int(name)
            self.facts.append(z3.And(index >= 0, index < len(spec.values)))
            listed = Term(kind, index, present, null, z3.BoolVal(False), enum=spec.values)
            return Field(present, null, readable, listed)
        value = _variable(kind, name)
        nan = z3.Bool(f"{name}=NaN") if kind == "real" else z3.BoolVal(False)
        self.facts.append(z3.Implies(nan, readable))
        self.facts += _domain(kind, value, spec.values, readable, nan)
        return Field(present, null, readable, Term(kind, value, present, null, nan))


_NONE = object()


def _term(f: Field) -> Term:
    assert f.term is not None  # only fields whose values were read are asked for
    return f.term


def _spec(fields: Mapping[str, TicketField], path: tuple[str, ...]) -> TicketField:
    spec: TicketField | None = TicketField("map", fields=fields)
    for part in path:
        if spec is None or spec.type != "map" or spec.fields is None:
            raise Undecided("a field of an open mapping")
        spec = spec.fields.get(part)
    if spec is None:
        raise Undecided("an unknown field")
    return spec


def _variable(kind: str, name: str) -> Any:
    return {"text": z3.String, "real": z3.Real, "int": z3.Int, "bool": z3.Bool}[kind](name)


def _domain(kind: str, value: Any, values: tuple[Any, ...] | None, readable: Any, nan: Any) -> list[Any]:
    """What a field's value can be: an int within 64 bits; one of its ``values:`` (not NaN), where it has them."""
    facts = [z3.And(value >= -INT64, value < INT64)] if kind == "int" else []
    try:
        allowed = [_constant(v) for v in values or ()]
    except Undecided:
        return facts  # values of another kind: the field is taken as any value of its type
    if allowed and all(_numeric(t) if kind in ("real", "int") else t.kind == kind for t in allowed):
        one_of = z3.Or(
            [value == (z3.ToReal(t.value) if kind == "real" and t.kind == "int" else t.value) for t in allowed]
        )
        facts.append(z3.Implies(readable, z3.And(z3.Not(nan), one_of)))
    return facts


def path_of(node: Node) -> tuple[str, ...] | None:
    """``ticket.a.b`` or ``ticket['a'].b`` as ('a', 'b'); () for ``ticket``; None for anything else."""
    if isinstance(node, Ident):
        return () if node.name == "ticket" else None
    if isinstance(node, Select):
        inner = path_of(node.operand)
        return None if inner is None else (*inner, node.field)
    if isinstance(node, Index) and isinstance(node.index, Literal) and node.index.kind == "string":
        inner, key = path_of(node.operand), literal_value(node.index)
        return None if inner is None or not isinstance(key, str) else (*inner, key)
    return None


def _literal(node: Literal) -> Cond | Term:
    if node.kind == "bool":
        truth = node.text == "true"
        return Cond(z3.BoolVal(truth), z3.BoolVal(not truth))
    if node.kind not in ("int", "double", "string", "null"):
        raise Undecided(f"a {node.kind} literal")
    value = None if node.kind == "null" else literal_value(node)
    if value is None and node.kind != "null":
        raise Undecided("a literal not read")
    return _constant(value)


def _constant(value: Any) -> Term:
    """A literal or parameter value as a term; Undecided for other values (durations, NaN, huge numbers)."""
    yes, no = z3.BoolVal(True), z3.BoolVal(False)
    if value is None:
        return Term("null", None, yes, yes, no, literal=True)
    if isinstance(value, bool):
        made: tuple[str, Any] = ("bool", z3.BoolVal(value))
    elif isinstance(value, int) and -INT64 <= value < INT64:
        made = ("int", z3.IntVal(value))
    elif isinstance(value, float) and math.isfinite(value):
        made = ("real", z3.RealVal(str(Fraction(value))))
    elif isinstance(value, str):
        # z3 reads escapes (\\u{41}) in the text it is given: only printable ASCII without a backslash is given
        plain = all(" " <= c <= "~" for c in value) and "\\" not in value
        return Term("text", z3.StringVal(value) if plain else None, yes, no, no, literal=True, text=value)
    else:
        raise Undecided("a value not decided")
    return Term(made[0], made[1], yes, no, no, literal=True)


def _numeric(t: Term) -> bool:
    return t.kind in ("int", "real")


def _values(a: Term, b: Term) -> tuple[Any, Any]:
    if a.kind == b.kind:
        return a.value, b.value
    return (z3.ToReal(a.value) if a.kind == "int" else a.value), (z3.ToReal(b.value) if b.kind == "int" else b.value)
