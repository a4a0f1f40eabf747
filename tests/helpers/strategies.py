"""Hypothesis strategies for hostile plans, tickets and command lines.

Plans start from the starter plan and the bundled plan and are mutated: values
replaced by random types, huge numbers, unicode and control characters; keys
dropped, renamed or added; durations, timestamps and ``when:`` expressions drawn
from small grammars; documents duplicated or dropped; file text edited line by
line. ``extreme=True`` also draws values that the loader and the engine bound
(99999999999h, +99999999d, year 9999, 5000-digit numbers).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from planops.kinds import MODELS
from planops.loader.yaml12 import load_documents
from tests.conftest import REPO, STARTER

KEYS = sorted(
    {name for model in MODELS.values() for name in model.model_fields}
    | {"on", "when", "to", "after", "event", "at", "do", "mon-fri", "sat", "urgent", "normal", "max", "min", "except"}
)
FIELDS = (
    "channel",
    "category",
    "priority",
    "segment",
    "amount",
    "region",
    "tags",
    "subject",
    "language",
    "created",
    "customer",
    "customer.annual_value",
    "customer.plan",
    "invoice_id",
    "nope",
    "customer.x.y",
)
NAMES = (
    "support",
    "office",
    "email",
    "triage",
    "resolved",
    "agent",
    "support-lead",
    "standard",
    "priority",
    "urgent",
    "normal",
    "escalate",
    "respond",
    "customer_reply",
    "resolve",
    "quick-answer",
    "x",
    "Bad Name",
)
CONTROL = "".join(map(chr, [*range(0, 32), 0x7F, 0x85, 0x2028, 0x2029, 0x202E, 0xFEFF]))


class Digits(str):
    """A whole number too long for int(): written into YAML as a plain number, read back as one."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Digits, lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:int", str(data)))

# --- scalars -----------------------------------------------------------------------------------------------

texts = st.one_of(
    st.text(max_size=20),
    st.text(st.sampled_from(CONTROL + "ab:#-{}[]&*!|>'\"\\%@`"), max_size=12),
    st.sampled_from(NAMES),
    st.sampled_from(
        [
            "",
            " ",
            "on",
            "NO",
            "null",
            "~",
            "true",
            "1e3",
            "0x1F",
            "0o17",
            ".inf",
            "-.nan",
            "<<",
            "é" * 3,
            "\u202eevil",
            "# not a comment",
            "${HOME}",
            "{{ x }}",
            "<script>alert(1)</script>",
        ]
    ),
)


@cache
def numbers(extreme: bool = False) -> st.SearchStrategy[Any]:
    base = st.one_of(
        st.integers(-10, 10_000),
        st.integers(-(2**70), 2**70),
        st.floats(),
        st.sampled_from([0, -1, 2**31, 2**63, 10**18, 1e308, -1e308, 5e-324]),
    )
    if not extreme:
        return base
    return st.one_of(base, st.integers(300, 6000).map(lambda n: Digits("9" * n)))


@cache
def durations(extreme: bool = False) -> st.SearchStrategy[str]:
    small = st.integers(0, 999)
    amount = st.integers(0, 10**12) if extreme else small
    short = st.lists(st.tuples(amount, st.sampled_from("dhms")), min_size=1, max_size=4).map(
        lambda parts: "".join(f"{n}{u}" for n, u in parts)
    )
    iso = st.tuples(small, st.sampled_from(["D", "H", "M", "S", "W", "Y"])).map(
        lambda p: ("P" if p[1] in "DWY" else "PT") + f"{p[0]}{p[1]}"
    )
    fixed = st.sampled_from(
        [
            "30m",
            "1h30m",
            "PT4H",
            "0m",
            "-1h",
            "PT0S",
            "P",
            "PT",
            "P1D",
            "1.5h",
            "4 h",
            "h",
            "PT-1H",
            "P1Y2M",
            "1h1h",
            "00m",
            "2d",
        ]
    )
    return st.one_of(short, iso, fixed)


