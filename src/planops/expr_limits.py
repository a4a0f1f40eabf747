"""What one CEL expression may cost, read off its text before it is compiled.

The CEL library evaluates without any cost limit, so a 9 KB ``when:`` of nested
comprehensions over literal lists would run for hours. The bounds of
``planops.limits`` are checked here on tokens (strings and comments are
respected, so brackets inside them do not count), without parsing CEL:

* the length of the text and how deep brackets nest;
* how deep comprehensions (``all``, ``exists``, ``exists_one``, ``map``,
  ``filter``) nest, and the steps evaluation takes: every token counts once per
  run of the comprehensions around it, each of which runs once per item of its
  list (a literal list's items, else ``MAX_TICKET_ITEMS``); ``map`` and
  ``filter`` also count the square of their list, times the size of each
  result, as the library copies the result at every step;
* the pattern of each ``matches()``: one string literal (a pattern from the
  ticket could cost anything), at most ``MAX_REGEX_SIZE`` with its counted
  repetitions expanded.

Counts err on the high side: an expression near a bound may be refused,
none beyond it is let through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planops.limits import (
    MAX_COMPREHENSION_NESTING,
    MAX_EXPR_CHARS,
    MAX_EXPR_COST,
    MAX_EXPR_NESTING,
    MAX_REGEX_SIZE,
    MAX_TICKET_ITEMS,
)

MACROS = frozenset({"all", "exists", "exists_one", "existsOne", "map", "filter"})
"""The comprehension macros the CEL library expands (``existsOne`` is its other spelling of ``exists_one``)."""
_COPYING = frozenset({"map", "filter"})
_STRING = r"""(?:'''(?:\\[\s\S]|[^\\])*?'''|\"\"\"(?:\\[\s\S]|[^\\])*?\"\"\"|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")"""
_RAW = r"""(?:'''[\s\S]*?'''|\"\"\"[\s\S]*?\"\"\"|'[^'\n]*'|"[^"\n]*")"""
_TOKEN = re.compile(
    rf"""(?P<skip>\s+|//[^\n]*)
      |(?P<string>(?:[rR][bB]?|[bB][rR]){_RAW}|[bB]?{_STRING})
      |(?P<name>[A-Za-z_][A-Za-z0-9_]*)
      |(?P<open>[(\[{{])
      |(?P<close>[)\]}}])
      |(?P<comma>,)
      |(?P<dot>\.)
      |(?P<other>.)""",
    re.X,
)
_AFTER_VALUE = frozenset({"name", "close", "string"})
"""After these, ``[`` indexes and ``(`` calls: they do not build a list."""
_REPEAT = re.compile(r"\{(\d+)(?:,(\d*))?\}")


@dataclass(frozen=True, slots=True)
class TooCostly:
    """Why an expression is refused, and the offset in its text where to say so."""

    message: str
    offset: int


@dataclass(slots=True)
class _Frame:
    """One open bracket: what it is, and what was counted inside it so far."""

    first: int
    """The index of its opening token."""
    runs: int = 1
    """How often what is inside is evaluated: the product of the lists of the comprehensions around it."""
    literal: bool = False
    macro: str | None = None
    size: int = 0
    """A list literal's items; a comprehension's list."""
    commas: int = 0
    empty: bool = True
    built: int = 0
    """Elements of the literal lists built inside, per run."""
    regex: bool = False
    """A ``matches(`` call: its pattern must be one string literal."""


def too_costly(source: str) -> TooCostly | None:
    """The first bound ``source`` breaks, or None."""
    if len(source) > MAX_EXPR_CHARS:
        return TooCostly(
            f"too costly: the expression is {len(source):,} characters long; "
            f"the limit is {MAX_EXPR_CHARS:,} (split it into several rules)",
            0,
        )
    return _Walk(source).run()


Token = tuple[str, str, int]
"""(kind, text, offset)"""


class _Walk:
    """One pass over the tokens with a stack of open brackets.

    The cost is the number of tokens evaluated, each counting the runs of the
    frame it stands in, plus every element ``map`` and ``filter`` copy (a copy
    costs about as much as a step: benchmarks/bench_expr_cost.py).
    """

    def __init__(self, source: str) -> None:
        self.tokens: list[Token] = [
            (m.lastgroup or "", m.group(), m.start()) for m in _TOKEN.finditer(source) if m.lastgroup != "skip"
        ]
        self.stack = [_Frame(-1)]
        self.total = 0
        self.literal_items = 0
        self.closed: dict[int, _Frame] = {}

    def run(self) -> TooCostly | None:
        for i, (kind, text, start) in enumerate(self.tokens):
            top = self.stack[-1]
            top.empty = top.empty and kind == "close"
            if kind == "open":
                problem = self.open(i, text, start)
            elif kind == "close" and len(self.stack) > 1:
                problem = self.close(i)
            else:  # a close without an open is counted as a token: CEL reports it, and nothing after it is skipped
                top.commas += kind == "comma"
                problem = self.count(top.runs, i)
            if problem is not None:
                return problem
        return None

    def open(self, i: int, text: str, start: int) -> TooCostly | None:
        top = self.stack[-1]
        if len(self.stack) > MAX_EXPR_NESTING:
            return TooCostly(f"too costly: brackets nest more than {MAX_EXPR_NESTING} deep here", start)
        before = self.tokens[i - 1] if i else ("", "", 0)
        frame = _Frame(
            i,
            top.runs,
            literal=text in "[{" and before[0] not in _AFTER_VALUE,
            regex=text == "(" and before[:2] == ("name", "matches"),
        )
        if text == "(" and before[0] == "name" and before[1] in MACROS and i >= 2 and self.tokens[i - 2][0] == "dot":
            nested = 1 + sum(f.macro is not None for f in self.stack)
            if nested > MAX_COMPREHENSION_NESTING:
                return TooCostly(
                    f"too costly: '{before[1]}' here is a comprehension inside {nested - 1} others; "
                    f"at most {MAX_COMPREHENSION_NESTING} may nest",
                    before[2],
                )
            frame.macro, frame.size = before[1], self.receiver_size(i - 3)
            frame.runs = top.runs * frame.size
        self.stack.append(frame)
        return self.count(top.runs, i)

    def close(self, i: int) -> TooCostly | None:
        frame = self.stack.pop()
        parent = self.stack[-1]
        self.closed[i] = frame
        if frame.literal:
            frame.size = 0 if frame.empty else frame.commas + 1
            self.literal_items += frame.size
            parent.built += frame.size + frame.built
        elif frame.macro is None:
            parent.built += frame.built
        else:
            parent.built += frame.size * frame.built + (frame.size if frame.macro in _COPYING else 0)
        copies = parent.runs * frame.size * frame.size * (1 + frame.built) if frame.macro in _COPYING else 0
        if frame.regex:
            problem = self.pattern(frame, i)
            if problem is not None:
                return problem
        return self.count(parent.runs + copies, i, frame if copies else None)

    def receiver_size(self, at: int) -> int:
        """How many items the comprehension whose receiver ends at token ``at`` iterates (at most)."""
        frame = self.closed.get(at)
        if frame is not None and (frame.literal or frame.macro in _COPYING):
            return frame.size
        return max(MAX_TICKET_ITEMS, self.literal_items)

    def count(self, steps: int, at: int, macro: _Frame | None = None) -> TooCostly | None:
        """Add ``steps`` (of token ``at``, or of ``macro``); past the bound, say so at the innermost comprehension."""
        self.total += steps
        if self.total <= MAX_EXPR_COST:
            return None
        macro = macro or next((f for f in reversed(self.stack) if f.macro is not None), None)
        where = self.tokens[macro.first - 1 if macro else at][2]
        return TooCostly(
            f"too costly: evaluating this takes about {self.total:,} steps or more, beyond the "
            f"{MAX_EXPR_COST:,} an expression may take (comprehensions multiply the work of what is "
            f"inside them; a ticket's list counts as {MAX_TICKET_ITEMS:,} items)",
            where,
        )

    def pattern(self, frame: _Frame, end: int) -> TooCostly | None:
        """A ``matches()`` pattern must be one string literal, so that its size is known here."""
        args: list[list[Token]] = [[]]
        depth = 0
        for token in self.tokens[frame.first + 1 : end]:
            depth += (token[0] == "open") - (token[0] == "close")
            if depth == 0 and token[0] == "comma":
                args.append([])
            else:
                args[-1].append(token)
        method = frame.first >= 2 and self.tokens[frame.first - 2][0] == "dot"
        given = args[0 if method else -1]
        if len(given) != 1 or given[0][0] != "string":
            return TooCostly(
                "too costly: the pattern of matches() must be written here as one string literal "
                "('...'), so that its cost is known before it runs",
                self.tokens[frame.first - 1][2],
            )
        size = regex_size(_text_of(given[0][1]))
        if size <= MAX_REGEX_SIZE:
            return None
        return TooCostly(
            f"too costly: this matches() pattern is {size:,} characters long with its repetitions "
            f"expanded; a pattern may be at most {MAX_REGEX_SIZE:,}",
            given[0][2],
        )


def _text_of(literal: str) -> str:
    """A string literal's text, near enough for its size: prefix and quotes off, ``\\\\`` read as one backslash."""
    body = literal.lstrip("rRbB")
    raw = "r" in literal[: len(literal) - len(body)].lower()
    quote = 3 if body[:3] in ("'''", '"""') else 1
    body = body[quote:-quote]
    return body if raw else body.replace("\\\\", "\\")


def regex_size(pattern: str) -> int:
    """The size of a regular expression with counted repetitions expanded: ``(ab){3}c`` is 7.

    Escapes, classes (``[a-z]``, also nested) and groups are each read as one
    unit; ``*``, ``+`` and ``?`` add nothing.
    """
    groups, last, i = [0], 0, 0
    while i < len(pattern):
        ch = pattern[i]
        repeat = _REPEAT.match(pattern, i) if ch == "{" else None
        if repeat is not None:
            count = min(int(repeat[2] or repeat[1]) if len(repeat[0]) < 16 else MAX_REGEX_SIZE + 1, MAX_REGEX_SIZE + 1)
            groups[-1] += last * max(count - 1, 0)
            last, i = last * count, repeat.end()
            continue
        if ch == "(":
            groups.append(0)
            i += 1
            continue
        if ch == ")" and len(groups) > 1:
            last = max(groups.pop(), 1)
            groups[-1] += last
            i += 1
            continue
        i = _unit_end(pattern, i)
        if ch not in "*+?|":
            last = 1
            groups[-1] += 1
    return sum(groups)


def _unit_end(pattern: str, i: int) -> int:
    """Where the unit starting at ``i`` ends: an escape (``\\d``, ``\\p{L}``), a class, or one character."""
    if pattern[i] == "\\":
        if pattern[i + 1 : i + 2] in ("p", "P", "x", "u") and pattern[i + 2 : i + 3] == "{":
            close = pattern.find("}", i)
            return len(pattern) if close < 0 else close + 1
        return i + 2
    if pattern[i] != "[":
        return i + 1
    depth, j = 0, i
    while j < len(pattern):
        if pattern[j] == "\\":
            j += 1
        elif pattern[j] == "[":
            depth += 1
        elif pattern[j] == "]" and j > i + 1 and not (j == i + 2 and pattern[i + 1] == "^"):
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return len(pattern)
