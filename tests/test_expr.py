"""The small scanners around CEL: field reads and top-level splits."""

from __future__ import annotations

import pytest

from planops.expr import code_only, field_refs, split_top_level


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
        ("'''x && ''' && y", "&&", ["'''x && ''' ", " y"]),
        # CEL's comments and raw strings are text, not code
        ("ticket.a // don't\n|| ticket.b // '\n&& ticket.c", "&&", None),
        ("ticket.a // && ticket.b\n&& ticket.c", "&&", ["ticket.a // && ticket.b\n", " ticket.c"]),
        (r"r'\' == 'a' || ticket.c == 'b'", "||", [r"r'\' == 'a' ", " ticket.c == 'b'"]),
        (r"""br"\" == b'\\' && x""", "&&", [r"""br"\" == b'\\' """, " x"]),
    ],
)
def test_split_top_level(source: str, joiner: str, parts: list[str] | None) -> None:
    assert split_top_level(source, joiner) == parts


def test_field_refs_skip_strings_and_method_calls() -> None:
    refs = field_refs("ticket.subject.contains('ticket.nope') && ticket.customer.tier == 'gold'")
    assert [r.name for r in refs] == ["subject", "customer.tier"]


@pytest.mark.parametrize(
    ("source", "names"),
    [
        (r"r'\' == 'a' || ticket.channel == 'email'", ["channel"]),
        ("ticket.a == 'x' // ticket.nope\n&& ticket.b", ["a", "b"]),
        ("'''it's ticket.nope''' == ticket.c", ["c"]),
        (r"""b'\x41' == ticket.d && R"\" == ticket.e""", ["d", "e"]),
        ("ticket . customer\n  . tier == 'gold'", ["customer.tier"]),
    ],
)
def test_field_refs_read_code_only(source: str, names: list[str]) -> None:
    assert [r.name for r in field_refs(source)] == names


def test_code_only_keeps_offsets_and_line_breaks() -> None:
    source = "ticket.a == 'x\\'y' // c'mt\n&& '''a\nb''' == ticket.b"
    code = code_only(source)
    assert len(code) == len(source) and code.count("\n") == source.count("\n")
    assert code.split() == ["ticket.a", "==", "&&", "==", "ticket.b"]
