"""The small scanners around CEL: field reads and top-level splits."""

from __future__ import annotations

import pytest

from planops.expr import field_refs, split_top_level


@pytest.mark.parametrize(
    ("source", "joiner", "parts"),
    [
        ("ticket.a == 1 && ticket.b == 2", "&&", ["ticket.a == 1 ", " ticket.b == 2"]),
        ("ticket.s == 'x && y' && ticket.b", "&&", ["ticket.s == 'x && y' ", " ticket.b"]),
        ("ticket.s == 'it\\'s && y' && ticket.b", "&&", ["ticket.s == 'it\\'s && y' ", " ticket.b"]),
        ("f(a && b) && c", "&&", ["f(a && b) ", " c"]),
        ("a || b && c", "&&", None),
        ("a ? b : c", "&&", None),
        ("a || b", "||", ["a ", " b"]),
        ("'''x''' && y", "&&", None),
    ],
)
def test_split_top_level(source: str, joiner: str, parts: list[str] | None) -> None:
    assert split_top_level(source, joiner) == parts


def test_field_refs_skip_strings_and_method_calls() -> None:
    refs = field_refs("ticket.subject.contains('ticket.nope') && ticket.customer.tier == 'gold'")
    assert [r.name for r in refs] == ["subject", "customer.tier"]
