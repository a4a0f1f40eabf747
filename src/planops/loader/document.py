"""A plan document and where things were written in it.

Locations are read off the YAML node tree on demand: most documents never
need one, so a clean plan pays nothing for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from planops.diagnostics import Diagnostic, Severity

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
    _keys: dict[int, dict[str, tuple[Node, Node]]] = field(default_factory=dict, repr=False, compare=False)
    """The keys of large mappings by their text, built on the first lookup: one finding per state of a
    5,000-state workflow would otherwise scan the mapping once each."""

    def loc(self, path: Path = (), *, key: bool = False) -> Loc:
        """Where ``path`` was written: its key (``key=True``) or its value.

        A path that does not exist (a missing key) is reported at the nearest
        enclosing place that does.
        """
        node, key_node = self.root, None
        if node is None:
            return (1, 1)
        for part in path:
            child, child_key = self._indexed(node, part) or _child(node, part)
            if child is None:
                break
            node, key_node = child, child_key
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

        Handles plain, quoted and block (``|``, ``>``) scalars; expression
        errors from CEL come as positions inside the string.
        """
        start_line, start_col = self.loc(path)
        lines = self.source.splitlines()
        first = lines[start_line - 1] if 0 < start_line <= len(lines) else ""
        opener = first[start_col - 1 : start_col]
        if opener in ("|", ">"):
            target = start_line + line
            text = lines[target - 1] if target <= len(lines) else ""
            return target, len(text) - len(text.lstrip()) + col
        if line == 1:
            return start_line, start_col + col - (0 if opener in ("'", '"') else 1)
        target = start_line + line - 1
        text = lines[target - 1] if target <= len(lines) else ""
        return target, len(text) - len(text.lstrip()) + col

    def diagnostic(
        self,
        path: Path,
        code: str,
        message: str,
        *,
        severity: Severity = Severity.ERROR,
        hint: str | None = None,
        key: bool = False,
    ) -> Diagnostic:
        line, col = self.loc(path, key=key)
        return Diagnostic(self.path, line, col, code, severity, message, hint)


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
