"""Where each character of a YAML string was written in the file.

A finding inside a string (a CEL error, an unknown field in a ``when:``)
comes as an offset into the string's value; folding (``>``, multi-line plain
and quoted strings), indentation, chomping and escapes move it away from the
file's text. PyYAML keeps no such map, so this module re-reads the written
scalar by the rules of PyYAML's scanner, recording where every character came
from. The map is only trusted when the characters it rebuilds equal PyYAML's
value exactly; otherwise the caller falls back to the string's start.
"""

from __future__ import annotations

from yaml.nodes import ScalarNode

BREAKS = "\r\n\x85\u2028\u2029"
_BLANK = " \t"
_ESCAPES = {
    "0": "\0",
    "a": "\x07",
    "b": "\x08",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "\\": "\\",
    "/": "/",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_HEX = {"x": 2, "u": 4, "U": 8}


def char_sources(text: str, node: ScalarNode) -> list[int] | None:
    """For each character of ``node.value``, its index in ``text``, plus one index for the end; None if unsure."""
    start = _content_start(text, node.start_mark.index)
    style = node.style or ""
    if style in ("|", ">"):
        return _block(text, start, style == ">", node.value)
    if style in ("'", '"'):
        mapped = _Flow(text, start + 1, node.end_mark.index - 1, style).run()
    else:
        mapped = _Flow(text, start, node.end_mark.index, "").run()
    return _checked(mapped, node.value)


def _checked(mapped: tuple[str, list[int]] | None, value: str) -> list[int] | None:
    """The map if it rebuilds ``value``; the end is just after the last character that is not a line break
    (where "unexpected end" errors belong, not on the next line)."""
    if mapped is None or mapped[0] != value:
        return None
    at = mapped[1]
    text = value.rstrip(BREAKS)
    return [*at, at[len(text) - 1] + 1 if text else (at[0] if at else 0)]


def _content_start(text: str, i: int) -> int:
    """Skip an anchor and a tag (and the space, line breaks and comments after them) before a scalar."""
    while i < len(text) and text[i] in "&!":
        while i < len(text) and text[i] not in _BLANK + BREAKS:
            i += 1
        while i < len(text) and (text[i] in _BLANK + BREAKS or text[i] == "#"):
            if text[i] == "#":
                while i < len(text) and text[i] not in BREAKS:
                    i += 1
            else:
                i += 1
    return i


def _line_break(text: str, i: int) -> tuple[str, int]:
    """The break at ``i`` as PyYAML reads it, and where the next line starts."""
    if text.startswith("\r\n", i):
        return "\n", i + 2
    if i < len(text) and text[i] in "\r\n\x85":
        return "\n", i + 1
    if i < len(text) and text[i] in "\u2028\u2029":
        return text[i], i + 1
    return "", i


class _Flow:
    """A plain (``quote`` empty), single- or double-quoted scalar between ``i`` and ``end``."""

    def __init__(self, text: str, i: int, end: int, quote: str) -> None:
        self.text, self.i, self.end, self.quote = text, i, end, quote
        self.chars: list[str] = []
        self.at: list[int] = []

    def emit(self, chars: str, at: int) -> None:
        self.chars.extend(chars)
        self.at.extend([at] * len(chars))

    def run(self) -> tuple[str, list[int]] | None:
        text, end = self.text, self.end
        while self.i < end:
            ch = text[self.i]
            if ch in _BLANK:
                j = self.i
                while j < end and text[j] in _BLANK:
                    j += 1
                if j < end and text[j] in BREAKS:
                    self.fold(j)  # blanks before a line break are dropped
                else:
                    for k in range(self.i, j):
                        self.emit(text[k], k)
                    self.i = j
            elif ch in BREAKS:
                self.fold(self.i)
            elif self.quote == "'" and ch == "'":
                self.emit("'", self.i)
                self.i += 2
            elif self.quote == '"' and ch == "\\":
                if not self.escape():
                    return None
            else:
                self.emit(ch, self.i)
                self.i += 1
        return "".join(self.chars), self.at

    def fold(self, i: int) -> None:
        first, self.i = _line_break(self.text, i)
        breaks = self.breaks()
        if first != "\n":
            self.emit(first, i)
        elif not breaks:
            self.emit(" ", i)
        for chunk, at in breaks:
            self.emit(chunk, at)

    def breaks(self) -> list[tuple[str, int]]:
        """Empty lines after a line break (each kept as a break), up to the next line's text."""
        found = []
        while self.i < self.end:
            if self.text[self.i] in _BLANK:
                self.i += 1
            elif self.text[self.i] in BREAKS:
                chunk, nxt = _line_break(self.text, self.i)
                found.append((chunk, self.i))
                self.i = nxt
            else:
                break
        return found

    def escape(self) -> bool:
        text, i = self.text, self.i
        code = text[i + 1] if i + 1 < len(text) else ""
        if code in _ESCAPES:
            self.emit(_ESCAPES[code], i)
            self.i = i + 2
        elif code in _HEX:
            digits = text[i + 2 : i + 2 + _HEX[code]]
            try:
                self.emit(chr(int(digits, 16)), i)
            except ValueError:
                return False
            self.i = i + 2 + _HEX[code]
        elif code and code in BREAKS:
            _, self.i = _line_break(text, i + 1)  # an escaped line break joins the lines without a space
            for chunk, at in self.breaks():
                self.emit(chunk, at)
        else:
            return False
        return True


def _block(text: str, start: int, folded: bool, value: str) -> list[int] | None:
    """A literal or folded block scalar whose header is at ``start``.

    The indentation is that of its first line unless an indentation indicator
    says otherwise, relative to the parent's indentation, which the node does
    not record: each candidate is tried, and only an exact rebuild is kept.
    """
    i = start + 1
    chomping: bool | None = None
    explicit = False
    while i < len(text) and text[i] in "+-123456789":
        if text[i] in "+-":
            chomping = text[i] == "+"
        else:
            explicit = True
        i += 1
    while i < len(text) and text[i] not in BREAKS:  # spaces and a comment after the header
        i += 1
    _, body = _line_break(text, i)
    first = _first_indent(text, body)
    candidates = range(1, first + 1) if explicit else [first]
    for indent in candidates:
        found = _checked(_block_body(text, body, indent, folded, chomping), value)
        if found is not None:
            return found
    return None


def _first_indent(text: str, i: int) -> int:
    """The indentation PyYAML detects: the most spaces before the first line with text."""
    best = column = 0
    while i < len(text) and text[i] in " " + BREAKS:
        if text[i] == " ":
            column += 1
            best = max(best, column)
            i += 1
        else:
            _, i = _line_break(text, i)
            column = 0
    return max(best, 1)


def _block_breaks(text: str, i: int, indent: int) -> tuple[list[tuple[str, int]], int, int]:
    """Empty lines (as breaks) from ``i``, then up to ``indent`` spaces: (breaks, index, column)."""
    breaks = []
    column = 0
    while True:
        while column < indent and i < len(text) and text[i] == " ":
            i += 1
            column += 1
        if i < len(text) and text[i] in BREAKS:
            chunk, nxt = _line_break(text, i)
            breaks.append((chunk, i))
            i, column = nxt, 0
        else:
            return breaks, i, column


def _block_body(text: str, i: int, indent: int, folded: bool, chomping: bool | None) -> tuple[str, list[int]] | None:
    out = _Flow(text, 0, 0, "")
    breaks, i, column = _block_breaks(text, i, indent)
    line_break, break_at = "", i
    while column == indent and i < len(text):
        for chunk, at in breaks:
            out.emit(chunk, at)
        leading_text = text[i] not in _BLANK
        j = i
        while j < len(text) and text[j] not in BREAKS:
            out.emit(text[j], j)
            j += 1
        line_break, i = _line_break(text, j)
        break_at = j
        breaks, i, column = _block_breaks(text, i, indent)
        if not (column == indent and i < len(text)):
            break
        if folded and line_break == "\n" and leading_text and text[i] not in _BLANK:
            if not breaks:
                out.emit(" ", j)
        else:
            out.emit(line_break, j)
    if chomping is not False:
        out.emit(line_break, break_at)
    if chomping is True:
        for chunk, at in breaks:
            out.emit(chunk, at)
    return "".join(out.chars), out.at