@cache
def timestamps(extreme: bool = False) -> st.SearchStrategy[str]:
    years = st.integers(1, 9999) if extreme else st.integers(1971, 2100)
    parts = st.tuples(
        years,
        st.integers(1, 12),
        st.integers(1, 28),
        st.integers(0, 23),
        st.integers(0, 59),
        st.integers(-23 * 60 - 59, 23 * 60 + 59),
        st.booleans(),
    )

    def iso(p: tuple[int, int, int, int, int, int, bool]) -> str:
        year, month, day, hour, minute, offset, naive = p
        zone = "" if naive else f"{'+' if offset >= 0 else '-'}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
        return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00{zone}"

    fixed = st.sampled_from(
        [
            "2026-03-27T16:30:00+01:00",
            "2027-01-12T09:15:00Z",
            "2026-03-29T02:30:00+01:00",
            "2026-02-30T10:00:00+00:00",
            "2026-10-01",
            "yesterday",
            "2026-03-27 16:30",
            "2026-03-27T16:30:00+25:00",
            "T",
        ]
    )
    return st.one_of(parts.map(iso), fixed)


@cache
def offsets(extreme: bool = False) -> st.SearchStrategy[str]:
    return st.one_of(durations(extreme).map(lambda d: "+" + d), timestamps(extreme))


# --- CEL -----------------------------------------------------------------------------------------------------


def _quoted(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


cel_literals = st.one_of(
    st.text(max_size=6).map(_quoted),
    st.sampled_from(
        [
            "'billing'",
            '"vip"',
            "'outage'",
            "''",
            "'\\n'",
            "r'\\d'",
            "b'x'",
            "'''x'''",
            "'unclosed",
            r"r'\'",
            r'R"\"',
            r"br'\'",
            "'''it's'''",
            "'ticket.nope'",
            "'//'",
            r"'a\'b'",
        ]
    ),
    st.integers(-5, 100_000).map(str),
    st.sampled_from(
        ["1.5", "500.0", "1e400", "-0.0", "18446744073709551615u", "true", "false", "null", "[]", "{}", "[1, 'a']"]
    ),
    st.sampled_from(
        ["timestamp('2026-01-01T00:00:00Z')", "duration('1h')", "timestamp('x')", "int('9')", "dyn(1)", "{'a': 1}.a"]
    ),
)
cel_refs = st.sampled_from(FIELDS).map(lambda f: "ticket." + f) | st.sampled_from(
    ["ticket", "ticket['channel']", "ticket . channel", "tickets.x"]
)
cel_atoms = cel_refs | cel_literals
_BINARY = ["==", "!=", "<", "<=", ">", ">=", "in", "+", "-", "*", "/", "%"]


def _cel_step(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(inner, st.sampled_from(_BINARY), inner).map(" ".join),
        st.tuples(inner, st.sampled_from(["&&", "||"]), inner).map(" ".join),
        inner.map(lambda e: f"!({e})"),
        inner.map(lambda e: f"({e})"),
        st.tuples(inner, inner, inner).map(lambda t: f"{t[0]} ? {t[1]} : {t[2]}"),
        st.tuples(st.sampled_from(["size", "has", "string", "int", "double", "type", "nope"]), inner).map(
            lambda t: f"{t[0]}({t[1]})"
        ),
        st.tuples(
            cel_refs, st.sampled_from(["startsWith", "contains", "matches", "endsWith", "exists"]), cel_literals
        ).map(lambda t: f"{t[0]}.{t[1]}({t[2]})"),
        # a comment (CEL's // to the end of the line) holding quotes, operators or fields
        st.tuples(inner, st.sampled_from(["don't", "'", '"', "&& ticket.x", "|| true", "ticket.nope", "("])).map(
            lambda t: f"{t[0]} // {t[1]}\n"
        ),
    )


cel = st.one_of(
    st.recursive(cel_atoms, _cel_step, max_leaves=6),
    st.sampled_from(
        [
            "ticket.amount >",
            "ticket.category == 'billing' &&",
            ")(",
            "ticket.",
            "1 +",
            "\n",
            "ticket.amount > 500.0\n&& ticket.x",
            "ticket.segment == 'vpi'",
            'ticket.channel == "chat"',
        ]
    ),
    st.text(max_size=15),
)

# --- values by where they stand ------------------------------------------------------------------------------


@cache
def scalars(extreme: bool = False) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.booleans(),
        numbers(extreme),
        texts,
        durations(extreme),
        timestamps(extreme),
        cel,
        st.sampled_from(NAMES),
    )


