"""The source line under a finding, as compilers show it: the line, and a caret under the column.

```
plan/sla.yaml:12:9: error[unknown-field]: …
   12 |   when: ticket.categroy == 'billing'
      |         ^
```

The line comes from the plan's text as the loader read it (never from the disk
again), split on the line breaks YAML counts, so it is the line the finding's
line number names. Plan files are untrusted, so the line is shown as text that
cannot steer a terminal: controls, bidi and format characters as escapes
(:func:`planops.output.escape.visible`), a tab as four spaces, and a ``##[``
broken, as every text line is. The caret stands under the column by display
width: wide (East Asian) characters take two cells, combining marks none, an
escape as many as it has characters. A line wider than MAX_SNIPPET_CELLS is cut
around the column, with ``…`` where text was left out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from planops.diagnostics import Diagnostic
from planops.limits import MAX_SNIPPET_CELLS
from planops.loader.scalar import BREAKS
from planops.output.escape import visible

_BREAK = re.compile("\r\n|[" + BREAKS + "]")
TAB = "    "
CUT = "…"
_GUTTER = 5


class SourceLines:
    """The lines of the plan's files, each file split once, on its first finding."""

    def __init__(self, sources: Mapping[str, str]) -> None:
        self._sources = sources
        self._lines: dict[str, list[str]] = {}

    def line(self, path: str, number: int) -> str | None:
        """Line ``number`` (1-based) of ``path``, or None for a file not read or a line it does not have."""
        lines = self._lines.get(path)
        if lines is None:
            text = self._sources.get(path)
            if text is None:
                return None
            lines = self._lines[path] = _BREAK.split(text)
        return lines[number - 1] if 1 <= number <= len(lines) else None

    def snippet(self, diag: Diagnostic) -> list[str]:
        """The two lines shown under ``diag`` (its source line and the caret), or none without a line."""
        line = self.line(diag.path, diag.line)
        if line is None:
            return []
        shown = quoted(line, diag.col)
        if shown is None:
            return []
        text, caret = shown
        number = f"{diag.line:>{_GUTTER}} |"
        return [f"{number} {text}" if text else number, f"{'':>{_GUTTER}} | {' ' * caret}^"]


def quoted(line: str, col: int) -> tuple[str, int] | None:
    """``line`` as shown (cut around ``col`` when too wide) and the cell the caret goes in; None for a column
    that is not on the line (past its end)."""
    index = col - 1
    if not 0 <= index <= len(line):
        return None
    start, end = max(0, index - MAX_SNIPPET_CELLS), min(len(line), index + MAX_SNIPPET_CELLS)
    if _plain(line[max(0, start - 2) : end]):  # one cell per character: most plan lines, shown as they are
        return _plain_window(line, index)
    cells = [_cell(line, i) for i in range(start, end)]  # only what can be shown: a line may be megabytes long
    whole = start == 0 and end == len(line) and sum(w for _, w in cells) <= MAX_SNIPPET_CELLS
    left, right = (0, len(cells)) if whole else _window(cells, index - start)
    head = CUT if start + left > 0 else ""
    tail = CUT if start + right < len(line) else ""
    before = sum(w for _, w in cells[left : index - start])
    return head + "".join(t for t, _ in cells[left:right]) + tail, len(head) + before


def _plain(text: str) -> bool:
    return text.isascii() and text.isprintable() and "##[" not in text


def _plain_window(line: str, index: int) -> tuple[str, int]:
    """:func:`quoted` for a line of one cell per character: the same window, by slicing."""
    if len(line) <= MAX_SNIPPET_CELLS:
        return line, index
    budget = MAX_SNIPPET_CELLS - 2
    left = index - min(index, budget // 2)
    right = min(len(line), index + budget - (index - left))
    head = CUT if left > 0 else ""
    tail = CUT if right < len(line) else ""
    return head + line[left:right] + tail, len(head) + index - left


def _window(cells: list[tuple[str, int]], at: int) -> tuple[int, int]:
    """The slice of ``cells`` around ``at`` that fits MAX_SNIPPET_CELLS less the two cut marks: half before."""
    budget = MAX_SNIPPET_CELLS - 2
    left, used = at, 0
    while left > 0 and used + cells[left - 1][1] <= budget // 2:
        left -= 1
        used += cells[left][1]
    right = at
    while right < len(cells) and used + cells[right][1] <= budget:
        used += cells[right][1]
        right += 1
    return left, right


def _cell(line: str, i: int) -> tuple[str, int]:
    """How character ``i`` of ``line`` is shown, and how many terminal cells that takes."""
    ch = line[i]
    if ch == "\t":
        return TAB, len(TAB)
    if not ch.isprintable():
        shown = visible(ch)
        return shown, len(shown)
    if ch == "[" and line[max(0, i - 2) : i] == "##":  # never a runner command, and the caret still aligned
        return "\\x5b", 4
    if unicodedata.combining(ch):
        return ch, 0
    return ch, 2 if unicodedata.east_asian_width(ch) in "WF" else 1
