"""The README lists every built-in ticket field and every finding code, as the code has them."""

from __future__ import annotations

import pytest

from tests.helpers.readme import README, made, written


@pytest.mark.parametrize("which", ["fields", "codes"])
def test_the_readme_table_is_the_one_the_code_makes(which: str) -> None:
    table = written(README.read_text(encoding="utf-8"), which)
    assert table == made()[which], "run: python -m tests.helpers.readme"