@cache
def values(extreme: bool = False) -> st.SearchStrategy[Any]:
    keys = st.sampled_from(KEYS) | texts | st.integers(-2, 2)
    return st.recursive(
        scalars(extreme),
        lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
        max_leaves=12,
    )


def _hours() -> st.SearchStrategy[Any]:
    clock = st.tuples(st.integers(0, 25), st.integers(0, 60)).map(lambda t: f"{t[0]:02d}:{t[1]:02d}")
    span = st.tuples(clock, clock).map("-".join)
    return st.one_of(span, st.lists(span, max_size=3), st.sampled_from(["closed", "24x7", "9-5", "00:00-24:00"]))


def _days(extreme: bool) -> st.SearchStrategy[str]:
    """Dates as plans write them, a few of them public holidays, some malformed."""
    return timestamps(extreme).map(lambda t: t[:10]) | st.sampled_from(
        ["2026-12-25", "2026-11-27", "2026-03-29", "2027-01-01", "2026-02-30", "2026-1-5", "2026-12-24T00:00"]
    )


def _calendar_values(extreme: bool) -> dict[str, st.SearchStrategy[Any]]:
    names = st.sampled_from(["Christmas Day", "Good Friday", "Boxing Day", "Whit Monday", "christmas  day", ""])
    return {
        "special": st.dictionaries(_days(extreme), _hours(), max_size=3),
        "except": st.lists(_days(extreme) | names, max_size=4),
        "dates": st.lists(_days(extreme), max_size=4),
        "country": st.sampled_from(["DE", "US", "GB", "XX", "Ireland", "de", "HolidayBase", "DEU", ""]),
        "subdivision": st.sampled_from(["BE", "NY", "ENG", "ZZ", "Berlin", "eng", ""]),
    }


@cache
def fitting(extreme: bool = False) -> dict[Any, st.SearchStrategy[Any]]:
    """Values of the right shape (often still wrong) for the keys plans hold."""
    hours = _hours()
    return {
        **_calendar_values(extreme),
        "when": cel,
        "after": durations(extreme),
        "at": offsets(extreme),
        "until": offsets(extreme),
        "created": timestamps(extreme),
        "first_response": durations(extreme),
        "resolution": durations(extreme),
        "next_response": durations(extreme),
        "max": durations(extreme) | numbers(extreme),
        "min": numbers(extreme),
        "effective": timestamps(extreme),
        "reviewed": timestamps(extreme),
        "order": numbers(extreme),
        "monthly": numbers(extreme),
        "monthly_cost": numbers(extreme),
        "headcount": numbers(extreme),
        "monthly_limit": numbers(extreme),
        "amount": numbers(extreme),
        "annual_value": numbers(extreme),
        "timezone": st.sampled_from(
            ["Europe/Berlin", "UTC", "America/New_York", "Asia/Kathmandu", "Mars/Base", "", "EST", "CET", "PST"]
        ),
        "mon-fri": hours,
        "sat": hours,
        "sun": hours,
        "mon": hours,
        "hours": st.just("24x7")
        | st.dictionaries(st.sampled_from(["mon-fri", "sat", "sun", "mon", "fri-mon", "weekdays"]), hours, max_size=3),
        "do": st.sampled_from(["respond", "customer_reply", "resolve", "escalate", "approve", "refund", "nope"]),
        "priority": st.sampled_from(["urgent", "high", "normal", "low", "meh"]),
        "pause": st.lists(st.sampled_from(["first_response", "next_response", "resolution", "x"]), max_size=3),
        "final": st.booleans(),
        "events": st.lists(
            st.fixed_dictionaries(
                {
                    "at": offsets(extreme),
                    "do": st.sampled_from(
                        ["respond", "customer_reply", "resolve", "escalate", "approve", "refund", "ask_customer"]
                    ),
                }
            ),
            max_size=6,
        ),
    }


@cache
def value_for(key: Any, extreme: bool = False) -> st.SearchStrategy[Any]:
    """A value fitting the key it stands under (half the time), else anything."""
    return st.one_of(fitting(extreme).get(key, values(extreme)), values(extreme))


