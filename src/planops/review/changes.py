"""The Change record and the helpers every comparison uses.

A change is data: which group it belongs to (SLA targets, routing, …), which
object, what about it, the value before and after (as users write them), and
whether a target got tighter or looser. Renderers (Markdown, JSON, the
handbook's changelog) are views of the same list; ``planops.output.changes``
words one change.

``what``, ``before`` and ``after`` are inline Markdown, safe in a pull-request
comment: names in them are code (``md_code``), every plain value is escaped
(``md_text``). :meth:`Maker.change` escapes the values it is given unless they
are already :class:`~planops.output.escape.Markdown`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel

from planops.model.types import format_duration
from planops.output.escape import Markdown, md_code, md_text

Direction = Literal["tightened", "loosened"]

# Fields whose change alters what the handbook says, not how tickets are served.
EDITORIAL = frozenset({"title", "description", "vision"})
# Fields holding CEL expressions, shown as code.
CODE = frozenset({"when"})


@dataclass(frozen=True, slots=True)
class Change:
    """One change in meaning. ``before`` is None for an addition, ``after`` for a removal.

    ``object`` is a plain name; ``what``, ``before`` and ``after`` are inline Markdown.
    """

    kind: str  # the diff section: a key of planops.kinds.DIFF_SECTIONS
    object_kind: str  # the plan kind: SLAPolicy, Workflow…
    object: str  # the object's name
    what: str = ""  # which part of it, e.g. "high first_response" or "state `triage` owner" ("" for the object)
    before: str | None = None
    after: str | None = None
    direction: Direction | None = None
    material: bool = True  # False for wording, review dates and scenarios
    used_by: tuple[str, ...] = ()  # inline Markdown: where a changed parameter is read ("routing rule `big`")

    @property
    def action(self) -> str:
        if self.before is None and self.after is not None:
            return "added"
        if self.after is None and self.before is not None:
            return "removed"
        return "changed"

    def as_dict(self) -> dict[str, Any]:
        found = asdict(self)
        if not self.used_by:  # only a parameter's change says where it is read
            del found["used_by"]
        return {**found, "action": self.action}


def fmt(value: Any) -> str:
    """A value as plan authors write it: 4h, 2026-12-24, 1,500, a, b."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, timedelta):
        return format_duration(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float | int):
        return fmt_number(value)
    if isinstance(value, BaseModel):
        return fmt(value.model_dump(exclude_defaults=True))
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {fmt(v)}" for k, v in value.items()) or "none"
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(fmt(v) for v in value) or "none"
    return str(value)


def fmt_number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def direction(before: Any, after: Any, *, smaller_is_tighter: bool = True) -> Direction | None:
    """tightened or loosened for comparable values, else None."""
    if before is None or after is None or before == after:
        return None
    try:
        smaller = after < before
    except TypeError:
        return None
    return "tightened" if smaller == smaller_is_tighter else "loosened"


@dataclass(frozen=True, slots=True)
class Maker:
    """Makes the changes of one object: fixes group, kind and name."""

    kind: str
    object_kind: str
    object: str

    def change(
        self, what: str, before: Any, after: Any, *, trend: Direction | None = None, material: bool = True
    ) -> Change:
        """``what`` is Markdown; ``before`` and ``after`` are values (escaped here) or Markdown."""
        b = None if before is None else as_markdown(before)
        a = None if after is None else as_markdown(after)
        return Change(self.kind, self.object_kind, self.object, what, b, a, trend, material)

    def text(self, what: str) -> Change:
        """A wording change: titles and descriptions are listed, not quoted."""
        return Change("text", self.object_kind, self.object, what, "", "", None, False)

    def fields(self, old: BaseModel, new: BaseModel, *, skip: Iterable[str] = (), prefix: str = "") -> list[Change]:
        """Every field that differs, except ``skip`` (which the caller compares itself)."""
        a = old.model_dump(exclude=set(skip))
        b = new.model_dump(exclude=set(skip))
        found = []
        for path, x, y in flat_diff(a, b):
            what = prefix + ".".join(md_text(part, start=False) for part in path)
            if path[-1] in EDITORIAL:
                found.append(self.text(what))
            elif path[-1] in CODE:
                found.append(self.change(what, _code(x), _code(y)))
            else:
                found.append(self.change(what, x if x is not None else "none", y if y is not None else "none"))
        return found


def as_markdown(value: Any) -> Markdown:
    """A value as plan authors write it (:func:`fmt`), escaped as Markdown; Markdown is kept as it is."""
    return value if isinstance(value, Markdown) else md_text(fmt(value), start=False)


def _code(value: Any) -> Markdown:
    return Markdown("none") if value is None else md_code(fmt(value))


def flat_diff(a: Any, b: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any, Any]]:
    """(path, before, after) of every leaf that differs; lists compare whole."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in dict.fromkeys([*a, *b]):
            yield from flat_diff(a.get(key), b.get(key), (*path, str(key)))
    elif a != b:
        yield path, a, b


def by_name(items: Iterable[Any], name: Callable[[Any], str] = lambda item: item.name) -> dict[str, Any]:
    """Items keyed by name; a repeated name gets a ``#2`` suffix so nothing is lost."""
    result: dict[str, Any] = {}
    for item in items:
        key, n = name(item), 1
        while key in result:
            n += 1
            key = f"{name(item)}#{n}"
        result[key] = item
    return result


def moved(old: Sequence[str], new: Sequence[str]) -> list[tuple[str, int, int]]:
    """(name, old position, new position), 1-based, of items that changed place.

    Items on a longest common subsequence of the two orders stayed; the rest moved.
    """
    common = set(old) & set(new)
    a = [x for x in old if x in common]
    b = [x for x in new if x in common]
    stayed = _lcs(a, b)
    return [(x, old.index(x) + 1, new.index(x) + 1) for x in b if x not in stayed]


def _lcs(a: Sequence[str], b: Sequence[str]) -> set[str]:
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
    keep, i, j = set(), 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            keep.add(a[i])
            i, j = i + 1, j + 1
        elif table[i + 1][j] > table[i][j + 1]:  # on a tie, the item that moved up is the one reported
            i += 1
        else:
            j += 1
    return keep
