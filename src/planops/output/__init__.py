"""Everything planops shows, one module per result type; values are escaped for each format in one place.

Each module has a ``FORMATS`` table from a ``--format`` name to a function of
the result that returns what to print (:class:`Printed`); a command looks its
format up and :func:`emit` prints it:

* ``findings`` — findings (``validate``; the text view is also the handbook's and pytest's, without
  snippets); ``snippet`` quotes a finding's source line with a caret, ``sarif`` makes the SARIF 2.1.0 log
* ``scenarios`` — checked scenarios (``test``; ``junit`` writes the JUnit XML report)
* ``simulation`` — one scenario step by step (``simulate``)
* ``route`` — how one ticket is routed (``route``)
* ``review`` — review status of every object (``review``)
* ``diff`` — changes between two plan versions (``diff``, Markdown for a pull request);
  ``changes`` words one change (the diff, the changelog)
* ``values`` — times, lists and tables as every text view shows them
* ``escape`` — how a value is made safe for a terminal, GitHub, Markdown, HTML and JSON

Library code does not print; this package does not either, except :func:`emit`,
which the commands call.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Printed:
    """What a command shows: ``out`` for standard output, ``note`` (for people) for standard error."""

    out: str = ""
    note: str = ""


def emit(printed: Printed) -> None:
    """Print a result: each part with one final newline, an empty part not at all."""
    if printed.out:
        print(printed.out)
    if printed.note:
        print(printed.note, file=sys.stderr)