# --- plans ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanFiles:
    """A plan as {path below the plan folder: bytes}; ``.md`` pages are copied as they are."""

    files: dict[str, bytes]

    def write(self, root: Path) -> Path:
        for name, raw in self.files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(raw)
        return root


@cache
def base_plans() -> dict[str, dict[str, list[Any] | bytes]]:
    """The starter and the bundled plan, each file as its documents' data (pages as bytes)."""
    plans: dict[str, dict[str, list[Any] | bytes]] = {}
    for label, root in (("starter", STARTER / "plan"), ("bundled", REPO / "plan")):
        files: dict[str, list[Any] | bytes] = {}
        for path in sorted(root.rglob("*")):
            if path.is_file():
                name = path.relative_to(root).as_posix()
                if path.suffix in (".yaml", ".yml"):
                    docs, _ = load_documents(path.read_text(encoding="utf-8"), name)
                    files[name] = [d.data for d in docs]
                else:
                    files[name] = path.read_bytes()
        plans[label] = files
    return plans


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found.extend(_paths(value, (*prefix, i)))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def _mutate(draw: st.DrawFn, doc: Any, extreme: bool) -> Any:
    paths = _paths(doc)
    path = paths[draw(st.integers(0, len(paths) - 1))]
    op = draw(st.sampled_from(["set", "set", "set", "drop", "rename", "add", "copy"]))
    if not path:
        return draw(value_for(None, extreme)) if op == "set" else doc
    parent, last = _parent(doc, path), path[-1]
    if op == "set":
        parent[last] = draw(value_for(last, extreme))
    elif op == "drop":
        del parent[last]
    elif op == "rename" and isinstance(parent, dict):
        parent[draw(st.sampled_from(KEYS) | texts)] = parent.pop(last)
    elif op == "add" and isinstance(parent, dict):
        key = draw(st.sampled_from(KEYS) | texts)
        parent[key] = draw(value_for(key, extreme))
    elif op == "copy" and isinstance(parent, list):
        parent.insert(draw(st.integers(0, len(parent))), copy.deepcopy(parent[last]))
    return doc


_SNIPPETS = [
    "&a",
    "*a",
    "<<: *a",
    "!!python/object:os.system",
    "\t",
    "? ",
    "---",
    "...",
    "%YAML 1.1",
    "- [",
    "{",
    '"\\x00"',
    "key: [1, 2",
    "\ufeff",
    "x: &a [*a]",
    "!!binary aGk=",
    "!custom x",
    "  - {at: +1h, do: x}",
    "when: >\n  ticket.amount\n  > 1",
    "on: {}",
    "1: one\n'1': two",
    "true: 1\nTrue: 2",
    "- \0",
]


@st.composite
def _edit_text(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(lines)))
        op = draw(st.sampled_from(["insert", "delete", "repeat", "indent"]))
        if op == "insert":
            lines.insert(i, draw(st.sampled_from(_SNIPPETS) | texts))
        elif lines and op == "delete":
            del lines[min(i, len(lines) - 1)]
        elif lines and op == "repeat":  # a repeated line is often a duplicate key
            lines.insert(i, lines[min(i, len(lines) - 1)])
        elif lines:
            lines[min(i, len(lines) - 1)] = "  " + lines[min(i, len(lines) - 1)]
    return "\n".join(lines)


def _dump(docs: list[Any]) -> str:
    return yaml.dump_all(docs, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=80)


@st.composite
def plans(draw: st.DrawFn, extreme: bool = False, max_mutations: int = 6) -> PlanFiles:
    """A starter or bundled plan with a few random mutations (mostly still a plan)."""
    base = base_plans()[draw(st.sampled_from(["starter", "bundled"]))]
    files: dict[str, list[Any] | bytes] = json.loads(
        json.dumps({k: v for k, v in base.items() if not isinstance(v, bytes)})
    )
    yaml_names = sorted(files)
    for _ in range(draw(st.integers(1, max_mutations))):
        name = draw(st.sampled_from(yaml_names))
        docs = files[name]
        assert isinstance(docs, list)
        op = draw(st.sampled_from(["doc", "doc", "doc", "doc", "duplicate", "drop", "new"]))
        if op == "doc" and docs:
            i = draw(st.integers(0, len(docs) - 1))
            docs[i] = draw(_mutate(docs[i], extreme))
        elif op == "duplicate" and docs:
            docs.append(copy.deepcopy(docs[draw(st.integers(0, len(docs) - 1))]))
        elif op == "drop" and docs:
            del docs[draw(st.integers(0, len(docs) - 1))]
        elif op == "new":
            docs.append({"kind": draw(st.sampled_from([*MODELS, "Nope"])), "name": draw(st.sampled_from(NAMES))})
    return _plan_files(draw, files, base)


