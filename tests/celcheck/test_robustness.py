"""Whatever text arrives, the checker answers with findings: never an exception, always inside the text, the same twice.

And the checker's grammar reads every expression the evaluator compiles, so none
passes unchecked because the two parse it differently.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from planops.celcheck.checker import KINDS, Env
from planops.celcheck.syntax import Unreadable, parse
from planops.diagnostics import reset_suggestions
from planops.expr import ExprError, compile_expr
from tests.celcheck.test_soundness import FIELDS, _plan, expr
from tests.celcheck.test_soundness import KINDS as TYPE_KINDS
from tests.helpers.strategies import cel

_, PARAMETERS = _plan({"limit": 500.0, "whole": 3, "label": "gold", "grace": "2h", "strict": True})
_CEL_ALPHABET = st.sampled_from(list("ticket.plan[]()'\"\\ 0123456789.+-*/%<>=!&|?:,{}u_xbr\n#é"))

sources = st.one_of(
    cel,
    st.text(max_size=40),
    st.text(_CEL_ALPHABET, max_size=40),
    st.sampled_from(TYPE_KINDS).flatmap(lambda k: expr(k, depth=2)),
)


@given(sources, st.booleans(), st.booleans())
def test_any_text_gets_findings_inside_it_and_the_same_ones_twice(source: str, condition: bool, known: bool) -> None:
    env = Env(FIELDS if known else None, PARAMETERS if known else None)
    reset_suggestions()  # each check of a plan starts with the whole budget of did-you-mean hints
    first = env.check(source, condition)
    assert isinstance(first, list)
    for f in first:
        assert f.kind in KINDS and f.message, f
        assert 0 <= f.offset < len(source), (source, f)
    reset_suggestions()
    again = Env(FIELDS if known else None, PARAMETERS if known else None).check(source, condition)
    assert again == first


def _compiles(source: str) -> bool:
    try:
        compile_expr(source)
    except ExprError:
        return False
    return True


@given(sources)
def test_the_grammar_reads_every_expression_the_evaluator_compiles(source: str) -> None:
    assume(_compiles(source))
    try:
        parse(source)
    except Unreadable as exc:
        pytest.fail(f"the evaluator compiles {source!r}, the checker's grammar does not: {exc}")


@pytest.mark.parametrize("source", ["1.", "1.e3 == 1", "0.all(t, true)", "1.5.size() == 1", ".5 < 1.0"])
def test_a_number_with_a_dot_is_read_as_the_evaluator_reads_it(source: str) -> None:
    try:
        parse(source)
    except Unreadable:
        readable = False
    else:
        readable = True
    assert readable == _compiles(source)
