"""Expression checks read code only: CEL's comments and raw strings are text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

SVC = "service.yaml"
OUTAGE = "when: \"ticket.category == 'outage'\""
Check = Callable[[str, str, str], list[tuple[str, int, int, str]]]


@pytest.mark.parametrize(
    ("when", "found"),
    [
        # a field read after a raw string ending in a backslash is still checked
        (r"when: r'\' == 'a' || ticket.categroy == 'x'", [(SVC, 38, 33, "unknown-field")]),
        (r"when: ticket.category == R'\' || ticket.amout > 1.0", [(SVC, 38, 45, "unknown-field")]),
        # fields and names in a comment are not read
        ("when: >-\n      ticket.category == 'outage' // was ticket.categry == 'x'", []),
        ("when: >-\n      ticket.category == 'outage' // ticket.segment == 'gold'", []),
        ("when: \"'ticket.nope' == ticket.category\"", []),
        # a quote in a comment does not hide the next line's field
        (
            "when: |-\n      ticket.category == 'outage' // don't\n      || ticket.amout > 1.0",
            [(SVC, 40, 17, "unknown-field")],
        ),
    ],
)
def test_expression_checks_read_code_only(check_at: Check, when: str, found: list[tuple[str, int, int, str]]) -> None:
    assert [f for f in check_at(SVC, OUTAGE, when) if f[3] in ("unknown-field", "unknown-name")] == found