def _plan_files(
    draw: st.DrawFn, files: dict[str, list[Any] | bytes], base: dict[str, Any], edit: bool = True
) -> PlanFiles:
    out: dict[str, bytes] = {}
    for name, docs in files.items():
        assert isinstance(docs, list)
        text = _dump(docs)
        if edit and draw(st.integers(0, 9)) == 0:
            text = draw(_edit_text(text))
        out[name] = text.encode("utf-8", "surrogatepass")
    out.update({k: v for k, v in base.items() if isinstance(v, bytes)})
    return PlanFiles(out)


@st.composite
def tweaked_plans(draw: st.DrawFn, extreme: bool = False, max_tweaks: int = 2) -> PlanFiles:
    """A plan with a few values replaced by ones of the right shape: mostly still valid, so that routing,
    scenario runs, the handbook and the diff see them (``plans`` mostly stops at findings)."""
    base = base_plans()[draw(st.sampled_from(["starter", "bundled"]))]
    files: dict[str, list[Any] | bytes] = copy.deepcopy({k: v for k, v in base.items() if not isinstance(v, bytes)})
    keys = fitting(extreme)
    for _ in range(draw(st.integers(1, max_tweaks))):
        docs = files[draw(st.sampled_from(sorted(files)))]
        assert isinstance(docs, list)
        if not docs:
            continue
        doc = docs[draw(st.integers(0, len(docs) - 1))]
        if isinstance(doc, dict) and doc.get("kind") == "Scenario":
            doc.setdefault("events", [])  # so that a scenario without events may get some
        paths = [p for p in _paths(doc) if p and isinstance(p[-1], str) and p[-1] in keys]
        if paths:
            path = paths[draw(st.integers(0, len(paths) - 1))]
            _parent(doc, path)[path[-1]] = draw(keys[path[-1]])
    return _plan_files(draw, files, base, edit=False)


# --- tickets ---------------------------------------------------------------------------------------------------


@cache
def tickets(extreme: bool = False) -> st.SearchStrategy[Any]:
    """A ticket mapping like a scenario's ``ticket:`` (sometimes not a mapping at all)."""
    anything = values(extreme)
    mapping = st.fixed_dictionaries(
        {},
        optional={
            "channel": st.sampled_from(["email", "chat", "phone", "nope", ""]) | anything,
            "category": st.sampled_from(["billing", "outage", "question", "technical"]) | anything,
            "amount": numbers(extreme) | anything,
            "customer": st.fixed_dictionaries({}, optional={"annual_value": numbers(extreme), "plan": texts})
            | anything,
            "created": timestamps(extreme) | anything,
            "priority": st.sampled_from(["urgent", "high", "normal", "low", "meh"]) | anything,
            "segment": st.sampled_from(["vip", "standard", "priority", "enterprise", "nope"]) | anything,
            "tags": st.lists(texts, max_size=3) | anything,
            "region": texts,
            "subject": texts,
            "queue": texts,
            "workflow": st.sampled_from(["support", "billing-dispute", "nope"]) | anything,
        },
    )
    return st.one_of(mapping, mapping, mapping, anything)


@st.composite
def ticket_files(draw: st.DrawFn, extreme: bool = False) -> bytes:
    """A ticket file: YAML or JSON of a ticket, several documents, or random bytes."""
    ticket = draw(tickets(extreme))
    form = draw(st.sampled_from(["yaml", "yaml", "json", "docs", "bytes", "edited"]))
    if form == "json":
        return json.dumps(ticket, ensure_ascii=draw(st.booleans())).encode()
    if form == "docs":
        return _dump([ticket, draw(tickets(extreme))]).encode()
    if form == "bytes":
        return draw(st.binary(max_size=200))
    text = _dump([ticket])
    return (draw(_edit_text(text)) if form == "edited" else text).encode("utf-8", "surrogatepass")
