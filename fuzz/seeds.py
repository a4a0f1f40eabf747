"""Seed corpora: the bundled and the starter plan, their expressions, and every input kept in tests/fuzz_corpus."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PLANS = (REPO / "plan", REPO / "src" / "planops" / "starter" / "plan")
KEPT = REPO / "tests" / "fuzz_corpus"


def _named(items: list[bytes]) -> dict[str, bytes]:
    return {"seed-" + hashlib.sha1(data).hexdigest()[:16]: data for data in items}


def _plan_files() -> list[bytes]:
    return [p.read_bytes() for root in PLANS for p in sorted(root.rglob("*.yaml"))]


def _kept(target: str) -> list[bytes]:
    folder = KEPT / target
    return [p.read_bytes() for p in sorted(folder.iterdir())] if folder.is_dir() else []


def loader() -> dict[str, bytes]:
    return _named([*_plan_files(), *_kept("loader")])


def plan() -> dict[str, bytes]:
    from fuzz.targets import plan_files

    files = [raw for _, raw in plan_files()]
    return _named([bytes([i]) + raw for i, raw in enumerate(files)] + _kept("plan"))


def _whens(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "when" and isinstance(value, str):
                yield value
            else:
                yield from _whens(value)
    elif isinstance(data, list):
        for value in data:
            yield from _whens(value)


def expr() -> dict[str, bytes]:
    from planops.loader.yaml12 import load_documents

    found: list[bytes] = []
    for raw in _plan_files():
        docs, _ = load_documents(raw.decode("utf-8"), "seed.yaml")
        found.extend(w.encode() for doc in docs for w in _whens(doc.data))
    return _named([*dict.fromkeys(found), *_kept("expr")])


def celcheck() -> dict[str, bytes]:
    """The plans' expressions, a few that reach each kind of finding, and the inputs kept for this target."""
    found = list(expr().values())
    found.extend(
        s.encode()
        for s in (
            "ticket.customer.tier == 'gold' && ticket.order.totl > 1.0",
            "tikcet.category == 'billing' || ticket['categroy'] == 'x'",
            "ticket.amount > '300' && (ticket.segment == 'vpi' ? 1 : 'a') == 1",
            "1 / 0 == 1 || launch(ticket.category) || int(true) > 0",
            "ticket.tags.exists(t, t.startsWith('a')) && plan.limt < ticket.amount",
            "ticket.created + plan.grace < timestamp('2026-01-01T00:00:00Z') && {1.5: 'a'}.size() > 0",
            "ticket.customer[ticket.amount] == 0.all(x, x) // a comment\n",
        )
    )
    return _named([*dict.fromkeys(found), *_kept("celcheck")])


SEEDS: dict[str, Callable[[], dict[str, bytes]]] = {"loader": loader, "plan": plan, "expr": expr, "celcheck": celcheck}
