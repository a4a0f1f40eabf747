"""A plan document and where things were written in it.

Locations are read off the YAML node tree on demand: most documents never
need one, so a clean plan pays nothing for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from planops.diagnostics import Code, Diagnostic
from planops.loader.scalar import BREAKS, char_sources

Path = tuple[str | int, ...]
Loc = tuple[int, int]
_INDEX_FROM = 32


@dataclass(slots=True)
class Document:
    """One YAML document of a plan file; locations are read off its node tree on demand."""

    path: str
    data: Any
    root: Node | None = field(default=None, repr=False)
    source: str = field(default="", repr=False)
    refused: set[int] = field(default_factory=set, repr=False)
    """ids of the nodes refused while loading (a tag that is not allowed): already reported."""
    _keys: dict[int, dict[str, tuple[Node, Node]]] = field(default_factory=dict, repr=False, compare=False)
    """The keys of large mappings by their text, built on the first lookup: one finding per state of a
    5,000-state workflow would otherwise scan the mapping once each."""

    def loc(self, path: Path = (), *, key: bool = False) -> Loc:
        """Where ``path`` was written: its key (``key=True``) or its value.

        A path that does not exist (a missing key) is reported at the nearest
        enclosing place that does.
        """
        node, key_node = self._walk(path)
        if node is None:
            return (1, 1)
        mark = key_node.start_mark if key and key_node is not None else node.start_mark
        return (mark.line + 1, mark.column + 1)

    def _indexed(self, node: Node, part: str | int) -> tuple[Node, Node] | None:
        """(value, key) of ``part`` in a mapping of more than _INDEX_FROM keys, by its index; None otherwise."""
        if not isinstance(node, MappingNode) or len(node.value) <= _INDEX_FROM:
            return None
        keys = self._keys.get(id(node))
        if keys is None:
            keys = self._keys[id(node)] = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and key_node.value != "<<":
                    keys.setdefault(key_node.value, (value_node, key_node))
        return keys.get(str(part))

    def text_loc(self, path: Path, line: int, col: int) -> Loc:
        """Where (line, col) of the text of the string at ``path`` stands in the file.

        Expression errors from CEL come as positions inside the string; every
        scalar style (plain, quoted, ``|`` and ``>`` with their indicators) maps
        back to the character as written. Where that is unsure, the string's
        start.
        """
        node, _ = self._walk(path)
        if not isinstance(node, ScalarNode):
            return self.loc(path)
        value_lines = node.value.split("\n")
        offset = sum(len(text) + 1 for text in value_lines[: max(line - 1, 0)]) + col - 1
        sources = char_sources(self.source, node)
        if sources is None or not 0 <= offset < len(sources):
            return self.loc(path)
        return position(self.source, sources[offset], node.start_mark)

    def refused_at(self, path: Path) -> bool:
        """Whether the value at ``path``, or one around it, was refused while loading (reported already)."""
        if not self.refused:
            return False
        node = self.root
        for part in path:
            if node is None or id(node) in self.refused:
                break
            node, _ = _child(node, part)
        return node is not None and id(node) in self.refused

    def _walk(self, path: Path) -> tuple[Node | None, Node | None]:
        node, key_node = self.root, None
        if node is None:
            return None, None
        for part in path:
            child, child_key = self._indexed(node, part) or _child(node, part)
            if child is None:
                break
            node, key_node = child, child_key
        return node, key_node

    def diagnostic(
        self,
        path: Path,
        code: Code,
        message: str,
        *,
        hint: str | None = None,
        key: bool = False,
    ) -> Diagnostic:
        line, col = self.loc(path, key=key)
        return code.located(self.path, line, col, message, hint)


def _child(node: Node, part: str | int) -> tuple[Node | None, Node | None]:
    """The value node (and key node) at ``part`` below ``node``, following merges."""
    if isinstance(node, SequenceNode):
        if isinstance(part, int) and 0 <= part < len(node.value):
            return node.value[part], None
        return None, None
    if not isinstance(node, MappingNode):
        return None, None
    merges = []
    for key_node, value_node in node.value:
        if isinstance(key_node, ScalarNode):
            if key_node.value == str(part) and key_node.value != "<<":
                return value_node, key_node
            if key_node.value == "<<":
                merges.append(value_node)
    for merged in merges:
        for source in merged.value if isinstance(merged, SequenceNode) else [merged]:
            found = _child(source, part)
            if found[0] is not None:
                return found
    return None, None


_BREAK = re.compile("\r\n|[" + BREAKS + "]")


def position(text: str, index: int, near: Mark | None = None) -> Loc:
    """(line, col) of ``text[index]``, counting line breaks as PyYAML does (``near``: a mark before it)."""
    line, line_start = (near.line, near.index - near.column) if near is not None else (0, 0)
    for match in _BREAK.finditer(text, line_start, index):
        line, line_start = line + 1, match.end()
    return line + 1, index - line_start + 1
