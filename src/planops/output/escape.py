"""Values made safe for where they are shown: a terminal or CI log, a GitHub annotation, Markdown, HTML, JSON.

Plan files come from pull requests, and so does every value planops prints: a
name, an owner, a queue, a file name, a git branch. Any of them may hold a
newline, an ANSI escape, a bidi control, a workflow command or Markdown. Output
modules pass values (or whole lines built from them) through these functions:

* :func:`visible` writes every character a terminal would not show as itself
  (controls, format and bidi characters, line and paragraph separators,
  surrogates, unassigned code points) as a Python-style escape: ``\\n``,
  ``\\x1b``, ``\\u202e``. A backslash is left as it is: the escapes guard the
  output's lines, they do not make it reversible.
* :func:`text_line` is one line for a terminal or a CI log: visible, and never
  a GitHub Actions workflow command (``::error …`` at a line start, ``##[…]``
  anywhere — the runner reads both on any line of a step's output).
* :func:`annotation_data` and :func:`annotation_property` follow GitHub's
  escaping for workflow commands (``%25``, ``%0D``, ``%0A``; ``%3A`` and
  ``%2C`` in properties).
* :func:`md_text` and :func:`md_code` are inline Markdown that GitHub (GFM)
  and Python-Markdown both show as the value's text: no raw HTML, no link or
  image, no emphasis, no line-start syntax, nothing that ends a table cell,
  and no ``@mention`` or ``#123`` reference (a zero-width space after the
  ``@`` or ``#``, as Dependabot writes them, so a comment pings no one).
* :func:`json_text` is ASCII-only JSON: every other character as ``\\uXXXX``.

None of them lets a value start a line, and no line they make carries a
workflow command: Markdown and JSON are printed to CI logs too.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from typing import Any

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(value: str) -> str:
    """``value`` with every non-printable character as a Python-style escape (``\\n``, ``\\x1b``, ``\\u2028``)."""
    if value.isprintable():
        return value
    return "".join(ch if ch.isprintable() else _escaped(ch) for ch in value)


def _escaped(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


# --- terminals and CI logs


def text_line(line: str) -> str:
    """One line of text output: no raw control character, and no workflow command for the Actions runner."""
    safe = visible(line)
    if "##[" in safe:
        safe = safe.replace("##[", "##\\x5b")
    indent = len(safe) - len(safe.lstrip(" "))
    if safe.startswith("::", indent):
        safe = f"{safe[:indent]}\\x3a{safe[indent + 1 :]}"
    return safe


def text_lines(lines: Iterable[str]) -> str:
    """Lines of text output joined: each made safe on its own, so a value can never start a new one."""
    return "\n".join(text_line(line) for line in lines)


# --- GitHub workflow commands (annotations)


def annotation_data(value: str) -> str:
    """The message of a workflow command (after ``::``): visible, then ``%``, CR and LF as GitHub escapes them."""
    safe = visible(value).replace("##[", "##\\x5b")
    return safe.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def annotation_property(value: str) -> str:
    """A property of a workflow command (``file=``, ``title=``): also ``:`` and ``,`` escaped."""
    return annotation_data(value).replace(":", "%3A").replace(",", "%2C")


# --- Markdown


class Markdown(str):
    """Text that is already safe inline Markdown (made by :func:`md_text`, :func:`md_code` or from them)."""

    __slots__ = ()


_MD_ENTITY = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "|": "&#124;",
    "~": "&#126;",
    "=": "&#61;",
    "^": "&#94;",
    "+": "&#43;",
}
# What Markdown would read in a value: HTML and entities, table pipes, strikethrough, code, emphasis, attribute
# lists, a link or image (a ``]`` before ``(`` or ``[``), wiki links, ``==mark==``, ``^^ins^^`` and ``++kbd++``
# (pymdownx), mentions and issue references; and the ``[`` of ``##[``, the Actions runner's command prefix, for
# the comment is printed to a CI log first.
_MD_SPECIAL = re.compile(
    r"[&<>|~\\`*{}]|\](?=\s*[(\[])|\[(?=\[)|(?<=#)\[|(?<![^\W_])_|_(?![^\W_])|[=^+](?=[=^+])"
    r"|@(?=[A-Za-z0-9])|#(?=[0-9])"
)
_MD_ANY = re.compile(r"[&<>|~\\`*{}\[\]_=^+@#]")
# Line-start syntax: headings, quotes, lists, rules, setext underlines, tables, definitions, admonitions, indents.
_BLOCK_START = frozenset("#>-+*=:!|~%/?^[ ")
_ORDERED = re.compile(r"^([0-9]{1,9})([.)])(?= |$)")
_ZERO_WIDTH_SPACE = "&#8203;"


def _md_char(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _MD_ENTITY:
        return _MD_ENTITY[ch]
    if ch in "@#":
        return ch + _ZERO_WIDTH_SPACE
    return "\\" + ch


def md_text(value: str, *, start: bool = True) -> Markdown:
    """A plain value as inline Markdown that shows exactly its text (``start``: it may begin a line)."""
    safe = visible(value)
    if _MD_ANY.search(safe):  # most values hold none of these: skip the slower exact pattern
        safe = _MD_SPECIAL.sub(_md_char, safe)
    return md_start(safe) if start else Markdown(safe)


def md_start(markdown: str) -> Markdown:
    """Inline Markdown that may begin a line (after ``- ``, ``> ``, or alone): its first character not syntax."""
    if markdown[:1] in _BLOCK_START:
        return Markdown(f"&#{ord(markdown[0])};{markdown[1:]}")
    if markdown[:1].isdigit():
        markdown = _ORDERED.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", markdown, count=1)
    return Markdown(markdown)


_CODE_ENTITY = re.compile(r"[&<>\"'|~\\`*_{}\[\]#@!:]")


def md_code(value: str, *, in_table: bool = False) -> Markdown:
    """A name or expression as inline code: a backtick span, or ``<code>`` when backticks (or, in a table
    cell, pipes) would end it or a ``##[`` in it would reach a CI log."""
    safe = visible(value)
    if safe and "`" not in safe and "##[" not in safe and not (in_table and "|" in safe):
        return Markdown(f"`{safe}`")
    inner = _CODE_ENTITY.sub(lambda m: f"&#{ord(m.group())};", safe)
    return Markdown(f"<code>{inner}</code>")


def html_text(value: str) -> str:
    """A value inside HTML (``<summary>``): visible, ``&<>"'`` as entities, and no ``##[``."""
    return html.escape(visible(value)).replace("##[", "##&#91;")


# --- JSON


def json_text(data: Any) -> str:
    """Indented JSON in ASCII: non-ASCII characters, including every control and bidi character, as ``\\uXXXX``;
    and the ``[`` of ``##[`` too, for JSON is printed to CI logs as well."""
    text = json.dumps(data, indent=2, ensure_ascii=True).replace("\x7f", "\\u007f")
    return text.replace("##[", "##\\u005b") if "##[" in text else text
